"""The billing calendar: cycles are calendar months of Beijing time (F-CAL-1, F-CAL-5).

Expected values are written from the Gregorian calendar and the rules, not from the code.
"""

from __future__ import annotations

import ast
import calendar as stdlib_calendar
import inspect
from datetime import UTC, date, datetime, timedelta, timezone
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from unicom_core.domain.shared import SHANGHAI, BillingCycle, add_months, to_shanghai
from unicom_core.errors import InvalidInput
from unicom_core.testing.strategies.calendar import (
    aware_instants,
    billing_cycles,
    shanghai_instants,
)

EIGHT_HOURS = timedelta(hours=8)


def _is_leap(year: int) -> bool:
    """The Gregorian rule, written out: every 4th year, except centuries not divisible by 400."""
    return (year % 4 == 0 and year % 100 != 0) or year % 400 == 0


def _utc(instant: datetime) -> datetime:
    return instant.astimezone(UTC)


def _raises_code(code: str):
    return pytest.raises(InvalidInput, match=rf"^\[{code}\]")


# ---------------------------------------------------------------------- purity, F-CAL-1


def test_f_cal_1_calendar_module_never_reads_a_clock():
    # The module that defines the cycle, reached through the area's public name.
    tree = ast.parse(inspect.getsource(inspect.getmodule(BillingCycle)))
    called = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert called.isdisjoint({"now", "today", "utcnow", "time", "monotonic", "fromtimestamp"})


# ---------------------------------------------------------------------- laws of F-CAL-5


@given(aware_instants())
def test_f_cal_5_every_instant_lies_in_exactly_one_cycle(instant):
    cycle = BillingCycle.containing(instant)
    assert cycle.contains(instant)
    assert not cycle.next().contains(instant)
    assert not cycle.previous().contains(instant)
    assert _utc(cycle.start) <= _utc(instant) < _utc(cycle.end)


@given(shanghai_instants())
def test_f_cal_5_a_beijing_instant_lies_in_its_own_calendar_month(instant):
    assert BillingCycle.containing(instant) == BillingCycle(instant.year, instant.month)


@given(billing_cycles())
def test_f_cal_5_cycles_abut_without_gap_or_overlap(cycle):
    assert cycle.next().start == cycle.end
    assert cycle.next().previous() == cycle
    assert cycle.previous().next() == cycle
    assert cycle < cycle.next()
    assert cycle.contains(cycle.start)
    assert not cycle.contains(cycle.end)
    assert cycle.next().contains(cycle.end)
    assert cycle.contains(cycle.end - timedelta(microseconds=1))


@given(billing_cycles())
def test_f_cal_5_a_cycle_starts_at_midnight_on_the_first_in_beijing(cycle):
    start = cycle.start
    assert start.tzinfo is SHANGHAI
    assert (start.year, start.month, start.day, start.hour, start.minute) == (
        cycle.year,
        cycle.month,
        1,
        0,
        0,
    )
    assert cycle.first_day == date(cycle.year, cycle.month, 1)


@given(billing_cycles(min_year=1992))
def test_f_cal_5_since_1992_every_boundary_is_at_plus_eight_hours(cycle):
    assert cycle.start.utcoffset() == EIGHT_HOURS
    assert cycle.end.utcoffset() == EIGHT_HOURS


@given(st.integers(min_value=1900, max_value=9998))
def test_f_cal_5_the_cycles_of_a_year_partition_it(year):
    cycles = [BillingCycle(year, month) for month in range(1, 13)]
    assert cycles[0].start == datetime(year, 1, 1, tzinfo=SHANGHAI)
    assert cycles[-1].end == datetime(year + 1, 1, 1, tzinfo=SHANGHAI)
    for earlier, later in pairwise(cycles):
        assert earlier.end == later.start
    assert sum(cycle.days for cycle in cycles) == (366 if _is_leap(year) else 365)


@given(billing_cycles(min_year=1900, max_year=9999))
def test_f_cal_5_days_counts_the_days_of_the_month(cycle):
    expected = stdlib_calendar.monthrange(cycle.year, cycle.month)[1]
    assert cycle.days == expected
    assert cycle.last_day == date(cycle.year, cycle.month, expected)
    days = list(cycle.dates())
    assert sum(1 for _ in days) == cycle.days
    assert days[0] == cycle.first_day
    assert days[-1] == cycle.last_day
    assert all(later - earlier == timedelta(days=1) for earlier, later in pairwise(days))
    assert all(BillingCycle.of_date(day) == cycle for day in days)


