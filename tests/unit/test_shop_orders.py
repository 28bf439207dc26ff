"""The shop's order: its lines and its state machine (F-SHOP-1, F-SHOP-2, F-NUM-3).

Expected moves come from the table in :mod:`unicom_core.domain.shop.orders`: placed -> paid ->
shipped -> delivered, or cancelled (from placed or paid) -> refunded (once paid only).
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.catalog import ProductKind
from unicom_core.domain.shared import SHANGHAI, Money, ResidentId, check_character
from unicom_core.domain.shop import (
    ACTIONS,
    DeliveryAddress,
    Holder,
    Order,
    OrderLine,
    OrderStatus,
)
from unicom_core.errors import Conflict, InvalidInput

AT = datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
_FIRST17 = "44030419900307123"
LI = ResidentId(_FIRST17 + check_character(_FIRST17))
ADDRESS = DeliveryAddress("李四", "18612340000", "北京市西城区金融大街21号")
PHONE = OrderLine(
    kind=ProductKind.PHONE, code="phone-4g-basic", quantity=2, unit_price=Money(99900)
)
NUMBER = OrderLine(
    kind=ProductKind.NUMBER,
    code="gold",
    quantity=1,
    unit_price=Money(100000),
    number="18601238888",
    plan_code="4g-national-76",
    reservation_id="r1",
    reserved_until=AT + timedelta(days=15),
)
LEGAL = {
    OrderStatus.PLACED: {"pay": OrderStatus.PAID, "cancel": OrderStatus.CANCELLED},
    OrderStatus.PAID: {"ship": OrderStatus.SHIPPED, "cancel": OrderStatus.CANCELLED},
    OrderStatus.SHIPPED: {"deliver": OrderStatus.DELIVERED},
    OrderStatus.CANCELLED: {"refund": OrderStatus.REFUNDED},
    OrderStatus.DELIVERED: {},
    OrderStatus.REFUNDED: {},
}


def order(*lines: OrderLine, holder: Holder | None = None) -> Order:
    return Order("od_1", "s1", "c1", lines or (PHONE,), ADDRESS, AT, "digest", holder)


def act(o: Order, action: str) -> None:
    at = AT + timedelta(hours=1)
    if action == "pay":
        o.pay("pa_1", at=at)
    elif action == "cancel":
        o.cancel(at=at, reason="buyer")
    elif action == "ship":
        o.ship("SF0000000001", at=at)
    elif action == "deliver":
        o.deliver(["sub1"], at=at)
    else:
        o.refund(at=at)


def test_f_shop_1_an_order_totals_its_lines_and_starts_placed():
    o = order(PHONE, NUMBER, holder=Holder("李四", LI))
    assert o.total == Money(99900 * 2 + 100000)
    assert o.status is OrderStatus.PLACED
    assert [c.status for c in o.history] == [OrderStatus.PLACED]
    assert o.number_lines == (NUMBER,)
    assert o.goods_lines == (PHONE,)


def test_f_shop_1_the_happy_path_records_every_move_with_its_instant():
    o = order()
    for action in ("pay", "ship", "deliver"):
        act(o, action)
    assert [c.status for c in o.history] == [
        OrderStatus.PLACED,
        OrderStatus.PAID,
        OrderStatus.SHIPPED,
        OrderStatus.DELIVERED,
    ]
    assert all(c.at.tzinfo is not None for c in o.history)
    assert o.tracking_id == "SF0000000001"
    assert o.payment_id == "pa_1"


def test_f_shop_1_a_cancelled_order_is_refunded_only_if_it_was_paid():
    unpaid = order()
    act(unpaid, "cancel")
    with pytest.raises(Conflict) as caught:
        act(unpaid, "refund")
    assert caught.value.code == "shop.transition"
    paid = order()
    act(paid, "pay")
    act(paid, "cancel")
    act(paid, "refund")
    assert paid.status is OrderStatus.REFUNDED


def test_f_shop_2_a_phone_card_names_its_holder():
    with pytest.raises(InvalidInput) as caught:
        order(NUMBER)
    assert caught.value.code == "shop.holder_required"
    assert "李" in repr(Holder("李四", LI))
    assert LI.value not in repr(Holder("李四", LI))


def test_f_num_3_a_number_appears_on_one_line_only():
    with pytest.raises(InvalidInput) as caught:
        order(NUMBER, NUMBER, holder=Holder("李四", LI))
    assert caught.value.code == "shop.lines"


@pytest.mark.parametrize("quantity", [0, 21, True])
def test_f_shop_1_a_quantity_is_1_to_20(quantity):
    with pytest.raises(InvalidInput):
        OrderLine(kind=ProductKind.PHONE, code="p", quantity=quantity, unit_price=Money(1))


def test_f_shop_1_a_goods_line_has_no_number():
    with pytest.raises(InvalidInput):
        OrderLine(kind=ProductKind.PHONE, code="p", quantity=1, unit_price=Money(1), number="1")


@given(st.lists(st.sampled_from(ACTIONS), max_size=8), st.sampled_from(ACTIONS))
def test_f_shop_1_an_illegal_move_is_typed_and_changes_nothing(path, action):
    """Property: after any path, a move the table forbids leaves the order as it was."""
    o = order()
    for step in path:
        if o.can(step):
            act(o, step)
    legal = action in LEGAL[o.status] and (action != "refund" or o.was_paid)
    before = copy.deepcopy(o)
    if legal:
        act(o, action)
        assert o.status is LEGAL[before.status][action]
        assert len(o.history) == len(before.history) + 1
    else:
        with pytest.raises(Conflict) as caught:
            act(o, action)
        assert caught.value.code == "shop.transition"
        assert o == before
