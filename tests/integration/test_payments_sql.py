"""The payment flows on SQL storage, SQLite and PostgreSQL (F-PAY-1..3, F-QRY-6).

The same use cases as the unit tests, through the public API, on a migrated database: a
top-up whose answer is lost is settled once by the reconciler, concurrent duplicate requests
charge and credit once, a recharge card is redeemed once, concurrent invoice requests give one
invoice, and the bill run debits a mandate.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from unicom_payments import Behaviour, Notify, SandboxPaymentGateway, Step
from unicom_sql import create_storage

from unicom_core.domain.payments import PaymentStatus
from unicom_core.domain.shared import BillingCycle, Money
from unicom_core.errors import Conflict
from unicom_core.testing.worlds.payments import PaymentWorld


@pytest.fixture
def gateway():
    return SandboxPaymentGateway()


@pytest.fixture
def world(db_url, gateway):
    world = PaymentWorld(gateway, storage=create_storage(db_url))
    yield world
    world.storage.close()


def race(count, work):
    start = threading.Barrier(count)
    results, errors = [], []

    def run():
        start.wait(10)
        try:
            results.append(work())
        except Conflict as clash:  # a racer may lose a version clash after its retries
            errors.append(clash)

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results, errors


def test_a_lost_answer_is_credited_once_by_the_reconciler(world, gateway):
    """F-PAY-3 on SQL: timeout, duplicate notifications, reconciler: one credit."""
    subscriber, token = world.customer("18612345678")
    gateway.script(Step(Behaviour.TIME_OUT, Notify.TWICE))
    result = world.payments.top_up(token, "top-up-50", idempotency_key="k")
    world.clock.advance(dt.timedelta(minutes=3))
    world.payments.reconcile()
    for notice in gateway.take_notifications():
        world.payments.handle_notification(notice)
    assert world.balance(subscriber) == Money(5000)
    assert world.engine.current(result.payment.id).is_settled


def test_racing_duplicate_top_ups_charge_and_credit_once(world, gateway):
    """F-PAY-3 on SQL: the same key from four threads at once."""
    subscriber, token = world.customer("18612345678")
    results, _ = race(4, lambda: world.payments.top_up(token, "top-up-30", idempotency_key="k"))
    assert len({r.payment.id for r in results}) == 1
    assert [verb for verb, _ in gateway.calls].count("charge") <= 4
    assert sum(gateway.captured.values(), Money.zero()) == Money(3000)
    assert world.balance(subscriber) == Money(3000)


def test_a_card_is_redeemed_once(world):
    """F-PAY-1 on SQL."""
    subscriber, token = world.customer("18612345678")
    card = world.cards.issue_batch("recharge-card-50", 2).cards[0]
    world.cards.redeem(token, card.secret)
    with pytest.raises(Conflict):
        world.cards.redeem(token, card.secret)
    assert world.balance(subscriber) == Money(5000)


def test_concurrent_invoice_requests_give_one_invoice(world):
    """F-QRY-6 on SQL: one invoice per billable item, even when asked concurrently."""
    _, token = world.customer("18612345678")
    payment = world.payments.top_up(token, "top-up-50", idempotency_key="k").payment
    results, _ = race(4, lambda: world.invoices.issue(token, payment.id))
    assert len({(i.id, i.number) for i in results}) == 1
    assert world.invoices.invoices(token).total == 1


def test_the_bill_run_debits_a_mandate(world):
    """F-PAY-2 on SQL."""
    subscriber, token = world.customer("18612345678")
    world.auto_debit.sign(token, "工商银行", "6222020200112233446")
    bill = world.owe(subscriber, Money(8800), BillingCycle(2016, 4))
    report = world.auto_debit.debit_bills()
    assert len(report.paid) == 1
    records = world.payments.records(token).items
    assert [r.status for r in records] == [PaymentStatus.SUCCEEDED]
    with world.storage.transaction() as tx:
        assert tx.bills.get(bill.id).settled_at is not None
