"""The storage the shop needs: orders (F-SHOP-1..3), beside every area below it.

Part of the storage port (:class:`~unicom_core.ports.storage.UnitOfWork` offers these
repositories). The courier's confirmation finds an order by its tracking number (the
courier's numbers are unique; the store indexes them); orders are listed per buyer,
newest first, and the janitor walks the PLACED orders oldest first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from unicom_core.domain.shop import Order
from unicom_core.ports.access import AccessRepositories
from unicom_core.ports.handling import HandlingUnitOfWork
from unicom_core.ports.shared import Repository

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from unicom_core.ports.shared import Page, PageRequest

__all__ = ["OrderRepository", "ShopRepositories", "ShopUnitOfWork"]


class OrderRepository(Repository[Order, str], Protocol):
    """Orders by id (F-SHOP-1)."""

    def find_by_tracking(self, tracking_id: str, /) -> Order | None:
        """The order shipped under ``tracking_id``, or None."""
        ...

    def list_by_buyer(self, buyer_id: str, page: PageRequest, /) -> Page[Order]:
        """The buyer's orders, newest ``placed_at`` first, then by id."""
        ...

    def placed_before(self, before: datetime, limit: int, /) -> Sequence[Order]:
        """At most ``limit`` (1..500) PLACED orders placed before ``before``, oldest first."""
        ...


class ShopRepositories(Protocol):
    """The repositories of the shop area, as a unit of work offers them."""

    @property
    def orders(self) -> OrderRepository:
        """The orders."""
        ...


class ShopUnitOfWork(HandlingUnitOfWork, AccessRepositories, ShopRepositories, Protocol):
    """What one transaction offers the shop's use cases: every area's repositories."""
