"""The bill run split into account ranges, one per worker (F-QRY-3).

``hall.billing.plan_partitions(cycle, count)`` starts the run of a cycle that is over (it
closes the cycle to usage, as :meth:`~unicom_core.usecases.billing.bill_run.BillRunner.close_cycle`
does) and splits its accounts by id into ``count`` near-equal ranges, stored as
:class:`~unicom_core.domain.billing.BillRunPartition` aggregates; a later call returns the
same plan. Each worker then calls ``close_partition(cycle, partition_id)``: the accounts of
the range are billed in chunks by :meth:`BillRunner.bill_accounts
<unicom_core.usecases.billing.bill_run.BillRunner.bill_accounts>` (the one path that rates
and stores bills), each chunk in one transaction with the partition's cursor, so a partition
retried after a crash or a dead worker resumes after its cursor and issues every bill once.
A chunk that meets a bill stored meanwhile by a duplicate of the same partition
(``storage.duplicate``) re-runs and reads the cursor that duplicate left. Once every
partition is done, ``finish_partitioned(cycle)`` gives the run the partitions' sums and
publishes ``bill_run.completed``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.billing import (
    BILL_RUN_NOT_PARTITIONED,
    BILL_RUN_PARTITION_UNKNOWN,
    BILL_RUN_PARTITIONS_OPEN,
    BILL_RUN_SINGLE_PROCESS,
    BILLING_CYCLE,
    BillRunPartition,
    RunStatus,
    check_partition_count,
)
from unicom_core.domain.shared import STORAGE_DUPLICATE, BillingCycle, Money
from unicom_core.domain.subscribers import AccountId
from unicom_core.usecases.billing.bill_run import BillRunReport, start
from unicom_core.usecases.billing.lookups import load_catalog
from unicom_core.usecases.shared import RetryRule, publish, run

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from unicom_core.domain.billing import BillRun
    from unicom_core.domain.catalog import Catalog
    from unicom_core.ports.billing import BillingStorage, BillingUnitOfWork
    from unicom_core.ports.shared import Clock
    from unicom_core.usecases.billing.bill_run import BillRunner
    from unicom_core.usecases.billing.settings import BillingSettings

__all__ = ["PartitionPlan", "PartitionReport", "PartitionedRun"]


@attrs.frozen(slots=True)
class PartitionPlan:
    """One account range of a split run: its id and bounds, ``(lower, upper]``."""

    id: str
    lower: str | None
    upper: str | None


@attrs.frozen(slots=True)
class PartitionReport:
    """One partition as it stands: status, bills issued and their total."""

    cycle: BillingCycle
    id: str
    status: RunStatus
    bills: int
    total: Money

    @classmethod
    def of(cls, partition: BillRunPartition) -> PartitionReport:
        """The report of ``partition``."""
        return cls(
            partition.cycle, partition.id, partition.status, partition.bills, partition.total
        )


def _cycle(cycle: object) -> BillingCycle:
    if not isinstance(cycle, BillingCycle):
        raise BILLING_CYCLE.error(f"expected a BillingCycle, not {cycle!r}")
    return cycle


def _partition(
    tx: BillingUnitOfWork, cycle: BillingCycle, partition_id: object
) -> BillRunPartition:
    found = tx.bill_run_partitions.find(partition_id) if isinstance(partition_id, str) else None
    if found is None or found.cycle != cycle:
        raise BILL_RUN_PARTITION_UNKNOWN.error(
            billing_cycle=str(cycle), partition_id=str(partition_id)[:40]
        )
    return found


def _report(bill_run: BillRun) -> BillRunReport:
    return BillRunReport(
        bill_run.cycle, bill_run.status, bill_run.bills, bill_run.total, bill_run.records
    )


class PartitionedRun:
    """The split bill run of ``hall.billing`` (module docstring), beside a :class:`BillRunner`."""

    def __init__(
        self,
        storage: BillingStorage,
        clock: Clock,
        settings: BillingSettings,
        runner: BillRunner,
    ) -> None:
        self._storage, self._clock, self._settings = storage, clock, settings
        self._runner = runner
        self._rule = settings.retry_rule
        self._chunk_rule = RetryRule(settings.conflict_retries, frozenset({STORAGE_DUPLICATE.code}))

    def plan(self, cycle: BillingCycle, count: int) -> tuple[PartitionPlan, ...]:
        """Start the run of ``cycle`` and split it into ``count`` ranges (once; F-QRY-3).

        Fewer accounts than ``count`` give fewer ranges (one at least). A run split before
        keeps its plan, whatever ``count`` says now.

        Raises:
            InvalidInput: ``billing.cycle``, ``bill_run.partition_count`` (1..1,000).
            Refused: ``billing.cycle_not_over`` before the cycle ends.
            Conflict: ``bill_run.single_process`` once a process began billing it in one walk.
            NotFound: ``catalog.not_installed``.
        """
        chosen, wanted = _cycle(cycle), check_partition_count(count)
        run(
            self._storage,
            self._clock,
            lambda tx, now: start(tx, now, chosen, self._settings.catalog_id),
            self._rule,
        )
        partitions = run(
            self._storage, self._clock, lambda tx, _now: self._split(tx, chosen, wanted), self._rule
        )
        return tuple(PartitionPlan(p.id, p.lower, p.upper) for p in partitions)

    def close_partition(
        self,
        cycle: BillingCycle,
        partition_id: str,
        *,
        progress: Callable[[PartitionReport], object] | None = None,
    ) -> PartitionReport:
        """Bill (or resume) one partition of a split run, chunk by chunk (module docstring).

        ``progress`` is called after each chunk with the partition as it stands.

        Raises:
            InvalidInput: ``billing.cycle``.
            NotFound: ``bill_run.partition_unknown``, ``catalog.not_installed``.
        """
        chosen = _cycle(cycle)
        catalog = run(
            self._storage,
            self._clock,
            lambda tx, _now: self._catalog(tx, chosen, partition_id),
            self._rule,
        )
        while True:
            partition = run(
                self._storage,
                self._clock,
                lambda tx, now: self._bill_chunk(tx, now, catalog, chosen, partition_id),
                self._chunk_rule,
            )
            report = PartitionReport.of(partition)
            if progress is not None:
                progress(report)
            if partition.status is RunStatus.DONE:
                return report

    def finish(self, cycle: BillingCycle) -> BillRunReport:
        """The run of a split cycle counts its partitions' bills and totals and is DONE.

        Idempotent: a finished run is reported as it is.

        Raises:
            InvalidInput: ``billing.cycle``.
            Refused: ``bill_run.not_partitioned`` (no split run of the cycle),
                ``bill_run.partitions_open`` while a partition is not done.
        """
        chosen = _cycle(cycle)
        return run(
            self._storage, self._clock, lambda tx, now: self._finish(tx, now, chosen), self._rule
        )

    def _split(
        self, tx: BillingUnitOfWork, cycle: BillingCycle, count: int
    ) -> list[BillRunPartition]:
        bill_run = tx.bill_runs.get(str(cycle))
        if bill_run.partitions:
            return list(tx.bill_run_partitions.of_cycle(cycle))
        if bill_run.status is RunStatus.DONE:
            raise BILL_RUN_SINGLE_PROCESS.error(billing_cycle=str(cycle))
        points = list(tx.accounts.split_points(count))
        bounds: list[str | None] = [None, *points, None]
        partitions = [
            BillRunPartition.of(cycle, index, bounds[index], bounds[index + 1])
            for index in range(len(points) + 1)
        ]
        bill_run.split(len(partitions))
        tx.bill_runs.save(bill_run)
        for partition in partitions:
            tx.bill_run_partitions.add(partition)
        return partitions

    def _catalog(self, tx: BillingUnitOfWork, cycle: BillingCycle, partition_id: str) -> Catalog:
        _partition(tx, cycle, partition_id)
        return load_catalog(tx, self._settings.catalog_id)

    def _bill_chunk(
        self,
        tx: BillingUnitOfWork,
        now: datetime,
        catalog: Catalog,
        cycle: BillingCycle,
        partition_id: str,
    ) -> BillRunPartition:
        partition = _partition(tx, cycle, partition_id)
        if partition.status is RunStatus.DONE:
            return partition
        after, upto, size = partition.after, partition.upper, self._settings.chunk_size
        inside = tx.accounts.list_between(
            AccountId(after) if after else None, AccountId(upto) if upto else None, size
        )
        if inside:
            issued = self._runner.bill_accounts(tx, now, catalog, cycle, inside)
            total = Money.total(bill.total for bill in issued)
            partition.advance(inside[-1].id, len(issued), total)
        if len(inside) < size:  # no account of the range is left
            partition.finish(at=now)
        tx.bill_run_partitions.save(partition)
        return partition

    def _finish(self, tx: BillingUnitOfWork, now: datetime, cycle: BillingCycle) -> BillRunReport:
        bill_run = tx.bill_runs.find(str(cycle))
        if bill_run is None or not bill_run.partitions:
            raise BILL_RUN_NOT_PARTITIONED.error(billing_cycle=str(cycle))
        if bill_run.status is RunStatus.DONE:
            return _report(bill_run)
        partitions = tx.bill_run_partitions.of_cycle(cycle)
        still = sum(1 for p in partitions if p.status is not RunStatus.DONE)
        if still:
            raise BILL_RUN_PARTITIONS_OPEN.error(billing_cycle=str(cycle), open=still)
        events = bill_run.finish_partitioned(
            sum(p.bills for p in partitions), Money.total(p.total for p in partitions), at=now
        )
        tx.bill_runs.save(bill_run)
        publish(tx, events)
        return _report(bill_run)
