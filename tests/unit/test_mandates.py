"""Bill payments (F-PAY-1, F-CAL-2, F-CAL-4) and bank-card auto-debit with retries (F-PAY-2)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from unicom_payments import Behaviour, SandboxPaymentGateway

from unicom_core.domain.payments import (
    AutoDebitStatus,
    PaymentPurpose,
    PaymentStatus,
    RetrySchedule,
    mask_card,
)
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.domain.subscribers import ServiceKind
from unicom_core.errors import InvalidInput, NotFound, Refused
from unicom_core.testing.strategies.payments import bank_card_numbers
from unicom_core.testing.worlds.payments import PaymentWorld

CARD = "6222020200112233446"  # a valid Luhn number
APRIL = BillingCycle(2016, 4)
MAY_3 = dt.datetime(2016, 5, 3, 10, tzinfo=SHANGHAI)


@pytest.fixture
def gateway():
    return SandboxPaymentGateway()


@pytest.fixture
def world(gateway):
    world = PaymentWorld(gateway)
    world.clock.set(MAY_3)
    return world


EIGHTY_EIGHT = Money(8800)


def owe(world, subscriber, amount=EIGHTY_EIGHT, cycle=APRIL):
    """Store a bill of ``amount`` for the subscriber's account."""
    return world.owe(subscriber, amount, cycle)


def owed(world, bill):
    with world.storage.transaction() as tx:
        return tx.bills.get(bill.id).owed_at(world.clock.now())


# ---------------------------------------------------------------- the domain


@given(bank_card_numbers())
def test_a_card_is_kept_masked(number):
    assert mask_card(number) == f"{number[:4]} **** **** {number[-4:]}"


@pytest.mark.parametrize("number", ["6222020200112233445", "1234", "62220202001122334456789"])
def test_a_card_number_is_checked(number):
    with pytest.raises(InvalidInput):
        mask_card(number)


def test_a_retry_schedule_counts_from_the_first_try():
    schedule = RetrySchedule()
    first = MAY_3
    assert schedule.tries == 4
    assert schedule.next_try(first, 1) == first + dt.timedelta(days=1)
    assert schedule.next_try(first, 3) == first + dt.timedelta(days=7)
    assert schedule.next_try(first, 4) is None
    with pytest.raises(InvalidInput):
        RetrySchedule((dt.timedelta(days=3), dt.timedelta(days=1)))


# ---------------------------------------------------------------- paying a bill


def test_a_broadband_bill_is_paid_through_the_port(world):
    """F-PAY-1: pay a fixed-line or broadband account; the bill is settled once."""
    subscriber, token = world.customer("ad12345678", kind=ServiceKind.BROADBAND)
    bill = owe(world, subscriber)
    result = world.payments.pay_bill(token, idempotency_key="b1")
    assert result.payment.purpose is PaymentPurpose.BILL
    assert result.payment.amount == Money(8800)
    assert result.payment.fulfilled_at is not None
    assert owed(world, bill) == Money.zero()
    world.payments.pay_bill(token, idempotency_key="b1")
    with pytest.raises(Refused) as nothing:
        world.payments.pay_bill(token, idempotency_key="b2")
    assert nothing.value.code == "payment.nothing_owed"
    assert world.balance(subscriber) == Money.zero()


def test_a_payment_in_a_bill_generation_window_carries_a_warning(world):
    """F-CAL-2: a payment at month end may post late; the result says until when."""
    world.clock.set(dt.datetime(2016, 5, 31, 20, tzinfo=SHANGHAI))
    subscriber, token = world.customer("ad12345678", kind=ServiceKind.BROADBAND)
    owe(world, subscriber)
    result = world.payments.pay_bill(token, idempotency_key="b1", amount=Money(1000))
    assert result.advice.may_post_late
    assert result.advice.window.ends == dt.datetime(2016, 6, 3, tzinfo=SHANGHAI)


def test_a_new_4g_upgrade_cannot_pay_before_eight_on_the_second(world):
    """F-CAL-4: in the month the 4G plan takes effect, payment opens at 08:00 on the 2nd."""
    world.clock.set(dt.datetime(2016, 6, 2, 7, 59, tzinfo=SHANGHAI))
    subscriber, token = world.customer("18612345678")
    world.billing.record_4g_upgrade(subscriber.id, BillingCycle(2016, 6))
    owe(world, subscriber)
    with pytest.raises(Refused) as refused:
        world.payments.pay_bill(token, idempotency_key="b1")
    assert refused.value.code == "billing.upgrade_payment_pending"
    assert refused.value.data["retry_at"] == dt.datetime(2016, 6, 2, 8, tzinfo=SHANGHAI)
    world.clock.set(refused.value.data["retry_at"])
    paid = world.payments.pay_bill(world.login("18612345678"), idempotency_key="b1")
    assert paid.payment.status is PaymentStatus.SUCCEEDED


