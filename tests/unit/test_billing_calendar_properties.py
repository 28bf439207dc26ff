"""Properties of the billing calendar (F-CAL-2, F-CAL-3, F-CAL-4, F-CAL-5).

* The cycles partition time: every instant lies in exactly one cycle, and each
  bill-generation window is one unbroken span.
* ``retry_at`` is always the first instant at which the answer becomes yes: one microsecond
  before it the answer is still no, at it the answer is yes, and everything from the refused
  instant up to it is refused too. This holds for any configured windows.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.billing import BillingCalendar, CalendarSettings
from unicom_core.domain.shared import SHANGHAI, BillingCycle
from unicom_core.errors import Refused
from unicom_core.testing.strategies.billing import calendar_profiles, calendar_settings
from unicom_core.testing.strategies.calendar import aware_instants, billing_cycles

TICK = timedelta(microseconds=1)


@st.composite
def near_boundaries(draw: st.DrawFn):
    """Instants within a few days of a month boundary, where every rule has its edges."""
    cycle = draw(billing_cycles(1992, 2099))
    offset = draw(st.integers(-3 * 86_400_000_000, 5 * 86_400_000_000))
    return (cycle.start + timedelta(microseconds=offset)).astimezone(SHANGHAI)


INSTANTS = near_boundaries() | aware_instants(1992, 2099)
CALENDARS = st.just(CalendarSettings()) | calendar_settings()


@st.composite
def asked_cycles(draw: st.DrawFn, at):
    """The cycle a query asks about: this month, last month, or any other."""
    current = BillingCycle.containing(at)
    return draw(st.sampled_from([current, current.previous(), current.shifted(-2)]))


@given(INSTANTS)
def test_f_cal_5_every_instant_is_in_exactly_one_cycle(at):
    cycle = BillingCycle.containing(at)
    assert cycle.start <= at < cycle.end
    assert cycle.contains(at)
    assert not cycle.next().contains(at)
    assert not cycle.previous().contains(at)
    assert BillingCycle.containing(cycle.end - TICK) == cycle
    assert cycle.next().start == cycle.end


@given(CALENDARS, INSTANTS)
def test_f_cal_2_a_window_is_one_unbroken_span_around_the_instant(settings, at):
    calendar = BillingCalendar(settings)
    window = calendar.bill_generation_window(at)
    if window is None:
        return
    assert window.starts <= at < window.ends
    assert calendar.bill_generation_window(window.starts) == window
    assert calendar.bill_generation_window(window.ends - TICK) == window
    assert calendar.bill_generation_window(window.starts - TICK) != window
    assert calendar.bill_generation_window(window.ends) != window


def _check_first_yes(answer, at, retry_at):
    """``answer(t)`` is None (yes) or the first yes instant; check it is the first."""
    if retry_at is None:
        return
    assert retry_at > at
    assert answer(retry_at) is None
    assert answer(retry_at - TICK) == retry_at
    midway = at + (retry_at - at) / 2
    assert answer(midway) == retry_at


@given(CALENDARS, calendar_profiles(), INSTANTS, st.data())
def test_f_cal_3_4_charge_queries_reopen_exactly_at_retry_at(settings, profile, at, data):
    calendar = BillingCalendar(settings)
    asked = data.draw(asked_cycles(at))
    retry_at = calendar.query_blackout(profile, asked, at)
    _check_first_yes(lambda t: calendar.query_blackout(profile, asked, t), at, retry_at)
    if retry_at is None:
        calendar.require_charge_query(profile, asked, at)
    else:
        with pytest.raises(Refused) as raised:
            calendar.require_charge_query(profile, asked, at)
        assert raised.value.data["retry_at"] == retry_at


@given(CALENDARS, calendar_profiles(), INSTANTS)
def test_f_cal_4_usage_and_payment_reopen_exactly_at_retry_at(settings, profile, at):
    calendar = BillingCalendar(settings)
    usage = calendar.usage_query_opens(profile, at)
    _check_first_yes(lambda t: calendar.usage_query_opens(profile, t), at, usage)
    payment = calendar.payment_opens(profile, at)
    _check_first_yes(lambda t: calendar.payment_opens(profile, t), at, payment)
    if payment is not None:
        with pytest.raises(Refused) as raised:
            calendar.payment_advice(profile, at)
        assert raised.value.data["retry_at"] == payment


@given(calendar_profiles(), INSTANTS)
def test_f_cal_3_only_2g_3g_postpaid_numbers_see_the_bill_run(profile, at):
    current = BillingCycle.containing(at)
    retry_at = BillingCalendar().query_blackout(profile, current, at)
    upgrading = profile.upgraded_to_4g_in == current
    if retry_at is not None and not upgrading:
        assert profile.legacy_postpaid_at(at)
        assert retry_at == current.start + timedelta(days=2)
