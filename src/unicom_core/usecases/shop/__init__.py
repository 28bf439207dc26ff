"""The shop's use cases (F-SHOP-1..3, F-NUM-3): ``hall.shop``, its settings and order items."""

from __future__ import annotations

from unicom_core.usecases.shop.delivery import Delivery
from unicom_core.usecases.shop.holds import MAX_STOCK, available, id_slots_key
from unicom_core.usecases.shop.placing import (
    GOODS,
    GoodsItem,
    NumberItem,
    Placement,
    ShopStorage,
    order_id_of,
)
from unicom_core.usecases.shop.service import (
    HANDLE_NUMBER_PURCHASE,
    HANDLE_ORDER,
    QUERY_ORDERS,
    ShopPayment,
    ShopProduct,
    ShopService,
)
from unicom_core.usecases.shop.settings import ShopSettings

__all__ = [
    "GOODS",
    "HANDLE_NUMBER_PURCHASE",
    "HANDLE_ORDER",
    "MAX_STOCK",
    "QUERY_ORDERS",
    "Delivery",
    "GoodsItem",
    "NumberItem",
    "Placement",
    "ShopPayment",
    "ShopProduct",
    "ShopService",
    "ShopSettings",
    "ShopStorage",
    "available",
    "id_slots_key",
    "order_id_of",
]
