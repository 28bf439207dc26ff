"""The event publisher port: where the outbox relay delivers domain events.

The relay (:class:`unicom_core.usecases.shared.outbox_relay.OutboxRelay`) hands a publisher a batch
of outbox entries and learns, per entry, whether it was delivered. Adapters: the memory
publisher (:mod:`unicom_core.memory.events`, records what it got, can be told to fail) and
the logging publisher (:mod:`unicom_core.logging_events`, one structured log line per
event); a carrier plugs in its message broker behind the same port.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import attrs

if TYPE_CHECKING:
    from collections.abc import Sequence

    from unicom_core.ports.shared.outbox import OutboxEntry

__all__ = ["EventPublisher", "PublishOutcome"]


@attrs.frozen(slots=True)
class PublishOutcome:
    """What became of one entry: ``delivered``, or not and why (``reason``, a short code).

    ``reason`` is logged and reported: a stable code such as ``"broker.rejected"``, never
    the event's content.
    """

    entry_id: int
    delivered: bool
    reason: str = ""


class EventPublisher(Protocol):
    """Delivers domain events to the rest of the carrier (billing, CRM, monitoring).

    What a publisher must guarantee, and what it may assume:

    - **Delivery is at-least-once.** The relay marks an entry sent only after the publisher
      said it was delivered, in a transaction of its own; a relay killed in between, a lost
      answer or a lease that ran out publishes the same event again. Every receiver must
      therefore be **idempotent by** ``event.event_id`` (a uuid that never changes for one
      event): deduplicate on it, never on content or time.
    - **Delivered means durable.** Answer ``delivered=True`` only once the receiving side
      has the event (the broker acknowledged it); the entry is never offered again.
    - **Order is best effort.** A batch comes in outbox order (``entry.id``), but a failed
      entry is retried later, after newer ones: receivers needing order use
      ``event.occurred_at`` and the aggregate's own state.
    - **One outcome per entry.** An entry the answer leaves out counts as failed and is
      retried with back-off; raising an exception fails the whole batch the same way.
    - **No personal data out of place.** Events carry ids, amounts and codes, never resident
      ids, passwords or full card numbers (cards are masked in the domain); a publisher that
      logs must not log more than the event holds.
    """

    def publish(self, entries: Sequence[OutboxEntry], /) -> Sequence[PublishOutcome]:
        """Deliver ``entries`` (outbox order); return one outcome per entry, or raise."""
        ...
