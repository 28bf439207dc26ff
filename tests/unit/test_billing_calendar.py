"""The billing calendar's rules on both sides of every boundary (F-CAL-2, 3, 4, 5).

Expected instants are written from the rules of F-CAL-2 … 5 (docs/reference/features.md)
and the Gregorian calendar, in Beijing time; "just before" is one microsecond before, the
finest a datetime holds.
"""

from __future__ import annotations

import ast
import inspect
from datetime import UTC, date, datetime, timedelta

import pytest

from unicom_core.domain.billing import (
    BillingCalendar,
    CalendarProfile,
    CalendarSettings,
    MonthInstant,
    TimeWindow,
)
from unicom_core.domain.shared import SHANGHAI, BillingCycle
from unicom_core.domain.subscribers import NetworkGeneration, PaymentMode
from unicom_core.errors import InvalidInput, Refused
from unicom_core.testing.worlds.billing import BillingWorld

TICK = timedelta(microseconds=1)
CAL = BillingCalendar()
G2_POSTPAID = CalendarProfile(NetworkGeneration.G2, PaymentMode.POSTPAID)
G3_POSTPAID = CalendarProfile(NetworkGeneration.G3, PaymentMode.POSTPAID)
G3_PREPAID = CalendarProfile(NetworkGeneration.G3, PaymentMode.PREPAID)
G4_POSTPAID = CalendarProfile(NetworkGeneration.G4, PaymentMode.POSTPAID)
FIXED_LINE = CalendarProfile(None, PaymentMode.POSTPAID)


def bj(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=SHANGHAI)  # type: ignore[misc]


def test_f_cal_1_the_module_never_reads_a_clock():
    # The module that defines the calendar, reached through the area's public name.
    tree = ast.parse(inspect.getsource(inspect.getmodule(BillingCalendar)))
    called = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert called.isdisjoint({"now", "today", "utcnow", "time", "monotonic"})


# ---------------------------------------------------------------------- F-CAL-2


@pytest.mark.parametrize(
    ("last_day", "third"),
    [
        (bj(2016, 4, 30), bj(2016, 5, 3)),  # a 30-day month
        (bj(2016, 5, 31), bj(2016, 6, 3)),  # a 31-day month
        (bj(2024, 2, 29), bj(2024, 3, 3)),  # a leap February
        (bj(2023, 2, 28), bj(2023, 3, 3)),  # a common February
        (bj(2016, 12, 31), bj(2017, 1, 3)),  # over the year end
    ],
)
def test_f_cal_2_the_window_runs_from_the_last_day_to_the_third(last_day, third):
    window = TimeWindow(last_day, third)
    assert CAL.bill_generation_window(last_day - TICK) is None
    assert CAL.bill_generation_window(last_day) == window
    assert CAL.bill_generation_window(last_day + timedelta(days=2)) == window
    assert CAL.bill_generation_window(third - TICK) == window
    assert CAL.bill_generation_window(third) is None


def test_f_cal_2_a_utc_instant_is_judged_in_beijing_time():
    # 2016-05-30T16:00Z is 2016-05-31 00:00 in Beijing: the window has begun.
    assert CAL.bill_generation_window(datetime(2016, 5, 30, 16, tzinfo=UTC)) is not None
    assert CAL.bill_generation_window(datetime(2016, 5, 30, 15, 59, tzinfo=UTC)) is None


def test_f_cal_2_payment_advice_warns_inside_the_window_only():
    inside = CAL.payment_advice(G4_POSTPAID, bj(2016, 6, 1, 9))
    assert inside.may_post_late
    assert inside.window is not None
    assert inside.window.ends == bj(2016, 6, 3)
    assert not CAL.payment_advice(G4_POSTPAID, bj(2016, 6, 3)).may_post_late


def test_f_cal_2_the_windows_are_configurable():
    calendar = BillingCalendar(
        CalendarSettings(generation_days_before_end=2, generation_window_ends=MonthInstant(2, 12))
    )
    assert calendar.bill_generation_window(bj(2016, 5, 30) - TICK) is None
    assert calendar.bill_generation_window(bj(2016, 5, 30)) == TimeWindow(
        bj(2016, 5, 30), bj(2016, 6, 2, 12)
    )
    assert calendar.bill_generation_window(bj(2016, 6, 2, 12)) is None


def test_f_cal_2_an_empty_window_is_no_window():
    calendar = BillingCalendar(
        CalendarSettings(generation_days_before_end=0, generation_window_ends=MonthInstant(1))
    )
    assert calendar.bill_generation_window(bj(2016, 6, 1)) is None


