"""Recharge cards: batches, hashed secrets, online sale, redemption once, rate limit (F-PAY-1)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from unicom_payments import Behaviour, SandboxPaymentGateway

from unicom_core.domain.payments import (
    BatchKind,
    CardStatus,
    PaymentStatus,
    RechargeCardBatch,
    card_serial,
    check_secret,
    secret_digest,
)
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.errors import Conflict, InvalidInput, Refused
from unicom_core.testing.worlds.payments import PaymentWorld

PEPPER = b"a-pepper-of-at-least-16-bytes"


@pytest.fixture
def gateway():
    return SandboxPaymentGateway()


@pytest.fixture
def world(gateway):
    return PaymentWorld(gateway)


# ---------------------------------------------------------------- the domain


@given(st.text("0123456789", min_size=19, max_size=19))
def test_a_secret_is_stored_as_a_keyed_digest_never_as_itself(secret):
    digest = secret_digest(secret, PEPPER)
    assert secret not in digest
    assert len(digest) == 64
    assert digest == secret_digest(" ".join([secret[:9], secret[9:]]), PEPPER)  # spaces typed
    assert digest != secret_digest(secret, b"another-pepper-of-16-bytes")


@pytest.mark.parametrize("secret", ["", "123", "1" * 18, "1" * 20, "a" * 19, "１" * 19])
def test_a_secret_is_nineteen_digits(secret):
    with pytest.raises(InvalidInput) as invalid:
        check_secret(secret)
    assert invalid.value.code == "recharge_card.secret_format"


def test_a_serial_tells_face_value_batch_and_index():
    assert card_serial(Money(5000), 12, 7) == "0500000012000007"


def test_a_batch_expires_after_it_is_issued():
    at = dt.datetime(2016, 5, 17, tzinfo=SHANGHAI)
    with pytest.raises(InvalidInput):
        RechargeCardBatch("b", 1, BatchKind.PRINTED, "recharge-card-50", Money(5000), 1, at, at)
    with pytest.raises(InvalidInput):
        RechargeCardBatch(
            "b", 1, BatchKind.PRINTED, "x", Money(5050), 1, at, at + dt.timedelta(days=1)
        )


# ---------------------------------------------------------------- issue and redeem


def test_a_printed_batch_shows_its_secrets_once_and_stores_digests(world):
    """F-PAY-1: issue batches (serial + secret), secrets stored hashed."""
    issued = world.cards.issue_batch("recharge-card-50", 3)
    assert len(issued.cards) == 3
    assert {c.face_value for c in issued.cards} == {Money(5000)}
    assert "secret" not in repr(issued.cards[0])
    with world.storage.transaction() as tx:
        stored = tx.recharge_cards.get(issued.cards[0].serial)
    assert stored.status is CardStatus.ACTIVE
    assert stored.secret_digest != issued.cards[0].secret
    assert issued.cards[0].secret not in repr(stored)


def test_a_secret_is_redeemed_once(world):
    """F-PAY-1: redeem a card's secret onto a number once; a second time is a Conflict."""
    subscriber, token = world.customer("18612345678")
    card = world.cards.issue_batch("recharge-card-100", 1).cards[0]
    redeemed = world.cards.redeem(token, card.secret)
    assert redeemed.balance == Money(10000)
    with pytest.raises(Conflict) as again:
        world.cards.redeem(token, card.secret)
    assert again.value.code == "recharge_card.already_redeemed"
    assert world.balance(subscriber) == Money(10000)


def test_an_expired_card_is_refused(world):
    _, token = world.customer("18612345678")
    card = world.cards.issue_batch("recharge-card-50", 1).cards[0]
    world.clock.set(card.expires_at)
    token = world.login("18612345678")
    with pytest.raises(Refused) as refused:
        world.cards.redeem(token, card.secret)
    assert refused.value.code == "recharge_card.expired"
    assert refused.value.data["expired_at"] == card.expires_at


