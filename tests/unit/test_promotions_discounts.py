"""The laws of fee discounts and campaign files (F-PRO-1, F-PRO-3, F-CAL-5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.billing import (
    BillingCalendar,
    Fee,
    FeeDiscount,
    RatedUsage,
    SubscriberCharges,
    bill_lines,
    discount_lines,
    prorated,
)
from unicom_core.domain.promotions import campaigns_from_toml
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money, Rate
from unicom_core.errors import InvalidInput

CYCLE = BillingCycle(2016, 5)
START = dt.datetime(2016, 5, 1, tzinfo=SHANGHAI)

days = st.integers(0, 40)
fees = st.integers(0, 100_000)
rates = st.integers(1, 100).map(lambda p: Rate(Decimal(p) / 100))


def _fee(full, active):
    return Fee("plan-x", "套餐", Money(full), active, CYCLE.days, prorated(Money(full), active, 31))


@given(fees, rates, days, days)
def test_f_pro_3_a_discount_is_prorated_by_its_days_and_never_exceeds_the_fee(
    full, rate, from_day, length
):
    """The line is -(fee prorated to the days of the window in the cycle) x rate, capped."""
    starts = START + dt.timedelta(days=from_day)
    ends = starts + dt.timedelta(days=length + 1)
    fee = _fee(full, CYCLE.days)
    discount = FeeDiscount("d1", "plan-x", rate, starts, ends, "优惠")
    lines = discount_lines(fee, (START, None), [discount], CYCLE)
    covered = BillingCalendar.active_days(CYCLE, starts, ends)
    expected = min(prorated(Money(full), covered, CYCLE.days).apply(rate), fee.amount)
    assert sum(-line.amount.fen for line in lines) == expected.fen
    assert all(-line.amount <= fee.amount for line in lines)
    assert all(line.days == covered for line in lines)


@given(fees, st.lists(rates, min_size=1, max_size=4), days)
def test_f_pro_3_stacked_discounts_never_exceed_the_fee(full, stacked, active):
    fee = _fee(full, min(active, CYCLE.days))
    offered = [
        FeeDiscount(f"d{n}", "plan-x", rate, START, None, "优惠") for n, rate in enumerate(stacked)
    ]
    lines = discount_lines(fee, (START, None), offered, CYCLE)
    assert Money.total(-line.amount for line in lines) <= fee.amount


@given(fees, fees, rates)
def test_f_pro_3_a_bill_total_is_the_sum_of_its_lines(plan, pack, rate):
    plan_fee = _fee(plan, 31)
    pack_fee = Fee("data-1gb", "包", Money(pack), 10, 31, prorated(Money(pack), 10, 31))
    offered = [FeeDiscount("d1", "plan-x", rate, START, None, "优惠")]
    charges = SubscriberCharges(
        "s1",
        "18612340001",
        CYCLE,
        (plan_fee,),
        (pack_fee,),
        RatedUsage((), ()),
        (),
        discount_lines(plan_fee, (START, None), offered, CYCLE),
    )
    assert Money.total(line.amount for line in bill_lines(charges)) == charges.total


def test_f_pro_3_a_discount_of_another_product_is_not_applied():
    fee = _fee(7600, 31)
    other = FeeDiscount("d1", "plan-y", Rate.one(), START, None, "优惠")
    assert discount_lines(fee, (START, None), [other], CYCLE) == ()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (('rate = "50%"', "rate = 0.5"), "campaign[0].plan_discount[0].rate"),
        (("until = 2020-06-30", 'until = "soon"'), "campaign[0].plan_discount[0].until"),
        (('channels = ["online_hall"]', 'channels = ["moon"]'), "campaign[0].channels"),
        (('name = "节"', 'name = "节"\ncolour = 1'), "campaign[0].colour"),
        (('code = "c1"\n', ""), "campaign[0].code"),
    ],
)
def test_f_pro_1_a_bad_campaign_file_names_the_field(change, field):
    text = """
[[campaign]]
code = "c1"
name = "节"
starts = 2016-05-17T00:00:00
ends = 2016-06-01T00:00:00
channels = ["online_hall"]
[[campaign.plan_discount]]
rate = "50%"
until = 2020-06-30
"""
    assert campaigns_from_toml(text)[0].code == "c1"
    with pytest.raises(InvalidInput) as raised:
        campaigns_from_toml(text.replace(*change))
    assert raised.value.code == "promotion.toml"
    assert raised.value.data["field"] == field


def test_f_pro_1_a_campaign_gives_something_and_ends_after_it_starts():
    text = """
[[campaign]]
code = "c1"
name = "节"
starts = 2016-05-17T00:00:00
ends = 2016-05-01T00:00:00
channels = ["online_hall"]
[[campaign.entitlement]]
code = "cloud"
description = "云"
"""
    with pytest.raises(InvalidInput) as raised:
        campaigns_from_toml(text)
    assert (raised.value.code, raised.value.data["field"]) == ("promotion.campaign", "ends")
    head = text.split("[[campaign.entitlement]]", maxsplit=1)[0]
    with pytest.raises(InvalidInput) as raised:
        campaigns_from_toml(head.replace("05-01", "06-01"))
    assert raised.value.data["field"] == "benefits"
