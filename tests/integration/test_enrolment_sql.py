"""Enrolment on SQLite and PostgreSQL: a second number on the holder's account, migrated ids.

(F-REAL-2, F-SHOP-3; the rules themselves are tested on memory in tests/unit/test_enrolment*.)
"""

from __future__ import annotations

import datetime as dt

import pytest
from unicom_sql import create_storage

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.errors import Conflict
from unicom_core.memory.clocks import SettableClock
from unicom_core.usecases.handling import EnrolmentIds

START = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
HOLDER = {"name": "张三", "resident_id": "11010519491231002X", "plan_code": "3g-basic-a-46"}


@pytest.fixture
def hall(db_url):
    hall = bootstrap(storage=create_storage(db_url), clock=SettableClock(START))
    yield hall
    hall.close()


def test_a_second_number_joins_the_account_and_its_prestore_is_credited(hall):
    first = hall.subscribers.enrol(
        request_id="req-00000001", number="18612345678", prestore=Money.of_yuan("10"), **HOLDER
    )
    second = hall.subscribers.enrol(
        request_id="req-00000002",
        number="18612340001",
        account_id=first.account.id,
        prestore=Money.of_yuan("5"),
        **HOLDER,
    )
    assert second.subscriber.account_id == first.account.id
    with hall.storage.read() as tx:
        assert tx.accounts.get(first.account.id).balance == Money.of_yuan("15")
    again = hall.subscribers.enrol(
        request_id="req-00000002", number="18612340001", account_id=first.account.id, **HOLDER
    )
    assert again.replayed


def test_migrated_ids_are_kept_and_another_records_id_is_a_conflict(hall):
    ids = EnrolmentIds(customer="crm-c1", account="crm-a1", subscriber="crm-s1")
    moved = hall.subscribers.enrol(
        request_id="import-000001", number="18612345678", ids=ids, **HOLDER
    )
    assert (moved.customer.id, moved.account.id, moved.subscriber.id) == (
        "crm-c1",
        "crm-a1",
        "crm-s1",
    )
    with pytest.raises(Conflict) as caught:
        hall.subscribers.enrol(
            request_id="import-000002",
            number="18612340001",
            ids=EnrolmentIds(account="crm-a1"),
            **HOLDER,
        )
    assert caught.value.code == "enrolment.id_taken"
