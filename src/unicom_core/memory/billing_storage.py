"""The billing records in memory: usage log, bills, bill runs, billing profiles (F-QRY).

:class:`BillingTables` holds the committed state inside a
:class:`~unicom_core.memory.storage.MemoryStorage`; :class:`MemoryBilling` is one
transaction's view of it, offered by the memory unit of work. The aggregate repositories are
:class:`~unicom_core.memory._repositories.MemoryRepository` views like every other; the usage
log is append-only: a transaction's entries are visible to it at once and to others when it
commits, and an entry whose record id another transaction committed first is dropped (the
first one wins, as ``INSERT ... ON CONFLICT DO NOTHING`` does in SQL).
"""

from __future__ import annotations

import copy
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from unicom_core.domain.billing import (
    Bill,
    BillingProfile,
    BillRun,
    BillRunPartition,
    UsageEntry,
    UsageKind,
    UsageSum,
    UsageTotals,
)
from unicom_core.domain.shared import (
    PAGE_LIMIT,
    PAGE_REQUEST,
    STORAGE_DUPLICATE,
    STORAGE_NOT_NEW,
    STORAGE_TOO_MANY,
)
from unicom_core.memory._repositories import MAX_MANY, MemoryRepository, Table
from unicom_core.ports.billing import (
    BillingProfileRepository,
    BillRepository,
    BillRunPartitionRepository,
    BillRunRepository,
    UsageRepository,
)
from unicom_core.ports.shared import MAX_PAGE_LIMIT, Page, PageRequest

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable, Collection, Iterable, Sequence

    from unicom_core.domain.shared import BillingCycle

__all__ = [
    "BillingTables",
    "MemoryBillRepository",
    "MemoryBillRunPartitionRepository",
    "MemoryBillRunRepository",
    "MemoryBilling",
    "MemoryBillingProfileRepository",
    "MemoryUsageRepository",
]

_MANY = 10_000


def _check_many(ids: Collection[str], limit: int) -> list[str]:
    items = list(ids)
    if len(items) > limit:
        raise STORAGE_TOO_MANY.error(limit=limit)
    return items


class UsageLog:
    """The committed usage entries, by record id, indexed by subscriber and cycle."""

    def __init__(self) -> None:
        self.entries: dict[str, UsageEntry] = {}
        self.by_owner: defaultdict[tuple[str, str], list[str]] = defaultdict(list)

    def put(self, entry: UsageEntry) -> None:
        """Add an entry unless its record id is there (lock held)."""
        if entry.record_id not in self.entries:
            self.entries[entry.record_id] = entry
            self.by_owner[entry.subscriber_id, str(entry.cycle)].append(entry.record_id)


class BillingTables:
    """The committed billing state of one memory store (guarded by the store's lock)."""

    def __init__(self) -> None:
        self.usage = UsageLog()
        self.bills = Table[Bill]("bill")
        self.bill_runs = Table[BillRun]("bill_run")
        self.partitions = Table[BillRunPartition]("bill_run_partition")
        self.profiles = Table[BillingProfile]("billing_profile")


class MemoryUsageRepository(UsageRepository):
    """One transaction's view of the usage log."""

    def __init__(self, log: UsageLog, lock: threading.Lock, check_open: Callable[[], None]) -> None:
        self._log, self._lock, self._check_open = log, lock, check_open
        self._staged: dict[str, UsageEntry] = {}

    def known(self, record_ids: Collection[str], /) -> frozenset[str]:
        """Which ids are stored (committed or written by this transaction)."""
        self._check_open()
        ids = _check_many(record_ids, _MANY)
        with self._lock:
            return frozenset(i for i in ids if i in self._log.entries or i in self._staged)

    def add_new(self, entries: Sequence[UsageEntry], /) -> None:
        """Stage the entries whose record id is unknown."""
        self._check_open()
        with self._lock:
            for entry in entries:
                if entry.record_id not in self._log.entries:
                    self._staged.setdefault(entry.record_id, entry)

    def _of(self, subscriber_id: str, cycle: BillingCycle) -> list[UsageEntry]:
        committed = self._log.by_owner.get((subscriber_id, str(cycle)), [])
        found = [self._log.entries[i] for i in committed]
        found += [
            e
            for e in self._staged.values()
            if e.subscriber_id == subscriber_id and e.cycle == cycle
        ]
        return found

    def totals(
        self, cycle: BillingCycle, subscriber_ids: Collection[str], /
    ) -> dict[str, UsageTotals]:
        """The totals of each subscriber with usage in ``cycle``."""
        self._check_open()
        ids = _check_many(subscriber_ids, 1000)
        with self._lock:
            owned = {sid: self._of(sid, cycle) for sid in ids}
        return {sid: UsageTotals.of_sums(_sums(found)) for sid, found in owned.items() if found}

    def records(
        self,
        subscriber_id: str,
        kinds: Collection[UsageKind],
        cycle: BillingCycle,
        page: PageRequest,
        /,
    ) -> Page[UsageEntry]:
        """One page of the subscriber's records of ``kinds`` in ``cycle``, by time then id."""
        self._check_open()
        wanted = set(kinds)
        with self._lock:
            found = [e for e in self._of(subscriber_id, cycle) if e.kind in wanted]
        found.sort(key=lambda e: (e.started_at, e.record_id))
        return Page(tuple(found[page.offset : page.offset + page.limit]), len(found), page)

    def commit(self) -> None:
        """Add the staged entries to the log; ids committed meanwhile are skipped (lock held)."""
        for entry in self._staged.values():
            self._log.put(entry)
        self._staged.clear()