def test_wrong_secrets_are_rate_limited_per_number_and_day(world):
    """F-PAY-1: a wrong secret is a typed refusal, counted; past the limit, retry tomorrow."""
    _, token = world.customer("18612345678")
    card = world.cards.issue_batch("recharge-card-50", 1).cards[0]
    wrong = "0" * 19 if card.secret != "0" * 19 else "1" * 19
    for _ in range(world.settings.card_wrong_secrets_per_day):
        with pytest.raises(Refused) as refused:
            world.cards.redeem(token, wrong)
        assert refused.value.code == "recharge_card.wrong_secret"
    with pytest.raises(Refused) as blocked:
        world.cards.redeem(token, card.secret)  # even the right one, until tomorrow
    assert blocked.value.code == "recharge_card.too_many_attempts"
    assert blocked.value.data["retry_at"] == dt.datetime(2016, 5, 18, tzinfo=SHANGHAI)
    world.clock.set(blocked.value.data["retry_at"])
    assert world.cards.redeem(world.login("18612345678"), card.secret).balance == Money(5000)


# ---------------------------------------------------------------- online sale


def test_online_cards_are_sold_at_the_effective_price_and_revealed(world):
    """F-PAY-1, F-SHOP-4: sold through the port at 98.5 % until 2016-01-11."""
    world.clock.set(dt.datetime(2016, 1, 11, 12, tzinfo=SHANGHAI))
    buyer, token = world.customer("18612345678")
    stock = world.cards.issue_batch("recharge-card-50", 5, kind=BatchKind.ONLINE)
    assert stock.cards == ()  # online stock has no secret until sold
    order = world.cards.buy(token, "recharge-card-50", 2, idempotency_key="o1")
    assert order.payment.status is PaymentStatus.SUCCEEDED
    assert order.payment.amount == Money(9850)
    shown = world.cards.reveal(token, order.payment.id)
    assert len(shown) == 2
    again = world.cards.reveal(token, order.payment.id)  # a lost page costs nothing
    with pytest.raises(Refused):
        world.cards.redeem(token, shown[0].secret)  # the first showing's secret is void
    world.cards.redeem(token, again[0].secret)
    assert world.balance(buyer) == Money(5000)
    assert len(world.cards.reveal(token, order.payment.id)) == 1  # the redeemed one is gone


def test_an_unpaid_order_puts_its_cards_back_in_stock(world, gateway):
    _, token = world.customer("18612345678")
    world.cards.issue_batch("recharge-card-50", 2, kind=BatchKind.ONLINE)
    gateway.script(Behaviour.DECLINE)
    declined = world.cards.buy(token, "recharge-card-50", 2, idempotency_key="o1")
    assert declined.payment.status is PaymentStatus.FAILED
    with pytest.raises(Refused):
        world.cards.reveal(token, declined.payment.id)
    paid = world.cards.buy(token, "recharge-card-50", 2, idempotency_key="o2")
    assert paid.payment.status is PaymentStatus.SUCCEEDED
    with pytest.raises(Conflict) as sold_out:
        world.cards.buy(token, "recharge-card-50", 1, idempotency_key="o3")
    assert sold_out.value.code == "recharge_card.out_of_stock"


def test_an_order_retried_with_its_key_reserves_no_more_cards(world):
    _, token = world.customer("18612345678")
    world.cards.issue_batch("recharge-card-50", 2, kind=BatchKind.ONLINE)
    first = world.cards.buy(token, "recharge-card-50", 2, idempotency_key="o1")
    second = world.cards.buy(token, "recharge-card-50", 2, idempotency_key="o1")
    assert second.duplicate
    assert second.payment.id == first.payment.id
    assert len(world.cards.reveal(token, first.payment.id)) == 2


@pytest.mark.parametrize("quantity", [0, 21, True])
def test_an_order_is_for_one_to_twenty_cards(world, quantity):
    _, token = world.customer("18612345678")
    with pytest.raises(InvalidInput):
        world.cards.buy(token, "recharge-card-50", quantity, idempotency_key="o")
