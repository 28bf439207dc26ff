"""Basic information (F-QRY-7) and real-name status (F-REAL-1) through ``hall.profile``."""

from __future__ import annotations

import datetime as dt

import pytest

from unicom_core.domain.shared import SHANGHAI, MobileNumber
from unicom_core.domain.subscribers import NetworkAge, RealNameStatus, SubscriberStatus
from unicom_core.errors import NotFound
from unicom_core.testing.worlds.billing import BillingWorld
from unicom_core.usecases.subscribers import BasicInfo

A, B, UNKNOWN = "18612345678", "18687654321", "18600000000"


def _world_on(day: dt.date, *, hour: int = 10) -> BillingWorld:
    return BillingWorld(start=dt.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI))


@pytest.mark.parametrize(
    ("today", "age"),
    [
        # The join date is the anchor: month 12 of 2020-02-29 ends on 2021-02-28 (clamped).
        (dt.date(2021, 2, 27), NetworkAge(0, 11)),
        (dt.date(2021, 2, 28), NetworkAge(1, 0)),
        (dt.date(2021, 3, 1), NetworkAge(1, 0)),
        (dt.date(2021, 3, 29), NetworkAge(1, 1)),
    ],
)
def test_f_qry_7_network_age_is_counted_to_today_by_the_clock(today, age):
    world = _world_on(today)
    subscriber = world.add_number(A, joined_on=dt.date(2020, 2, 29))
    info = world.hall.profile.basic_info(world.login(subscriber))
    assert info.joined_on == dt.date(2020, 2, 29)
    assert info.as_of == today
    assert info.network_age == age


def test_f_qry_7_today_is_the_day_in_beijing_not_in_utc():
    # 2021-02-27 17:00 UTC is already 2021-02-28 01:00 in Beijing: the year is complete.
    world = BillingWorld(start=dt.datetime(2021, 2, 27, 17, 0, tzinfo=dt.UTC))
    subscriber = world.add_number(A, joined_on=dt.date(2020, 2, 29))
    info = world.hall.profile.basic_info(world.login(subscriber))
    assert info.as_of == dt.date(2021, 2, 28)
    assert info.network_age == NetworkAge(1, 0)


def test_f_qry_7_the_basic_information_of_the_own_number():
    world = _world_on(dt.date(2016, 5, 17))
    subscriber = world.add_number(A, joined_on=dt.date(2010, 1, 1))
    info = world.hall.profile.basic_info(world.login(subscriber))
    assert isinstance(info, BasicInfo)
    assert info.number == subscriber.number
    assert info.status is SubscriberStatus.ACTIVE
    assert info.payment_mode is subscriber.payment_mode
    assert info.generation is subscriber.generation
    assert info.plan_code == "4g-national-combo"
    assert info.plan_name == "4G全国组合套餐"
    assert info.customer_name == "张三"
    assert info.network_age == NetworkAge(6, 4)
    assert info.real_name_status is RealNameStatus.UNVERIFIED


def test_f_qry_7_a_plan_the_catalogue_does_not_know_has_no_name():
    world = _world_on(dt.date(2016, 5, 17))
    subscriber = world.add_number(A, plan="legacy-2009")
    info = world.hall.profile.basic_info(world.login(subscriber))
    assert info.plan_code == "legacy-2009"
    assert info.plan_name is None


def test_f_qry_7_the_puk_in_full_only_to_a_service_password_session():
    world = _world_on(dt.date(2016, 5, 17))
    subscriber = world.add_number(A)
    strong = world.hall.profile.basic_info(world.login(subscriber))
    assert strong.puk == "12345678"
    assert strong.puk_masked is False
    weak = world.hall.profile.basic_info(world.login(subscriber, random_password=True))
    assert weak.puk == "********"
    assert weak.puk_masked is True
    assert "puk='12345678'" not in repr(strong)  # not in logs, even when shown


def test_f_real_1_the_real_name_status_follows_the_customer():
    world = _world_on(dt.date(2016, 5, 17))
    subscriber = world.add_number(A)
    with world.storage.transaction() as tx:
        customer = tx.customers.get(subscriber.customer_id)
        customer.submit_real_name(at=world.clock.now())
        customer.verify_real_name(at=world.clock.now())
        tx.customers.save(customer)
    info = world.hall.profile.basic_info(world.login(subscriber, random_password=True))
    assert info.real_name_status is RealNameStatus.VERIFIED


@pytest.mark.parametrize("random_password", [False, True])
def test_f_real_3_the_resident_id_is_always_masked(random_password):
    world = _world_on(dt.date(2016, 5, 17))
    subscriber = world.add_number(A)
    with world.storage.transaction() as tx:
        full = tx.customers.get(subscriber.customer_id).resident_id.value
    token = world.login(subscriber, random_password=random_password)
    info = world.hall.profile.basic_info(token)
    assert info.resident_id == full[:6] + "********" + full[-4:]
    assert full not in repr(info)


def test_f_auth_6_another_customers_number_is_not_found_like_an_unknown_one():
    world = _world_on(dt.date(2016, 5, 17))
    mine = world.add_number(A)
    world.add_number(B)
    token = world.login(mine)
    with pytest.raises(NotFound) as theirs:
        world.hall.profile.basic_info(token, MobileNumber(B))
    with pytest.raises(NotFound) as unknown:
        world.hall.profile.basic_info(token, MobileNumber(UNKNOWN))
    assert theirs.value.code == unknown.value.code == "access.unknown_number"
    assert str(theirs.value) == str(unknown.value)
    assert theirs.value.data == unknown.value.data


def test_f_qry_7_another_number_of_the_same_customer_is_shown():
    world = _world_on(dt.date(2016, 5, 17))
    mine = world.add_number(A)
    with world.storage.transaction() as tx:
        account = tx.accounts.get(mine.account_id)
    second = world.add_number(B, account=account, joined_on=dt.date(2015, 5, 17))
    info = world.hall.profile.basic_info(world.login(mine), MobileNumber(B))
    assert info.number == second.number
    assert info.network_age == NetworkAge(1, 0)
