"""The Typer application of ``unicom``: global options, error handling, the small commands.

Every command runs under :func:`typed_errors`: a :class:`~unicom_core.errors.UnicomError`
becomes one line on standard error, ``unicom: error: [code] message``, and exit code 1
(``EXIT_ERROR``); a usage error is Click's, exit code 2. The longer commands live beside
this module (:mod:`~unicom_sql.cli.back_office`, :mod:`~unicom_sql.cli.month`,
:mod:`~unicom_sql.cli.relay`).
"""

from __future__ import annotations

import contextlib
import functools
import getpass
import re
import sys
from pathlib import Path  # noqa: TC003 - Typer reads the annotations at run time
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import click
import typer
from rich.console import Console
from rich.table import Table

from unicom_core.errors import UnicomError
from unicom_sql import migrate
from unicom_sql.cli.config import DATABASE_VARIABLE, Settings, load_settings

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from unicom_core.hall import BusinessHall

__all__ = [
    "EXIT_ATTENTION",
    "EXIT_ERROR",
    "actor",
    "app",
    "cards_app",
    "catalog_app",
    "hall_of",
    "main",
    "settings_of",
    "typed_errors",
]

EXIT_ERROR = 1
"""A typed error: bad input, a refusal, a conflict, an adapter that failed."""
EXIT_ATTENTION = 3
"""The command did its work, but left something a person must look at (reconcile)."""

_P = ParamSpec("_P")
_T = TypeVar("_T")

app = typer.Typer(
    name="unicom",
    help="Operate a unicom_core business hall on its SQL database.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
db_app = typer.Typer(
    help="The SQL schema: create, upgrade, show its revision.", no_args_is_help=True
)
catalog_app = typer.Typer(help="The catalogue of plans, packs and products.", no_args_is_help=True)
cards_app = typer.Typer(help="Recharge cards (F-PAY-1).", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(catalog_app, name="catalog")
app.add_typer(cards_app, name="cards")

# ``unicom clients``, ``campaigns``, ``entitlements`` and ``draws`` (the operators'
# commands, F-AUTH-6 and F-PRO) register their Typers in :mod:`unicom_sql.cli.operators`.


_UNSAFE = re.compile(r"[^A-Za-z0-9_.@-]")


def actor() -> str:
    """The audit log's name of whoever runs the command: ``cli:<OS user>``."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without passwd entry)
        user = "unknown"
    name = _UNSAFE.sub("_", user)[:60].lstrip("_.@-")
    return f"cli:{name or 'unknown'}"


@contextlib.contextmanager
def typed_errors() -> Iterator[None]:
    """Turn a typed error into one line on standard error and exit code 1."""
    try:
        yield
    except UnicomError as error:
        Console(stderr=True, soft_wrap=True, highlight=False).print(
            f"unicom: error: {error}", markup=False
        )
        raise typer.Exit(EXIT_ERROR) from None


def guarded(command: Callable[_P, _T]) -> Callable[_P, _T]:
    """Run ``command`` under :func:`typed_errors` (a decorator for the commands)."""

    @functools.wraps(command)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        with typed_errors():
            return command(*args, **kwargs)

    return run


@app.callback()
def options(
    ctx: typer.Context,
    *,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="a TOML settings file (docs/reference/cli.md)"),
    ] = None,
    database_url: Annotated[
        str | None,
        typer.Option("--database-url", help=f"the database (default: ${DATABASE_VARIABLE})"),
    ] = None,
) -> None:
    """Operate a unicom_core business hall on its SQL database."""
    ctx.obj = (config, database_url)


def settings_of(ctx: typer.Context) -> Settings:
    """The settings of this run (read when a command needs them, so errors are typed)."""
    config, database_url = ctx.find_root().obj
    return load_settings(config, database_url)


@contextlib.contextmanager
def hall_of(ctx: typer.Context) -> Iterator[BusinessHall]:
    """The hall of this run's settings, closed after the command."""
    hall = settings_of(ctx).hall()
    try:
        yield hall
    finally:
        hall.close()


def show(rows: Sequence[tuple[str, Any]], title: str) -> None:
    """Print ``rows`` as a two-column table."""
    table = Table(title=title, show_header=False)
    table.add_column("what")
    table.add_column("value", overflow="fold")
    for name, value in rows:
        table.add_row(name, str(value))
    Console(soft_wrap=True).print(table)


# ---------------------------------------------------------------- db


@db_app.command("upgrade")
@guarded
def db_upgrade(
    ctx: typer.Context,
    *,
    revision: Annotated[str, typer.Option(help="the target revision")] = "head",
) -> None:
    """Create the schema, or bring it up to this release's revision."""
    typer.echo(str(migrate.upgrade(settings_of(ctx).url(), revision)))


@db_app.command("current")
@guarded
def db_current(ctx: typer.Context) -> None:
    """Print the schema revision of the database."""
    revision = migrate.current_revision(settings_of(ctx).url())
    head = migrate.head_revision()
    if revision is None:
        typer.echo(f"no unicom schema (this release's head is {head})")
        return
    state = "up to date" if revision == head else f"behind head {head}"
    typer.echo(f"{revision} ({state})")


# ---------------------------------------------------------------- passes


@app.command()
@guarded
def reconcile(ctx: typer.Context) -> None:
    """Settle open payment attempts by asking the gateway (F-PAY-3); exit 3 if any erred."""
    with hall_of(ctx) as hall:
        hall.access.record_action(actor(), "payments.reconcile")
        report = hall.payments.reconcile()
    rows: list[tuple[str, object]] = [
        ("examined", report.examined),
        ("settled", len(report.settled)),
        ("still open", len(report.open)),
    ]
    rows += [(f"error {attempt}", code) for attempt, code in report.errors]
    show(rows, "payment reconciliation")
    if report.errors:
        raise typer.Exit(EXIT_ATTENTION)


@app.command()
@guarded
def arrears(ctx: typer.Context) -> None:
    """The arrears pass: suspend the numbers whose bills are overdue (F-QRY-1)."""
    with hall_of(ctx) as hall:
        hall.access.record_action(actor(), "billing.arrears")
        report = hall.billing.enforce_arrears()
    show(
        [("bills in arrears", report.bills_in_arrears), ("suspended", len(report.suspended))],
        "arrears",
    )


@app.command()
@guarded
def purge(ctx: typer.Context) -> None:
    """Delete expired sessions, one-time codes, login attempts and counters (F-AUTH-7)."""
    with hall_of(ctx) as hall:
        report = hall.access.purge_expired()
    show(
        [
            ("sessions", report.sessions),
            ("one-time codes", report.one_time_codes),
            ("login attempts", report.login_attempts),
            ("counters", report.counters),
        ],
        "purged",
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 success, 1 typed error, 2 usage)."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        code = app(args=arguments, prog_name="unicom", standalone_mode=False)
    except click.ClickException as error:
        error.show()
        return error.exit_code
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.Abort:
        return EXIT_ERROR
    return code if isinstance(code, int) else 0
