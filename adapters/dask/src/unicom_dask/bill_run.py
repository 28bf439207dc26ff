"""The monthly bill run partitioned by account ranges on a Dask cluster (F-QRY-3).

:func:`run_bill_run` plans the run on the client (``hall.billing.plan_partitions``: the cycle
closes to usage and its accounts are split into ranges of near-equal size), submits one task
per partition (``hall.billing.close_partition`` on a worker), gathers them as they complete
and finishes the run (``hall.billing.finish_partitioned``). A task that raises is retried
(``retries``); a task whose worker dies is rescheduled on another worker by the scheduler.
Either way the partition resumes after its cursor: a chunk of bills and the cursor commit
together and a bill is stored once per account and cycle, so no account is billed twice.

Each worker process builds the hall once per ``hall_factory`` (a picklable zero-argument
callable returning a :class:`~unicom_core.hall.BusinessHall`) and keeps it for the tasks
that follow, so a worker opens its database pool once.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from typing import TYPE_CHECKING

import attrs
import cloudpickle
from distributed import Client, KilledWorker, as_completed
from distributed.client import FutureCancelledError
from distributed.comm.core import CommClosedError

from unicom_core.domain.billing import BILL_RUN_CLUSTER_UNAVAILABLE
from unicom_core.usecases.billing import PartitionReport

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from unicom_core.domain.shared import BillingCycle
    from unicom_core.hall import BusinessHall
    from unicom_core.usecases.billing import BillRunReport, PartitionPlan

__all__ = [
    "DEFAULT_RETRIES",
    "PartitionDone",
    "close_partition",
    "connect",
    "run_bill_run",
    "worker_hall",
]

DEFAULT_RETRIES = 3
"""How often a partition whose task raised is tried again (a dead worker does not count)."""

_HALLS: dict[str, BusinessHall] = {}
_HALLS_LOCK = threading.Lock()
_CLUSTER_FAILURES = (OSError, TimeoutError, CommClosedError, KilledWorker, FutureCancelledError)


@attrs.frozen(slots=True)
class PartitionDone:
    """One partition billed: its report, and how many of the run's are done so far."""

    report: PartitionReport
    done: int
    of: int


def _key(hall_factory: Callable[[], BusinessHall]) -> str:
    return hashlib.sha256(cloudpickle.dumps(hall_factory)).hexdigest()


def worker_hall(hall_factory: Callable[[], BusinessHall]) -> BusinessHall:
    """The hall this process built with ``hall_factory`` (built on first use, then kept)."""
    key = _key(hall_factory)
    with _HALLS_LOCK:
        hall = _HALLS.get(key)
        if hall is None:
            hall = _HALLS[key] = hall_factory()
        return hall


def close_partition(
    hall_factory: Callable[[], BusinessHall], cycle: BillingCycle, partition_id: str
) -> PartitionReport:
    """The task run on a worker: bill (or resume) one partition of the cycle's run."""
    return worker_hall(hall_factory).billing.close_partition(cycle, partition_id)


def connect(address: str, *, timeout: str = "10s") -> Client:
    """A client of the scheduler at ``address``; ``bill_run.cluster_unavailable`` if none."""
    try:
        return Client(address, timeout=timeout, set_as_default=False)
    except _CLUSTER_FAILURES as error:
        raise BILL_RUN_CLUSTER_UNAVAILABLE.error(
            f"the cluster of the bill run at {address} cannot be reached: {error}",
            address=str(address),
        ) from None


def _connected(client_or_address: Client | str) -> tuple[Client, bool]:
    if isinstance(client_or_address, Client):
        return client_or_address, False
    return connect(client_or_address), True


def _default_partitions(client: Client) -> int:
    threads = int(sum(client.nthreads().values()))
    return max(1, 2 * threads)


def _gathered(
    client: Client,
    hall_factory: Callable[[], BusinessHall],
    cycle: BillingCycle,
    plan: Sequence[PartitionPlan],
    retries: int,
) -> Iterator[PartitionReport]:
    """Submit one task per partition; yield their reports as they complete.

    When one fails the rest are cancelled: a partition is resumable, a later run takes it up.
    """
    futures = [
        client.submit(
            close_partition,
            hall_factory,
            cycle,
            partition.id,
            key=f"unicom-bill-run-{partition.id}-{uuid.uuid4().hex}",
            retries=retries,
            pure=False,
        )
        for partition in plan
    ]
    try:
        for future in as_completed(futures, loop=client.loop):
            yield future.result()
    finally:
        client.cancel([future for future in futures if not future.done()])


def run_bill_run(  # noqa: PLR0913 - the run's few knobs, all but the first three optional
    client_or_address: Client | str,
    hall_factory: Callable[[], BusinessHall],
    cycle: BillingCycle,
    *,
    partitions: int | None = None,
    progress: Callable[[PartitionDone], object] | None = None,
    retries: int = DEFAULT_RETRIES,
    hall: BusinessHall | None = None,
) -> BillRunReport:
    """Run (or resume) the bill run of ``cycle`` on a Dask cluster (module docstring).

    Args:
        client_or_address: a :class:`distributed.Client`, or the scheduler's address
            (``tcp://host:8786``; the client made for it is closed at the end).
        hall_factory: a picklable zero-argument callable returning a business hall on the
            shared database (``functools.partial`` of a module-level function).
        cycle: the cycle to bill, over.
        partitions: how many account ranges (1..1,000); default twice the cluster's
            threads. A run split before keeps its plan.
        progress: called on the client as each partition completes.
        retries: how often a task that raised is tried again.
        hall: the client's hall, to plan and finish the run with (default: one made by
            ``hall_factory`` for the call and closed after it).

    Raises:
        AdapterError: ``bill_run.cluster_unavailable`` when the scheduler cannot be
            reached or a partition's workers kept dying.
        UnicomError: what the use cases raise (``billing.cycle_not_over``, ...).
    """
    client, owned = _connected(client_or_address)
    try:
        planner = hall if hall is not None else hall_factory()
        try:
            count = partitions if partitions is not None else _default_partitions(client)
            plan = planner.billing.plan_partitions(cycle, count)
            try:
                gathered = _gathered(client, hall_factory, cycle, plan, retries)
                for done, report in enumerate(gathered, 1):
                    if progress is not None:
                        progress(PartitionDone(report, done, len(plan)))
            except _CLUSTER_FAILURES as error:
                raise _unavailable(client, error) from None
            return planner.billing.finish_partitioned(cycle)
        finally:
            if hall is None:
                planner.close()
    finally:
        if owned:
            client.close()


def _unavailable(client: Client, error: BaseException) -> Exception:
    address = str(getattr(client.scheduler, "address", "") or "the scheduler")
    return BILL_RUN_CLUSTER_UNAVAILABLE.error(
        f"the cluster of the bill run at {address} failed: {type(error).__name__}: {error}",
        address=address,
    )
