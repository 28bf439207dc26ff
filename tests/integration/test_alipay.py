"""The hall paying through Alipay's protocol against a local stub gateway (F-PAY-1, F-PAY-3).

The stub (:class:`~unicom_payments.alipay_stub.AlipayStub`) runs on 127.0.0.1 with its own RSA
key pair, made when it starts; it refuses requests whose RSA2 signature is not the merchant's
and signs its answers and notifications, which the adapter verifies. The hall runs on a
SQLite file through the SQL adapter, so the last test can kill the process that charged and
recover in another one.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap
from urllib.request import urlopen

import pytest
from unicom_payments import AlipayGateway, AlipaySettings
from unicom_payments.alipay_stub import AlipayStub, generate_key_pair
from unicom_sql import create_storage

from unicom_core.domain.payments import ActionKind, PaymentMethod, PaymentStatus
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.errors import AdapterError, Conflict, Refused
from unicom_core.testing.worlds.payments import PaymentWorld

APP_ID = "2016051700000001"
NUMBER = "18612345678"


@pytest.fixture(scope="module")
def merchant():
    return generate_key_pair()


@pytest.fixture
def stub(merchant):
    with AlipayStub(APP_ID, merchant.public_pem) as running:
        yield running


def alipay(merchant, stub, **changes):
    fields = {
        "app_id": APP_ID,
        "app_private_key": merchant.private_pem,
        "alipay_public_key": stub.keys.public_pem,
        "gateway_url": stub.url,
        "notify_url": "https://hall.example/notify/alipay",
        "timeout": 2,
        **changes,
    }
    return AlipayGateway(AlipaySettings(**fields))


@pytest.fixture
def world(merchant, stub, sqlite_url):
    world = PaymentWorld(alipay(merchant, stub), storage=create_storage(sqlite_url))
    yield world
    world.storage.close()


def open_page(action):
    """The buyer's browser opens the payment page (the stub checks its signature)."""
    assert action.kind is ActionKind.REDIRECT
    with urlopen(action.payload, timeout=5) as page:  # noqa: S310 - the stub on 127.0.0.1
        page.read()


def test_a_page_top_up_is_credited_once_by_its_verified_notification(world, stub):
    """F-PAY-1, F-PAY-3: RSA2 order string, buyer pays, notification verified, credited once."""
    subscriber, token = world.customer(NUMBER)
    result = world.payments.top_up(token, "top-up-50", idempotency_key="k1")
    assert result.payment.status is PaymentStatus.PENDING
    assert "sign=" in result.payment.action.payload
    open_page(result.payment.action)
    stub.buyer_pays(result.payment.id)
    notice = stub.notification(result.payment.id)
    for _ in range(2):  # Alipay posts again until it hears "success"
        assert world.payments.handle_notification(notice).status is PaymentStatus.SUCCEEDED
    assert world.balance(subscriber) == Money(5000)
    assert stub.refused == []


def test_an_app_top_up_gets_an_order_string_for_the_app(world, stub):
    _, token = world.customer(NUMBER)
    result = world.payments.top_up(
        token, "top-up-30", idempotency_key="k", method=PaymentMethod.APP
    )
    assert result.payment.action.kind is ActionKind.APP_ORDER
    assert "alipay.trade.app.pay" in result.payment.action.payload
    assert stub.trades == {}  # nothing is created until the app pays


def test_tampered_or_foreign_notifications_are_rejected(world, stub):
    """F-PAY-3: a bad signature, a wrong amount or an unknown trade never counts."""
    subscriber, token = world.customer(NUMBER)
    result = world.payments.top_up(token, "top-up-50", idempotency_key="k1")
    open_page(result.payment.action)
    stub.buyer_pays(result.payment.id)
    tampered = stub.notification(result.payment.id) | {"total_amount": "5000.00"}
    with pytest.raises(Refused):
        world.payments.handle_notification(tampered)
    foreign = stub.notification(result.payment.id, app_id="2016999999999999")
    with pytest.raises(Refused):
        world.payments.handle_notification(foreign)
    wrong_amount = stub.notification(result.payment.id, total_amount="0.01")
    with pytest.raises(Conflict):
        world.payments.handle_notification(wrong_amount)
    assert world.balance(subscriber) == Money.zero()
    with world.storage.transaction() as tx:
        reasons = [
            e.event.reason
            for e in tx.outbox.pending(500)
            if e.event.event_type == "payment.notification_rejected"
        ]
    assert reasons == ["bad_signature", "bad_signature", "wrong_amount"]


def test_a_lost_answer_is_settled_by_the_reconciler_querying_alipay(world, stub):
    """F-PAY-3: a timeout is UNKNOWN; the reconciler's trade query settles it."""
    subscriber, token = world.customer(NUMBER)
    first = world.payments.top_up(token, "top-up-50", idempotency_key="k1")
    open_page(first.payment.action)
    stub.buyer_pays(first.payment.id)
    stub.delay = 3  # longer than the adapter's 2 s timeout
    world.clock.advance(dt.timedelta(minutes=5))
    world.payments.reconcile()
    assert world.balance(subscriber) == Money.zero()  # the query's answer was lost too
    stub.delay = 0
    report = world.payments.reconcile()
    assert report.settled == (first.payment.id,)
    assert world.balance(subscriber) == Money(5000)


