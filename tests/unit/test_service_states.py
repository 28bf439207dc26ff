"""The service state of a number and its rules (F-BIZ-1, F-BIZ-5, F-BIZ-6, F-BIZ-2)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.handling import (
    Forwarding,
    ForwardingCondition,
    ForwardingSet,
    RoamingRule,
    RoamingService,
    RoamingSettings,
    ServiceState,
    WlanPasswordSet,
    check_wlan_password,
    forwarding_target,
)
from unicom_core.domain.shared import SHANGHAI, FixedLineNumber, MobileNumber, Money
from unicom_core.domain.subscribers import Account, AccountId, CustomerId, PaymentMode
from unicom_core.errors import InvalidInput, Refused
from unicom_core.usecases.handling import new_wlan_password

AT = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)


def test_a_target_is_a_mobile_or_a_fixed_line_number():
    """F-BIZ-1: 11 digits read as a mobile number, 7-8 as a fixed line; nothing else."""
    assert forwarding_target("+86 186-1234-0002") == MobileNumber("18612340002")
    assert forwarding_target("8888 6666") == FixedLineNumber("88886666")
    for bad in ("", "12345", "10012345678", "020-88886666", "abcdefghijk"):
        with pytest.raises(InvalidInput, match="forwarded to a mobile number"):
            forwarding_target(bad)


@given(st.sampled_from(ForwardingCondition), st.integers(-5, 40))
def test_only_a_no_reply_rule_has_a_delay_of_5_to_30_seconds(condition, delay):
    """F-BIZ-1: the delay belongs to the no-reply condition, 5-30 s; the others take none."""
    valid = condition is ForwardingCondition.NO_REPLY and 5 <= delay <= 30
    if valid:
        assert Forwarding(condition, "18612340002", delay).delay_seconds == delay
    else:
        with pytest.raises(InvalidInput, match="no-reply forwarding waits 5-30 seconds"):
            Forwarding(condition, "18612340002", delay)
    if condition is not ForwardingCondition.NO_REPLY:
        assert Forwarding(condition, "18612340002").delay_seconds is None


def test_moves_return_their_events_and_a_move_that_changes_nothing_is_refused():
    state = ServiceState.new("s-1")
    rule = Forwarding(ForwardingCondition.BUSY, "18612340002")
    (event,) = state.forward(rule, at=AT)
    assert isinstance(event, ForwardingSet)
    assert event.forwarding == rule
    with pytest.raises(InvalidInput, match="changes nothing"):
        state.forward(rule, at=AT)
    state.stop_forwarding(ForwardingCondition.BUSY, at=AT)
    with pytest.raises(InvalidInput, match="changes nothing"):
        state.stop_forwarding(ForwardingCondition.BUSY, at=AT)
    state.switch_roaming(RoamingService.LONG_DISTANCE, on=True, at=AT)
    with pytest.raises(InvalidInput, match="changes nothing"):
        state.switch_roaming(RoamingService.LONG_DISTANCE, on=True, at=AT)
    (set_event,) = state.set_wlan_password("$digest$", reset=True, at=AT)
    assert isinstance(set_event, WlanPasswordSet)
    assert "$digest$" not in repr(set_event) + repr(state)


def test_a_password_digest_comes_with_its_instant():
    with pytest.raises(InvalidInput, match="services is malformed"):
        ServiceState("s-1", wlan_password_digest="$digest$")  # noqa: S106 - not a password


@given(st.text(max_size=20))
def test_the_wlan_password_rule(text):
    """F-BIZ-6: 8-16 ASCII letters and digits, at least one of each; the error hides it."""
    ok = (
        8 <= len(text) <= 16
        and all(c.isascii() and c.isalnum() for c in text)
        and any(c.isdigit() for c in text)
        and any(c.isalpha() for c in text)
    )
    if ok:
        assert check_wlan_password(text) == text
    else:
        with pytest.raises(InvalidInput) as caught:
            check_wlan_password(text)
        assert caught.value.data == {}


def test_a_reset_password_follows_the_rule_and_is_fresh():
    drawn = [new_wlan_password() for _ in range(200)]
    assert all(check_wlan_password(password) == password for password in drawn)
    assert len(set(drawn)) == len(drawn)  # 10 of 56 characters: a clash is practically nil


def _account(balance: int, credit_limit: int) -> Account:
    return Account(AccountId("a1"), CustomerId("c1"), Money(balance), Money(credit_limit))


def test_the_roaming_rule_checks_a_credit_limit_or_a_deposit():
    """F-BIZ-5: postpaid by credit limit, prepaid by the amount available."""
    rule = RoamingSettings().rule(RoamingService.INTERNATIONAL)
    assert rule == RoamingRule(RoamingService.INTERNATIONAL, Money(50000), Money(50000))
    rule.require(PaymentMode.POSTPAID, _account(0, 50000))
    with pytest.raises(Refused, match="credit limit"):
        rule.require(PaymentMode.POSTPAID, _account(10**6, 49999))
    rule.require(PaymentMode.PREPAID, _account(50000, 0))
    with pytest.raises(Refused, match="deposit"):
        rule.require(PaymentMode.PREPAID, _account(49999, 0))


def test_roaming_settings_have_one_rule_per_service():
    with pytest.raises(InvalidInput, match="one rule per roaming service"):
        RoamingSettings((RoamingRule(RoamingService.INTERNATIONAL),))
