"""Enrolment on an existing account, and with the ids of a migration (F-REAL-2, F-SHOP-3).

``hall.subscribers.enrol(account_id=...)`` opens a second number on an account of the same
holder; ``ids=EnrolmentIds(...)`` fixes the new records' ids for a carrier importing the
customers it holds already. Each is checked against the store, and a refusal writes nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.shared import SHANGHAI, LoginType, MobileNumber, Money, check_character
from unicom_core.errors import Conflict, InvalidInput, NotFound, Refused
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.messaging import MemoryMessageSender
from unicom_core.usecases.handling import EnrolmentIds

START = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
PLAN = "3g-basic-a-46"


def resident(n: int) -> str:
    first17 = f"11010519800101{n:03d}"
    return first17 + check_character(first17)


class World:
    def __init__(self) -> None:
        self.messages = MemoryMessageSender()
        self.hall = bootstrap(clock=SettableClock(START), messages=self.messages)

    def enrol(self, index: int, holder: int = 1, **changes):
        facts = {
            "request_id": f"req-{index:08d}",
            "name": "张三",
            "resident_id": resident(holder),
            "number": f"1861234{index:04d}",
            "plan_code": PLAN,
        }
        facts.update(changes)
        return self.hall.subscribers.enrol(**facts)

    def stored(self, index: int) -> bool:
        with self.hall.storage.read() as tx:
            return tx.subscribers.find_by_number(MobileNumber(f"1861234{index:04d}")) is not None

    def account(self, account_id: str):
        with self.hall.storage.read() as tx:
            return tx.accounts.get(account_id)


@pytest.fixture
def world():
    return World()


def test_a_second_number_joins_an_existing_account_of_the_same_holder(world):
    first = world.enrol(1, prestore=Money.of_yuan("10"))
    second = world.enrol(2, account_id=first.account.id, prestore=Money.of_yuan("5"))
    assert second.subscriber.account_id == first.account.id
    assert second.customer.id == first.customer.id
    assert second.account.id == first.account.id
    assert world.account(first.account.id).balance == Money.of_yuan("15")
    with world.hall.storage.read() as tx:
        assert tx.subscribers.find(second.subscriber.id) == second.subscriber


def test_a_number_on_an_existing_account_is_idempotent_per_request(world):
    first = world.enrol(1)
    second = world.enrol(2, account_id=first.account.id)
    again = world.enrol(2, account_id=first.account.id)
    assert again.replayed
    assert again.subscriber == second.subscriber


def test_another_holders_account_is_refused_and_nothing_is_stored(world):
    first = world.enrol(1, holder=1)
    with pytest.raises(Refused) as caught:
        world.enrol(2, holder=2, account_id=first.account.id)
    assert caught.value.code == "enrolment.account_holder"
    assert not world.stored(2)
    assert len(world.messages.sent) == 1


def test_an_unknown_account_is_not_found_and_nothing_is_stored(world):
    world.enrol(1)
    with pytest.raises(NotFound) as caught:
        world.enrol(2, account_id="no-such-account")
    assert caught.value.code == "enrolment.account_unknown"
    assert not world.stored(2)


def test_the_cap_of_five_holds_on_a_shared_account(world):
    first = world.enrol(1)
    for index in range(2, 6):
        world.enrol(index, account_id=first.account.id)
    with pytest.raises(Refused) as caught:
        world.enrol(6, account_id=first.account.id)
    assert caught.value.code == "realname.cap_reached"
    assert not world.stored(6)


@pytest.mark.parametrize(
    ("on_account", "changes", "field"),
    [
        (True, {"credit_limit": Money.zero()}, "credit_limit"),
        (True, {"ids": EnrolmentIds(account="a-new")}, "ids.account"),
        (False, {"ids": EnrolmentIds(customer="")}, "ids.customer"),
        (False, {"ids": EnrolmentIds(subscriber="-s1")}, "ids.subscriber"),
        (False, {"ids": EnrolmentIds(account="a" * 65)}, "ids.account"),
        (False, {"account_id": "bad id"}, "account_id"),
    ],
)
def test_facts_that_do_not_go_with_an_existing_account_or_bad_ids_are_refused(
    world, on_account, changes, field
):
    first = world.enrol(1)
    account = {"account_id": first.account.id} if on_account else {}
    with pytest.raises(InvalidInput) as caught:
        world.enrol(2, **account, **changes)
    assert caught.value.code == "enrolment.parameter"
    assert caught.value.data["field"] == field
    assert not world.stored(2)


def test_a_migration_keeps_its_ids_and_asked_again_answers_the_same(world):
    ids = EnrolmentIds(customer="crm-c1", account="crm-a1", subscriber="crm-s1")
    enrolled = world.enrol(1, ids=ids)
    assert (enrolled.customer.id, enrolled.account.id, enrolled.subscriber.id) == (
        "crm-c1",
        "crm-a1",
        "crm-s1",
    )
    again = world.enrol(1, ids=ids)
    assert again.replayed
    assert again.subscriber == enrolled.subscriber


def test_a_second_migrated_number_of_a_holder_names_the_same_customer(world):
    world.enrol(1, ids=EnrolmentIds(customer="crm-c1", account="crm-a1", subscriber="crm-s1"))
    second = world.enrol(2, ids=EnrolmentIds(customer="crm-c1", subscriber="crm-s2"))
    assert second.customer.id == "crm-c1"
    assert second.subscriber.id == "crm-s2"


@pytest.mark.parametrize(
    ("index", "holder", "ids", "field"),
    [
        (2, 1, EnrolmentIds(subscriber="crm-s1"), "subscriber_id"),
        (2, 2, EnrolmentIds(account="crm-a1"), "account_id"),
        (2, 2, EnrolmentIds(customer="crm-c1"), "customer_id"),
        (2, 1, EnrolmentIds(customer="crm-c9"), "customer_id"),
    ],
)
def test_an_id_of_another_record_is_a_conflict_and_nothing_is_stored(
    world, index, holder, ids, field
):
    world.enrol(1, ids=EnrolmentIds(customer="crm-c1", account="crm-a1", subscriber="crm-s1"))
    with pytest.raises(Conflict) as caught:
        world.enrol(index, holder=holder, ids=ids)
    assert caught.value.code == "enrolment.id_taken"
    assert caught.value.data["field"] == field
    assert not world.stored(index)
    assert len(world.messages.sent) == 1


def test_a_password_typed_at_the_counter_is_stored_initial_and_not_sent(world):
    enrolled = world.enrol(1, initial_password="135790")  # noqa: S106 - a test password
    assert not enrolled.password_sent
    assert world.messages.sent == ()
    hall = world.hall
    with hall.storage.read() as tx:
        credential = tx.credentials.get(enrolled.subscriber.id)
    assert credential.initial
    hall.access.change_password(
        LoginType.MOBILE, enrolled.subscriber.number.value, "135790", "284615", client="test"
    )


@pytest.mark.parametrize("typed", ["12345", "abcdef", 135790])
def test_a_malformed_typed_password_is_refused_and_nothing_is_stored(world, typed):
    with pytest.raises(InvalidInput) as caught:
        world.enrol(1, initial_password=typed)
    assert caught.value.code == "password.format"
    assert not world.stored(1)