def test_a_bill_payment_handed_over_after_a_crash_is_finished_by_the_reconciler(world, gateway):
    subscriber, token = world.customer("ad12345678", kind=ServiceKind.BROADBAND)
    bill = owe(world, subscriber)
    gateway.script(Behaviour.ANSWER_LATE)
    pending = world.payments.pay_bill(token, idempotency_key="b1")
    assert owed(world, bill) == Money(8800)
    gateway.settle_late()
    world.clock.advance(dt.timedelta(minutes=5))
    world.payments.reconcile()
    for notice in gateway.take_notifications():
        world.payments.handle_notification(notice)
    assert owed(world, bill) == Money.zero()
    assert world.engine.current(pending.payment.id).fulfilled_at is not None
    assert world.balance(subscriber) == Money.zero()  # paid once: nothing left over


# ---------------------------------------------------------------- auto-debit, F-PAY-2


def test_a_mandate_is_signed_masked_listed_and_cancelled(world):
    """F-PAY-2: sign and cancel a mandate; the card is shown masked only."""
    _, token = world.customer("18612345678")
    mandate = world.auto_debit.sign(token, "工商银行", CARD)
    assert mandate.card == "6222 **** **** 3446"
    assert CARD not in repr(mandate)
    assert world.auto_debit.mandates(token) == (mandate,)
    cancelled = world.auto_debit.cancel(token, mandate.id)
    assert not cancelled.is_active
    _, other = world.customer("18612345679")
    with pytest.raises(NotFound):
        world.auto_debit.cancel(other, mandate.id)


def test_the_bill_run_debits_each_bill_once(world, gateway):
    """F-PAY-2: debit on the bill run through the port; payment records list it."""
    subscriber, token = world.customer("18612345678")
    mandate = world.auto_debit.sign(token, "工商银行", CARD)
    bill = owe(world, subscriber)
    report = world.auto_debit.debit_bills()
    assert report.scheduled == 1
    assert len(report.paid) == 1
    assert owed(world, bill) == Money.zero()
    assert world.auto_debit.debit_bills().scheduled == 0  # never twice
    [debit] = world.auto_debit.debits(token, mandate.id).items
    assert debit.status is AutoDebitStatus.PAID
    records = world.payments.records(world.login("18612345678")).items
    assert [r.purpose for r in records] == [PaymentPurpose.AUTO_DEBIT]
    assert [verb for verb, _ in gateway.calls] == ["charge"]


def test_a_declined_debit_is_retried_per_the_schedule_then_given_up(world, gateway):
    """F-PAY-2: retry per a schedule (1, 3, 7 days), then give up."""
    subscriber, token = world.customer("18612345678")
    mandate = world.auto_debit.sign(token, "工商银行", CARD)
    bill = owe(world, subscriber)
    gateway.script(Behaviour.DECLINE, Behaviour.DECLINE, Behaviour.DECLINE, Behaviour.DECLINE)
    world.auto_debit.debit_bills()
    for days in (1, 3, 7):
        assert world.auto_debit.run_due().charged == ()  # not due yet
        world.clock.set(MAY_3 + dt.timedelta(days=days))
        world.auto_debit.run_due()
    [debit] = world.auto_debit.debits(world.login("18612345678"), mandate.id).items
    assert debit.status is AutoDebitStatus.GAVE_UP
    assert len(debit.payments) == 4
    assert owed(world, bill).is_positive


def test_a_second_try_that_succeeds_pays_the_bill(world, gateway):
    subscriber, token = world.customer("18612345678")
    world.auto_debit.sign(token, "工商银行", CARD)
    bill = owe(world, subscriber)
    gateway.script(Behaviour.DECLINE)
    world.auto_debit.debit_bills()
    world.clock.set(MAY_3 + dt.timedelta(days=1))
    assert len(world.auto_debit.run_due().paid) == 1
    assert owed(world, bill) == Money.zero()


def test_a_cancelled_mandate_or_a_bill_paid_otherwise_stops_the_retries(world, gateway):
    subscriber, token = world.customer("18612345678")
    mandate = world.auto_debit.sign(token, "工商银行", CARD)
    owe(world, subscriber)
    gateway.script(Behaviour.DECLINE)
    world.auto_debit.debit_bills()
    world.auto_debit.cancel(token, mandate.id)
    world.clock.set(MAY_3 + dt.timedelta(days=1))
    report = world.auto_debit.run_due()
    assert len(report.gave_up) == 1
    assert [v for v, _ in gateway.calls] == ["charge"]


def test_a_debit_above_the_mandate_limit_is_given_up_and_the_pass_goes_on(world, gateway):
    subscriber, token = world.customer("18612345678")
    mandate = world.auto_debit.sign(token, "工商银行", CARD, limit=Money(5000))
    owe(world, subscriber)
    other, other_token = world.customer("18612345679")
    world.auto_debit.sign(other_token, "招商银行", CARD)
    owe(world, other, Money(3000))
    report = world.auto_debit.debit_bills()
    assert len(report.gave_up) == 1
    assert len(report.paid) == 1
    [debit] = world.auto_debit.debits(token, mandate.id).items
    assert debit.reason == "mandate.over_limit"
    assert [v for v, _ in gateway.calls] == ["charge"]
