"""Every amount a payment takes is bounded (F-PAY-1, F-PAY-3).

The rules: an amount is a signed 64-bit count of fen; a bill payment is positive and at most
what is owed plus ``PaymentSettings.max_bill_advance`` (default ¥5,000.00); no attempt charges
more than ``PaymentSettings.max_charge`` (default ¥50,000.00); a top-up is one of the
catalogue's top-up denominations. A refused amount writes nothing and asks no gateway.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from unicom_payments import SandboxPaymentGateway

from unicom_core.domain.shared import MAX_FEN, MIN_FEN, SHANGHAI, BillingCycle, Money
from unicom_core.domain.subscribers import ServiceKind
from unicom_core.errors import InvalidInput, NotFound, Refused
from unicom_core.testing.worlds.payments import PaymentWorld
from unicom_core.usecases.payments import PaymentSettings

APRIL = BillingCycle(2016, 4)
MAY_3 = dt.datetime(2016, 5, 3, 10, tzinfo=SHANGHAI)
OWED = Money(8800)
ADVANCE = Money(500_000)  # the documented default, ¥5,000.00
MAX_CHARGE = Money(5_000_000)  # the documented default, ¥50,000.00


# ---------------------------------------------------------------- Money itself


def test_the_default_bounds_are_the_documented_ones():
    settings = PaymentSettings()
    assert settings.max_bill_advance == ADVANCE
    assert settings.max_charge == MAX_CHARGE


@pytest.mark.parametrize("fen", [10**30, 2**63, -(2**63) - 1, -(10**30)])
def test_money_outside_a_signed_64_bit_count_is_refused(fen):
    with pytest.raises(InvalidInput) as refused:
        Money(fen)
    assert refused.value.code == "money.out_of_range"


@given(st.integers(min_value=-(2**63), max_value=2**63 - 1))
def test_money_inside_a_signed_64_bit_count_is_kept(fen):
    assert Money(fen).fen == fen


def test_arithmetic_past_the_bound_is_refused_not_wrapped():
    with pytest.raises(InvalidInput) as refused:
        _ = Money(MAX_FEN) + Money(1)
    assert refused.value.code == "money.out_of_range"
    with pytest.raises(InvalidInput):
        _ = Money(MIN_FEN) - Money(1)
    with pytest.raises(InvalidInput):
        _ = Money(2**62) * 2


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("max_charge", Money(0)),
        ("max_charge", Money(-1)),
        ("max_bill_advance", Money(-1)),
        ("max_charge", 100),
    ],
)
def test_the_bounds_are_checked_settings(field, value):
    with pytest.raises(InvalidInput) as refused:
        PaymentSettings(**{field: value})
    assert refused.value.code == "payment.settings"


# ---------------------------------------------------------------- paying a bill


@pytest.fixture
def gateway():
    return SandboxPaymentGateway()


@pytest.fixture
def world(gateway):
    world = PaymentWorld(gateway)
    world.clock.set(MAY_3)
    return world


def owe(world, subscriber, amount=OWED):
    world.owe(subscriber, amount, APRIL)


def nothing_written(world, gateway, token):
    assert world.payments.records(token).total == 0
    assert gateway.calls == []


@pytest.fixture
def owing(world):
    subscriber, token = world.customer("ad12345678", kind=ServiceKind.BROADBAND)
    owe(world, subscriber)
    return subscriber, token


@pytest.mark.parametrize("fen", [0, -1, -8800])
def test_a_bill_payment_is_positive(world, gateway, owing, fen):
    _, token = owing
    with pytest.raises(InvalidInput) as refused:
        world.payments.pay_bill(token, idempotency_key="k", amount=Money(fen))
    assert refused.value.code == "payment.amount_not_positive"
    nothing_written(world, gateway, token)


def test_a_bill_payment_may_carry_the_advance_and_no_more(world, gateway, owing):
    subscriber, token = owing
    with pytest.raises(InvalidInput) as refused:
        world.payments.pay_bill(token, idempotency_key="k", amount=OWED + ADVANCE + Money(1))
    assert refused.value.code == "payment.amount_too_large"
    nothing_written(world, gateway, token)
    paid = world.payments.pay_bill(token, idempotency_key="k2", amount=OWED + ADVANCE)
    assert paid.payment.amount == OWED + ADVANCE
    assert world.balance(subscriber) == ADVANCE  # the excess is kept as balance


def test_an_account_owing_nothing_may_pay_the_advance_ahead(world):
    subscriber, token = world.customer("ad12345678", kind=ServiceKind.BROADBAND)
    with pytest.raises(InvalidInput) as refused:
        world.payments.pay_bill(token, idempotency_key="k", amount=ADVANCE + Money(1))
    assert refused.value.code == "payment.amount_too_large"
    world.payments.pay_bill(token, idempotency_key="k2", amount=ADVANCE)
    assert world.balance(subscriber) == ADVANCE


@pytest.mark.parametrize("fen", [MAX_FEN, 10**15])
def test_an_absurd_bill_payment_is_refused(world, gateway, owing, fen):
    _, token = owing
    with pytest.raises(InvalidInput) as refused:
        world.payments.pay_bill(token, idempotency_key="k", amount=Money(fen))
    assert refused.value.code == "payment.amount_too_large"
    nothing_written(world, gateway, token)


def test_no_attempt_charges_more_than_max_charge(gateway):
    """A bill owing more than the gateway takes at once is paid in parts."""
    world = PaymentWorld(gateway, settings=PaymentSettings(max_charge=Money(5000)))
    world.clock.set(MAY_3)
    subscriber, token = world.customer("ad12345678", kind=ServiceKind.BROADBAND)
    owe(world, subscriber)
    with pytest.raises(InvalidInput) as refused:
        world.payments.pay_bill(token, idempotency_key="k")
    assert refused.value.code == "payment.amount_too_large"
    assert refused.value.data["limit"] == Money(5000)
    nothing_written(world, gateway, token)
    part = world.payments.pay_bill(token, idempotency_key="k2", amount=Money(5000))
    assert part.payment.amount == Money(5000)


def test_an_auto_debit_above_max_charge_stops_uncharged(gateway):
    world = PaymentWorld(gateway, settings=PaymentSettings(max_charge=Money(5000)))
    world.clock.set(MAY_3)
    subscriber, token = world.customer("ad12345678", kind=ServiceKind.BROADBAND)
    owe(world, subscriber)
    mandate = world.auto_debit.sign(token, "工商银行", "6222020200112233446")
    report = world.auto_debit.debit_bills()
    assert report.charged == ()
    assert gateway.calls == []
    (debit,) = world.auto_debit.debits(token, mandate.id).items
    assert debit.reason == "payment.amount_too_large"


# ---------------------------------------------------------------- topping up


@pytest.mark.parametrize(
    ("code", "error", "expected"),
    [
        ("top-up-7", NotFound, "catalog.unknown_product"),
        ("top-up-" + "9" * 40, NotFound, "catalog.unknown_product"),
        ("recharge-card-50", Refused, "payment.not_top_up_product"),
    ],
)
def test_a_top_up_is_a_catalogue_denomination(world, gateway, code, error, expected):
    subscriber, token = world.customer("18612345678")
    with pytest.raises(error) as refused:
        world.payments.top_up(token, code, idempotency_key="k")
    assert refused.value.code == expected
    nothing_written(world, gateway, token)
    assert world.balance(subscriber) == Money.zero()
