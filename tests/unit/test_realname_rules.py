"""The rules under re-registration (F-REAL-2): the aggregates' moves, the memory identity
service, and the two laws: a refusal never changes the holder, the cap is never exceeded.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unicom_core import bootstrap
from unicom_core.domain.shared import SHANGHAI, ResidentId, check_character, update
from unicom_core.domain.subscribers import (
    Account,
    AccountId,
    AccountMoved,
    Customer,
    CustomerId,
    CustomerIdentityReplaced,
    CustomerRealNameChanged,
    RealNameStatus,
    SubscriberMoved,
)
from unicom_core.errors import AdapterError, InvalidInput, Refused
from unicom_core.memory import MemoryIdentityVerifier
from unicom_core.ports.subscribers import IdentityAnswer
from unicom_core.testing.strategies import resident_ids
from unicom_core.testing.worlds.billing import BillingWorld
from unicom_core.usecases.subscribers import NUMBERS_PER_RESIDENT_ID, live_numbers

AT = MAY_17 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)


def hall_world(verifier: MemoryIdentityVerifier) -> BillingWorld:
    """A billing world whose hall asks ``verifier``."""
    world = BillingWorld(start=MAY_17)
    world.hall = bootstrap(
        storage=world.storage,
        clock=world.clock,
        messages=world.messages,
        captcha=world.captcha,
        identity=verifier,
    )
    return world


def rid(sequence: int) -> ResidentId:
    first17 = f"11010519800101{sequence:03d}"
    return ResidentId(first17 + check_character(first17))


def customer(status: RealNameStatus = RealNameStatus.UNVERIFIED) -> Customer:
    return Customer(CustomerId("c0001"), "张三", rid(1), status)


# ---------------------------------------------------------------- Customer
@pytest.mark.parametrize(
    ("status", "moves"),
    [
        (RealNameStatus.UNVERIFIED, ["pending", "verified"]),
        (RealNameStatus.REJECTED, ["pending", "verified"]),
        (RealNameStatus.PENDING, ["verified"]),
    ],
)
def test_f_real_2_registration_replaces_the_data_and_verifies(status, moves):
    holder = customer(status)
    events = holder.register_real_name(" 李四 ", rid(2), at=AT)
    assert (holder.name, holder.resident_id, holder.real_name_status) == (
        "李四",
        rid(2),
        RealNameStatus.VERIFIED,
    )
    changed = [e.status.value for e in events if isinstance(e, CustomerRealNameChanged)]
    assert changed == moves
    (replaced,) = [e for e in events if isinstance(e, CustomerIdentityReplaced)]
    assert (replaced.holder, replaced.resident_id) == ("李*", rid(2).masked())


def test_f_real_2_a_verified_customer_is_not_registered_again():
    holder = customer(RealNameStatus.VERIFIED)
    with pytest.raises(Refused) as caught:
        holder.register_real_name("李四", rid(2), at=AT)
    assert caught.value.code == "customer.real_name_transition"
    assert holder == customer(RealNameStatus.VERIFIED)


@pytest.mark.parametrize(("name", "resident"), [("", rid(2)), ("李四", "110105198001010029")])
def test_f_real_2_bad_data_leaves_the_customer_as_it_was(name, resident):
    holder = customer()
    with pytest.raises(InvalidInput):
        holder.register_real_name(name, resident, at=AT)  # type: ignore[arg-type]
    assert holder == customer()


def test_f_real_2_needs_real_name_until_verified():
    assert [customer(s).needs_real_name for s in RealNameStatus] == [True, True, False, True]


# ---------------------------------------------------------------- Subscriber, Account
def test_f_real_2_a_number_moves_to_another_customer_with_its_event():
    world = BillingWorld(start=MAY_17)
    subscriber = world.add_number("18612349001")
    (event,) = subscriber.move_to(CustomerId("c9999"), at=AT)
    assert isinstance(event, SubscriberMoved)
    assert (event.previous, event.customer_id) == ("c0001", "c9999")
    assert subscriber.customer_id == "c9999"
    with pytest.raises(Refused) as caught:
        subscriber.move_to(CustomerId("c9999"), at=AT)
    assert caught.value.code == "subscriber.same_customer"
    subscriber.cancel(at=AT)
    with pytest.raises(Refused) as caught:
        subscriber.move_to(CustomerId("c0001"), at=AT)
    assert caught.value.code == "subscriber.cancelled"


def test_f_real_2_an_account_follows_its_number():
    account = Account(AccountId("a0001"), CustomerId("c0001"))
    assert account.move_to(CustomerId("c0001"), at=AT) == ()
    (event,) = account.move_to(CustomerId("c0002"), at=AT)
    assert isinstance(event, AccountMoved)
    assert (event.previous, event.customer_id, account.customer_id) == ("c0001", "c0002", "c0002")


# ---------------------------------------------------------------- MemoryIdentityVerifier
def test_f_real_2_the_memory_verifier_answers_as_programmed_and_records_masked():
    verifier = MemoryIdentityVerifier()
    assert verifier.verify("张三", rid(1)) is IdentityAnswer.MATCH  # the default
    verifier.answer(rid(2), IdentityAnswer.DECEASED)
    assert verifier.verify("张三", rid(2)) is IdentityAnswer.DECEASED
    verifier.holder(rid(3), "王五")
    assert verifier.verify("王五", rid(3)) is IdentityAnswer.MATCH
    assert verifier.verify("王六", rid(3)) is IdentityAnswer.MISMATCH
    verifier.unavailable(rid(3))
    with pytest.raises(AdapterError) as caught:
        verifier.verify("王五", rid(3))
    assert caught.value.code == "identity.unavailable"
    assert verifier.verify("张三", rid(1)) is IdentityAnswer.MATCH  # only rid(3) is down
    verifier.unavailable()
    with pytest.raises(AdapterError):
        verifier.verify("张三", rid(1))
    assert [q.resident_id for q in verifier.asked] == [
        rid(n).masked() for n in (1, 2, 3, 3, 3, 1, 1)
    ]
    assert all(rid(n).value not in repr(verifier.asked) for n in (1, 2, 3))


def test_f_real_2_the_memory_verifier_refuses_what_is_not_an_answer():
    with pytest.raises(InvalidInput):
        MemoryIdentityVerifier(default="match")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        MemoryIdentityVerifier().answer(rid(1), "mismatch")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput):
        MemoryIdentityVerifier().verify("张三", "110105198001010018")  # type: ignore[arg-type]


# ---------------------------------------------------------------- the laws
NAMES = st.text(alphabet="张王李赵刘陈杨黄周吴三四五六明华", min_size=1, max_size=6)


@given(
    resident=resident_ids(max_birth=dt.date(2016, 5, 17)),
    name=NAMES,
    answer=st.sampled_from([IdentityAnswer.MISMATCH, IdentityAnswer.DECEASED]),
    status=st.sampled_from([RealNameStatus.UNVERIFIED, RealNameStatus.REJECTED]),
)
@settings(max_examples=30)
def test_f_real_2_law_a_refusal_never_changes_the_stored_holder(resident, name, answer, status):
    verifier = MemoryIdentityVerifier(default=answer)
    world = hall_world(verifier)
    subscriber = world.add_number("18612349101")
    with world.storage.transaction() as tx:
        holder = tx.customers.get(subscriber.customer_id)
        update(holder, real_name_status=status)
        tx.customers.save(holder)
    token = world.login(subscriber)
    with world.storage.read() as tx:
        before = (tx.customers.get(holder.id), tx.subscribers.get(subscriber.id).customer_id)
    with pytest.raises(Refused) as caught:
        world.hall.handling.handle(
            token,
            "realname",
            {"name": name, "resident_id": resident.value},
            request_id="req-law-000001",
        )
    assert caught.value.code in {"realname.mismatch", "realname.deceased"}
    with world.storage.read() as tx:
        assert (
            tx.customers.get(holder.id),
            tx.subscribers.get(subscriber.id).customer_id,
        ) == before


# Steps: (number index, "id" index) re-registers; (number index, None) cancels the number.
# Numbers 0-4 share a customer (five numbers: at the cap once it takes an ID), 5-8 are alone.
STEPS = st.lists(st.tuples(st.integers(0, 8), st.one_of(st.none(), st.integers(0, 1))), max_size=14)


@given(steps=STEPS)
@settings(max_examples=40)
def test_f_real_2_law_no_resident_id_ever_holds_more_than_five_numbers(steps):
    world = hall_world(MemoryIdentityVerifier())
    ids = (rid(501), rid(502))
    numbers = [world.add_number("18612349200")]
    with world.storage.read() as tx:
        shared = tx.accounts.get(numbers[0].account_id)
    numbers += [world.add_number(f"1861234920{n}", account=shared) for n in range(1, 5)]
    numbers += [world.add_number(f"1861234920{n}") for n in range(5, 9)]
    cancelled: set[int] = set()
    for n, (index, which) in enumerate(steps):
        if index in cancelled:
            continue
        subscriber = numbers[index]
        if which is None:
            with world.storage.transaction() as tx:
                stored = tx.subscribers.get(subscriber.id)
                stored.cancel(at=MAY_17)
                tx.subscribers.save(stored)
            cancelled.add(index)
            continue
        token = world.login(subscriber)
        try:
            world.hall.handling.handle(
                token,
                "realname",
                {"name": "李四", "resident_id": ids[which].value},
                request_id=f"req-law-{n:06d}",
            )
        except Refused as refusal:
            refused = refusal.code
        else:
            refused = "realname.none"
        assert refused.startswith("realname."), refused
        with world.storage.read() as tx:
            for resident in ids:
                holder = tx.customers.find_by_resident_id(resident)
                if holder is not None:
                    assert live_numbers(tx, holder.id) <= NUMBERS_PER_RESIDENT_ID
