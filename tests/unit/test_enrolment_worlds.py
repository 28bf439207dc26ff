"""The public test builder enrols through ``hall.subscribers.enrol`` (F-SHOP-3, F-REAL-1, F-REAL-2).

``BillingWorld.add_number`` enrols a number whenever a real enrolment can make it, and builds
it by hand only for what no enrolment makes (docs/reference/testing.md).
"""

from __future__ import annotations

import datetime as dt

import pytest

from unicom_core.domain.shared import SHANGHAI
from unicom_core.domain.subscribers import NetworkGeneration, RealNameStatus, SubscriberStatus
from unicom_core.testing.worlds import BillingWorld

PLAN_4G, PLAN_3G, COMBO = "4g-national-76", "3g-basic-a-46", "4g-national-combo"


def stored(world, subscriber):
    with world.storage.read() as tx:
        customer = tx.customers.get(subscriber.customer_id)
        account = tx.accounts.get(subscriber.account_id)
        credential = tx.credentials.find(subscriber.id)
        profile = tx.billing_profiles.find(subscriber.id)
    return customer, account, credential, profile


def test_a_number_a_real_enrolment_can_make_is_enrolled_with_the_ids_tests_expect():
    world = BillingWorld()
    subscriber = world.add_number("18612345678", plan=PLAN_4G, joined_on=dt.date(2012, 3, 1))
    customer, account, credential, _ = stored(world, subscriber)
    assert (subscriber.id, customer.id, account.id) == ("s0001", "c0001", "a0001")
    assert customer.real_name_status is RealNameStatus.VERIFIED  # checked at enrolment
    assert credential is not None
    assert credential.initial  # the initial password, typed
    assert subscriber.status is SubscriberStatus.ACTIVE
    assert subscriber.joined_on == dt.date(2012, 3, 1)
    assert world.messages.sent == ()  # a typed password is not sent
    assert world.login(subscriber)


def test_a_combination_plan_with_its_bundle_is_enrolled_and_holds_the_packs_from_joining():
    world = BillingWorld()
    joined = dt.date(2015, 1, 1)
    subscriber = world.add_number("18612345678", packs=("data-1gb",), joined_on=joined)
    customer, _, credential, profile = stored(world, subscriber)
    assert customer.real_name_status is RealNameStatus.VERIFIED
    assert credential is not None
    assert [(h.pack_code, h.starts) for h in profile.packs] == [
        ("data-1gb", dt.datetime(2015, 1, 1, tzinfo=SHANGHAI))
    ]


def test_a_second_number_on_the_account_is_enrolled_onto_that_account():
    world = BillingWorld()
    first = world.add_number("18612345678", plan=PLAN_4G)
    with world.storage.read() as tx:
        account = tx.accounts.get(first.account_id)
    second = world.add_number("18612340001", plan=PLAN_4G, account=account)
    assert (second.id, second.account_id, second.customer_id) == ("s0002", "a0001", "c0001")
    assert stored(world, second)[2] is not None  # enrolled: its initial password is stored


@pytest.mark.parametrize(
    "facts",
    [
        {},  # the combination plan without its bundle (F-BUN-2)
        {"plan": "legacy-2009"},  # a plan the catalogue lacks
        {"plan": PLAN_4G, "generation": NetworkGeneration.G3},  # not the plan's network
        {"plan": PLAN_4G, "real_name": RealNameStatus.UNVERIFIED},  # incomplete real name
    ],
)
def test_what_no_enrolment_makes_is_built_by_hand(facts):
    world = BillingWorld()
    subscriber = world.add_number("18612345678", **facts)
    customer, account, credential, _ = stored(world, subscriber)
    assert (subscriber.id, customer.id, account.id) == ("s0001", "c0001", "a0001")
    assert customer.real_name_status is RealNameStatus.UNVERIFIED
    assert credential is None  # login() gives it one
    assert subscriber.plan_code == facts.get("plan", COMBO)
    assert subscriber.generation is facts.get("generation", NetworkGeneration.G4)
    assert world.login(subscriber)


def test_a_sixth_number_of_one_holder_is_built_by_hand_past_the_cap():
    world = BillingWorld()
    first = world.add_number("18612340000", plan=PLAN_3G, generation=NetworkGeneration.G3)
    with world.storage.read() as tx:
        account = tx.accounts.get(first.account_id)
    numbers = [
        world.add_number(
            f"1861234000{n}", plan=PLAN_3G, generation=NetworkGeneration.G3, account=account
        )
        for n in range(1, 6)
    ]
    credentials = [stored(world, s)[2] for s in numbers]
    assert [c is not None for c in credentials] == [True, True, True, True, False]
    assert {s.account_id for s in numbers} == {"a0001"}