@given(billing_cycles(), st.data())
def test_f_cal_5_proration_days_run_from_the_change_to_the_end_inclusive(cycle, data):
    assert cycle.days_from(cycle.first_day) == cycle.days
    assert cycle.days_from(cycle.last_day) == 1
    day_of_month = data.draw(st.integers(min_value=1, max_value=cycle.days))
    change = date(cycle.year, cycle.month, day_of_month)
    assert cycle.day_index(change) == day_of_month - 1
    assert cycle.days_from(change) == cycle.days - day_of_month + 1


@given(billing_cycles(), st.integers(min_value=-60, max_value=60))
def test_f_cal_5_from_anchor_agrees_with_stepping_one_month_at_a_time(anchor, n):
    stepped = anchor
    for _ in range(abs(n)):
        stepped = stepped.next() if n > 0 else stepped.previous()
    assert BillingCycle.from_anchor(anchor, n) == stepped
    assert anchor.shifted(n) == stepped


@given(billing_cycles(), st.integers(min_value=-840, max_value=840))
def test_f_cal_5_from_anchor_lands_on_the_month_counted_by_hand(anchor, n):
    year, month0 = divmod(anchor.year * 12 + anchor.month - 1 + n, 12)
    assert BillingCycle.from_anchor(anchor, n) == BillingCycle(year, month0 + 1)
    assert anchor.months_until(BillingCycle.from_anchor(anchor, n)) == n


@given(billing_cycles(), billing_cycles())
def test_f_cal_5_months_until_round_trips_through_shifted(a, b):
    n = a.months_until(b)
    assert n == (b.year - a.year) * 12 + (b.month - a.month)
    assert a.shifted(n) == b
    assert b.months_until(a) == -n
    assert (a < b) == (n > 0)
    assert (a < b) == (_utc(a.start) < _utc(b.start))


@given(billing_cycles(min_year=1900, max_year=9999))
def test_f_cal_5_str_and_parse_round_trip(cycle):
    text = str(cycle)
    assert len(text) == 7
    assert text[4] == "-"
    assert BillingCycle.parse(text) == cycle


@given(
    # 1,200 months either way stays inside the years a date can hold (1..9999).
    st.dates(min_value=date(1900, 1, 1), max_value=date(9899, 12, 31)),
    st.integers(min_value=-1200, max_value=1200),
)
def test_f_cal_5_add_months_clamps_the_day_but_keeps_the_anchor(anchor, n):
    year, month0 = divmod(anchor.year * 12 + anchor.month - 1 + n, 12)
    month_length = stdlib_calendar.monthrange(year, month0 + 1)[1]
    assert add_months(anchor, n) == date(year, month0 + 1, min(anchor.day, month_length))


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(9000, 12, 28)),
    st.integers(min_value=0, max_value=48),
)
def test_f_cal_5_add_months_equals_chaining_when_no_day_is_clamped(anchor, n):
    anchor = anchor.replace(day=min(anchor.day, 28))
    chained = anchor
    for _ in range(n):
        chained = add_months(chained, 1)
    assert add_months(anchor, n) == chained


# ---------------------------------------------------------------------- examples of F-CAL-5


@pytest.mark.parametrize(
    ("year", "month", "days"),
    [
        (2024, 2, 29),  # divisible by 4
        (2100, 2, 28),  # a century not divisible by 400
        (2000, 2, 29),  # a century divisible by 400
        (2026, 2, 28),
        (2026, 1, 31),
        (2026, 4, 30),
        (2026, 11, 30),
        (2026, 12, 31),
    ],
)
def test_f_cal_5_month_lengths(year, month, days):
    assert BillingCycle(year, month).days == days


def test_f_cal_5_a_utc_instant_on_the_31st_afternoon_is_already_february_in_beijing():
    assert BillingCycle.containing(datetime(2026, 1, 31, 16, 30, tzinfo=UTC)) == BillingCycle(
        2026, 2
    )


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        (datetime(2026, 1, 31, 15, 59, 59, 999_999, tzinfo=UTC), BillingCycle(2026, 1)),
        (datetime(2026, 1, 31, 16, tzinfo=UTC), BillingCycle(2026, 2)),
        (datetime(2026, 2, 1, tzinfo=SHANGHAI), BillingCycle(2026, 2)),
        (datetime(2026, 1, 31, 23, 59, 59, tzinfo=SHANGHAI), BillingCycle(2026, 1)),
        # 12:00 in New York (EST, -05:00) on 28 Feb is 01:00 on 1 March in Beijing.
        (datetime(2026, 2, 28, 12, tzinfo=ZoneInfo("America/New_York")), BillingCycle(2026, 3)),
        (datetime(2026, 12, 31, 16, tzinfo=UTC), BillingCycle(2027, 1)),
        (datetime(2026, 6, 30, 23, tzinfo=timezone(timedelta(hours=9))), BillingCycle(2026, 6)),
    ],
)
def test_f_cal_5_containing_converts_any_zone_to_beijing_time(instant, expected):
    assert BillingCycle.containing(instant) == expected
    assert expected.contains(instant)


