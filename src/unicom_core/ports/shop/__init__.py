"""What the shop needs from outside: its storage and the courier (F-SHOP-1..3)."""

from __future__ import annotations

from unicom_core.ports.shop.logistics import Logistics, ShipmentState, TrackingEvent
from unicom_core.ports.shop.storage import OrderRepository, ShopRepositories, ShopUnitOfWork

__all__ = [
    "Logistics",
    "OrderRepository",
    "ShipmentState",
    "ShopRepositories",
    "ShopUnitOfWork",
    "TrackingEvent",
]