def test_a_refund_goes_through_alipay_once(world, stub):
    subscriber, token = world.customer(NUMBER)
    paid = world.payments.top_up(token, "top-up-50", idempotency_key="k1").payment
    open_page(paid.action)
    stub.buyer_pays(paid.id)
    world.payments.handle_notification(stub.notification(paid.id))
    refunded = world.payments.refund(paid.id, idempotency_key="r1")
    assert refunded.status is PaymentStatus.REFUNDED
    assert world.balance(subscriber) == Money.zero()
    assert list(stub.trades[paid.id].refunds.values()) == ["50.00"]


def test_a_wrong_merchant_key_is_refused_by_the_gateway(merchant, stub):
    impostor = alipay(merchant, stub, app_private_key=generate_key_pair().private_pem)
    with pytest.raises(AdapterError) as refused:
        impostor.query("pa_anything")
    assert refused.value.code == "payment.gateway_refused"
    assert stub.refused == ["alipay.trade.query"]


CHILD = textwrap.dedent(
    """
    import os, signal
    from urllib.request import urlopen
    from unicom_payments import AlipayGateway, AlipaySettings
    from unicom_sql import create_storage
    from unicom_core.testing.worlds.payments import PaymentWorld

    class KilledAfterCharge(AlipayGateway):
        def charge(self, request):
            result = super().charge(request)
            urlopen(result.action.payload, timeout=5).read()  # the buyer's page opens
            os.kill(os.getpid(), signal.SIGKILL)  # between the charge and the credit
            return result

    gateway = KilledAfterCharge(AlipaySettings(
        app_id=os.environ["APP_ID"], app_private_key=os.environ["APP_KEY"],
        alipay_public_key=os.environ["ALIPAY_KEY"], gateway_url=os.environ["GATEWAY"],
    ))
    world = PaymentWorld(gateway, storage=create_storage(os.environ["DB"]))
    world.payments.top_up(os.environ["TOKEN"], "top-up-50", idempotency_key="k1")
    raise SystemExit("not killed")
    """
)


def test_a_process_killed_between_charge_and_credit_is_recovered_once(merchant, stub, sqlite_url):
    """F-PAY-3: kill the use case after the charge; the reconciler credits exactly once."""
    world = PaymentWorld(alipay(merchant, stub), storage=create_storage(sqlite_url))
    subscriber, token = world.customer(NUMBER)
    environment = os.environ | {
        "APP_ID": APP_ID,
        "APP_KEY": merchant.private_pem,
        "ALIPAY_KEY": stub.keys.public_pem,
        "GATEWAY": stub.url,
        "DB": sqlite_url,
        "TOKEN": token,
    }
    child = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", CHILD],
        env=environment,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert child.returncode == -9, child.stderr.decode()
    with world.storage.transaction() as tx:
        [attempt] = tx.payment_attempts.unsettled_after(None, 10)
    assert attempt.status is PaymentStatus.CREATED  # the answer was never recorded
    stub.buyer_pays(attempt.id)  # on the page the dead process had handed out
    world.clock.advance(dt.timedelta(minutes=5))
    assert world.payments.reconcile().settled == (attempt.id,)
    assert world.balance(subscriber) == Money(5000)
    world.payments.handle_notification(stub.notification(attempt.id))  # late, and again
    again = world.payments.top_up(token, "top-up-50", idempotency_key="k1")
    assert again.duplicate
    assert world.balance(subscriber) == Money(5000)
    world.storage.close()


def _owe(world, subscriber, fen):
    return world.owe(subscriber, Money(fen), BillingCycle(2016, 4))


def test_the_bill_run_debits_an_alipay_agreement_and_retries_a_decline(world, stub):
    """F-PAY-2 through Alipay's agreement debit (alipay.trade.pay, GENERAL_WITHHOLDING)."""
    world.clock.set(dt.datetime(2016, 5, 3, 10, tzinfo=SHANGHAI))
    subscriber, token = world.customer(NUMBER)
    world.auto_debit.sign(token, "招商银行", "6222020200112233446", agreement="20165617000001")
    bill = _owe(world, subscriber, 8800)
    stub.decline_debits = True
    assert world.auto_debit.debit_bills().paid == ()
    stub.decline_debits = False
    world.clock.advance(dt.timedelta(days=1))
    assert len(world.auto_debit.run_due().paid) == 1
    with world.storage.transaction() as tx:
        assert tx.bills.get(bill.id).settled_at is not None
    paid = [t for t in stub.trades.values() if t.status == "TRADE_SUCCESS"]
    assert [t.amount for t in paid] == ["88.00"]
