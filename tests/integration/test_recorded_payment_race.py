"""Racing recorded payments on SQLite and PostgreSQL move the money once (F-PAY-2, F-AUTH-6).

A bank's system retries the same counter payment from several threads at once (each with
its own connection), under one correlator: one payment is recorded, every racer gets it
back, the bill is settled once, the account is credited once and one audit entry is
written. The database is the point of serialisation (the payment's insert, billing's
once-per-id mark), never a Python lock.
"""

from __future__ import annotations

import pytest
from unicom_sql import create_storage

from unicom_core.domain.shared import BillingCycle, Money
from unicom_core.errors import Conflict
from unicom_core.memory.payment_gateway import MemoryPaymentGateway
from unicom_core.testing.racing import race
from unicom_core.testing.worlds.payments import PaymentWorld
from unicom_core.usecases.payments import RecordedPaymentRequest

RACERS = 4
APRIL = BillingCycle(2016, 4)
BILL = Money(1200)
PAID = Money(1500)


@pytest.fixture
def world(db_url):
    world = PaymentWorld(MemoryPaymentGateway(), storage=create_storage(db_url))
    yield world
    world.storage.close()


def test_racing_retries_of_one_correlator_record_one_payment(world):
    subscriber, _ = world.customer("18612345678")
    bill = world.owe(subscriber, BILL, APRIL)
    new = world.hall.access.add_client("bank", ["payments.record"])
    token = world.hall.access.issue_client_token(new.client.id, new.secret).access_token
    request = RecordedPaymentRequest(
        correlator="BOC-0001",
        account_id=subscriber.account_id,
        amount=PAID,
        channel="bank_counter",
        bills=[bill.id],
    )
    results, clashes = race(
        lambda _n: world.payments.recorded.record(token, request), RACERS, catch=(Conflict,)
    )
    assert clashes == []  # a clash re-runs and finds the payment recorded
    assert len({payment.id for payment, _ in results}) == 1
    assert sum(1 for _, created in results if created) == 1
    assert world.balance(subscriber) == PAID - BILL  # credited once, the bill paid once
    with world.storage.read() as tx:
        assert tx.bills.get(bill.id).settled_at is not None
    audit = world.hall.access.audit().items
    assert [entry.action for entry in audit].count("payment.recorded") == 1
