"""The shop through ``hall.shop`` (F-SHOP-1, F-SHOP-2, F-SHOP-3, F-NUM-3), on memory ports.

Expected values come from the rules: stock is what was loaded less what open orders hold; a
number is bought only with the buyer's reservation; a phone card needs a verified holder, and
an ID holds at most five numbers, live and ordered together; a number is activated on the
signed delivery only, by its holder in person.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unicom_core.domain.numbers import NumberStatus
from unicom_core.domain.payments import PaymentOutcome, PaymentStatus
from unicom_core.domain.shared import MobileNumber
from unicom_core.domain.shop import OrderStatus
from unicom_core.domain.subscribers import SubscriberStatus
from unicom_core.errors import Conflict, InvalidInput, NotFound, Refused
from unicom_core.memory.payment_gateway import MemoryPaymentGateway
from unicom_core.ports.payments import GatewayResult
from unicom_core.testing.worlds.shop import ADDRESS, ShopWorld
from unicom_core.usecases.shop import GoodsItem, NumberItem
from unicom_core.usecases.subscribers import live_numbers

PHONE = "phone-4g-basic"
DIAMOND = "18601238888"  # AAAA: the diamond tier, 3000元 pre-stored
PLAN = "4g-national-76"


class Declining(MemoryPaymentGateway):
    """A gateway that declines every charge."""

    def charge(self, request, /):
        return GatewayResult(
            idempotency_key=request.idempotency_key,
            outcome=PaymentOutcome.FAILED,
            reason="declined",
        )


@pytest.fixture
def shop():
    world = ShopWorld()
    world.load_numbers(DIAMOND, "18601230001", "18601230002")
    world.hall.shop.restock(PHONE, 3)
    return world


def place_number(shop, token, number=DIAMOND, *, resident_id, request_id="req-number-01"):
    shop.hall.numbers.reserve(token, number)
    return shop.hall.shop.place(
        token,
        [NumberItem(number, PLAN)],
        address=ADDRESS,
        request_id=request_id,
        holder_name="李四",
        resident_id=resident_id,
    )


def test_f_shop_1_products_show_price_and_stock(shop):
    products = {p.product.code: p for p in shop.hall.shop.products()}
    assert products[PHONE].in_stock == 3
    assert str(products[PHONE].price.price) == "¥999.00"
    assert products["data-card-4g"].in_stock == 0
    assert "top-up-30" not in products  # top-ups are paid, not shipped


def test_f_shop_1_an_order_takes_stock_and_a_cancel_gives_it_back(shop):
    token = shop.buyer()
    placed = shop.hall.shop.place(
        token, [GoodsItem(PHONE, 2)], address=ADDRESS, request_id="req-phone-001"
    )
    assert placed.status is OrderStatus.PLACED
    assert str(placed.total) == "¥1998.00"
    assert {p.product.code: p.in_stock for p in shop.hall.shop.products()}[PHONE] == 1
    with pytest.raises(Conflict) as caught:
        shop.hall.shop.place(
            token, [GoodsItem(PHONE, 2)], address=ADDRESS, request_id="req-phone-002"
        )
    assert caught.value.code == "shop.out_of_stock"
    cancelled = shop.hall.shop.cancel(token, placed.id)
    assert cancelled.status is OrderStatus.CANCELLED
    assert {p.product.code: p.in_stock for p in shop.hall.shop.products()}[PHONE] == 3


def test_f_shop_1_the_same_request_id_is_the_same_order(shop):
    token = shop.buyer()
    first = shop.hall.shop.place(
        token, [GoodsItem(PHONE)], address=ADDRESS, request_id="req-once-01"
    )
    again = shop.hall.shop.place(
        token, [GoodsItem(PHONE)], address=ADDRESS, request_id="req-once-01"
    )
    assert again.id == first.id
    assert {p.product.code: p.in_stock for p in shop.hall.shop.products()}[PHONE] == 2
    with pytest.raises(Conflict) as caught:
        shop.hall.shop.place(
            token, [GoodsItem(PHONE, 2)], address=ADDRESS, request_id="req-once-01"
        )
    assert caught.value.code == "shop.request_reused"


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["restock", "order", "cancel"]), st.integers(1, 4))))
def test_f_shop_1_stock_is_never_negative_and_never_oversold(steps):
    """Property: units in stock == loaded - held by open orders, and never below zero."""
    world = ShopWorld()
    token, loaded, held, open_orders = world.buyer(), 0, 0, []
    for n, (step, quantity) in enumerate(steps):
        if step == "restock":
            world.hall.shop.restock(PHONE, quantity)
            loaded += quantity
        elif step == "order":
            try:
                order = world.hall.shop.place(
                    token,
                    [GoodsItem(PHONE, quantity)],
                    address=ADDRESS,
                    request_id=f"req-p-{n:05d}",
                )
            except Conflict as error:
                refused = error.code
                assert refused == "shop.out_of_stock"
                assert loaded - held < quantity
            else:
                held += quantity
                open_orders.append(order)
        elif open_orders:
            order = open_orders.pop()
            world.hall.shop.cancel(token, order.id)
            held -= order.lines[0].quantity
        in_stock = {p.product.code: p.in_stock for p in world.hall.shop.products()}[PHONE]
        assert in_stock == loaded - held >= 0


def test_f_num_3_a_number_is_ordered_only_with_the_buyers_reservation(shop):
    token, other = shop.buyer(), shop.buyer()
    resident_id = shop.holder()
    with pytest.raises(Refused) as caught:
        shop.hall.shop.place(
            token,
            [NumberItem(DIAMOND, PLAN)],
            address=ADDRESS,
            request_id="req-nores-01",
            holder_name="李四",
            resident_id=resident_id,
        )
    assert caught.value.code == "shop.reservation_required"
    shop.hall.numbers.reserve(other, DIAMOND)
    with pytest.raises(Refused):
        shop.hall.shop.place(
            token,
            [NumberItem(DIAMOND, PLAN)],
            address=ADDRESS,
            request_id="req-nores-02",
            holder_name="李四",
            resident_id=resident_id,
        )


def test_f_num_3_the_order_holds_the_number_past_the_30_minute_reservation(shop):
    token = shop.buyer()
    order = place_number(shop, token, resident_id=shop.holder())
    row = shop.pool.find(DIAMOND)
    assert row.status is NumberStatus.RESERVED
    assert row.reservation.holder == order.id
    shop.world.clock.set(shop.world.clock.now() + timedelta(days=1))
    assert shop.hall.numbers.number(DIAMOND).status is NumberStatus.RESERVED


def test_f_shop_2_a_phone_card_needs_a_verified_holder(shop):
    token = shop.buyer()
    shop.hall.numbers.reserve(token, DIAMOND)
    with pytest.raises(InvalidInput) as caught:
        shop.hall.shop.place(
            token, [NumberItem(DIAMOND, PLAN)], address=ADDRESS, request_id="req-hold-01"
        )
    assert caught.value.code == "shop.holder_required"
    resident_id = shop.holder("李四")
    for attempt in range(3):
        with pytest.raises(Refused) as caught:
            shop.hall.shop.place(
                token,
                [NumberItem(DIAMOND, PLAN)],
                address=ADDRESS,
                request_id=f"req-hold-1{attempt}",
                holder_name="李斯",
                resident_id=resident_id,
            )
        assert caught.value.code == "shop.identity_mismatch"
        assert caught.value.data == {"attempts_left": 2 - attempt}
    with pytest.raises(Refused) as caught:
        shop.hall.shop.place(
            token,
            [NumberItem(DIAMOND, PLAN)],
            address=ADDRESS,
            request_id="req-hold-20",
            holder_name="李四",
            resident_id=resident_id,
        )
    assert caught.value.code == "shop.too_many_attempts"  # even with the right name, today
    assert len(shop.identity.asked) == 3  # the service is not asked again


def test_f_shop_2_an_unreachable_identity_service_orders_nothing(shop):
    token = shop.buyer()
    resident_id = shop.holder()
    shop.identity.unavailable()
    with pytest.raises(Refused) as caught:
        place_number(shop, token, resident_id=resident_id)
    assert caught.value.code == "shop.identity_unavailable"
    assert shop.hall.numbers.reservations(token)[0].number == DIAMOND  # still the buyer's
    assert shop.hall.shop.orders(token).total == 0


def test_f_shop_2_five_numbers_per_id_live_and_ordered_together(shop):
    resident_id = shop.holder()
    shop.load_numbers(*(f"186012300{n:02d}" for n in range(10, 16)))
    token = shop.buyer()
    for n in range(5):
        place_number(
            shop,
            token,
            f"186012300{10 + n}",
            resident_id=resident_id,
            request_id=f"req-cap-{n:04d}",
        )
    with pytest.raises(Refused) as caught:
        place_number(shop, token, "18601230015", resident_id=resident_id, request_id="req-cap-9999")
    assert caught.value.code == "realname.cap_reached"
    held = [r.number for r in shop.hall.numbers.reservations(token)]
    assert held == ["18601230015"]  # handed back to the buyer


def test_f_shop_3_delivery_activates_the_number_for_the_holder_only(shop):
    token = shop.buyer()
    resident_id = shop.holder()
    order = place_number(shop, token, resident_id=resident_id)
    paid = shop.hall.shop.pay(token, order.id, idempotency_key="pay-number-01")
    assert paid.order.status is OrderStatus.PAID
    assert paid.payment.status is PaymentStatus.SUCCEEDED
    with pytest.raises(Conflict):
        shop.hall.shop.pay(token, order.id, idempotency_key="pay-number-02")
    shipped = shop.hall.shop.ship(order.id)
    assert shipped.status is OrderStatus.SHIPPED
    assert shop.pool.find(DIAMOND).status is NumberStatus.RESERVED  # not sold before delivery
    other = shop.holder("王五", 7)
    for shown, reason in [
        (None, "missing"),
        ("", "missing"),
        (other, "mismatch"),
        ("123", "mismatch"),
    ]:
        with pytest.raises(Refused) as caught:
            shop.hall.shop.confirm_delivery(shipped.tracking_id, shown)
        assert caught.value.code == "shop.delivery_refused"
        assert caught.value.data == {"reason": reason}
    with shop.storage.read() as tx:
        assert tx.subscribers.find_by_number(MobileNumber(DIAMOND)) is None
    delivered = shop.hall.shop.confirm_delivery(shipped.tracking_id, resident_id.lower())
    assert delivered.status is OrderStatus.DELIVERED
    assert shop.pool.find(DIAMOND).status is NumberStatus.SOLD
    with shop.storage.read() as tx:
        subscriber = tx.subscribers.get(delivered.subscriber_ids[0])
        customer = tx.customers.get(subscriber.customer_id)
        account = tx.accounts.get(subscriber.account_id)
        assert subscriber.number.value == DIAMOND
        assert subscriber.plan_code == PLAN
        assert subscriber.status is SubscriberStatus.ACTIVE
        assert customer.resident_id.value == resident_id
        assert customer.name == "李四"
        assert str(account.balance) == "¥3000.00"  # the diamond tier's pre-stored fee
        assert tx.credentials.get(subscriber.id).initial
        assert live_numbers(tx, customer.id) == 1
    assert shop.world.messages.sent[-1].to.value == DIAMOND
    again = shop.hall.shop.confirm_delivery(shipped.tracking_id, resident_id)
    assert again.subscriber_ids == delivered.subscriber_ids  # the courier's retry


def test_f_shop_1_a_declined_payment_cancels_the_order_and_frees_everything():
    shop = ShopWorld(gateway=Declining())
    shop.load_numbers(DIAMOND)
    shop.hall.shop.restock(PHONE, 1)
    token = shop.buyer()
    resident_id = shop.holder()
    shop.hall.numbers.reserve(token, DIAMOND)
    order = shop.hall.shop.place(
        token,
        [GoodsItem(PHONE), NumberItem(DIAMOND, PLAN)],
        address=ADDRESS,
        request_id="req-declined",
        holder_name="李四",
        resident_id=resident_id,
    )
    result = shop.hall.shop.pay(token, order.id, idempotency_key="pay-declined")
    assert result.payment.status is PaymentStatus.FAILED
    assert result.order.status is OrderStatus.CANCELLED
    assert {p.product.code: p.in_stock for p in shop.hall.shop.products()}[PHONE] == 1
    assert shop.hall.numbers.number(DIAMOND).status is NumberStatus.FREE
    again = shop.buyer()
    place_number(shop, again, resident_id=resident_id, request_id="req-after-declined")


def test_f_shop_1_cancelling_a_paid_order_refunds_it(shop):
    token = shop.buyer()
    order = shop.hall.shop.place(
        token, [GoodsItem(PHONE)], address=ADDRESS, request_id="req-refund-1"
    )
    shop.hall.shop.pay(token, order.id, idempotency_key="pay-refund-1")
    cancelled = shop.hall.shop.cancel(token, order.id)
    assert cancelled.status is OrderStatus.REFUNDED
    assert [c.status for c in cancelled.history][-2:] == [
        OrderStatus.CANCELLED,
        OrderStatus.REFUNDED,
    ]
    with pytest.raises(Conflict) as caught:
        shop.hall.shop.cancel(token, order.id)
    assert caught.value.code == "shop.transition"


def test_f_shop_1_a_shipped_order_cannot_be_cancelled(shop):
    token = shop.buyer()
    order = shop.hall.shop.place(
        token, [GoodsItem(PHONE)], address=ADDRESS, request_id="req-ship-01"
    )
    with pytest.raises(Conflict):
        shop.hall.shop.ship(order.id)  # not paid yet
    shop.hall.shop.pay(token, order.id, idempotency_key="pay-ship-01")
    shipped = shop.hall.shop.ship(order.id)
    assert shop.hall.shop.ship(order.id).tracking_id == shipped.tracking_id  # idempotent
    with pytest.raises(Conflict) as caught:
        shop.hall.shop.cancel(token, order.id)
    assert caught.value.code == "shop.transition"
    assert [e.state.value for e in shop.hall.shop.tracking(token, order.id)] == ["booked"]
    delivered = shop.hall.shop.confirm_delivery(shipped.tracking_id)  # goods: no ID needed
    assert delivered.status is OrderStatus.DELIVERED


def test_f_shop_1_the_janitor_cancels_unpaid_orders_and_frees_their_numbers(shop):
    token = shop.buyer()
    resident_id = shop.holder()
    order = place_number(shop, token, resident_id=resident_id)
    assert shop.hall.shop.tidy() == 0
    shop.world.clock.set(shop.world.clock.now() + timedelta(minutes=31))
    assert shop.hall.shop.tidy() == 1
    assert shop.hall.shop.order_by_id(order.id).status is OrderStatus.CANCELLED
    assert shop.hall.numbers.number(DIAMOND).status is NumberStatus.FREE


def test_f_shop_1_another_buyers_order_is_unknown(shop):
    token, other = shop.buyer(), shop.buyer()
    order = shop.hall.shop.place(
        token, [GoodsItem(PHONE)], address=ADDRESS, request_id="req-mine-01"
    )
    with pytest.raises(NotFound) as caught:
        shop.hall.shop.order(other, order.id)
    assert caught.value.code == "shop.unknown_order"
    assert shop.hall.shop.orders(token).items[0].id == order.id
    assert shop.hall.shop.orders(other).total == 0


def test_f_shop_1_plans_and_top_ups_are_not_goods_of_the_shop(shop):
    token = shop.buyer()
    for code in ("top-up-30", PLAN, "no-such-thing"):
        with pytest.raises(InvalidInput) as caught:
            shop.hall.shop.place(
                token, [GoodsItem(code)], address=ADDRESS, request_id="req-notsold"
            )
        assert caught.value.code == "shop.not_for_sale"
