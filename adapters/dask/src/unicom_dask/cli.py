"""The engine of ``unicom bill-run CYCLE --dask ADDRESS`` (the ``unicom.bill_run`` entry point).

The command line of unicom_sql never imports this package: it finds :func:`bill_run` through
the entry point group ``unicom.bill_run`` (name ``dask``) that this distribution declares, and
calls it with the scheduler's address and a picklable hall factory made from its settings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_dask.bill_run import connect, run_bill_run

if TYPE_CHECKING:
    from collections.abc import Callable

    from unicom_core.domain.shared import BillingCycle
    from unicom_core.hall import BusinessHall
    from unicom_core.usecases.billing import BillRunReport
    from unicom_dask.bill_run import PartitionDone

__all__ = ["bill_run"]


def bill_run(  # noqa: PLR0913 - the engine's call, keyword-only past the first three
    address: str,
    hall_factory: Callable[[], BusinessHall],
    cycle: BillingCycle,
    *,
    partitions: int | None = None,
    progress: Callable[[PartitionDone], object] | None = None,
    announce: Callable[[str], object] | None = None,
) -> BillRunReport:
    """Run the bill run of ``cycle`` on the cluster at ``address`` (F-QRY-3).

    ``announce`` is told the address of Dask's dashboard when the scheduler serves one
    (with ``bokeh`` installed); ``progress`` is called as each partition completes.
    """
    client = connect(address)
    try:
        link = dashboard(client)
        if link is not None and announce is not None:
            announce(f"Dask dashboard: {link}")
        return run_bill_run(client, hall_factory, cycle, partitions=partitions, progress=progress)
    finally:
        client.close()


def dashboard(client: object) -> str | None:
    """The dashboard's address if the scheduler serves one, else None."""
    try:
        services = client.scheduler_info().get("services", {})  # type: ignore[attr-defined]
    except (OSError, TimeoutError):
        return None
    if "dashboard" not in services:
        return None
    return str(client.dashboard_link)  # type: ignore[attr-defined]
