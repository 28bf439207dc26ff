"""The shop's orders in SQL (F-SHOP-1).

An order is an aggregate row like every other (id, version, the cattrs body) with the
columns its queries filter and order on: the buyer, the status, when it was placed (UTC
microseconds, :func:`unicom_sql.repositories.micros`) and the courier's tracking number.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.shared import to_shanghai
from unicom_core.domain.shop import Order, OrderStatus
from unicom_core.ports.shared import Page, PageRequest, check_limit
from unicom_core.ports.shop import OrderRepository
from unicom_sql import schema
from unicom_sql.repositories import _Kind, _Listing, micros

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_sql._session import Session

__all__ = ["SqlOrderRepository", "SqlShopRepositories"]

_PLACED = OrderStatus.PLACED.value


def _order_keys(order: Order) -> dict[str, object]:
    return {
        "buyer_id": order.buyer_id,
        "status": order.status.value,
        "placed_at_us": micros(order.placed_at),
        "tracking_id": order.tracking_id,
    }


ORDERS = _Kind("order", schema.orders, Order, _order_keys)


class SqlOrderRepository(_Listing, OrderRepository):
    """Orders in table ``orders`` (F-SHOP-1)."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, ORDERS)

    def find_by_tracking(self, tracking_id: str, /) -> Order | None:
        """The order shipped under ``tracking_id``, or None."""
        found: Order | None = self._find_by(self._table.c.tracking_id == tracking_id)
        return found

    def list_by_buyer(self, buyer_id: str, page: PageRequest, /) -> Page[Order]:
        """The buyer's orders, newest first, then by id."""
        return self._newest_first(self._table.c.buyer_id == buyer_id, "placed_at_us", page)

    def placed_before(self, before: datetime, limit: int, /) -> list[Order]:
        """PLACED orders placed before ``before``, oldest first, then by id."""
        count, at = check_limit(limit), micros(to_shanghai(before, field="before"))
        t = self._table
        query = self._bodies(t.c.status == _PLACED, t.c.placed_at_us < at)
        return self._rows(query.order_by(t.c.placed_at_us, t.c.id).limit(count))


class SqlShopRepositories:
    """``tx.orders`` of a SQL unit of work (mixed into ``SqlUnitOfWork``)."""

    _session: Session
    _orders: SqlOrderRepository | None

    def _init_shop(self, _session: Session) -> None:
        self._orders = None  # built on first use

    @property
    def orders(self) -> SqlOrderRepository:
        """The shop's orders (F-SHOP-1)."""
        self._session.check_open()
        if self._orders is None:
            self._orders = SqlOrderRepository(self._session)
        return self._orders