def test_f_cal_5_boundaries_of_november_2026():
    cycle = BillingCycle(2026, 11)
    assert cycle.start.isoformat() == "2026-11-01T00:00:00+08:00"
    assert cycle.end.isoformat() == "2026-12-01T00:00:00+08:00"
    assert _utc(cycle.start) == datetime(2026, 10, 31, 16, tzinfo=UTC)
    assert cycle.first_day == date(2026, 11, 1)
    assert cycle.last_day == date(2026, 11, 30)
    assert BillingCycle(2026, 12).end == datetime(2027, 1, 1, tzinfo=SHANGHAI)


def test_f_cal_5_next_and_previous_cross_the_year():
    assert BillingCycle(2026, 12).next() == BillingCycle(2027, 1)
    assert BillingCycle(2026, 1).previous() == BillingCycle(2025, 12)
    assert BillingCycle(2026, 11).shifted(14) == BillingCycle(2028, 1)
    assert BillingCycle(2026, 11).shifted(-23) == BillingCycle(2024, 12)
    assert BillingCycle(2026, 11).months_until(BillingCycle(2025, 11)) == -12


def test_f_cal_5_cycles_sort_by_calendar_order_and_hash():
    cycles = [BillingCycle(2026, 1), BillingCycle(2025, 12), BillingCycle(2026, 11)]
    assert sorted(cycles) == [BillingCycle(2025, 12), BillingCycle(2026, 1), BillingCycle(2026, 11)]
    assert len({BillingCycle(2026, 1), BillingCycle(2026, 1)}) == 1


def test_f_cal_5_str_pads_year_and_month():
    assert str(BillingCycle(2026, 1)) == "2026-01"
    assert str(BillingCycle(1900, 12)) == "1900-12"
    assert BillingCycle.parse("2026-11") == BillingCycle(2026, 11)


def test_f_cal_5_proration_examples():
    february = BillingCycle(2026, 2)  # 28 days
    assert february.day_index(date(2026, 2, 1)) == 0
    assert february.day_index(date(2026, 2, 28)) == 27
    assert february.days_from(date(2026, 2, 1)) == 28
    assert february.days_from(date(2026, 2, 15)) == 14
    assert february.days_from(date(2026, 2, 28)) == 1
    assert BillingCycle(2024, 2).days_from(date(2024, 2, 10)) == 20  # 29 - 10 + 1
    assert BillingCycle(2026, 11).days_from(date(2026, 11, 26)) == 5  # 26..30


def test_f_cal_5_add_months_from_the_31st():
    anchor = date(2024, 1, 31)
    assert add_months(anchor, 1) == date(2024, 2, 29)
    assert add_months(anchor, 2) == date(2024, 3, 31)
    # Chaining would forget the 31st: 2024-02-29 + 1 month is 2024-03-29.
    assert add_months(add_months(anchor, 1), 1) == date(2024, 3, 29)
    assert add_months(date(2024, 3, 31), -1) == date(2024, 2, 29)
    assert add_months(date(2023, 3, 31), -1) == date(2023, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_f_cal_5_a_31_day_anchor_over_twelve_months():
    anchor = date(2024, 1, 31)
    # Period n lands in month n + 1 of 2024 (n = 12: January 2025), on this day of the month:
    days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 31]
    expected = [f"{2024 + n // 12}-{n % 12 + 1:02d}-{day}" for n, day in enumerate(days)]
    assert [add_months(anchor, n).isoformat() for n in range(13)] == expected


def test_f_cal_5_the_last_representable_cycle():
    last = BillingCycle(9999, 12)
    assert last.days == 31
    assert last.last_day == date(9999, 12, 31)
    with _raises_code("billing_cycle.year"):
        last.next()
    with _raises_code("billing_cycle.year"):
        _ = last.end
    with _raises_code("billing_cycle.year"):
        BillingCycle(1900, 1).previous()


# ---------------------------------------------------------------------- refusals


def test_f_cal_1_a_naive_datetime_is_refused():
    naive = datetime(2026, 11, 26, 12)  # noqa: DTZ001 - the point of the test
    with _raises_code("time.naive") as caught:
        BillingCycle.containing(naive)
    assert caught.value.data["field"] == "instant"
    with _raises_code("time.naive"):
        BillingCycle(2026, 11).contains(naive)
    with _raises_code("time.naive") as caught:
        to_shanghai(naive, field="paid_at")
    assert caught.value.data["field"] == "paid_at"


