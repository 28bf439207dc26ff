"""Topping up is paying: the F-CAL-4 window of a 4G upgrade holds for top-ups and cards too.

F-CAL-4: a number upgraded to 4G may pay (交费) only from 08:00 on the 2nd of the month its
4G plan takes effect. Topping up a prepaid number (交费充值) and redeeming a recharge card onto
it both credit its balance, so both are refused before then with the code and ``retry_at``
of a bill payment, and allowed from that instant on. Nothing is charged or credited before.
"""

from __future__ import annotations

import datetime as dt

import pytest
from unicom_payments import SandboxPaymentGateway

from unicom_core.domain.payments import PaymentStatus
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.errors import Refused
from unicom_core.testing.worlds.payments import PaymentWorld

NUMBER = "18612345678"
JUNE = BillingCycle(2016, 6)
BEFORE = dt.datetime(2016, 6, 2, 7, 59, tzinfo=SHANGHAI)
OPENS = dt.datetime(2016, 6, 2, 8, 0, tzinfo=SHANGHAI)


@pytest.fixture
def gateway():
    return SandboxPaymentGateway()


@pytest.fixture
def world(gateway):
    world = PaymentWorld(gateway)
    world.clock.set(BEFORE)
    return world


@pytest.fixture
def upgraded(world):
    subscriber, token = world.customer(NUMBER)
    world.billing.record_4g_upgrade(subscriber.id, JUNE)
    return subscriber, token


def pending(refused):
    assert refused.value.code == "billing.upgrade_payment_pending"
    assert refused.value.data["retry_at"] == OPENS


def test_a_top_up_waits_for_eight_on_the_second(world, gateway, upgraded):
    subscriber, token = upgraded
    with pytest.raises(Refused) as refused:
        world.payments.top_up(token, "top-up-50", idempotency_key="k")
    pending(refused)
    assert gateway.calls == []
    assert world.payments.records(token).total == 0
    world.clock.set(OPENS)
    paid = world.payments.top_up(world.login(NUMBER), "top-up-50", idempotency_key="k")
    assert paid.payment.status is PaymentStatus.SUCCEEDED
    assert world.balance(subscriber) == Money(5000)


def test_a_card_redemption_waits_for_eight_on_the_second(world, upgraded):
    subscriber, token = upgraded
    card = world.cards.issue_batch("recharge-card-50", 1).cards[0]
    with pytest.raises(Refused) as refused:
        world.cards.redeem(token, card.secret)
    pending(refused)
    assert world.balance(subscriber) == Money.zero()
    world.clock.set(OPENS)
    redemption = world.cards.redeem(world.login(NUMBER), card.secret)
    assert redemption.balance == Money(5000)


def test_a_number_not_upgraded_tops_up_at_any_hour(world):
    subscriber, token = world.customer(NUMBER)
    world.payments.top_up(token, "top-up-50", idempotency_key="k")
    card = world.cards.issue_batch("recharge-card-50", 1).cards[0]
    world.cards.redeem(token, card.secret)
    assert world.balance(subscriber) == Money(10000)


def test_an_upgrade_in_an_earlier_month_holds_nothing_back(world):
    subscriber, token = world.customer(NUMBER)
    world.billing.record_4g_upgrade(subscriber.id, BillingCycle(2016, 5))
    world.payments.top_up(token, "top-up-50", idempotency_key="k")
    assert world.balance(subscriber) == Money(5000)
