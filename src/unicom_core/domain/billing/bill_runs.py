"""The state of one cycle's bill run: open for usage, running, done (F-CAL-3, F-QRY-3).

A :class:`BillRun` exists per billing cycle (its id is the cycle, ``"2026-11"``). While it is
OPEN the cycle takes usage records; :meth:`BillRun.start` closes it to usage, and from then on
the bill run bills the accounts in id order, recording after each chunk the last account
billed (``cursor``) with the bills of that chunk, in the same transaction. A crash loses at
most the chunk in flight; the next run starts after the cursor, and the one-bill-per-account
id (:func:`~unicom_core.domain.billing.bills.bill_id`) makes a repeated chunk issue nothing twice.
Running a DONE cycle again changes nothing.

A run may instead be split into ``partitions`` account ranges billed apart, on as many
workers (:meth:`BillRun.split`, :mod:`unicom_core.domain.billing.bill_run_partitions`): its
counts are then the partitions' sums, set once every partition is done
(:meth:`BillRun.finish_partitioned`), and the single-process walk refuses it.

Every change that touches the run saves it with optimistic concurrency, so usage accepted
for a cycle and the start of its bill run are serialised: an ingestion that raced the start
fails its commit, retries and finds the cycle closed.
"""

from __future__ import annotations

import enum
from datetime import datetime

import attrs

from unicom_core.domain.billing.codes import (
    BILL_RUN_COUNT,
    BILL_RUN_CYCLE,
    BILL_RUN_ID,
    BILL_RUN_NOT_PARTITIONED,
    BILL_RUN_NOT_RUNNING,
    BILL_RUN_PARTITIONED,
    BILL_RUN_SINGLE_PROCESS,
    BILLING_CYCLE_CLOSED,
)
from unicom_core.domain.shared import (
    BillingCycle,
    DomainEvent,
    Money,
    check_version,
    domain_event,
    guarded,
    instance_of,
    update,
)

__all__ = ["BillRun", "BillRunCompleted", "BillRunStarted", "RunStatus"]


class RunStatus(enum.Enum):
    """Where a cycle's bill run stands."""

    OPEN = "open"
    RUNNING = "running"
    DONE = "done"


@domain_event("bill_run.started")
@attrs.frozen(slots=True, kw_only=True)
class BillRunStarted(DomainEvent):
    """A cycle was closed to usage and its bill run began."""

    cycle: BillingCycle
    records: int


@domain_event("bill_run.completed")
@attrs.frozen(slots=True, kw_only=True)
class BillRunCompleted(DomainEvent):
    """Every account of the cycle has its bill."""

    cycle: BillingCycle
    bills: int
    total: Money


def _count(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BILL_RUN_COUNT.error(field=attribute.name)


@attrs.define(slots=True)
class BillRun:
    """One cycle's bill run (see the module docstring)."""

    id: str = attrs.field(on_setattr=guarded)
    cycle: BillingCycle = attrs.field(
        validator=instance_of(BillingCycle, BILL_RUN_CYCLE), on_setattr=guarded
    )
    status: RunStatus = attrs.field(default=RunStatus.OPEN, on_setattr=guarded)
    records: int = attrs.field(default=0, validator=_count, on_setattr=guarded)
    started_at: datetime | None = attrs.field(default=None, on_setattr=guarded)
    finished_at: datetime | None = attrs.field(default=None, on_setattr=guarded)
    cursor: str | None = attrs.field(default=None, on_setattr=guarded)
    bills: int = attrs.field(default=0, validator=_count, on_setattr=guarded)
    total: Money = attrs.field(factory=Money.zero, on_setattr=guarded)
    version: int = attrs.field(default=0, validator=check_version)
    partitions: int = attrs.field(default=0, validator=_count, on_setattr=guarded)
    """How many account ranges the run is split into (0: billed in one process)."""

    def __attrs_post_init__(self) -> None:
        """The id is the cycle."""
        if self.id != str(self.cycle):
            raise BILL_RUN_ID.error(field="id")

    @classmethod
    def of(cls, cycle: BillingCycle) -> BillRun:
        """A new, open run for ``cycle``."""
        return cls(str(cycle), cycle)

    @property
    def is_open(self) -> bool:
        """Whether the cycle still takes usage."""
        return self.status is RunStatus.OPEN

    def accept_usage(self, count: int) -> None:
        """Count ``count`` records accepted for the cycle; ``billing.cycle_closed`` once run."""
        if not self.is_open:
            raise BILLING_CYCLE_CLOSED.error(
                f"the bill run of {self.cycle} has begun; it takes no more usage",
                billing_cycle=str(self.cycle),
            )
        update(self, records=self.records + count)

    def start(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Close the cycle to usage and begin billing; nothing changes if it already began."""
        if not self.is_open:
            return ()
        update(self, status=RunStatus.RUNNING, started_at=at)
        return (
            BillRunStarted(
                aggregate_id=self.id, occurred_at=at, cycle=self.cycle, records=self.records
            ),
        )

    def split(self, count: int) -> bool:
        """Bill the run in ``count`` partitions; False if it is split already (F-QRY-3).

        Refused once a chunk was billed in one process (``bill_run.single_process``).
        """
        if self.status is not RunStatus.RUNNING:
            raise BILL_RUN_NOT_RUNNING.error()
        if self.partitions:
            return False
        if self.cursor is not None or self.bills:
            raise BILL_RUN_SINGLE_PROCESS.error(billing_cycle=str(self.cycle))
        update(self, partitions=count)
        return True

    def advance(self, cursor: str, bills: int, total: Money) -> None:
        """Record a chunk billed: the last account id, how many bills, their total."""
        if self.status is not RunStatus.RUNNING:
            raise BILL_RUN_NOT_RUNNING.error()
        self._single_process()
        update(self, cursor=cursor, bills=self.bills + bills, total=self.total + total)

    def finish(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Every account is billed: the run is DONE."""
        if self.status is not RunStatus.RUNNING:
            return ()
        self._single_process()
        return self._done(at)

    def finish_partitioned(
        self, bills: int, total: Money, *, at: datetime
    ) -> tuple[DomainEvent, ...]:
        """Every partition is done: the run counts their ``bills`` and ``total`` and is DONE."""
        if self.status is not RunStatus.RUNNING:
            return ()
        if not self.partitions:
            raise BILL_RUN_NOT_PARTITIONED.error(billing_cycle=str(self.cycle))
        update(self, bills=bills, total=total)
        return self._done(at)

    def _single_process(self) -> None:
        if self.partitions:
            raise BILL_RUN_PARTITIONED.error(billing_cycle=str(self.cycle))

    def _done(self, at: datetime) -> tuple[DomainEvent, ...]:
        update(self, status=RunStatus.DONE, finished_at=at)
        event = BillRunCompleted(
            aggregate_id=self.id,
            occurred_at=at,
            cycle=self.cycle,
            bills=self.bills,
            total=self.total,
        )
        return (event,)
