"""The transactional outbox port: events saved with the state that caused them.

Re-exported by :mod:`unicom_core.ports.storage` (``tx.outbox`` of every unit of work) and
documented there; why an outbox: ``docs/explanation/hexagon.md``. An entry goes through
three states:

- **pending**: appended by a use case, not yet published. It is *due* when its next attempt
  instant is unset (never tried) or not after ``now``; :meth:`Outbox.pending` and
  :meth:`Outbox.claim` return due entries only.
- **failed, waiting**: a publication failed; :meth:`Outbox.mark_failed` counted the attempt
  and set the instant of the next one (the relay's exponential back-off).
- **sent**: published; :meth:`Outbox.mark_sent` recorded the instant once and for all (a
  second mark changes nothing and counts nothing). :meth:`Outbox.purge_sent` deletes sent
  entries older than the retention period, a bounded batch at a time.

A relay (:class:`unicom_core.usecases.shared.outbox_relay.OutboxRelay`) claims due entries in one
transaction, publishes them outside any transaction, then marks them in another. The claim
moves their next attempt to the end of a lease, so a second relay does not publish them
meanwhile; a relay that dies before marking leaves them to be claimed again when the lease
runs out (at-least-once). Error codes: ``outbox.limit`` (InvalidInput: a limit outside
1..500), ``outbox.event`` (InvalidInput: not a domain event), ``outbox.instant``
(InvalidInput: a naive datetime).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol

import attrs

from unicom_core.domain.shared import OUTBOX_INSTANT, OUTBOX_LIMIT, DomainEvent

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["MAX_OUTBOX_LIMIT", "Outbox", "OutboxEntry", "check_instant", "check_outbox_limit"]

MAX_OUTBOX_LIMIT = 500
"""The largest batch :meth:`Outbox.pending`, :meth:`Outbox.claim` and purges handle."""


def check_outbox_limit(value: object) -> int:
    """Return ``value`` if it is a batch size (1..500); ``InvalidInput`` ``outbox.limit`` if not."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_OUTBOX_LIMIT:
        raise OUTBOX_LIMIT.error(f"a limit is an integer in 1..{MAX_OUTBOX_LIMIT}, not {value!r}")
    return value


def check_instant(value: object, name: str) -> datetime:
    """Return ``value`` if it is an aware datetime; ``InvalidInput`` ``outbox.instant`` if not."""
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise OUTBOX_INSTANT.error(f"{name} is an aware datetime, not {value!r}", field=name)
    return value


@attrs.frozen(slots=True)
class OutboxEntry:
    """An event waiting in the outbox; ``id`` grows with each append (the relay's order).

    ``attempts`` counts the failed publications so far (0 for an entry never tried or
    never failed); the relay's back-off grows with it.
    """

    id: int
    event: DomainEvent
    attempts: int = 0


class Outbox(Protocol):
    """The transactional outbox: events saved with the state that caused them.

    All instants are aware datetimes (``outbox.instant`` otherwise) taken from the clock port
    by the caller; the outbox never reads a clock of its own.
    """

    def append(self, event: DomainEvent, /) -> None:
        """Queue an event; it becomes pending when this transaction commits."""
        ...

    def append_many(self, events: Sequence[DomainEvent], /) -> None:
        """Queue events in order, as :meth:`append` each would, in one statement.

        Every item is checked first (``outbox.event``), so a bad one queues nothing.
        """
        ...

    def pending(self, limit: int = 100, now: datetime | None = None, /) -> Sequence[OutboxEntry]:
        """At most ``limit`` (1..500) unsent entries due at ``now``, smallest id first.

        Due: never failed, or their next attempt is not after ``now``. Without ``now`` every
        unsent entry is listed, due or not. Read-only: it claims nothing.
        """
        ...

    def claim(self, limit: int, now: datetime, until: datetime, /) -> Sequence[OutboxEntry]:
        """The entries :meth:`pending` would list, their next attempt moved to ``until``.

        A lease: no other claim returns them before ``until`` (once this transaction
        commits), so relays running at once publish disjoint batches as long as each
        finishes within its lease. Concurrent claims never return the same entry: PostgreSQL
        skips rows another open claim holds (``FOR UPDATE SKIP LOCKED``), SQLite runs
        writers one at a time, memory holds claimed ids until the transaction ends.
        """
        ...

    def mark_sent(self, entry_ids: Iterable[int], at: datetime | None = None, /) -> int:
        """Mark entries published at ``at``; return how many were unsent until now.

        Idempotent: ids already sent or unknown are ignored, and an entry's sent instant is
        written once. Without ``at`` the instant is unknown and counts as long ago (the
        next purge removes the entry).
        """
        ...

    def mark_failed(self, entry_id: int, next_attempt_at: datetime, /) -> bool:
        """Count a failed publication and make the entry due again at ``next_attempt_at``.

        Returns False (and changes nothing) for an unknown or already-sent entry.
        """
        ...

    def purge_sent(self, before: datetime, limit: int, /) -> int:
        """Delete at most ``limit`` (1..500) entries sent before ``before``; return how many.

        Pending and failed entries are never deleted, whatever their age.
        """
        ...