def test_to_shanghai_converts_and_refuses_non_datetimes():
    assert to_shanghai(datetime(2026, 1, 31, 16, 30, tzinfo=UTC)).isoformat() == (
        "2026-02-01T00:30:00+08:00"
    )
    with _raises_code("time.not_a_datetime"):
        to_shanghai(date(2026, 11, 26))  # type: ignore[arg-type]
    with _raises_code("time.out_of_range"):
        to_shanghai(datetime(9999, 12, 31, 20, tzinfo=UTC))


@pytest.mark.parametrize(
    ("year", "month", "code", "field"),
    [
        (2026, 13, "billing_cycle.month", "month"),
        (2026, 0, "billing_cycle.month", "month"),
        (2026, True, "billing_cycle.month", "month"),
        (2026, 11.0, "billing_cycle.month", "month"),
        (1899, 12, "billing_cycle.year", "year"),
        (10000, 1, "billing_cycle.year", "year"),
        ("2026", 11, "billing_cycle.year", "year"),
    ],
)
def test_f_cal_5_invalid_cycles_are_refused_with_codes(year, month, code, field):
    with _raises_code(code) as caught:
        BillingCycle(year, month)
    assert not isinstance(caught.value, ValueError)
    assert caught.value.data["field"] == field


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("2026-1", "billing_cycle.format"),
        ("2026-13", "billing_cycle.month"),
        ("2026-00", "billing_cycle.month"),
        ("0999-01", "billing_cycle.year"),
        ("26-11", "billing_cycle.format"),
        ("2026-011", "billing_cycle.format"),
        ("2026/11", "billing_cycle.format"),
        ("202611", "billing_cycle.format"),
        (" 2026-11", "billing_cycle.format"),
        ("2026-11\n", "billing_cycle.format"),
        ("２０２６-１１", "billing_cycle.format"),
        ("", "billing_cycle.format"),
        (202611, "billing_cycle.format"),
    ],
)
def test_f_cal_5_parse_is_strict(text, code):
    with _raises_code(code):
        BillingCycle.parse(text)


def test_f_cal_5_a_day_of_another_cycle_is_refused():
    february = BillingCycle(2026, 2)
    for outside in (date(2026, 3, 1), date(2026, 1, 31), date(2025, 2, 10)):
        with _raises_code("billing_cycle.date_outside") as caught:
            february.days_from(outside)
        assert caught.value.data["billing_cycle"] == "2026-02"


def test_dates_must_be_dates_not_datetimes():
    moment = datetime(2026, 2, 3, tzinfo=SHANGHAI)
    with _raises_code("time.not_a_date"):
        BillingCycle(2026, 2).day_index(moment)
    with _raises_code("time.not_a_date"):
        BillingCycle.of_date(moment)
    with _raises_code("time.not_a_date"):
        add_months(moment, 1)


@pytest.mark.parametrize("n", [1.5, True, "1"])
def test_month_counts_must_be_integers(n):
    with _raises_code("time.months"):
        add_months(date(2026, 1, 31), n)
    with _raises_code("time.months"):
        BillingCycle(2026, 1).shifted(n)


def test_month_arithmetic_beyond_year_9999_is_refused():
    with _raises_code("time.out_of_range"):
        add_months(date(9999, 12, 1), 1)
    with _raises_code("billing_cycle.year"):
        BillingCycle(2026, 1).shifted(10**9)
    with _raises_code("billing_cycle.year"):
        BillingCycle(2026, 1).shifted(-(10**6))


# ---------------------------------------------------------------------- the strategies


@given(aware_instants(min_year=2000, max_year=2001))
def test_aware_instants_are_aware_and_inside_the_years_in_beijing(instant):
    assert instant.utcoffset() is not None
    assert 2000 <= to_shanghai(instant).year <= 2001


@given(shanghai_instants(min_year=1986, max_year=1991))
def test_shanghai_instants_are_beijing_time(instant):
    assert instant.tzinfo is SHANGHAI
    assert 1986 <= instant.year <= 1991


@given(billing_cycles(min_year=2026, max_year=2026))
def test_billing_cycles_respect_their_bounds(cycle):
    assert cycle.year == 2026


@pytest.mark.parametrize("strategy", [billing_cycles, aware_instants, shanghai_instants])
def test_strategies_refuse_inverted_or_impossible_years(strategy):
    with pytest.raises(InvalidArgument):
        strategy(min_year=2001, max_year=2000)
    with pytest.raises(InvalidArgument):
        strategy(min_year=1899, max_year=2000)
