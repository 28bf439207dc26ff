"""The outbox of :class:`~unicom_core.memory.storage.MemoryStorage` (docs/explanation/hexagon.md).

The committed entries live in one :class:`OutboxTable`, guarded by the storage's lock. A
transaction's :class:`MemoryOutbox` works on copies of the rows it changes and applies them
when the transaction commits: ids are given at commit (so ``pending`` lists entries in
commit order), a mark never overwrites an entry another transaction marked sent meanwhile
(marked exactly once), and an entry claimed by an open transaction is held, so a concurrent
claim skips it (as ``FOR UPDATE SKIP LOCKED`` does on PostgreSQL).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final

import attrs

from unicom_core.domain.shared import OUTBOX_EVENT, DomainEvent
from unicom_core.ports.shared import Outbox, OutboxEntry, check_instant, check_outbox_limit

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable, Iterable, Iterator, Sequence

__all__ = ["LONG_AGO", "MemoryOutbox", "OutboxTable"]

LONG_AGO: Final = datetime(1970, 1, 1, tzinfo=UTC)
"""The sent instant of an entry marked without one: any purge removes it."""


@attrs.define(slots=True)
class _Row:
    event: DomainEvent
    attempts: int = 0
    next_attempt_at: datetime | None = None
    sent_at: datetime | None = None  # sent if and only if set

    def due(self, now: datetime | None) -> bool:
        if self.sent_at is not None:
            return False
        return now is None or self.next_attempt_at is None or self.next_attempt_at <= now


class OutboxTable:
    """Every committed entry by id, the next id, and the ids open claims hold (lock held)."""

    def __init__(self) -> None:
        self.rows: dict[int, _Row] = {}
        self.next_id = 1
        self.held: set[int] = set()


class MemoryOutbox(Outbox):
    """One transaction's view of the outbox: committed rows plus this transaction's changes."""

    def __init__(
        self, table: OutboxTable, lock: threading.Lock, check_open: Callable[[], None]
    ) -> None:
        self._table, self._lock, self._check_open = table, lock, check_open
        self.appended: list[DomainEvent] = []
        self._changed: dict[int, _Row] = {}
        self._base_attempts: dict[int, int] = {}
        self._purged: set[int] = set()
        self._claimed: set[int] = set()

    def append(self, event: DomainEvent, /) -> None:
        """Queue ``event``; it is pending once the transaction commits."""
        self._check_open()
        if not isinstance(event, DomainEvent):
            raise OUTBOX_EVENT.error(f"expected a DomainEvent, not {event!r}")
        self.appended.append(event)

    def append_many(self, events: Sequence[DomainEvent], /) -> None:
        """Queue ``events`` in order; a non-event among them queues none."""
        self._check_open()
        items = list(events)
        for event in items:
            if not isinstance(event, DomainEvent):
                raise OUTBOX_EVENT.error(f"expected a DomainEvent, not {event!r}")
        self.appended.extend(items)

    def pending(self, limit: int = 100, now: datetime | None = None, /) -> list[OutboxEntry]:
        """At most ``limit`` committed, unsent entries due at ``now``, oldest first."""
        limit = check_outbox_limit(limit)
        if now is not None:
            check_instant(now, "now")
        self._check_open()
        with self._lock:
            due = ((i, row) for i, row in self._rows() if row.due(now))
            return [OutboxEntry(i, row.event, row.attempts) for i, row in _first(due, limit)]

    def claim(self, limit: int, now: datetime, until: datetime, /) -> list[OutboxEntry]:
        """The due entries no open transaction holds, held and leased until ``until``."""
        limit = check_outbox_limit(limit)
        check_instant(now, "now")
        check_instant(until, "until")
        self._check_open()
        with self._lock:
            held = self._table.held - self._claimed
            free = ((i, r) for i, r in self._rows() if i not in held and r.due(now))
            chosen = _first(free, limit)
            for entry_id, _row in chosen:
                self._change(entry_id).next_attempt_at = until
                self._claimed.add(entry_id)
                self._table.held.add(entry_id)
            return [OutboxEntry(i, row.event, row.attempts) for i, row in chosen]

    def mark_sent(self, entry_ids: Iterable[int], at: datetime | None = None, /) -> int:
        """Mark unsent entries sent at ``at`` when the transaction commits; count them."""
        sent_at = LONG_AGO if at is None else check_instant(at, "at")
        self._check_open()
        wanted = set(entry_ids)
        with self._lock:
            marked = 0
            for entry_id, row in self._rows():
                if entry_id in wanted and row.sent_at is None:
                    self._change(entry_id).sent_at = sent_at
                    marked += 1
            return marked

    def mark_failed(self, entry_id: int, next_attempt_at: datetime, /) -> bool:
        """Count a failure of an unsent entry and set its next attempt; False if none."""
        check_instant(next_attempt_at, "next_attempt_at")
        self._check_open()
        with self._lock:
            row = self._row(entry_id)
            if row is None or row.sent_at is not None:
                return False
            changed = self._change(entry_id)
            changed.attempts += 1
            changed.next_attempt_at = next_attempt_at
            return True

    def purge_sent(self, before: datetime, limit: int, /) -> int:
        """Delete (at commit) at most ``limit`` entries sent before ``before``, oldest first."""
        check_instant(before, "before")
        limit = check_outbox_limit(limit)
        self._check_open()
        with self._lock:
            old = ((i, r) for i, r in self._rows() if r.sent_at is not None and r.sent_at < before)
            chosen = _first(old, limit)
            self._purged.update(entry_id for entry_id, _row in chosen)
            return len(chosen)

    def end(self, *, commit: bool) -> None:
        """Apply this transaction's changes if committing, release its claims (lock held)."""
        table = self._table
        if commit:
            for entry_id in self._purged:
                table.rows.pop(entry_id, None)
            for entry_id, row in self._changed.items():
                stored = table.rows.get(entry_id)
                if stored is None or stored.sent_at is not None:
                    continue  # purged or marked by another transaction: never twice
                stored.attempts += row.attempts - self._base_attempts[entry_id]
                stored.next_attempt_at = row.next_attempt_at
                stored.sent_at = row.sent_at
            for event in self.appended:
                table.rows[table.next_id] = _Row(event)
                table.next_id += 1
        table.held -= self._claimed
        self.appended.clear()
        self._changed.clear()
        self._base_attempts.clear()
        self._purged.clear()
        self._claimed.clear()

    def _rows(self) -> Iterator[tuple[int, _Row]]:
        """The committed rows as this transaction sees them, by id (lock held)."""
        for entry_id, row in self._table.rows.items():
            if entry_id not in self._purged:
                yield entry_id, self._changed.get(entry_id, row)

    def _row(self, entry_id: int) -> _Row | None:
        if entry_id in self._purged:
            return None
        return self._changed.get(entry_id, self._table.rows.get(entry_id))

    def _change(self, entry_id: int) -> _Row:
        """This transaction's copy of a committed row, made on first change (lock held)."""
        if entry_id not in self._changed:
            stored = self._table.rows[entry_id]
            self._changed[entry_id] = attrs.evolve(stored)
            self._base_attempts[entry_id] = stored.attempts
        return self._changed[entry_id]


def _first(items: Iterator[tuple[int, _Row]], limit: int) -> list[tuple[int, _Row]]:
    chosen: list[tuple[int, _Row]] = []
    for item in items:
        if len(chosen) == limit:
            break
        chosen.append(item)
    return chosen
