"""Paying for another number (代充/代缴), payment stages, mandates once (F-PAY-1, F-PAY-2, F-PAY-3).

Expected values come from the rules: the holder's account gets the face value of a top-up
(F-SHOP-4: face value from 2016-01-12), the payer sees only ``张*``; a number of another
carrier's segment is ``payment.other_carrier``; each payer opens at most
``others_payments_per_day`` payments for other customers' numbers per Beijing day.
"""

from __future__ import annotations

import datetime as dt

import pytest
from unicom_payments import Behaviour, SandboxPaymentGateway, Step

from unicom_core.domain.payments import (
    PaymentStage,
    PaymentStatus,
    payment_stage,
)
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.errors import Conflict, InvalidInput, NotFound, Refused
from unicom_core.testing.racing import race
from unicom_core.testing.worlds.payments import PaymentWorld
from unicom_core.usecases.payments import PaymentSettings

NOON = dt.datetime(2016, 5, 3, 12, tzinfo=SHANGHAI)
CARD = "6222020200112233446"  # a valid Luhn number
OTHER_CARD = "6222020200112233453"


@pytest.fixture
def gateway():
    return SandboxPaymentGateway()


@pytest.fixture
def world(gateway):
    world = PaymentWorld(gateway, settings=PaymentSettings(others_payments_per_day=2))
    world.clock.set(NOON)
    return world


def _holder_name(world, subscriber):
    with world.storage.transaction() as tx:
        return tx.customers.get(subscriber.customer_id).name


def test_f_pay_1_anyone_tops_up_another_customers_number_the_holder_gets_the_credit(world):
    payer, token = world.customer("18612345678")
    holder, _ = world.customer("18612345679")
    payee = world.payments.others.payee(token, "186 1234 5679")
    name = _holder_name(world, holder)
    assert payee.number == "18612345679"
    assert payee.masked_name == name[0] + "*" * (len(name) - 1)
    assert not payee.own
    result = world.payments.others.top_up(token, "18612345679", "top-up-50", idempotency_key="k1")
    assert result.payment.status is PaymentStatus.SUCCEEDED
    assert world.balance(holder) == Money(5000)
    assert world.balance(payer) == Money(0)
    # the receipt is the payer's: the payment page answers the payer, not only the holder
    assert world.payments.payment(token, result.payment.id).id == result.payment.id
    assert result.payment.payer_id == payer.id


def test_f_pay_1_the_same_key_again_pays_once(world):
    _, token = world.customer("18612345678")
    holder, _ = world.customer("18612345679")
    first = world.payments.others.top_up(token, "18612345679", "top-up-30", idempotency_key="k")
    again = world.payments.others.top_up(token, "18612345679", "top-up-30", idempotency_key="k")
    assert again.payment.id == first.payment.id
    assert again.duplicate
    assert world.balance(holder) == Money(3000)


@pytest.mark.parametrize(
    ("number", "carrier"),
    [("13812345678", "mobile"), ("18912345678", "telecom"), ("17012345678", "virtual")],
)
def test_f_pay_1_a_number_of_another_carrier_is_refused_as_such(world, number, carrier):
    _, token = world.customer("18612345678")
    for call in (
        lambda: world.payments.others.payee(token, number),
        lambda: world.payments.others.top_up(token, number, "top-up-50", idempotency_key="k"),
    ):
        with pytest.raises(Refused) as refused:
            call()
        assert refused.value.code == "payment.other_carrier"
        assert refused.value.data["carrier"] == carrier


def test_f_pay_1_a_number_of_this_carrier_nobody_holds_is_unknown(world):
    _, token = world.customer("18612345678")
    with pytest.raises(NotFound) as unknown:
        world.payments.others.payee(token, "18600000000")
    assert unknown.value.code == "payment.unknown_number"


def test_f_pay_1_payments_for_others_are_limited_per_payer_per_day(world):
    _, token = world.customer("18612345678")
    world.customer("18612345679")
    for key in ("a", "b"):
        world.payments.others.top_up(token, "18612345679", "top-up-30", idempotency_key=key)
    with pytest.raises(Refused) as refused:
        world.payments.others.top_up(token, "18612345679", "top-up-30", idempotency_key="c")
    assert refused.value.code == "payment.others_daily_limit"
    assert refused.value.data["retry_at"] == dt.datetime(2016, 5, 4, tzinfo=SHANGHAI)
    # the payer's own number is not counted; the next day counts anew
    world.payments.others.top_up(token, "18612345678", "top-up-30", idempotency_key="own")
    world.clock.set(NOON + dt.timedelta(days=1))
    token = world.login("18612345678")
    world.payments.others.top_up(token, "18612345679", "top-up-30", idempotency_key="c")


