"""The payment attempt's state machine, for any sequence of gateway answers (F-PAY-3)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.payments import (
    PaymentAttempt,
    PaymentMethod,
    PaymentOutcome,
    PaymentPurpose,
    PaymentStatus,
    RefundStatus,
    attempt_id,
    refund_id,
)
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.errors import Conflict, InvalidInput, Refused
from unicom_core.testing.strategies.payments import (
    idempotency_keys,
    payment_attempts,
    payment_outcomes,
)

AT = dt.datetime(2016, 5, 17, 10, tzinfo=SHANGHAI)


def a_top_up():
    attempt, events = PaymentAttempt.create(
        attempt_id("s1", "k"),
        purpose=PaymentPurpose.TOP_UP,
        subscriber_id="s1",
        account_id="a1",
        amount=Money(4925),
        credit=Money(5000),
        method=PaymentMethod.PAGE,
        gateway="sandbox",
        at=AT,
        expires_in=dt.timedelta(minutes=30),
    )
    assert [e.event_type for e in events] == ["payment.created"]
    return attempt


@given(idempotency_keys(), idempotency_keys())
def test_attempt_ids_are_gateway_keys_scoped_by_who_asks(key, other):
    payment = attempt_id("s1", key)
    assert payment.startswith("pa_")
    assert len(payment) == 43
    assert payment.replace("_", "").isalnum()  # a valid Alipay out_trade_no
    assert attempt_id("s1", key) == payment
    assert attempt_id("s2", key) != payment
    assert (attempt_id("s1", other) == payment) == (other == key)
    assert refund_id(payment, key).startswith("rf_")


@pytest.mark.parametrize("key", ["", "with space", "x" * 65, "中文"])
def test_an_idempotency_key_is_printable_ascii(key):
    with pytest.raises(InvalidInput):
        attempt_id("s1", key)


@given(st.lists(payment_outcomes(), max_size=8))
def test_a_success_is_final_and_fulfilled_once(outcomes):
    """F-PAY-3: once SUCCEEDED, no answer moves it back; fulfilment happens once."""
    attempt = a_top_up()
    succeeded = False
    for outcome in outcomes:
        attempt.record_outcome(outcome, at=AT)
        succeeded = succeeded or outcome is PaymentOutcome.SUCCEEDED
        if succeeded:
            assert attempt.status is PaymentStatus.SUCCEEDED
    if succeeded:
        assert len(attempt.fulfil(at=AT)) == 1
        assert attempt.fulfil(at=AT) == ()
        assert attempt.is_settled
    elif outcomes and PaymentOutcome.FAILED in outcomes:
        assert attempt.status is PaymentStatus.FAILED
        with pytest.raises(Refused):
            attempt.fulfil(at=AT)
    else:
        assert attempt.is_open


@given(payment_attempts())
def test_a_drawn_attempt_is_consistent(attempt):
    assert attempt.is_settled == (
        not attempt.is_open and not attempt.awaits_fulfilment and attempt.refund is None
    )


def test_a_success_reporting_another_amount_is_a_conflict():
    attempt = a_top_up()
    with pytest.raises(Conflict) as clash:
        attempt.record_outcome(PaymentOutcome.SUCCEEDED, at=AT, amount=Money(1))
    assert clash.value.code == "payment.amount_mismatch"
    assert attempt.is_open


def test_a_refund_is_asked_once_per_key_and_settles():
    attempt = a_top_up()
    with pytest.raises(Refused):
        attempt.request_refund("rf_1", at=AT)  # not paid yet
    attempt.record_outcome(PaymentOutcome.SUCCEEDED, at=AT)
    attempt.fulfil(at=AT)
    assert len(attempt.request_refund("rf_1", at=AT)) == 1
    assert attempt.request_refund("rf_1", at=AT) == ()
    with pytest.raises(Refused):
        attempt.request_refund("rf_2", at=AT)  # one under way
    assert attempt.record_refund(PaymentOutcome.PENDING, at=AT) == ()
    attempt.record_refund(PaymentOutcome.FAILED, at=AT)
    assert attempt.refund.status is RefundStatus.FAILED
    attempt.request_refund("rf_2", at=AT)  # a refused refund may be asked again
    attempt.record_refund(PaymentOutcome.SUCCEEDED, at=AT)
    assert attempt.status is PaymentStatus.REFUNDED
    assert attempt.record_outcome(PaymentOutcome.SUCCEEDED, at=AT) == ()
    assert attempt.is_settled
