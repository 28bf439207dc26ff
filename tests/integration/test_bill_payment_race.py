"""Racing bill payments on SQLite and PostgreSQL take the money once (F-PAY-1, F-PAY-3).

Browser tabs (threads, each with its own connection) ask at the same instant to pay what a
¥12.00 bill owes, each under its own idempotency key. Whatever the interleaving, one payment
is opened: the others get it back or are refused, and the gateway takes ¥12.00, never more.
The account is the point of serialisation (its optimistic version under READ COMMITTED on
PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite), never a Python lock.
"""

from __future__ import annotations

import pytest
from unicom_payments import Behaviour, SandboxPaymentGateway
from unicom_sql import create_storage

from unicom_core.domain.payments import PaymentPurpose
from unicom_core.domain.shared import BillingCycle, Money
from unicom_core.domain.subscribers import ServiceKind
from unicom_core.errors import Conflict, Refused
from unicom_core.testing.racing import race
from unicom_core.testing.worlds.payments import PaymentWorld

TABS = 4
APRIL = BillingCycle(2016, 4)
BILL = Money(1200)


@pytest.fixture
def gateway():
    return SandboxPaymentGateway()


@pytest.fixture
def world(db_url, gateway):
    world = PaymentWorld(gateway, storage=create_storage(db_url))
    yield world
    world.storage.close()


@pytest.fixture
def owing(world):
    subscriber, token = world.customer("ad12345678", kind=ServiceKind.BROADBAND)
    return subscriber, token, world.owe(subscriber, BILL, APRIL)


def bill_payments(world, token):
    return [r for r in world.payments.records(token).items if r.purpose is PaymentPurpose.BILL]


def test_racing_tabs_paying_what_is_owed_open_one_payment(world, gateway, owing):
    """Open payments (the buyer has not finished): every tab gets the one payment back."""
    _, token, _ = owing
    gateway.script(*[Behaviour.ANSWER_LATE] * TABS)
    results, refusals = race(
        lambda n: world.payments.pay_bill(token, idempotency_key=f"t{n}"),
        TABS,
        catch=(Conflict, Refused),
    )
    assert [r.code for r in refusals] == []
    assert len({r.payment.id for r in results}) == 1
    assert sum(1 for r in results if not r.duplicate) == 1
    assert len(bill_payments(world, token)) == 1
    gateway.settle_late()
    for notice in gateway.take_notifications():
        world.payments.handle_notification(notice)
    assert Money.total(gateway.captured.values()) == BILL


def test_racing_tabs_paid_at_once_take_the_bill_once(world, gateway, owing):
    """Payments that succeed at once: the late tabs find the bill paid, or reuse the one."""
    subscriber, token, bill = owing
    results, refusals = race(
        lambda n: world.payments.pay_bill(token, idempotency_key=f"t{n}"),
        TABS,
        catch=(Conflict, Refused),
    )
    assert {r.code for r in refusals} <= {"payment.nothing_owed", "payment.bill_payment_open"}
    assert len({r.payment.id for r in results}) == 1
    assert len(bill_payments(world, token)) == 1
    assert Money.total(gateway.captured.values()) == BILL
    with world.storage.transaction() as tx:
        assert tx.bills.get(bill.id).settled_at is not None
    assert world.balance(subscriber) == Money.zero()


def test_racing_different_amounts_open_one_payment(world, gateway, owing):
    """Different requests: one is opened, the others are refused naming it."""
    _, token, _ = owing
    gateway.script(*[Behaviour.ANSWER_LATE] * TABS)
    results, refusals = race(
        lambda n: world.payments.pay_bill(
            token, idempotency_key=f"t{n}", amount=Money(100 * (n + 1))
        ),
        TABS,
        catch=(Conflict, Refused),
    )
    (opened,) = results
    assert [r.code for r in refusals] == ["payment.bill_payment_open"] * (TABS - 1)
    assert {r.data["payment_id"] for r in refusals} == {opened.payment.id}
    assert len(bill_payments(world, token)) == 1


def test_a_bill_run_racing_payments_by_hand_takes_the_bill_once(world, gateway, owing):
    """The auto-debit and the tabs collect the same bill: it is taken once (F-PAY-2)."""
    _, token, bill = owing
    world.auto_debit.sign(token, "工商银行", "6222020200112233446")

    def work(n):
        if n == 0:
            return world.auto_debit.debit_bills()
        return world.payments.pay_bill(token, idempotency_key=f"t{n}")

    _, refusals = race(work, TABS, catch=(Conflict, Refused))
    assert {r.code for r in refusals} <= {"payment.nothing_owed", "payment.bill_payment_open"}
    world.auto_debit.run_due()
    assert Money.total(gateway.captured.values()) == BILL
    with world.storage.transaction() as tx:
        assert tx.bills.get(bill.id).settled_at is not None
