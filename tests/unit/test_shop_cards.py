"""Recharge cards as order lines of the shop (F-SHOP-1, F-PAY-1), on memory ports.

Expected values come from the rules: a card line reserves cards of its face value from the
ONLINE card stock of the payments area (never more than there are); paying sells them and an
order of only cards is delivered at once (nothing to ship); the buyer sees the secrets on the
order once paid; cancelling before payment puts the cards back; a paid order with cards is
never cancelled (``shop.cards_sold``: a shown secret cannot be taken back).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unicom_core.domain.catalog import ProductKind
from unicom_core.domain.payments import BatchKind, PaymentOutcome, PaymentStatus
from unicom_core.domain.shared import Money
from unicom_core.domain.shop import OrderLine, OrderStatus
from unicom_core.errors import Conflict, InvalidInput, NotFound, Refused
from unicom_core.memory.payment_gateway import MemoryPaymentGateway
from unicom_core.ports.payments import GatewayResult
from unicom_core.testing.worlds.shop import ADDRESS, ShopWorld
from unicom_core.usecases.shop import GoodsItem

CARD = "recharge-card-50"
PHONE = "phone-4g-basic"


@pytest.fixture
def shop():
    world = ShopWorld()
    world.hall.recharge_cards.issue_batch(CARD, 3, kind=BatchKind.ONLINE)
    world.hall.shop.restock(PHONE, 1)
    return world


def in_stock(shop, code=CARD):
    return {p.product.code: p.in_stock for p in shop.hall.shop.products()}[code]


def place(shop, token, *items, request_id="req-cards-01"):
    return shop.hall.shop.place(token, list(items), address=ADDRESS, request_id=request_id)


def test_f_shop_1_a_card_line_names_its_face_value_and_only_it_does():
    line = OrderLine(
        kind=ProductKind.RECHARGE_CARD,
        code=CARD,
        quantity=2,
        unit_price=Money(5000),
        face_value=Money(5000),
    )
    assert line.is_card
    assert line.amount == Money(10000)
    for kind, face in ((ProductKind.RECHARGE_CARD, None), (ProductKind.PHONE, Money(5000))):
        with pytest.raises(InvalidInput) as caught:
            OrderLine(kind=kind, code=CARD, quantity=1, unit_price=Money(5000), face_value=face)
        assert caught.value.code == "shop.order"


def test_f_shop_1_products_show_the_online_cards_in_stock(shop):
    assert in_stock(shop) == 3
    shop.hall.recharge_cards.issue_batch(CARD, 2)  # printed: sold by the printer, not here
    assert in_stock(shop) == 3
    assert in_stock(shop, "recharge-card-100") == 0


def test_f_shop_1_placing_reserves_cards_and_a_cancel_puts_them_back(shop):
    token = shop.buyer()
    order = place(shop, token, GoodsItem(CARD, 2))
    assert order.status is OrderStatus.PLACED
    assert order.total == Money(5000 * 2)  # no campaign on 2016-05-17: the face value
    assert in_stock(shop) == 1
    with pytest.raises(Conflict) as caught:
        place(shop, token, GoodsItem(CARD, 2), request_id="req-cards-02")
    assert caught.value.code == "shop.out_of_stock"
    assert in_stock(shop) == 1  # the refused order took nothing
    assert shop.hall.shop.cancel(token, order.id).status is OrderStatus.CANCELLED
    assert in_stock(shop) == 3


def test_f_shop_1_an_order_of_only_cards_is_delivered_when_paid_and_shows_its_secrets(shop):
    token = shop.buyer()
    order = place(shop, token, GoodsItem(CARD, 2))
    with pytest.raises(Refused) as caught:
        shop.hall.shop.card_secrets(token, order.id)
    assert caught.value.code == "recharge_card.not_paid"
    paid = shop.hall.shop.pay(token, order.id, idempotency_key="pay-cards-01")
    assert paid.payment.status is PaymentStatus.SUCCEEDED
    assert paid.order.status is OrderStatus.DELIVERED
    assert [c.status for c in paid.order.history] == [
        OrderStatus.PLACED,
        OrderStatus.PAID,
        OrderStatus.DELIVERED,
    ]
    assert paid.order.history[-1].note == "electronic"
    first = shop.hall.shop.card_secrets(token, order.id)
    again = shop.hall.shop.card_secrets(token, order.id)  # a lost page costs nothing
    assert [c.face_value for c in again] == [Money(5000), Money(5000)]
    with pytest.raises(Refused):
        shop.hall.recharge_cards.redeem(token, first[0].secret)  # void: shown again since
    shop.hall.recharge_cards.redeem(token, again[0].secret)
    assert len(shop.hall.shop.card_secrets(token, order.id)) == 1  # the redeemed one is gone
    assert in_stock(shop) == 1
    with pytest.raises(Conflict) as cancel:
        shop.hall.shop.cancel(token, order.id)
    assert cancel.value.code == "shop.transition"


def test_f_shop_1_a_paid_order_with_cards_is_never_cancelled(shop):
    token = shop.buyer()
    order = place(shop, token, GoodsItem(PHONE), GoodsItem(CARD, 1))
    paid = shop.hall.shop.pay(token, order.id, idempotency_key="pay-mixed-01")
    assert paid.order.status is OrderStatus.PAID  # the phone is still to ship
    with pytest.raises(Refused) as caught:
        shop.hall.shop.cancel(token, order.id)
    assert caught.value.code == "shop.cards_sold"
    assert shop.hall.shop.order(token, order.id).status is OrderStatus.PAID
    assert len(shop.hall.shop.card_secrets(token, order.id)) == 1
    shipped = shop.hall.shop.ship(order.id)
    delivered = shop.hall.shop.confirm_delivery(str(shipped.tracking_id))
    assert delivered.status is OrderStatus.DELIVERED


def test_f_shop_1_another_buyer_never_sees_the_secrets(shop):
    token, other = shop.buyer(), shop.buyer()
    order = place(shop, token, GoodsItem(CARD, 1))
    shop.hall.shop.pay(token, order.id, idempotency_key="pay-cards-02")
    with pytest.raises(NotFound) as caught:
        shop.hall.shop.card_secrets(other, order.id)
    assert caught.value.code == "shop.unknown_order"


@settings(max_examples=20, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["order", "cancel", "pay"]), st.integers(1, 3))))
def test_f_shop_1_cards_are_never_oversold(steps):
    """Property: cards in stock == issued - held by open or sold orders, never below zero."""
    world = ShopWorld()
    world.hall.recharge_cards.issue_batch(CARD, 4, kind=BatchKind.ONLINE)
    token, held, placed = world.buyer(), 0, []
    for n, (step, quantity) in enumerate(steps):
        if step == "order":
            try:
                order = place(
                    world, token, GoodsItem(CARD, quantity), request_id=f"req-prop-{n:03d}"
                )
            except Conflict:
                assert quantity > 4 - held
                continue
            held += quantity
            placed.append((order, quantity))
        elif placed:
            order, count = placed.pop()
            if step == "cancel":
                world.hall.shop.cancel(token, order.id)
                held -= count
            else:
                world.hall.shop.pay(token, order.id, idempotency_key=f"pay-prop-{n:03d}")
        assert in_stock(world) == 4 - held >= 0


class Declining(MemoryPaymentGateway):
    """A gateway that declines every charge."""

    def charge(self, request, /):
        return GatewayResult(
            idempotency_key=request.idempotency_key,
            outcome=PaymentOutcome.FAILED,
            reason="declined",
        )


def test_f_shop_1_a_declined_payment_puts_the_cards_back():
    world = ShopWorld(gateway=Declining())
    world.hall.recharge_cards.issue_batch(CARD, 2, kind=BatchKind.ONLINE)
    token = world.buyer()
    order = place(world, token, GoodsItem(CARD, 2))
    assert in_stock(world) == 0
    result = world.hall.shop.pay(token, order.id, idempotency_key="pay-declined-1")
    assert result.payment.status is PaymentStatus.FAILED
    assert result.order.status is OrderStatus.CANCELLED
    assert in_stock(world) == 2
    with pytest.raises(Refused):
        world.hall.shop.card_secrets(token, order.id)
