"""The shop: orders of goods and of numbers with a plan, paid, shipped, signed for (F-SHOP-1..3)."""

from __future__ import annotations

from unicom_core.domain.shop import codes
from unicom_core.domain.shop.codes import *  # noqa: F403 - the area's error codes, declared once there
from unicom_core.domain.shop.orders import (
    ACTIONS,
    MAX_LINES,
    MAX_QUANTITY,
    DeliveryAddress,
    Holder,
    Order,
    OrderLine,
    OrderStatus,
    OrderStatusChanged,
    StatusChange,
)

__all__ = [
    "ACTIONS",
    "MAX_LINES",
    "MAX_QUANTITY",
    "DeliveryAddress",
    "Holder",
    "Order",
    "OrderLine",
    "OrderStatus",
    "OrderStatusChanged",
    "StatusChange",
]
__all__ += codes.__all__
