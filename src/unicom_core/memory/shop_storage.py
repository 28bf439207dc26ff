"""The shop's orders in memory (F-SHOP-1).

:class:`ShopTables` holds the committed orders inside a
:class:`~unicom_core.memory.storage.MemoryStorage`; :class:`MemoryShopRepositories` mixes
``tx.orders`` into the memory unit of work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.shared import to_shanghai
from unicom_core.domain.shop import Order, OrderStatus
from unicom_core.memory._repositories import MemoryRepository, Table
from unicom_core.ports.shared import Page, PageRequest, check_limit
from unicom_core.ports.shop import OrderRepository

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable
    from datetime import datetime

__all__ = ["MemoryOrderRepository", "MemoryShopRepositories", "ShopTables"]


class ShopTables:
    """The committed orders of one memory store (guarded by the store's lock)."""

    def __init__(self) -> None:
        self.orders = Table[Order]("order")


class MemoryOrderRepository(MemoryRepository[Order], OrderRepository):
    """Orders in memory (F-SHOP-1)."""

    def find_by_tracking(self, tracking_id: str, /) -> Order | None:
        """The order shipped under ``tracking_id``, or None."""
        found = self._merged(lambda o: o.tracking_id == tracking_id)
        return found[0] if found else None

    def list_by_buyer(self, buyer_id: str, page: PageRequest, /) -> Page[Order]:
        """The buyer's orders, newest first, then by id."""
        return self._newest_first(lambda o: o.buyer_id == buyer_id, lambda o: o.placed_at, page)

    def placed_before(self, before: datetime, limit: int, /) -> list[Order]:
        """PLACED orders placed before ``before``, oldest first, then by id."""
        count, at = check_limit(limit), to_shanghai(before, field="before")
        found = self._merged(lambda o: o.status is OrderStatus.PLACED and o.placed_at < at)
        return sorted(found, key=lambda o: (o.placed_at, o.id))[:count]


class MemoryShopRepositories:
    """``tx.orders`` of a memory unit of work (mixed into ``MemoryUnitOfWork``)."""

    _orders: MemoryOrderRepository

    def _check_open(self) -> None:
        raise NotImplementedError

    def _init_shop(
        self, tables: ShopTables, lock: threading.Lock, check_open: Callable[[], None]
    ) -> None:
        self._orders = MemoryOrderRepository(tables.orders, lock, check_open)

    @property
    def orders(self) -> MemoryOrderRepository:
        """The shop's orders (F-SHOP-1)."""
        self._check_open()
        return self._orders
