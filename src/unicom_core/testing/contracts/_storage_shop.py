"""Storage contract: the shop's orders (F-SHOP-1).

An order reads back equal (lines, holder, history) under the same optimistic versions as
every other aggregate; a buyer's orders page newest first; the PLACED orders placed before
an instant come oldest first (the janitor's worklist) and leave it once paid; the courier's
tracking number finds its order.
"""

# A contract suite is tests shipped as a library: S101 (it asserts).
# ruff: noqa: S101

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.catalog import ProductKind
from unicom_core.domain.shared import SHANGHAI, Money, ResidentId, check_character
from unicom_core.domain.shop import DeliveryAddress, Holder, Order, OrderLine, OrderStatus
from unicom_core.errors import Conflict
from unicom_core.ports.shared import PageRequest
from unicom_core.testing.contracts._storage_base import FEW, SOME, StorageContractBase

__all__ = ["ShopStorageContract", "order_of"]

_START = datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
_FIRST17 = "44030419900307123"
_HOLDER = Holder("李四", ResidentId(_FIRST17 + check_character(_FIRST17)))
_ADDRESS = DeliveryAddress("李四", "18612340000", "北京市西城区金融大街21号")


def order_of(n: int, buyer: str = "s1", minutes: int = 0, *, number: bool = False) -> Order:
    """A PLACED order ``od-<n>`` of ``buyer``, placed ``minutes`` after the start."""
    at = _START + timedelta(minutes=minutes)
    lines = [
        OrderLine(
            kind=ProductKind.PHONE, code="phone-4g-basic", quantity=2, unit_price=Money(99900)
        )
    ]
    if number:
        lines.append(
            OrderLine(
                kind=ProductKind.NUMBER,
                code="gold",
                quantity=1,
                unit_price=Money(100000),
                number="18601238888",
                plan_code="4g-national-76",
                reservation_id="r1",
                reserved_until=at + timedelta(days=15),
            )
        )
    holder = _HOLDER if number else None
    return Order(f"od-{n}", buyer, "c1", lines, _ADDRESS, at, "digest", holder)


class ShopStorageContract(StorageContractBase):
    """What every storage does with the shop's orders."""

    @SOME
    @given(st.integers(0, 10_000), st.booleans())
    def test_an_order_reads_back_equal(self, minutes: int, with_number: bool) -> None:  # noqa: FBT001 - drawn
        """A stored order (its lines, holder, history) is read back equal, as version 1."""
        order = order_of(1, minutes=minutes, number=with_number)
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.orders.add(order)
            with storage.read() as tx:
                assert tx.orders.get(order.id) == order
            assert order.version == 1

    def test_a_stale_order_is_a_version_conflict(self) -> None:
        """Two copies of one order: the second save clashes."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.orders.add(order_of(1))
            with storage.read() as tx:
                first, second = tx.orders.get("od-1"), tx.orders.get("od-1")
            first.pay("pa_1", at=_START)
            second.cancel(at=_START, reason="buyer")
            with storage.transaction() as tx:
                tx.orders.save(first)
            with pytest.raises(Conflict) as raised, storage.transaction() as tx:
                tx.orders.save(second)
            assert raised.value.code == "storage.version_conflict"
            with storage.read() as tx:
                assert tx.orders.get("od-1").status is OrderStatus.PAID

    @FEW
    @given(st.lists(st.tuples(st.sampled_from(["s1", "s2"]), st.integers(0, 50)), max_size=8))
    def test_a_buyers_orders_come_newest_first(self, drawn: list[tuple[str, int]]) -> None:
        """A buyer's orders page newest ``placed_at`` first, then by id."""
        orders = [order_of(n, buyer, minutes) for n, (buyer, minutes) in enumerate(drawn)]
        with self.opened() as storage:
            with storage.transaction() as tx:
                for order in orders:
                    tx.orders.add(order)
            with storage.read() as tx:
                page = tx.orders.list_by_buyer("s1", PageRequest(0, 3))
            expected = sorted((o for o in orders if o.buyer_id == "s1"), key=lambda o: o.id)
            expected.sort(key=lambda o: o.placed_at, reverse=True)
            assert [o.id for o in page.items] == [o.id for o in expected][:3]
            assert page.total == len(expected)

    def test_placed_orders_before_an_instant_come_oldest_first(self) -> None:
        """The janitor's worklist: PLACED only, placed before the instant, oldest first."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                for n, minutes in enumerate([30, 10, 20, 40]):
                    tx.orders.add(order_of(n, minutes=minutes))
                paid = tx.orders.get("od-2")
                paid.pay("pa_2", at=_START)
                tx.orders.save(paid)
            with storage.read() as tx:
                due = tx.orders.placed_before(_START + timedelta(minutes=35), 10)
                assert [o.id for o in due] == ["od-1", "od-0"]
                assert [o.id for o in tx.orders.placed_before(_START, 10)] == []
                assert len(tx.orders.placed_before(_START + timedelta(hours=1), 1)) == 1

    def test_the_tracking_number_finds_its_order(self) -> None:
        """A shipped order is found by its tracking number; an unknown one finds nothing."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                order = order_of(1)
                order.pay("pa_1", at=_START)
                order.ship("SF0000000001", at=_START)
                tx.orders.add(order)
                tx.orders.add(order_of(2))
            with storage.read() as tx:
                found = tx.orders.find_by_tracking("SF0000000001")
                assert found is not None
                assert found.id == "od-1"
                assert found.status is OrderStatus.SHIPPED
                assert tx.orders.find_by_tracking("SF0000000002") is None
