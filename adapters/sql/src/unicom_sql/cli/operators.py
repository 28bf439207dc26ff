"""The operators' commands: API clients, campaigns, entitlements, prize draws (F-AUTH-6, F-PRO).

``unicom clients add|list|disable|rotate`` manage the operator clients of the OAuth 2.0
client-credentials grant; a new secret is shown once (or written to a new ``--output`` file,
mode 0600). ``unicom campaigns load|publish|end|list``, ``unicom entitlements issue`` and
``unicom draws open|commit|close|reveal`` call the promotions' operator use cases with the
actor ``cli:<OS user>``: each change is in the audit log (``GET /operator/audit``) like an
operator client's, under that name.
"""

from __future__ import annotations

import os
from pathlib import Path  # noqa: TC003 - Typer reads the annotations at run time
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from unicom_core.domain.promotions import campaigns_from_toml, commitment_of
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_sql.cli.app import actor, app, guarded, hall_of, show
from unicom_sql.codes import CLI_OUTPUT

if TYPE_CHECKING:
    from collections.abc import Callable

    from unicom_core.usecases.access import NewClient
    from unicom_core.usecases.promotions import DrawView

__all__ = [
    "campaigns_app",
    "clients_app",
    "draws_app",
    "entitlements_app",
]

clients_app = typer.Typer(help="Operator API clients (OAuth 2.0, F-AUTH-6).", no_args_is_help=True)
campaigns_app = typer.Typer(help="Campaigns (F-PRO-1).", no_args_is_help=True)
entitlements_app = typer.Typer(help="Third-party entitlements (F-PRO-3).", no_args_is_help=True)
draws_app = typer.Typer(help="Prize draws, commit and reveal (F-PRO-4).", no_args_is_help=True)
app.add_typer(clients_app, name="clients")
app.add_typer(campaigns_app, name="campaigns")
app.add_typer(entitlements_app, name="entitlements")
app.add_typer(draws_app, name="draws")

_OUTPUT_HELP = "a new file for the client id and secret (mode 0600), instead of the screen"


def _private_file(path: Path) -> int:
    try:
        return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as error:
        raise CLI_OUTPUT.error(f"cannot create {path}: {error.strerror}", path=str(path)) from None


def _hand_over(new: NewClient, output: Path | None, descriptor: int | None, title: str) -> None:
    """Show the client id and its secret once: on the screen, or only in ``output``."""
    client = new.client
    rows: list[tuple[str, object]] = [
        ("client id", client.id),
        ("name", client.name),
        ("scopes", " ".join(client.scopes)),
    ]
    if descriptor is not None:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(f"client_id={client.id}\nclient_secret={new.secret}\n")
        rows.append(("secret", f"written to {output} (shown nowhere else)"))
    else:
        rows.append(("secret", f"{new.secret}  (shown once: store it now)"))
    show(rows, title)


def _with_output(output: Path | None, work: Callable[[int | None], None]) -> None:
    descriptor = _private_file(output) if output is not None else None
    try:
        work(descriptor)
    except BaseException:
        if descriptor is not None and output is not None:
            os.close(descriptor)
            output.unlink()
        raise


# ---------------------------------------------------------------- clients


@clients_app.command("add")
@guarded
def clients_add(
    ctx: typer.Context,
    *,
    name: Annotated[str, typer.Argument(help="the carrier system's name")],
    scope: Annotated[list[str], typer.Option(help="a scope it may ask for (repeat for more)")],
    output: Annotated[Path | None, typer.Option(help=_OUTPUT_HELP)] = None,
) -> None:
    """Register an operator client; its secret is shown once (or written to --output)."""

    def work(descriptor: int | None) -> None:
        with hall_of(ctx) as hall:
            new = hall.access.add_client(name, scope)
        _hand_over(new, output, descriptor, "operator client added")

    _with_output(output, work)


@clients_app.command("rotate")
@guarded
def clients_rotate(
    ctx: typer.Context,
    *,
    client_id: Annotated[str, typer.Argument(help="the client's id (op-...)")],
    output: Annotated[Path | None, typer.Option(help=_OUTPUT_HELP)] = None,
) -> None:
    """Give a client a new secret (shown once); its older tokens stop working."""

    def work(descriptor: int | None) -> None:
        with hall_of(ctx) as hall:
            new = hall.access.rotate_secret(client_id)
        _hand_over(new, output, descriptor, "secret rotated")

    _with_output(output, work)


@clients_app.command("disable")
@guarded
def clients_disable(
    ctx: typer.Context,
    *,
    client_id: Annotated[str, typer.Argument(help="the client's id (op-...)")],
) -> None:
    """Disable a client: its tokens stop working at once."""
    with hall_of(ctx) as hall:
        client = hall.access.disable_client(client_id)
    show([("client id", client.id), ("enabled", "no")], "operator client disabled")


@clients_app.command("list")
@guarded
def clients_list(ctx: typer.Context) -> None:
    """The registered clients (never their secrets)."""
    table = Table(title="operator clients")
    for column in ("client id", "name", "scopes", "enabled", "created"):
        table.add_column(column, overflow="fold")
    offset = 0
    with hall_of(ctx) as hall:
        while True:
            page = hall.access.clients(PageRequest(offset, MAX_PAGE_LIMIT))
            for client in page.items:
                enabled = "yes" if client.enabled else "no"
                created = client.created_at.isoformat(timespec="seconds")
                table.add_row(client.id, client.name, " ".join(client.scopes), enabled, created)
            if not page.has_more:
                break
            offset += len(page.items)
    Console(soft_wrap=True).print(table)


# ---------------------------------------------------------------- campaigns


