"""An account's ledger and collected bill payment survive SQLite and PostgreSQL (F-PAY-3).

They live in the account's stored body (no column, no migration): stored, loaded, equal.
"""

from __future__ import annotations

import datetime as dt

import pytest
from unicom_sql import create_storage

from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.domain.subscribers import Account, AccountId, CustomerId

AT = dt.datetime(2016, 5, 17, 10, tzinfo=SHANGHAI)


@pytest.fixture
def storage(db_url):
    opened = create_storage(db_url)
    yield opened
    opened.close()


def test_the_ledger_and_the_collected_payment_round_trip(storage):
    account = Account(AccountId("a1"), CustomerId("c1"), Money(300))
    account.credit(Money(5000), at=AT, reference="pa_top_up")
    account.debit(Money(1200), at=AT, reference="bill-2016-04")
    account.start_collecting("pa_bill")
    with storage.transaction() as tx:
        tx.accounts.add(account)
    with storage.transaction() as tx:
        loaded = tx.accounts.get(AccountId("a1"))
        assert loaded.ledger == account.ledger
        assert loaded.opening_balance == Money(300)
        assert loaded.balance == Money(4100)
        assert loaded.collecting == "pa_bill"
        assert loaded.stop_collecting("pa_bill")
        tx.accounts.save(loaded)
    with storage.transaction() as tx:
        assert tx.accounts.get(AccountId("a1")).collecting is None
