"""The logistics port: hand an order to a courier, follow its shipment (F-SHOP-1, F-SHOP-3).

:meth:`Logistics.ship` books the courier for a paid order and answers its tracking number;
it is idempotent per order id (asked again for the same order, it answers the same number),
so a crash between the booking and the transaction that records it books nothing twice.
:meth:`Logistics.status` answers the shipment's moves so far, oldest first.

The courier's confirmation of a delivery is not an answer of this port: the courier's
device calls the shop's use case with the tracking number and the ID number the recipient
shows (:meth:`unicom_core.usecases.shop.ShopService.confirm_delivery`).

Error codes: an adapter that cannot reach the courier raises ``AdapterError`` (its own
code); an unknown tracking number is ``shop.unknown_tracking`` (NotFound).
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

import attrs

if TYPE_CHECKING:
    from unicom_core.domain.shop import Order

__all__ = ["Logistics", "ShipmentState", "TrackingEvent"]


class ShipmentState(enum.Enum):
    """Where a shipment stands, as the courier reports it."""

    BOOKED = "booked"
    IN_TRANSIT = "in_transit"
    OUT_FOR_DELIVERY = "out_for_delivery"
    DELIVERED = "delivered"
    RETURNED = "returned"


@attrs.frozen(slots=True)
class TrackingEvent:
    """One move of a shipment: its state from ``at``, and where (free text)."""

    state: ShipmentState
    at: datetime
    place: str = ""


class Logistics(Protocol):
    """The courier (module docstring)."""

    def ship(self, order: Order, /) -> str:
        """Book the courier for ``order``; its tracking number (the same for the same order)."""
        ...

    def status(self, tracking_id: str, /) -> tuple[TrackingEvent, ...]:
        """The shipment's moves so far, oldest first (``shop.unknown_tracking`` if none)."""
        ...
