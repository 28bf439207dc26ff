"""The memory event publisher: records every delivery and fails on demand (tests, demo).

It is what :func:`unicom_core.bootstrap.bootstrap` wires into ``hall.relay`` by default:
nothing leaves the process, and a test reads :attr:`MemoryEventPublisher.published` to see
what the relay delivered, duplicates included (delivery is at-least-once).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from unicom_core.domain.shared import EVENTS_FAIL_BATCHES, EVENTS_UNAVAILABLE
from unicom_core.ports.shared import EventPublisher, PublishOutcome

if TYPE_CHECKING:
    from collections.abc import Sequence

    from unicom_core.domain.shared import DomainEvent
    from unicom_core.ports.shared import OutboxEntry

__all__ = ["MemoryEventPublisher"]


class MemoryEventPublisher(EventPublisher):
    """Delivers into a list; refuses chosen events, or fails whole batches, when told to.

    Thread-safe. :meth:`refuse` makes the events with those ids fail (outcome reason
    ``memory.refused``) until :meth:`accept`; :meth:`fail_batches` makes the next ``n``
    calls raise :class:`~unicom_core.errors.AdapterError` ``events.unavailable``.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._published: list[DomainEvent] = []
        self._refused: set[str] = set()
        self._failing_batches = 0
        self.calls = 0
        """How many times :meth:`publish` was called, failing calls included."""

    @property
    def published(self) -> list[DomainEvent]:
        """Every event delivered so far, in delivery order, repeats included (a copy)."""
        with self._lock:
            return list(self._published)

    def refuse(self, *event_ids: str) -> None:
        """Fail the events with these ``event_id`` until :meth:`accept` is called for them."""
        with self._lock:
            self._refused.update(event_ids)

    def accept(self, *event_ids: str) -> None:
        """Deliver these events again (all refused ones when called without ids)."""
        with self._lock:
            if event_ids:
                self._refused.difference_update(event_ids)
            else:
                self._refused.clear()

    def fail_batches(self, n: int) -> None:
        """Make the next ``n`` calls of :meth:`publish` raise (``n`` >= 0)."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 0:
            raise EVENTS_FAIL_BATCHES.error(f"n is an integer >= 0, not {n!r}")
        with self._lock:
            self._failing_batches = n

    def publish(self, entries: Sequence[OutboxEntry], /) -> list[PublishOutcome]:
        """Record each entry's event unless refused; raise if a batch failure is due."""
        with self._lock:
            self.calls += 1
            if self._failing_batches:
                self._failing_batches -= 1
                raise EVENTS_UNAVAILABLE.error()
            outcomes: list[PublishOutcome] = []
            for entry in entries:
                if entry.event.event_id in self._refused:
                    outcomes.append(
                        PublishOutcome(entry.id, delivered=False, reason="memory.refused")
                    )
                    continue
                self._published.append(entry.event)
                outcomes.append(PublishOutcome(entry.id, delivered=True))
            return outcomes