@campaigns_app.command("load")
@guarded
def campaigns_load(
    ctx: typer.Context,
    *,
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="a campaign TOML")],
    publish: Annotated[bool, typer.Option(help="publish each campaign once defined")] = False,
) -> None:
    """Define each campaign of a TOML file (a DRAFT; published with --publish)."""
    campaigns = campaigns_from_toml(file.read_text(encoding="utf-8"))
    who = actor()
    rows: list[tuple[str, object]] = []
    with hall_of(ctx) as hall:
        for campaign in campaigns:
            stored = hall.promotions.define(campaign, actor=who)
            if publish:
                stored = hall.promotions.publish(stored.code, actor=who)
            rows.append((stored.code, stored.state.value))
    show(rows, "campaigns loaded")


@campaigns_app.command("publish")
@guarded
def campaigns_publish(
    ctx: typer.Context, *, code: Annotated[str, typer.Argument(help="the campaign's code")]
) -> None:
    """DRAFT -> PUBLISHED: offered to subscribers within its window."""
    with hall_of(ctx) as hall:
        campaign = hall.promotions.publish(code, actor=actor())
    show([("campaign", campaign.code), ("state", campaign.state.value)], "published")


@campaigns_app.command("end")
@guarded
def campaigns_end(
    ctx: typer.Context, *, code: Annotated[str, typer.Argument(help="the campaign's code")]
) -> None:
    """End a campaign: no longer offered nor joined; participations keep their benefits."""
    with hall_of(ctx) as hall:
        campaign = hall.promotions.end(code, actor=actor())
    show([("campaign", campaign.code), ("state", campaign.state.value)], "ended")


@campaigns_app.command("list")
@guarded
def campaigns_list(ctx: typer.Context) -> None:
    """Every campaign, by code: state, window, quota."""
    table = Table(title="campaigns")
    for column in ("code", "name", "state", "starts", "ends", "quota"):
        table.add_column(column, overflow="fold")
    with hall_of(ctx) as hall:
        for campaign in hall.promotions.campaigns():
            table.add_row(
                campaign.code,
                campaign.name,
                campaign.state.value,
                campaign.starts.isoformat(timespec="minutes"),
                campaign.ends.isoformat(timespec="minutes"),
                "-" if campaign.quota is None else str(campaign.quota),
            )
    Console(soft_wrap=True).print(table)


# ---------------------------------------------------------------- entitlements


@entitlements_app.command("issue")
@guarded
def entitlements_issue(
    ctx: typer.Context,
    *,
    limit: Annotated[int, typer.Option(min=1, help="participations at most")] = 100,
) -> None:
    """Issue the entitlements due; failures are retried by a later run, with back-off."""
    with hall_of(ctx) as hall:
        report = hall.promotions.issue_entitlements(limit, actor=actor())
    show([("issued", report.issued), ("failed", report.failed)], "entitlements")


# ---------------------------------------------------------------- draws


def _seed_of(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise typer.BadParameter(f"cannot read the seed file {path}: {error}") from None


def _show_draw(draw: DrawView, title: str) -> None:
    rows: list[tuple[str, object]] = [
        ("draw", draw.code),
        ("state", draw.state.value),
        ("prize", f"{draw.prize} x {draw.prize_count}"),
        ("commitment", draw.commitment or "-"),
        ("entries", draw.entries_count),
        ("entries digest", draw.entries_digest),
    ]
    rows += [(f"winner {n}", w.masked) for n, w in enumerate(draw.winners, start=1)]
    show(rows, title)


_SEED_FILE = typer.Option(exists=True, dir_okay=False, help="a file holding the secret seed")


@draws_app.command("open")
@guarded
def draws_open(
    ctx: typer.Context,
    *,
    code: Annotated[str, typer.Argument(help="the draw's code")],
    prize: Annotated[str, typer.Option(help="what the winners get")],
    winners: Annotated[int, typer.Option(min=1, help="how many winners")],
) -> None:
    """Open a prize draw for entries."""
    with hall_of(ctx) as hall:
        draw = hall.growth.open_draw(code, prize=prize, winners=winners, actor=actor())
    _show_draw(draw, "draw opened")


@draws_app.command("commit")
@guarded
def draws_commit(
    ctx: typer.Context,
    *,
    code: Annotated[str, typer.Argument(help="the draw's code")],
    seed_file: Annotated[Path | None, _SEED_FILE] = None,
    commitment: Annotated[str | None, typer.Option(help="sha256(seed), hex")] = None,
) -> None:
    """Publish the commitment sha256(seed): from --seed-file, or given as --commitment."""
    if (seed_file is None) == (commitment is None):
        raise typer.BadParameter("give one of --seed-file and --commitment")
    if seed_file is not None:
        commitment = commitment_of(_seed_of(seed_file))
    with hall_of(ctx) as hall:
        draw = hall.growth.commit(code, str(commitment), actor=actor())
    _show_draw(draw, "commitment published")


@draws_app.command("close")
@guarded
def draws_close(
    ctx: typer.Context, *, code: Annotated[str, typer.Argument(help="the draw's code")]
) -> None:
    """Close the entries: the entry list and its digest are final."""
    with hall_of(ctx) as hall:
        draw = hall.growth.close_entries(code, actor=actor())
    _show_draw(draw, "entries closed")


@draws_app.command("reveal")
@guarded
def draws_reveal(
    ctx: typer.Context,
    *,
    code: Annotated[str, typer.Argument(help="the draw's code")],
    seed_file: Annotated[Path, _SEED_FILE],
) -> None:
    """Reveal the seed (checked against the commitment) and draw the winners."""
    seed = _seed_of(seed_file)
    with hall_of(ctx) as hall:
        draw = hall.growth.reveal(code, seed, actor=actor())
    _show_draw(draw, "winners drawn")
