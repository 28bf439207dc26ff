"""A bill is paid once, however many tabs, keys and auto-debits ask (F-PAY-1, F-PAY-2, F-PAY-3).

The rule: while a bill payment of an account is open, the same request under another
idempotency key gets that payment back (``duplicate=True``) and any other one is refused
with ``payment.bill_payment_open`` naming it; an auto-debit does not charge a bill paid by
hand right now, nor may a bill be paid by hand while the auto-debit collects it. Once the
open payment fails or expires, a new one may be opened; once it is paid, nothing is owed.
"""

from __future__ import annotations

import datetime as dt

import pytest
from unicom_payments import Behaviour, SandboxPaymentGateway, Step

from unicom_core.domain.payments import PaymentOutcome, PaymentPurpose, PaymentStatus
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.domain.subscribers import ServiceKind
from unicom_core.errors import Conflict, Refused
from unicom_core.testing.worlds.payments import PaymentWorld

APRIL = BillingCycle(2016, 4)
MAY_3 = dt.datetime(2016, 5, 3, 10, tzinfo=SHANGHAI)
BILL = Money(1200)  # ¥12.00
CARD = "6222020200112233446"


@pytest.fixture
def gateway():
    return SandboxPaymentGateway()


@pytest.fixture
def world(gateway):
    world = PaymentWorld(gateway)
    world.clock.set(MAY_3)
    return world


@pytest.fixture
def owing(world):
    """A broadband account owing one bill of ¥12.00, and its session."""
    subscriber, token = world.customer("ad12345678", kind=ServiceKind.BROADBAND)
    return subscriber, token, world.owe(subscriber, BILL, APRIL)


def owed(world, bill):
    with world.storage.transaction() as tx:
        return tx.bills.get(bill.id).owed_at(world.clock.now())


def taken(gateway):
    return Money.total(gateway.captured.values())


def charged_keys(gateway):
    return {key for verb, key in gateway.calls if verb == "charge"}


def deliver_notifications(world, gateway):
    for notice in gateway.take_notifications():
        world.payments.handle_notification(notice)


def test_two_tabs_paying_what_is_owed_share_one_payment(world, gateway, owing):
    """The finding: two keys, one ¥12 bill, ¥24 taken. Now the second tab gets the first."""
    _, token, bill = owing
    gateway.script(Behaviour.ANSWER_LATE)
    first = world.payments.pay_bill(token, idempotency_key="tab-1")
    second = world.payments.pay_bill(token, idempotency_key="tab-2")
    assert first.payment.status is PaymentStatus.PENDING
    assert not first.duplicate
    assert second.duplicate
    assert second.payment.id == first.payment.id
    assert charged_keys(gateway) == {first.payment.id}
    gateway.settle_late()
    deliver_notifications(world, gateway)
    assert taken(gateway) == BILL
    assert owed(world, bill) == Money.zero()
    with pytest.raises(Refused) as nothing:
        world.payments.pay_bill(token, idempotency_key="tab-3")
    assert nothing.value.code == "payment.nothing_owed"


def test_after_a_paid_bill_another_key_finds_nothing_owed(world, gateway, owing):
    _, token, bill = owing
    paid = world.payments.pay_bill(token, idempotency_key="tab-1")
    assert paid.payment.status is PaymentStatus.SUCCEEDED
    with pytest.raises(Refused) as nothing:
        world.payments.pay_bill(token, idempotency_key="tab-2")
    assert nothing.value.code == "payment.nothing_owed"
    assert taken(gateway) == BILL
    assert owed(world, bill) == Money.zero()


def test_another_request_while_one_is_open_is_refused_naming_it(world, gateway, owing):
    subscriber, token, _ = owing
    gateway.script(Behaviour.ANSWER_LATE)
    first = world.payments.pay_bill(token, idempotency_key="tab-1")
    with pytest.raises(Conflict) as clash:
        world.payments.pay_bill(token, idempotency_key="tab-2", amount=Money(500))
    assert clash.value.code == "payment.bill_payment_open"
    assert clash.value.data["payment_id"] == first.payment.id
    assert charged_keys(gateway) == {first.payment.id}
    assert [r.id for r in world.payments.records(token).items] == [first.payment.id]
    assert world.balance(subscriber) == Money.zero()


def test_a_failed_payment_lets_a_new_one_open(world, gateway, owing):
    _, token, bill = owing
    gateway.script(Step(Behaviour.ANSWER_LATE, late_outcome=PaymentOutcome.FAILED))
    first = world.payments.pay_bill(token, idempotency_key="tab-1")
    gateway.settle_late()
    deliver_notifications(world, gateway)
    assert world.engine.current(first.payment.id).status is PaymentStatus.FAILED
    second = world.payments.pay_bill(token, idempotency_key="tab-2")
    assert second.payment.id != first.payment.id
    assert second.payment.status is PaymentStatus.SUCCEEDED
    assert taken(gateway) == BILL
    assert owed(world, bill) == Money.zero()


def test_an_expired_payment_lets_a_new_one_open(world, gateway, owing):
    """A request lost before the gateway is failed after the payment window; then pay again."""
    _, token, bill = owing
    gateway.script(Behaviour.TIME_OUT_UNCHARGED)
    first = world.payments.pay_bill(token, idempotency_key="tab-1")
    with pytest.raises(Conflict):
        world.payments.pay_bill(token, idempotency_key="tab-2", amount=Money(500))
    world.clock.advance(world.settings.payment_window + dt.timedelta(minutes=1))
    world.payments.reconcile()
    assert world.engine.current(first.payment.id).status is PaymentStatus.FAILED
    second = world.payments.pay_bill(
        world.login("ad12345678", kind=ServiceKind.BROADBAND), idempotency_key="tab-2"
    )
    assert second.payment.status is PaymentStatus.SUCCEEDED
    assert taken(gateway) == BILL
    assert owed(world, bill) == Money.zero()


def test_the_auto_debit_does_not_charge_a_bill_paid_by_hand_now(world, gateway, owing):
    _, token, bill = owing
    world.auto_debit.sign(token, "工商银行", CARD)
    gateway.script(Behaviour.ANSWER_LATE)
    by_hand = world.payments.pay_bill(token, idempotency_key="tab-1")
    report = world.auto_debit.debit_bills()
    assert report.charged == ()
    assert charged_keys(gateway) == {by_hand.payment.id}
    gateway.settle_late()
    deliver_notifications(world, gateway)
    later = world.auto_debit.run_due()
    assert later.charged == ()
    assert taken(gateway) == BILL
    assert owed(world, bill) == Money.zero()


def test_a_bill_the_auto_debit_collects_is_not_paid_by_hand(world, gateway, owing):
    _, token, bill = owing
    world.auto_debit.sign(token, "工商银行", CARD)
    gateway.script(Behaviour.ANSWER_LATE)
    report = world.auto_debit.debit_bills()
    assert report.charged != ()
    (debit_payment,) = charged_keys(gateway)
    with pytest.raises(Conflict) as clash:
        world.payments.pay_bill(token, idempotency_key="tab-1")
    assert clash.value.code == "payment.bill_payment_open"
    assert clash.value.data["payment_id"] == debit_payment
    assert world.engine.current(debit_payment).purpose is PaymentPurpose.AUTO_DEBIT
    gateway.settle_late()
    deliver_notifications(world, gateway)
    assert taken(gateway) == BILL
    assert owed(world, bill) == Money.zero()
    with pytest.raises(Refused) as nothing:
        world.payments.pay_bill(token, idempotency_key="tab-2")
    assert nothing.value.code == "payment.nothing_owed"
