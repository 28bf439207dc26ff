"""The transactional outbox: domain events written in the same transaction as the state.

Each event is a row: a growing ``id`` (the relay's order), its registered ``event_type``
name, and its body written by the cattrs converter; it is read back through
:func:`unicom_core.domain.events.event_class`. Why in the same transaction: an event is
published if and only if the change that caused it committed (ARCHITECTURE.md section 5).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from sqlalchemy import false, insert, select, true, update

from unicom_core.domain.events import DomainEvent, event_class
from unicom_core.errors import InvalidInput
from unicom_core.ports.storage import MAX_PAGE_LIMIT, Outbox, OutboxEntry
from unicom_core.serialization import structure, unstructure
from unicom_sql.schema import outbox

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from unicom_sql._session import Session

__all__ = ["SqlOutbox"]

_MAX_PENDING: Final = MAX_PAGE_LIMIT


class SqlOutbox(Outbox):
    """The outbox of one transaction, in table ``outbox``."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._own: set[int] = set()

    def append(self, event: DomainEvent, /) -> None:
        """Queue an event; it becomes pending when this transaction commits."""
        if not isinstance(event, DomainEvent):
            raise InvalidInput(
                "outbox.event", f"only domain events go to the outbox, not {event!r}"
            )
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

    def pending(self, limit: int = 100, /) -> Sequence[OutboxEntry]:
        """At most ``limit`` committed, unsent entries, oldest first."""
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= _MAX_PENDING:
            raise InvalidInput(
                "outbox.limit", f"a limit is an integer in 1..{_MAX_PENDING}, not {limit!r}"
            )
        rows = self._session.execute(
            select(outbox.c.id, outbox.c.event_type, outbox.c.body)
            .where(outbox.c.sent == false(), outbox.c.id.not_in(self._own))
            .order_by(outbox.c.id)
            .limit(limit)
        )
        return tuple(
            OutboxEntry(id=row.id, event=structure(row.body, event_class(row.event_type)))
            for row in rows
        )

    def mark_sent(self, entry_ids: Iterable[int], /) -> None:
        """Mark entries as published; unknown, already-sent or own new ids are ignored."""
        ids = sorted(set(entry_ids))
        if ids:
            chosen = (outbox.c.id.in_(ids), outbox.c.id.not_in(self._own))
            self._session.execute(update(outbox).where(*chosen).values(sent=true()))