# ---------------------------------------------------------------------- F-CAL-3


@pytest.mark.parametrize("profile", [G2_POSTPAID, G3_POSTPAID])
@pytest.mark.parametrize("asked", [BillingCycle(2016, 6), BillingCycle(2016, 5)])
def test_f_cal_3_legacy_postpaid_charges_are_dark_on_days_1_and_2(profile, asked):
    assert CAL.query_blackout(profile, asked, bj(2016, 6, 1) - TICK) is None
    assert CAL.query_blackout(profile, asked, bj(2016, 6, 1)) == bj(2016, 6, 3)
    assert CAL.query_blackout(profile, asked, bj(2016, 6, 3) - TICK) == bj(2016, 6, 3)
    assert CAL.query_blackout(profile, asked, bj(2016, 6, 3)) is None


def test_f_cal_3_the_refusal_is_typed_and_carries_retry_at():
    with pytest.raises(Refused) as raised:
        CAL.require_charge_query(G3_POSTPAID, BillingCycle(2016, 5), bj(2016, 6, 2, 12))
    assert raised.value.code == "billing.query_blackout"
    assert raised.value.data["retry_at"] == bj(2016, 6, 3)
    assert raised.value.data["billing_cycle"] == "2016-05"
    CAL.require_charge_query(G3_POSTPAID, BillingCycle(2016, 5), bj(2016, 6, 3))


@pytest.mark.parametrize("profile", [G3_PREPAID, G4_POSTPAID, FIXED_LINE])
def test_f_cal_3_prepaid_4g_and_fixed_lines_are_not_affected(profile):
    assert CAL.query_blackout(profile, BillingCycle(2016, 5), bj(2016, 6, 1)) is None


def test_f_cal_3_older_months_stay_open_during_the_bill_run():
    assert CAL.query_blackout(G3_POSTPAID, BillingCycle(2016, 4), bj(2016, 6, 1)) is None


def test_f_cal_3_across_the_year_and_a_leap_february():
    assert CAL.query_blackout(G2_POSTPAID, BillingCycle(2016, 12), bj(2017, 1, 2, 23)) == bj(
        2017, 1, 3
    )
    assert CAL.query_blackout(G2_POSTPAID, BillingCycle(2024, 2), bj(2024, 3, 1)) == bj(2024, 3, 3)
    assert CAL.query_blackout(G2_POSTPAID, BillingCycle(2024, 2), bj(2024, 2, 29, 23)) is None


# ---------------------------------------------------------------------- F-CAL-4

UPGRADED = CalendarProfile(NetworkGeneration.G4, PaymentMode.POSTPAID, BillingCycle(2016, 6))


def test_f_cal_4_charges_and_usage_open_at_8_on_the_4th_of_the_upgrade_month():
    for asked in (BillingCycle(2016, 6), BillingCycle(2016, 5), BillingCycle(2016, 1)):
        assert CAL.query_blackout(UPGRADED, asked, bj(2016, 6, 1)) == bj(2016, 6, 4, 8)
        assert CAL.query_blackout(UPGRADED, asked, bj(2016, 6, 4, 8) - TICK) == bj(2016, 6, 4, 8)
        assert CAL.query_blackout(UPGRADED, asked, bj(2016, 6, 4, 8)) is None
    assert CAL.usage_query_opens(UPGRADED, bj(2016, 6, 4, 8) - TICK) == bj(2016, 6, 4, 8)
    assert CAL.usage_query_opens(UPGRADED, bj(2016, 6, 4, 8)) is None


def test_f_cal_4_payment_opens_at_8_on_the_2nd():
    assert CAL.payment_opens(UPGRADED, bj(2016, 6, 1)) == bj(2016, 6, 2, 8)
    assert CAL.payment_opens(UPGRADED, bj(2016, 6, 2, 8) - TICK) == bj(2016, 6, 2, 8)
    assert CAL.payment_opens(UPGRADED, bj(2016, 6, 2, 8)) is None
    with pytest.raises(Refused) as raised:
        CAL.payment_advice(UPGRADED, bj(2016, 6, 2, 7, 59))
    assert raised.value.code == "billing.upgrade_payment_pending"
    assert raised.value.data["retry_at"] == bj(2016, 6, 2, 8)


