"""A courier in memory: books shipments and reports the moves a test drives (F-SHOP-1, 3).

:meth:`MemoryLogistics.ship` answers ``SF`` and ten digits, the same for the same order;
:meth:`MemoryLogistics.advance` records a move of a shipment (a test plays the courier).
Thread-safe.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from unicom_core.domain.shop import SHOP_UNKNOWN_TRACKING
from unicom_core.ports.shop import Logistics, ShipmentState, TrackingEvent

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.shop import Order

__all__ = ["MemoryLogistics"]


class MemoryLogistics(Logistics):
    """The logistics port in memory (module docstring)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_order: dict[str, str] = {}
        self._moves: dict[str, list[TrackingEvent]] = {}

    def ship(self, order: Order, /) -> str:
        """Book a shipment for ``order`` (BOOKED at its placing instant); its tracking number."""
        with self._lock:
            tracking = self._by_order.get(order.id)
            if tracking is None:
                tracking = f"SF{len(self._by_order) + 1:010d}"
                self._by_order[order.id] = tracking
                self._moves[tracking] = [TrackingEvent(ShipmentState.BOOKED, order.placed_at)]
            return tracking

    def status(self, tracking_id: str, /) -> tuple[TrackingEvent, ...]:
        """The shipment's moves so far, oldest first."""
        with self._lock:
            moves = self._moves.get(tracking_id)
            if moves is None:
                raise SHOP_UNKNOWN_TRACKING.error()
            return tuple(moves)

    def advance(
        self, tracking_id: str, state: ShipmentState, at: datetime, place: str = ""
    ) -> None:
        """Record a move of the shipment (the test plays the courier)."""
        with self._lock:
            moves = self._moves.get(tracking_id)
            if moves is None:
                raise SHOP_UNKNOWN_TRACKING.error()
            moves.append(TrackingEvent(state, at, place))