def _sums(entries: Iterable[UsageEntry]) -> list[UsageSum]:
    return [
        UsageSum(
            e.kind,
            e.detail if e.kind is UsageKind.VALUE_ADDED else "",
            e.units,
            e.fee.fen if e.fee is not None else 0,
        )
        for e in entries
    ]


class _Versioned(Protocol):
    @property
    def id(self) -> str: ...

    version: int


_A = TypeVar("_A", bound=_Versioned)


class _Merged(MemoryRepository[_A]):
    """A repository that can list the merged view (committed + own writes) in any order."""

    def _merged(self, wanted: Callable[[_A], bool]) -> list[_A]:
        self._check_open()
        with self._lock:
            rows = {**self._table.rows, **{k: v for k, (_, v) in self._writes.items()}}
            return copy.deepcopy([row for row in rows.values() if wanted(row)])


class MemoryBillRepository(_Merged[Bill], BillRepository):
    """Bills in memory (F-QRY-3)."""

    def existing(self, bill_ids: Collection[str], /) -> frozenset[str]:
        """Which of these bills are stored."""
        ids = set(_check_many(bill_ids, 1000))
        return frozenset(bill.id for bill in self._merged(lambda b: b.id in ids))

    def add_many(self, bills: Sequence[Bill], /) -> None:
        """Add each new bill; checked before any is staged, so a refusal stages none."""
        self._check_open()
        items = list(bills)
        if len(items) > MAX_MANY:
            raise STORAGE_TOO_MANY.error(limit=MAX_MANY)
        for bill in items:
            if bill.version != 0:
                raise STORAGE_NOT_NEW.error(kind=self._table.kind, version=bill.version)
        ids = [bill.id for bill in items]
        with self._lock:
            taken = [i for i in ids if self._current(i) is not None]
        if taken or len(set(ids)) < len(ids):
            clash = taken[0] if taken else next(i for i in ids if ids.count(i) > 1)
            raise STORAGE_DUPLICATE.error(
                f"a {self._table.kind} with this id exists", kind=self._table.kind, id=clash
            )
        for bill in items:
            self.add(bill)

    def list_by_account(self, account_id: str, page: PageRequest, /) -> Page[Bill]:
        """The account's bills, newest cycle first."""
        if not isinstance(page, PageRequest):
            raise PAGE_REQUEST.error(f"expected a PageRequest, not {page!r}")
        bills = sorted(self._merged(lambda b: b.account_id == account_id), key=lambda b: b.cycle)
        bills.reverse()
        return Page(tuple(bills[page.offset : page.offset + page.limit]), len(bills), page)

    def unsettled_of_account(self, account_id: str, /) -> list[Bill]:
        """The account's unsettled bills, oldest cycle first."""
        found = self._merged(lambda b: b.account_id == account_id and b.settled_at is None)
        return sorted(found, key=lambda b: b.cycle)

    def unsettled_after(self, after_id: str | None, limit: int, /) -> list[Bill]:
        """Unsettled bills with an id above ``after_id``, by id."""
        if (
            isinstance(limit, bool)
            or not isinstance(limit, int)
            or not 1 <= limit <= MAX_PAGE_LIMIT
        ):
            raise PAGE_LIMIT.error(f"a limit is 1..{MAX_PAGE_LIMIT}, not {limit!r}")
        found = self._merged(
            lambda b: b.settled_at is None and (after_id is None or b.id > after_id)
        )
        return sorted(found, key=lambda b: b.id)[:limit]


class MemoryBillRunRepository(MemoryRepository[BillRun], BillRunRepository):
    """Bill runs in memory."""


class MemoryBillRunPartitionRepository(_Merged[BillRunPartition], BillRunPartitionRepository):
    """The partitions of split bill runs in memory (F-QRY-3)."""

    def of_cycle(self, cycle: BillingCycle, /) -> list[BillRunPartition]:
        """Every partition of the run of ``cycle``, by id."""
        return sorted(self._merged(lambda p: p.cycle == cycle), key=lambda p: p.id)


class MemoryBillingProfileRepository(_Merged[BillingProfile], BillingProfileRepository):
    """Billing profiles in memory (F-CAL-4, F-QRY-2)."""

    def find_many(self, subscriber_ids: Collection[str], /) -> dict[str, BillingProfile]:
        """The stored profiles among ``subscriber_ids``."""
        ids = set(_check_many(subscriber_ids, 1000))
        return {p.id: p for p in self._merged(lambda p: p.id in ids)}


class MemoryBilling:
    """One transaction's billing repositories over :class:`BillingTables`."""

    def __init__(
        self, tables: BillingTables, lock: threading.Lock, check_open: Callable[[], None]
    ) -> None:
        self.usage = MemoryUsageRepository(tables.usage, lock, check_open)
        self.bills = MemoryBillRepository(tables.bills, lock, check_open)
        self.bill_runs = MemoryBillRunRepository(tables.bill_runs, lock, check_open)
        self.billing_profiles = MemoryBillingProfileRepository(tables.profiles, lock, check_open)
        self.bill_run_partitions = MemoryBillRunPartitionRepository(
            tables.partitions, lock, check_open
        )

    def repositories(self) -> tuple[MemoryRepository[Any], ...]:
        """The aggregate repositories, in commit order."""
        return (self.bills, self.bill_runs, self.billing_profiles, self.bill_run_partitions)

    def commit(self) -> None:
        """Apply the usage log's staged entries (lock held, after the version checks)."""
        self.usage.commit()