def test_f_pay_1_the_daily_limit_holds_under_a_race(gateway):
    world = PaymentWorld(gateway, settings=PaymentSettings(others_payments_per_day=3))
    world.clock.set(NOON)
    _, token = world.customer("18612345678")
    holder, _ = world.customer("18612345679")

    def pay(index: int) -> str:
        world.payments.others.top_up(token, "18612345679", "top-up-30", idempotency_key=f"r{index}")
        return "paid"

    paid, refused = race(pay, 6)
    assert len(paid) == 3
    assert [error.code for error in refused] == ["payment.others_daily_limit"] * 3
    assert world.balance(holder) == Money(9000)


def test_f_pay_1_a_stranger_names_the_bill_amount_and_learns_nothing_owed(world):
    _, token = world.customer("18612345678")
    holder, _ = world.customer("18612345679")
    world.owe(holder, Money(8800))
    with pytest.raises(InvalidInput) as unnamed:
        world.payments.others.pay_bill(token, "18612345679", idempotency_key="b0")
    assert unnamed.value.code == "payment.amount_not_positive"
    cap = world.settings.max_bill_advance
    with pytest.raises(InvalidInput) as too_much:
        world.payments.others.pay_bill(
            token, "18612345679", idempotency_key="b1", amount=cap + Money(1)
        )
    assert too_much.value.data["limit"] == cap  # the cap, not what is owed
    paid = world.payments.others.pay_bill(
        token, "18612345679", idempotency_key="b2", amount=Money(8800)
    )
    assert paid.payment.status is PaymentStatus.SUCCEEDED
    assert world.billing.balance(world.login("18612345679")).owed == Money(0)


# ------------------------------------------------------------------ stages, F-PAY-3


def test_f_pay_3_each_stage_has_its_own_reading(world, gateway):
    _, token = world.customer("18612345678")
    gateway.script(Step(Behaviour.ANSWER_LATE))
    pending = world.payments.top_up(token, "top-up-30", idempotency_key="p").payment
    assert payment_stage(pending, world.clock.now()) is PaymentStage.PENDING
    later = pending.expires_at
    assert payment_stage(pending, later) is PaymentStage.EXPIRED
    cancelled = world.payments.cancel(token, pending.id)
    assert cancelled.status is PaymentStatus.FAILED
    assert payment_stage(cancelled, world.clock.now()) is PaymentStage.CANCELLED
    paid = world.payments.top_up(token, "top-up-30", idempotency_key="s").payment
    assert payment_stage(paid, world.clock.now()) is PaymentStage.SUCCEEDED
    assert world.payments.cancel(token, paid.id).status is PaymentStatus.SUCCEEDED


def test_f_pay_3_a_stranger_cannot_cancel_a_payment(world, gateway):
    _, token = world.customer("18612345678")
    _, other = world.customer("18612345679")
    gateway.script(Step(Behaviour.ANSWER_LATE))
    pending = world.payments.top_up(token, "top-up-30", idempotency_key="p").payment
    with pytest.raises(NotFound):
        world.payments.cancel(other, pending.id)


# ------------------------------------------------------------------ mandates, F-PAY-2


def test_f_pay_2_a_mandate_form_sent_twice_signs_once(world):
    _, token = world.customer("18612345678")
    first = world.auto_debit.sign(token, "工商银行", CARD, idempotency_key="form-1")
    again = world.auto_debit.sign(token, "工商银行", CARD, idempotency_key="form-1")
    assert again.id == first.id
    assert world.auto_debit.mandates(token) == (first,)


def test_f_pay_2_a_second_mandate_for_the_same_card_and_number_is_refused(world):
    _, token = world.customer("18612345678")
    first = world.auto_debit.sign(token, "工商银行", CARD, idempotency_key="form-1")
    with pytest.raises(Conflict) as duplicate:
        world.auto_debit.sign(token, "工商银行", CARD, idempotency_key="form-2")
    assert duplicate.value.code == "mandate.duplicate"
    assert duplicate.value.data["mandate_id"] == first.id
    world.auto_debit.sign(token, "工商银行", OTHER_CARD, idempotency_key="form-3")
    world.auto_debit.cancel(token, first.id)
    again = world.auto_debit.sign(token, "工商银行", CARD, idempotency_key="form-4")
    assert again.is_active


def test_f_pay_2_two_racing_signatures_of_one_card_make_one_mandate(world):
    _, token = world.customer("18612345678")

    def sign(index: int) -> str:
        world.auto_debit.sign(token, "工商银行", CARD, idempotency_key=f"form-{index}")
        return "signed"

    signed, refused = race(sign, 3)
    assert signed == ["signed"]
    assert [error.code for error in refused] == ["mandate.duplicate"] * 2
    assert len(world.auto_debit.mandates(token)) == 1
