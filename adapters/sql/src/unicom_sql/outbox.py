"""The transactional outbox: domain events written in the same transaction as the state.

Each event is a row: a growing ``id`` (the relay's order), its registered ``event_type``
name, and its body written by the cattrs converter; it is read back through
:func:`unicom_core.domain.shared.events.event_class`. Why in the same transaction: an event is
published if and only if the change that caused it committed (docs/explanation/hexagon.md).

The relay's columns: ``attempts`` (failed publications), ``next_attempt_at_us`` (when a
failed or claimed entry is due again; 0 means at once) and ``sent_at_us`` (when it was
marked sent; the purge's clock), all UTC microseconds since the epoch. A claim selects due
rows ``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so concurrent relays take disjoint batches;
SQLite needs no lock clause, as its writers (``BEGIN IMMEDIATE``) run one at a time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import delete, false, insert, select, true, update

from unicom_core.domain.shared import OUTBOX_EVENT, DomainEvent, event_class
from unicom_core.ports.shared import Outbox, OutboxEntry, check_instant, check_outbox_limit
from unicom_core.serialization import structure, unstructure
from unicom_sql.bulk import bulk_insert
from unicom_sql.repositories import micros
from unicom_sql.schema import outbox

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import datetime

    from sqlalchemy import Select

    from unicom_sql._session import Session

__all__ = ["SqlOutbox"]

_APPEND: Final = bulk_insert(
    outbox, ("event_id", "event_type", "aggregate_id", "body"), if_absent=False, returning="id"
)
_LONG_AGO: Final = 0
"""The ``sent_at_us`` of an entry marked without an instant: any purge removes it."""


def _micros(instant: datetime, name: str) -> int:
    return micros(check_instant(instant, name))


class SqlOutbox(Outbox):
    """The outbox of one transaction, in table ``outbox``."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._own: set[int] = set()

    def append(self, event: DomainEvent, /) -> None:
        """Queue an event; it becomes pending when this transaction commits."""
        if not isinstance(event, DomainEvent):
            raise OUTBOX_EVENT.error(f"only domain events go to the outbox, not {event!r}")
        appended = self._session.execute(
            insert(outbox)
            .values(
                event_id=event.event_id,
                event_type=event.event_type,
                aggregate_id=event.aggregate_id,
                body=unstructure(event),
            )
            .returning(outbox.c.id)
        )
        # Our own appends are not committed yet, so not pending for anyone, us included.
        self._own.add(int(appended.scalar_one()))

    def append_many(self, events: Sequence[DomainEvent], /) -> None:
        """Queue events in order: one ``INSERT ... RETURNING`` of all of them (F-QRY-3).

        The rows go as one JSON parameter (:mod:`unicom_sql.bulk`), inserted in the order
        given, so their ids (the relay's order) follow the events.
        """
        rows = []
        for event in events:
            if not isinstance(event, DomainEvent):
                raise OUTBOX_EVENT.error(f"only domain events go to the outbox, not {event!r}")
            rows.append((event.event_id, event.event_type, event.aggregate_id, unstructure(event)))
        if rows:
            appended = self._session.execute(_APPEND, _APPEND.parameters(rows))
            self._own.update(int(entry_id) for entry_id in appended.scalars())

    def pending(self, limit: int = 100, now: datetime | None = None, /) -> Sequence[OutboxEntry]:
        """At most ``limit`` committed, unsent entries due at ``now``, oldest first."""
        limit = check_outbox_limit(limit)
        due = None if now is None else _micros(now, "now")
        return self._entries(self._due(limit, due))

    def claim(self, limit: int, now: datetime, until: datetime, /) -> Sequence[OutboxEntry]:
        """The due entries no open claim holds, their next attempt moved to ``until``."""
        limit = check_outbox_limit(limit)
        due, lease = _micros(now, "now"), _micros(until, "until")
        entries = self._entries(self._due(limit, due).with_for_update(skip_locked=True))
        if entries:
            chosen = outbox.c.id.in_([entry.id for entry in entries])
            self._session.execute(update(outbox).where(chosen).values(next_attempt_at_us=lease))
        return entries

    def mark_sent(self, entry_ids: Iterable[int], at: datetime | None = None, /) -> int:
        """Mark unsent entries sent at ``at``; return how many this call marked."""
        sent_at = _LONG_AGO if at is None else _micros(at, "at")
        ids = sorted(set(entry_ids))
        if not ids:
            self._session.check_open()
            return 0
        chosen = (outbox.c.id.in_(ids), outbox.c.id.not_in(self._own), outbox.c.sent == false())
        marked = self._session.execute(
            update(outbox).where(*chosen).values(sent=true(), sent_at_us=sent_at)
        )
        return int(marked.rowcount)

    def mark_failed(self, entry_id: int, next_attempt_at: datetime, /) -> bool:
        """Count a failure of an unsent entry and set its next attempt; False if none."""
        due = _micros(next_attempt_at, "next_attempt_at")
        chosen = (outbox.c.id == entry_id, outbox.c.id.not_in(self._own), outbox.c.sent == false())
        failed = self._session.execute(
            update(outbox)
            .where(*chosen)
            .values(attempts=outbox.c.attempts + 1, next_attempt_at_us=due)
        )
        return bool(failed.rowcount)

    def purge_sent(self, before: datetime, limit: int, /) -> int:
        """Delete at most ``limit`` entries sent before ``before``, oldest first."""
        cutoff = _micros(before, "before")
        limit = check_outbox_limit(limit)
        old = (
            select(outbox.c.id)
            .where(outbox.c.sent == true(), outbox.c.sent_at_us < cutoff)
            .order_by(outbox.c.id)
            .limit(limit)
        )
        ids = list(self._session.execute(old).scalars())
        if not ids:
            return 0
        return int(self._session.execute(delete(outbox).where(outbox.c.id.in_(ids))).rowcount)

    def _due(self, limit: int, due: int | None) -> Select[Any]:
        """Unsent, committed rows due at ``due`` (any, if None), by id."""
        conditions = [outbox.c.sent == false(), outbox.c.id.not_in(self._own)]
        if due is not None:
            conditions.append(outbox.c.next_attempt_at_us <= due)
        return (
            select(outbox.c.id, outbox.c.event_type, outbox.c.body, outbox.c.attempts)
            .where(*conditions)
            .order_by(outbox.c.id)
            .limit(limit)
        )

    def _entries(self, query: Select[Any]) -> list[OutboxEntry]:
        return [
            OutboxEntry(
                id=row.id,
                event=structure(row.body, event_class(row.event_type)),
                attempts=row.attempts,
            )
            for row in self._session.execute(query)
        ]
