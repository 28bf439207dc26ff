"""``unicom bill-run CYCLE``: the month's bill run with a progress bar, then the auto-debit.

The steps of :meth:`~unicom_core.hall.BusinessHall.run_bill_cycle`, shown as they go: the
business handlings due by the cycle's end take effect (F-BIZ), the bill run issues every
bill of the cycle exactly once, chunk by chunk (a Rich progress line per chunk through
``close_cycle(progress=...)``, F-QRY-3), and the auto-debit charges the bills under
bank-card mandates (F-PAY-2; ``--no-auto-debit`` leaves it to its own schedule). Every step
is idempotent: a run stopped half-way (a crash, Ctrl-C) resumes where it stopped when run
again, and a run of a finished cycle issues and debits nothing twice.

``--dask ADDRESS`` runs the bill run on a Dask cluster instead, split into ``--partitions``
account ranges (F-QRY-3). This module never imports the engine: it is found through the entry
point group ``unicom.bill_run`` (``dask``, declared by the ``unicom-dask`` distribution) and
given a picklable hall factory, :func:`hall_of_settings` bound to this run's settings, which
each worker calls once to open its own hall on the same database.
"""

from __future__ import annotations

import functools
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from unicom_core.domain.shared import BillingCycle, Money
from unicom_sql.cli.app import actor, app, guarded, hall_of, settings_of, show
from unicom_sql.codes import CLI_BILL_RUN_ENGINE

if TYPE_CHECKING:
    from collections.abc import Callable

    from unicom_core.hall import BusinessHall
    from unicom_core.usecases.billing import BillRunReport
    from unicom_core.usecases.payments import AutoDebitReport
    from unicom_sql.cli.config import Settings

__all__ = ["ENGINE_GROUP", "bill_run", "engine", "hall_of_settings"]

ENGINE_GROUP = "unicom.bill_run"
"""The entry point group where a distribution offers a bill-run engine (``dask``)."""


def hall_of_settings(settings: Settings) -> BusinessHall:
    """The hall of ``settings`` (a worker's hall factory, bound with ``functools.partial``)."""
    return settings.hall()


def engine(name: str) -> Callable[..., BillRunReport]:
    """The bill-run engine ``name`` of the group :data:`ENGINE_GROUP`; ``cli.bill_run_engine``."""
    found = [point for point in entry_points(group=ENGINE_GROUP) if point.name == name]
    if not found:
        raise CLI_BILL_RUN_ENGINE.error(engine=name)
    try:
        loaded = found[0].load()
    except ImportError as error:
        message = f"the {name} bill-run engine does not load: {error}"
        raise CLI_BILL_RUN_ENGINE.error(message, engine=name) from None
    return loaded  # type: ignore[no-any-return]


def _bar(console: Console, label: str) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn(f"[bold]{label} {{task.fields[cycle]}}"),
        BarColumn(),
        TextColumn("{task.fields[bills]} bills, {task.fields[amount]}"),
        TimeElapsedColumn(),
        console=console,
        disable=not console.is_terminal,  # a bar for a person, none in a log
    )


def _single_process(hall: BusinessHall, closing: BillingCycle, console: Console) -> BillRunReport:
    with _bar(console, "bill run") as progress:
        task = progress.add_task("bills", total=None, cycle=str(closing), bills=0, amount="-")

        def advance(report: BillRunReport) -> None:
            progress.update(task, advance=1, bills=report.bills, amount=str(report.total))

        report = hall.billing.close_cycle(closing, progress=advance)
        progress.update(task, total=1, completed=1)
    return report


def _on_dask(
    ctx: typer.Context,
    run: Callable[..., BillRunReport],
    address: str,
    partitions: int | None,
    closing: BillingCycle,
) -> BillRunReport:
    factory = functools.partial(hall_of_settings, settings_of(ctx))
    console = Console(stderr=True)
    with _bar(console, "bill run on Dask") as progress:
        task = progress.add_task("ranges", total=None, cycle=str(closing), bills=0, amount="-")
        billed = {"bills": 0, "fen": 0}

        def advance(done: Any) -> None:  # noqa: ANN401 - the engine's record, duck-typed
            billed["bills"] += done.report.bills
            billed["fen"] += done.report.total.fen
            progress.update(
                task,
                total=done.of,
                completed=done.done,
                bills=billed["bills"],
                amount=str(Money(billed["fen"])),
            )

        return run(
            address,
            factory,
            closing,
            partitions=partitions,
            progress=advance,
            announce=console.print,
        )


@app.command("bill-run")
@guarded
def bill_run(
    ctx: typer.Context,
    *,
    cycle: Annotated[str, typer.Argument(help="the cycle to close, e.g. 2026-11")],
    auto_debit: Annotated[
        bool, typer.Option(help="charge the bills under bank-card mandates after the run")
    ] = True,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="ADDRESS",
            help="run on the Dask scheduler at ADDRESS (tcp://host:8786; needs unicom-dask)",
        ),
    ] = None,
    partitions: Annotated[
        int | None,
        typer.Option(help="with --dask: account ranges, 1..1000 (default: 2 per worker thread)"),
    ] = None,
) -> None:
    """Close a billing cycle (resumable), then debit its bills under mandates (F-PAY-2)."""
    closing = BillingCycle.parse(cycle)
    console = Console(stderr=True)
    on_dask = engine("dask") if dask is not None else None  # refused before any work
    with hall_of(ctx) as hall:
        facts = {"cycle": str(closing)}
        if dask is not None:
            facts["engine"] = "dask"
        hall.access.record_action(actor(), "billing.run", facts)
        applied = hall.handling.apply_due(until=closing.end)
        if on_dask is None or dask is None:
            report = _single_process(hall, closing, console)
        else:
            report = _on_dask(ctx, on_dask, dask, partitions, closing)
        debited = hall.auto_debit.debit_bills() if auto_debit else None
    _summary(report, applied, debited, dask)


def _summary(
    report: BillRunReport, applied: int, debited: AutoDebitReport | None, dask: str | None
) -> None:
    rows: list[tuple[str, object]] = [
        ("cycle", str(report.cycle)),
        ("status", report.status.value),
        ("bills issued", report.bills),
        ("total billed", report.total),
        ("usage records", report.records),
        ("handlings applied", applied),
    ]
    if dask is not None:
        rows.append(("engine", f"Dask at {dask}"))
    if debited is not None:
        rows += [
            ("auto-debits scheduled", debited.scheduled),
            ("auto-debits charged", len(debited.charged)),
            ("auto-debits paid", len(debited.paid)),
            ("auto-debits given up", len(debited.gave_up)),
        ]
    show(rows, f"bill run {report.cycle}")
