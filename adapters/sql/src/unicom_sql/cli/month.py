"""``unicom bill-run CYCLE``: the month's bill run with a progress bar, then the auto-debit.

The steps of :meth:`~unicom_core.hall.BusinessHall.run_bill_cycle`, shown as they go: the
business handlings due by the cycle's end take effect (F-BIZ), the bill run issues every
bill of the cycle exactly once, chunk by chunk (a Rich progress line per chunk through
``close_cycle(progress=...)``, F-QRY-3), and the auto-debit charges the bills under
bank-card mandates (F-PAY-2; ``--no-auto-debit`` leaves it to its own schedule). Every step
is idempotent: a run stopped half-way (a crash, Ctrl-C) resumes where it stopped when run
again, and a run of a finished cycle issues and debits nothing twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from unicom_core.domain.shared import BillingCycle
from unicom_sql.cli.app import actor, app, guarded, hall_of, show

if TYPE_CHECKING:
    from unicom_core.usecases.billing import BillRunReport

__all__ = ["bill_run"]


@app.command("bill-run")
@guarded
def bill_run(
    ctx: typer.Context,
    *,
    cycle: Annotated[str, typer.Argument(help="the cycle to close, e.g. 2026-11")],
    auto_debit: Annotated[
        bool, typer.Option(help="charge the bills under bank-card mandates after the run")
    ] = True,
) -> None:
    """Close a billing cycle (resumable), then debit its bills under mandates (F-PAY-2)."""
    closing = BillingCycle.parse(cycle)
    console = Console(stderr=True)
    with hall_of(ctx) as hall:
        hall.access.record_action(actor(), "billing.run", {"cycle": str(closing)})
        applied = hall.handling.apply_due(until=closing.end)
        with Progress(
            SpinnerColumn(),
            TextColumn("[bold]bill run {task.fields[cycle]}"),
            BarColumn(),
            TextColumn("{task.fields[bills]} bills, {task.fields[amount]}"),
            TimeElapsedColumn(),
            console=console,
            disable=not console.is_terminal,  # a bar for a person, none in a log
        ) as progress:
            task = progress.add_task("bills", total=None, cycle=str(closing), bills=0, amount="-")

            def advance(report: BillRunReport) -> None:
                progress.update(task, advance=1, bills=report.bills, amount=str(report.total))

            report = hall.billing.close_cycle(closing, progress=advance)
            progress.update(task, total=1, completed=1)
        debited = hall.auto_debit.debit_bills() if auto_debit else None
    rows = [
        ("cycle", str(report.cycle)),
        ("status", report.status.value),
        ("bills issued", report.bills),
        ("total billed", report.total),
        ("usage records", report.records),
        ("handlings applied", applied),
    ]
    if debited is not None:
        rows += [
            ("auto-debits scheduled", debited.scheduled),
            ("auto-debits charged", len(debited.charged)),
            ("auto-debits paid", len(debited.paid)),
            ("auto-debits given up", len(debited.gave_up)),
        ]
    show(rows, f"bill run {closing}")
