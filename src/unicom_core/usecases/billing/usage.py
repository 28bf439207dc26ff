"""Usage in: batches of usage records, idempotently by record id (F-QRY-2, F-CAL).

:meth:`UsageIntake.ingest` takes a batch and says which records it rejected and why (unknown
number, negative quantity, a time outside any open cycle, ...); :meth:`UsageIntake.drain`
does so for a whole feed.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.billing import BillRun, Rejection, RejectReason, UsageEntry, check_record
from unicom_core.domain.shared import BillingCycle, to_shanghai
from unicom_core.usecases.billing.lookups import OwnerCache, chunks
from unicom_core.usecases.shared import put, run

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import datetime

    from unicom_core.domain.billing import UsageRecord
    from unicom_core.ports.billing import BillingStorage, BillingUnitOfWork, UsageBatch, UsageFeed
    from unicom_core.ports.shared import Clock
    from unicom_core.usecases.billing.settings import BillingSettings

__all__ = ["IngestReport", "UsageIntake"]

_KNOWN_CHUNK = 10_000


@attrs.frozen(slots=True)
class IngestReport:
    """What became of a batch: records accepted, already known, and rejected with reasons."""

    batch_id: str
    accepted: int
    duplicates: int
    rejected: tuple[Rejection, ...]


class UsageIntake:
    """Usage records in, once each (``hall.billing.ingest`` and ``drain``)."""

    def __init__(self, storage: BillingStorage, clock: Clock, settings: BillingSettings) -> None:
        self._storage, self._clock, self._settings = storage, clock, settings
        self._rule = settings.retry_rule
        self._owners = OwnerCache()

    def ingest(self, batch: UsageBatch) -> IngestReport:
        """Ingest a batch once by record id; a replayed batch changes nothing (F-QRY-2)."""
        return run(
            self._storage, self._clock, lambda tx, now: self._ingest(tx, now, batch), self._rule
        )

    def ingest_in(self, tx: BillingUnitOfWork, now: datetime, batch: UsageBatch) -> IngestReport:
        """Ingest ``batch`` in the caller's transaction (an operator's posted record, F-QRY-2)."""
        return self._ingest(tx, now, batch)

    def drain(self, feed: UsageFeed, *, max_batches: int = 1000) -> tuple[IngestReport, ...]:
        """Ingest and acknowledge the feed's pending batches, at most ``max_batches``."""
        reports: list[IngestReport] = []
        while len(reports) < max_batches:
            pending = feed.pending(min(10, max_batches - len(reports)))
            if not pending:
                break
            for batch in pending:
                reports.append(self.ingest(batch))
                feed.acknowledge(batch.batch_id)
        return tuple(reports)

    def _ingest(self, tx: BillingUnitOfWork, now: datetime, batch: UsageBatch) -> IngestReport:
        rejected: list[tuple[int, Rejection]] = []
        fresh: dict[str, tuple[int, UsageRecord]] = {}
        duplicates = 0
        for index, record in enumerate(batch.records):
            problem = check_record(record)
            if problem is not None:
                rejected.append((index, problem))
            elif record.record_id in fresh:
                duplicates += 1
            else:
                fresh[record.record_id] = (index, record)
        ids = list(fresh)
        for chunk in chunks(ids, _KNOWN_CHUNK):
            for known in tx.usage.known(chunk):
                del fresh[known]
                duplicates += 1
        entries = self._entries(tx, now, fresh.values(), rejected)
        tx.usage.add_new(entries)
        self._count_usage(tx, entries)
        rejected.sort(key=lambda item: item[0])
        return IngestReport(batch.batch_id, len(entries), duplicates, tuple(r for _, r in rejected))

    def _entries(
        self,
        tx: BillingUnitOfWork,
        now: datetime,
        records: Iterable[tuple[int, UsageRecord]],
        rejected: list[tuple[int, Rejection]],
    ) -> list[UsageEntry]:
        current = BillingCycle.containing(now)
        earliest = current.shifted(1 - self._settings.open_months)
        cycles: dict[tuple[int, int], BillingCycle | None] = {}  # None: not open
        listed = list(records)
        owners = self._owners.resolve_many(tx, (record.number for _, record in listed))
        entries = []
        for index, record in listed:
            owner = owners[record.number]
            local = to_shanghai(record.started_at)
            key = (local.year, local.month)
            if key not in cycles:
                cycle = BillingCycle(*key)
                usable = earliest <= cycle <= current and self._open(tx, cycle)
                cycles[key] = cycle if usable else None
            if owner is None:
                reason, why = RejectReason.UNKNOWN_NUMBER, f"no subscriber holds {record.number}"
            elif cycles[key] is None:
                reason, why = RejectReason.OUTSIDE_OPEN_CYCLE, f"{key[0]}-{key[1]:02d} is closed"
            else:
                entries.append(UsageEntry.accept(record, *owner, cycle=cycles[key]))
                continue
            rejected.append((index, Rejection(record.record_id, reason, why)))
        return entries

    @staticmethod
    def _open(tx: BillingUnitOfWork, cycle: BillingCycle) -> bool:
        found = tx.bill_runs.find(str(cycle))
        return found is None or found.is_open

    @staticmethod
    def _count_usage(tx: BillingUnitOfWork, entries: Sequence[UsageEntry]) -> None:
        """Count the entries on their cycles' runs: this serialises them with a run's start.

        Counted by the identity of the cycle objects (a batch's entries share a few), then
        merged by value: hashing a ``BillingCycle`` per entry cost more than the rest.
        """
        shared = {id(entry.cycle): entry.cycle for entry in entries}
        counts: Counter[BillingCycle] = Counter()
        for key, count in Counter(id(entry.cycle) for entry in entries).items():
            counts[shared[key]] += count
        for cycle, count in counts.items():
            bill_run = tx.bill_runs.find(str(cycle)) or BillRun.of(cycle)
            bill_run.accept_usage(count)
            put(tx.bill_runs, bill_run)
