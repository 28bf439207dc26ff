"""Operators' entries: recorded payments (F-PAY-2), balance adjustments (F-QRY-1) and posted
usage (F-QRY-2), each once per key and audited in its own transaction (F-AUTH-6).

The rules come from the hall's: a recorded payment is a bill payment (at most what is owed
plus ``max_bill_advance``, oldest bill first, the settled-bill hook earns 1 point per yuan);
an adjustment goes through ``Account.credit``/``debit`` (``balance >= -credit_limit``); a
posted record takes the feed's path.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unicom_core.domain.billing import UsageKind, UsageRecord
from unicom_core.domain.payments import PaymentMethod, PaymentStatus
from unicom_core.domain.shared import SHANGHAI, BillingCycle, MobileNumber, Money
from unicom_core.domain.subscribers import ServiceKind
from unicom_core.errors import Conflict, InvalidInput, NotFound, Refused
from unicom_core.memory.payment_gateway import MemoryPaymentGateway
from unicom_core.testing.worlds.payments import PaymentWorld
from unicom_core.usecases.billing import AdjustKind, AdjustmentRequest
from unicom_core.usecases.payments import RecordedPaymentRequest

APRIL, MAY = BillingCycle(2016, 4), BillingCycle(2016, 5)
MAY_3 = dt.datetime(2016, 5, 3, 10, tzinfo=SHANGHAI)
BILL = Money(1200)  # ¥12.00
NUMBER = "18612345678"


@pytest.fixture
def world():
    world = PaymentWorld(MemoryPaymentGateway())
    world.clock.set(MAY_3)
    return world


def operator(world, *scopes: str) -> str:
    new = world.hall.access.add_client("back office", list(scopes))
    return world.hall.access.issue_client_token(new.client.id, new.secret).access_token


def recorded(account_id: str, fen: int, correlator: str = "bank-0001", **extra) -> object:
    return RecordedPaymentRequest(
        correlator=correlator,
        account_id=account_id,
        amount=Money(fen),
        channel="bank_counter",
        **extra,
    )


def audited(world, action: str) -> list:
    return [entry for entry in world.hall.access.audit().items if entry.action == action]


# ---------------------------------------------------------------------- recorded payments


def test_f_pay_2_a_recorded_payment_settles_the_bill_and_earns_its_points(world):
    subscriber, session = world.customer(NUMBER)
    bill = world.owe(subscriber, BILL, APRIL)
    token = operator(world, "payments.record")
    request = recorded(subscriber.account_id, 1200, bills=[bill.id], reference="V-778")
    payment, created = world.payments.recorded.record(token, request)
    assert created
    assert payment.status is PaymentStatus.SUCCEEDED
    assert payment.fulfilled_at is not None  # handed to billing
    assert payment.method is PaymentMethod.RECORDED
    assert payment.reference == "V-778"
    with world.storage.read() as tx:
        assert tx.bills.get(bill.id).settled_at is not None
    assert world.balance(subscriber) == Money.zero()
    assert world.hall.points.balance(session).balance == 12  # 1 point per yuan paid
    [entry] = audited(world, "payment.recorded")
    assert (entry.account_id, entry.parameters["amount_fen"]) == (subscriber.account_id, "1200")


def test_f_pay_2_the_same_correlator_records_once(world):
    subscriber, _ = world.customer(NUMBER)
    world.owe(subscriber, BILL, APRIL)
    token = operator(world, "payments.record")
    first, _ = world.payments.recorded.record(token, recorded(subscriber.account_id, 1500))
    again, created = world.payments.recorded.record(token, recorded(subscriber.account_id, 1500))
    assert not created
    assert again.id == first.id
    assert world.balance(subscriber) == Money(300)  # ¥15 paid, ¥12 owed: once
    assert len(audited(world, "payment.recorded")) == 1
    with pytest.raises(Conflict) as reused:
        world.payments.recorded.record(token, recorded(subscriber.account_id, 1000))
    assert reused.value.code == "payment.key_reused"


def test_f_pay_2_more_than_owed_follows_the_bill_payment_rule(world):
    subscriber, _ = world.customer(NUMBER)
    world.owe(subscriber, BILL, APRIL)
    token = operator(world, "payments.record")
    most = BILL + world.settings.max_bill_advance
    with pytest.raises(InvalidInput) as too_much:
        world.payments.recorded.record(token, recorded(subscriber.account_id, most.fen + 1))
    assert too_much.value.code == "payment.amount_too_large"
    world.payments.recorded.record(token, recorded(subscriber.account_id, most.fen))
    assert world.balance(subscriber) == world.settings.max_bill_advance


def test_f_pay_2_refusals(world):
    subscriber, session = world.customer(NUMBER)
    other, _ = world.customer("18612345679")
    bill = world.owe(other, BILL, APRIL)
    token = operator(world, "payments.record")
    with pytest.raises(InvalidInput) as foreign:
        world.payments.recorded.record(token, recorded(subscriber.account_id, 100, bills=[bill.id]))
    assert foreign.value.code == "payment.record_bill"
    with pytest.raises(NotFound) as unknown:
        world.payments.recorded.record(token, recorded("no-such-account", 100))
    assert unknown.value.code == "billing.unknown_account"
    with pytest.raises(Refused) as session_refused:
        world.payments.recorded.record(session, recorded(subscriber.account_id, 100))
    assert session_refused.value.code == "access.capability_missing"
    with pytest.raises(Refused):
        world.payments.recorded.record(
            operator(world, "tmf.read"), recorded(subscriber.account_id, 100)
        )
    assert audited(world, "payment.recorded") == []


def test_f_pay_2_a_buyer_cannot_choose_the_recorded_method(world):
    _, session = world.customer(NUMBER)
    with pytest.raises(InvalidInput) as refused:
        world.payments.top_up(
            session, "top-up-50", idempotency_key="k1", method=PaymentMethod.RECORDED
        )
    assert refused.value.code == "payment.method"


# ---------------------------------------------------------------------- adjustments


def adjust(kind: AdjustKind, fen: int, key: str, account_id: str) -> AdjustmentRequest:
    return AdjustmentRequest(
        key=key, kind=kind, amount=Money(fen), reason="correction", account_id=account_id
    )


def test_f_qry_1_an_adjustment_needs_a_reason_and_one_account():
    for reason in ("", "   ", None, "x" * 201, "line\nbreak"):
        with pytest.raises(InvalidInput) as refused:
            AdjustmentRequest(
                key="k", kind=AdjustKind.CREDIT, amount=Money(1), reason=reason, account_id="a"
            )
        assert refused.value.code == "balance.adjust_reason"
    with pytest.raises(InvalidInput) as neither:
        AdjustmentRequest(key="k", kind=AdjustKind.CREDIT, amount=Money(1), reason="r")
    assert neither.value.code == "balance.adjust_request"
    with pytest.raises(InvalidInput) as both:
        AdjustmentRequest(
            key="k",
            kind=AdjustKind.DEBIT,
            amount=Money(1),
            reason="r",
            account_id="a",
            number=MobileNumber.parse(NUMBER),
        )
    assert both.value.code == "balance.adjust_request"


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(AdjustKind), st.integers(1, 3000), st.integers(0, 5)),
        max_size=8,
    )
)
def test_f_qry_1_the_balance_law_of_adjustments(steps):
    """balance = opening + applied credits - applied debits, never below zero (no credit),
    and a key applies at most once."""
    world = PaymentWorld(MemoryPaymentGateway())
    world.clock.set(MAY_3)
    subscriber, _ = world.customer(NUMBER, balance=Money(1000))
    token = operator(world, "balance.adjust")
    expected, applied = 1000, {}
    for kind, fen, key_number in steps:
        key = f"key-{key_number}"
        request = adjust(kind, fen, key, subscriber.account_id)
        signed = fen if kind is AdjustKind.CREDIT else -fen
        if key in applied and applied[key] != (kind, fen):
            with pytest.raises(Conflict) as clash:
                world.billing.adjust_balance(token, request)
            assert clash.value.code == "balance.adjustment_key_reused"
        elif key not in applied and expected + signed < 0:
            with pytest.raises(Refused) as refusal:
                world.billing.adjust_balance(token, request)
            assert refusal.value.code == "account.insufficient_funds"
        else:
            _, created = world.billing.adjust_balance(token, request)
            assert created is (key not in applied)
            if created:
                applied[key] = (kind, fen)
                expected += signed
        assert world.balance(subscriber).fen == expected >= 0
    assert world.balance(subscriber).fen == expected
    assert len(audited(world, "balance.adjusted")) == len(applied)


# ---------------------------------------------------------------------- posted usage


def test_f_qry_2_a_posted_record_takes_the_feed_path_once(world):
    subscriber, _ = world.customer(NUMBER)
    token = operator(world, "usage.ingest")
    record = UsageRecord("cdr-1", NUMBER, UsageKind.DATA, MAY_3, 2049, "3gnet")
    posted = world.billing.post_usage(token, record)
    assert posted.created
    assert (posted.entry.subscriber_id, posted.entry.cycle, posted.entry.units) == (
        subscriber.id,
        MAY,
        3,  # 2049 bytes: three started KB
    )
    again = world.billing.post_usage(token, record)
    assert not again.created
    assert again.entry == posted.entry
    assert len(audited(world, "usage.posted")) == 1
    clash = UsageRecord("cdr-1", NUMBER, UsageKind.DATA, MAY_3, 4096, "3gnet")
    with pytest.raises(Conflict) as conflict:
        world.billing.post_usage(token, clash)
    assert conflict.value.code == "usage.record_conflict"
    stranger = UsageRecord("cdr-2", "18600000000", UsageKind.VOICE, MAY_3, 60)
    with pytest.raises(InvalidInput) as rejected:
        world.billing.post_usage(token, stranger)
    assert (rejected.value.code, rejected.value.data["reason"]) == (
        "usage.rejected",
        "unknown_number",
    )
    assert len(audited(world, "usage.posted")) == 1
    assert ServiceKind.MOBILE is subscriber.number.kind
