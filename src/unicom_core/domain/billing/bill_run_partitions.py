"""One account range of a cycle's bill run, billed on its own (F-QRY-3).

A bill run may be split into partitions (:meth:`BillRun.split
<unicom_core.domain.billing.bill_runs.BillRun.split>`): each :class:`BillRunPartition` holds
the accounts whose id lies in ``(lower, upper]`` (``None``: open on that side), so the
partitions of a run cover every account exactly once, whenever it was opened. A partition is
billed like the single-process run, in chunks of accounts by id, each chunk in one
transaction with the partition's ``cursor`` (the last account billed) and its counts, so a
partition retried after a crash (a worker that died) resumes after its cursor and issues
every bill exactly once. Its id is the cycle and its number, ``"2026-11/0003"``.
"""

from __future__ import annotations

import re
from datetime import datetime

import attrs

from unicom_core.domain.billing.bill_runs import RunStatus
from unicom_core.domain.billing.codes import (
    BILL_RUN_COUNT,
    BILL_RUN_CYCLE,
    BILL_RUN_NOT_RUNNING,
    BILL_RUN_PARTITION,
    BILL_RUN_PARTITION_COUNT,
)
from unicom_core.domain.shared import (
    BillingCycle,
    Money,
    check_version,
    guarded,
    instance_of,
    update,
)

__all__ = [
    "PARTITION_LIMIT",
    "BillRunPartition",
    "check_partition_count",
    "partition_id",
    "split_positions",
]

PARTITION_LIMIT = 1000
"""The most partitions one bill run is split into."""

_ID = re.compile(r"\d{4}-\d{2}/\d{4}")


def partition_id(cycle: BillingCycle, index: int) -> str:
    """The id of the ``index``-th partition (from 0) of the run of ``cycle``: ``2026-11/0003``."""
    return f"{cycle}/{index:04d}"


def check_partition_count(count: object) -> int:
    """``count`` if it is a number of partitions (1..1,000); ``bill_run.partition_count`` if not."""
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= PARTITION_LIMIT:
        raise BILL_RUN_PARTITION_COUNT.error(
            f"a bill run is split into 1..{PARTITION_LIMIT} partitions, not {count!r}",
            maximum=PARTITION_LIMIT,
        )
    return count


def split_positions(accounts: int, count: int) -> list[int]:
    """The 1-based positions, in id order, of the last account of each range but the last.

    ``floor(i * accounts / count)`` for ``i`` = 1 .. ``count`` - 1, without 0 and repeats:
    ranges of near-equal size (they differ by one account at most).
    """
    parts = check_partition_count(count)
    return sorted({i * accounts // parts for i in range(1, parts)} - {0})


def _count(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise BILL_RUN_COUNT.error(field=attribute.name)


def _index(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < PARTITION_LIMIT:
        raise BILL_RUN_PARTITION.error(f"index is 0..{PARTITION_LIMIT - 1}", field=attribute.name)


def _bound(_instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not value):
        raise BILL_RUN_PARTITION.error(field=attribute.name)


@attrs.define(slots=True)
class BillRunPartition:
    """The accounts ``(lower, upper]`` of one cycle's bill run (see the module docstring)."""

    id: str = attrs.field(on_setattr=guarded)
    cycle: BillingCycle = attrs.field(
        validator=instance_of(BillingCycle, BILL_RUN_CYCLE), on_setattr=guarded
    )
    index: int = attrs.field(validator=_index, on_setattr=guarded)
    lower: str | None = attrs.field(default=None, validator=_bound, on_setattr=guarded)
    upper: str | None = attrs.field(default=None, validator=_bound, on_setattr=guarded)
    status: RunStatus = attrs.field(default=RunStatus.RUNNING, on_setattr=guarded)
    cursor: str | None = attrs.field(default=None, validator=_bound, on_setattr=guarded)
    bills: int = attrs.field(default=0, validator=_count, on_setattr=guarded)
    total: Money = attrs.field(factory=Money.zero, on_setattr=guarded)
    finished_at: datetime | None = attrs.field(default=None, on_setattr=guarded)
    version: int = attrs.field(default=0, validator=check_version)

    def __attrs_post_init__(self) -> None:
        """The id names the cycle and the index; the bounds and the cursor are in order."""
        if self.id != partition_id(self.cycle, self.index) or not _ID.fullmatch(self.id):
            raise BILL_RUN_PARTITION.error("a partition's id is '<YYYY-MM>/<NNNN>'", field="id")
        if self.lower is not None and self.upper is not None and self.lower >= self.upper:
            raise BILL_RUN_PARTITION.error("lower is below upper", field="upper")
        if self.status is RunStatus.OPEN:
            raise BILL_RUN_PARTITION.error("a partition is running or done", field="status")
        if self.cursor is not None and not self.holds(self.cursor):
            raise BILL_RUN_PARTITION.error("the cursor lies in (lower, upper]", field="cursor")

    @classmethod
    def of(
        cls, cycle: BillingCycle, index: int, lower: str | None, upper: str | None
    ) -> BillRunPartition:
        """A new, running partition of the run of ``cycle``: the accounts ``(lower, upper]``."""
        return cls(partition_id(cycle, index), cycle, index, lower, upper)

    def holds(self, account_id: str) -> bool:
        """Whether the account ``account_id`` is one of this partition's."""
        return (self.lower is None or account_id > self.lower) and (
            self.upper is None or account_id <= self.upper
        )

    @property
    def after(self) -> str | None:
        """The account id the next chunk starts after: the cursor, else the lower bound."""
        return self.cursor if self.cursor is not None else self.lower

    def advance(self, cursor: str, bills: int, total: Money) -> None:
        """Record a chunk billed: the last account id, how many bills, their total."""
        if self.status is not RunStatus.RUNNING:
            raise BILL_RUN_NOT_RUNNING.error()
        update(self, cursor=cursor, bills=self.bills + bills, total=self.total + total)

    def finish(self, *, at: datetime) -> None:
        """Every account of the range is billed: the partition is DONE (once)."""
        if self.status is RunStatus.RUNNING:
            update(self, status=RunStatus.DONE, finished_at=at)