def test_f_cal_4_the_usage_refusal_is_typed():
    with pytest.raises(Refused) as raised:
        CAL.require_usage_query(UPGRADED, bj(2016, 6, 3))
    assert raised.value.code == "billing.upgrade_query_pending"
    assert raised.value.data["retry_at"] == bj(2016, 6, 4, 8)


def test_f_cal_4_before_the_upgrade_month_the_number_is_still_2g_3g():
    # The 4G plan takes effect in June: on May's bill-run days the number is a 3G one.
    may = CalendarProfile(NetworkGeneration.G4, PaymentMode.POSTPAID, BillingCycle(2016, 7))
    assert CAL.query_blackout(may, BillingCycle(2016, 6), bj(2016, 6, 2)) == bj(2016, 6, 3)
    assert CAL.payment_opens(may, bj(2016, 6, 1)) is None


def test_f_cal_4_the_month_after_the_upgrade_is_free():
    assert CAL.query_blackout(UPGRADED, BillingCycle(2016, 6), bj(2016, 7, 1)) is None
    assert CAL.payment_opens(UPGRADED, bj(2016, 7, 1)) is None


# ---------------------------------------------------------------------- F-CAL-5


def test_f_cal_5_effective_next_month_is_the_next_cycle_start():
    assert CAL.effective_next_month(bj(2016, 1, 31, 23, 59)) == bj(2016, 2, 1)
    assert CAL.effective_next_month(bj(2016, 2, 1)) == bj(2016, 3, 1)
    assert CAL.effective_next_month(datetime(2016, 1, 31, 16, tzinfo=UTC)) == bj(2016, 3, 1)


@pytest.mark.parametrize(
    ("cycle", "starts", "ends", "days"),
    [
        (BillingCycle(2024, 2), bj(2024, 2, 15), None, 15),  # leap: 15..29
        (BillingCycle(2023, 2), bj(2023, 2, 15), None, 14),  # common: 15..28
        (BillingCycle(2016, 5), bj(2016, 5, 31, 23, 59), None, 1),  # last day counts whole
        (BillingCycle(2016, 5), bj(2016, 4, 1), None, 31),  # held before: the whole month
        (BillingCycle(2016, 5), bj(2016, 4, 1), bj(2016, 5, 11), 10),  # ends at 00:00: 1..10
        (BillingCycle(2016, 5), bj(2016, 4, 1), bj(2016, 5, 11, 1), 11),  # ends mid-day
        (BillingCycle(2016, 5), bj(2016, 6, 1), None, 0),  # starts after
        (BillingCycle(2016, 5), bj(2016, 3, 1), bj(2016, 5, 1), 0),  # ended before
    ],
)
def test_f_cal_5_active_days_count_every_day_touched(cycle, starts, ends, days):
    assert BillingCalendar.active_days(cycle, starts, ends) == days


def test_f_cal_5_cycle_of_is_the_calendar_month_in_beijing():
    assert BillingCalendar.cycle_of(datetime(2016, 5, 31, 16, tzinfo=UTC)) == BillingCycle(2016, 6)


# ---------------------------------------------------------------------- settings


@pytest.mark.parametrize(
    "build",
    [
        lambda: MonthInstant(0),
        lambda: MonthInstant(15),
        lambda: MonthInstant(1, 24),
        lambda: MonthInstant(1, 0, 60),
        lambda: CalendarSettings(generation_days_before_end=15),
        lambda: CalendarSettings(bill_run_ends=3),  # type: ignore[arg-type]
        lambda: CalendarProfile("4g", PaymentMode.PREPAID),  # type: ignore[arg-type]
    ],
)
def test_settings_are_validated(build):
    with pytest.raises(InvalidInput):
        build()


def test_a_naive_instant_is_refused():
    with pytest.raises(InvalidInput) as raised:
        CAL.bill_generation_window(datetime(2016, 6, 1))  # noqa: DTZ001 - the point of the test
    assert raised.value.code == "time.naive"


def test_a_profile_is_read_from_a_subscriber():
    world = BillingWorld()
    subscriber = world.add_number("18612345678", generation=NetworkGeneration.G3)
    profile = CalendarProfile.of(subscriber, BillingCycle(2016, 9))
    assert profile == CalendarProfile(
        NetworkGeneration.G3, PaymentMode.POSTPAID, BillingCycle(2016, 9)
    )
    assert str(MonthInstant(4, 8)) == "day 4 08:00"
    assert "2016" in str(TimeWindow(bj(2016, 5, 31), bj(2016, 6, 3)))
    assert date(2016, 6, 3) == bj(2016, 6, 3).date()
