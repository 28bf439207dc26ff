"""F-AUTH-7: failure counters and locks, one-time code records, session expiry (domain)."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.access import (
    AttemptScope,
    CodePolicy,
    CodePurpose,
    CredentialKind,
    IdentifierLocked,
    LockoutPolicy,
    LoginAttempts,
    OneTimeCode,
    Session,
    SessionPolicy,
    attempts_id,
    code_id,
    token_digest,
)
from unicom_core.domain.shared import SHANGHAI
from unicom_core.errors import InvalidInput, Refused
from unicom_core.testing.strategies.access import (
    code_policies,
    lockout_policies,
    login_attempts,
    session_policies,
)

AT = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
MINUTE = dt.timedelta(minutes=1)


def test_f_auth_7_the_defaults_are_captcha_after_3_lock_after_5():
    policy = LockoutPolicy()
    assert (policy.captcha_after, policy.lock_after) == (3, 5)
    assert (policy.window, policy.lock_for) == (15 * MINUTE, 30 * MINUTE)


def test_f_auth_7_three_failures_ask_for_a_captcha_and_five_lock_for_thirty_minutes():
    policy = LockoutPolicy()
    attempts = LoginAttempts.new(AttemptScope.IDENTIFIER, "mobile:18612345678")
    for n in range(4):
        assert attempts.needs_captcha(AT, policy) == (n >= 3)
        assert attempts.record_failure(AT + n * MINUTE, policy) == ()
    (event,) = attempts.record_failure(AT + 4 * MINUTE, policy)
    assert isinstance(event, IdentifierLocked)
    assert event.locked_until == AT + 34 * MINUTE
    assert attempts.is_locked(AT + 33 * MINUTE)
    assert not attempts.is_locked(AT + 34 * MINUTE)


def test_f_auth_7_failures_older_than_the_window_are_forgotten():
    policy = LockoutPolicy()
    attempts = LoginAttempts.new(AttemptScope.IDENTIFIER, "k")
    for n in range(4):
        attempts.record_failure(AT + n * MINUTE, policy)
    later = AT + 20 * MINUTE
    assert attempts.recent(later, policy) == 0
    assert attempts.record_failure(later, policy) == ()
    assert attempts.failures == (later,)


def test_f_auth_7_a_client_counter_asks_for_captchas_but_never_locks():
    policy = LockoutPolicy()
    client = LoginAttempts.new(AttemptScope.CLIENT, "10.0.0.1")
    for n in range(10):
        assert client.record_failure(AT + n * MINUTE, policy) == ()
    assert client.locked_until is None
    assert client.needs_captcha(AT + 10 * MINUTE, policy)


def test_f_auth_7_a_success_clears_the_identifier_but_not_the_client():
    policy = LockoutPolicy()
    identifier = LoginAttempts.new(AttemptScope.IDENTIFIER, "k")
    client = LoginAttempts.new(AttemptScope.CLIENT, "c")
    identifier.record_failure(AT, policy)
    client.record_failure(AT, policy)
    assert identifier.record_success()
    assert not identifier.record_success()
    assert not client.record_success()
    assert (identifier.failures, client.failures) == ((), (AT,))


def test_f_auth_7_a_step_back_in_time_never_shortens_a_lock():
    policy = LockoutPolicy(lock_after=1)
    attempts = LoginAttempts.new(AttemptScope.IDENTIFIER, "k")
    attempts.record_failure(AT, policy)
    assert attempts.is_locked(AT - dt.timedelta(hours=5))
    assert attempts.recent(AT - dt.timedelta(hours=5), policy) == 1
    attempts.record_failure(AT - dt.timedelta(hours=1), policy)
    assert attempts.locked_until == AT + policy.lock_for


@given(lockout_policies(), st.lists(st.integers(0, 600), max_size=12))
def test_f_auth_7_a_lock_comes_exactly_at_lock_after_failures_in_the_window(policy, minutes):
    attempts = LoginAttempts.new(AttemptScope.IDENTIFIER, "k")
    times = [AT + m * MINUTE for m in sorted(minutes)]
    for index, at in enumerate(times):
        events = attempts.record_failure(at, policy)
        recent = [t for t in times[: index + 1] if at - policy.window < t]
        assert bool(events) == (len(recent) >= policy.lock_after)
        if events:
            assert attempts.is_locked(at)


@given(st.text(min_size=1, max_size=40))
def test_f_auth_7_attempt_ids_are_digests_apart_per_scope(key):
    identifier = attempts_id(AttemptScope.IDENTIFIER, key)
    assert re.fullmatch(r"[0-9a-f]{64}", identifier)
    assert identifier != attempts_id(AttemptScope.CLIENT, key)


@given(login_attempts(), lockout_policies())
def test_f_auth_7_a_recorded_failure_is_always_recent(attempts, policy):
    now = max((*attempts.failures, AT))
    before = attempts.recent(now, policy)
    attempts.record_failure(now, policy)
    # A counter keeps at most policy.kept() failures (the most any threshold compares with).
    assert attempts.recent(now, policy) == len(attempts.failures) == min(before + 1, policy.kept())


@pytest.mark.parametrize(
    "facts",
    [
        {"captcha_after": -1},
        {"lock_after": 0},
        {"window": dt.timedelta(0)},
        {"lock_for": -MINUTE},
        {"lock_after": True},
    ],
)
def test_f_auth_7_lockout_policies_are_checked(facts):
    with pytest.raises(InvalidInput) as caught:
        LockoutPolicy(**facts)
    assert caught.value.code == "lockout.policy"


# ---------------------------------------------------------------- one-time codes


def test_f_auth_7_code_defaults_are_six_digits_five_minutes_once_a_minute():
    policy = CodePolicy()
    assert (policy.length, policy.valid_for, policy.resend_after) == (6, 5 * MINUTE, MINUTE)
    assert (policy.daily_limit, policy.daily_window) == (10, dt.timedelta(hours=24))


def test_f_auth_7_a_code_works_within_its_five_minutes_then_never_again():
    policy = CodePolicy()
    record = OneTimeCode.new(CodePurpose.LOGIN, "mobile:18612345678")
    assert record.issue("h1", AT, policy) == AT + 5 * MINUTE
    assert record.is_usable(AT)
    assert record.is_usable(AT + 5 * MINUTE - dt.timedelta(microseconds=1))
    assert not record.is_usable(AT + 5 * MINUTE)
    assert not record.is_usable(AT - dt.timedelta(seconds=1))
    record.consume()
    assert not record.is_usable(AT)
    assert "h1" not in repr(record)


def test_f_auth_7_a_new_code_replaces_the_old_one():
    policy = CodePolicy()
    record = OneTimeCode.new(CodePurpose.LOGIN, "k")
    record.issue("h1", AT, policy)
    record.issue("h2", AT + 2 * MINUTE, policy)
    assert record.code_hash == "h2"
    assert record.expires_at == AT + 7 * MINUTE


def test_f_auth_7_codes_are_sent_at_most_once_a_minute():
    policy = CodePolicy()
    record = OneTimeCode.new(CodePurpose.LOGIN, "k")
    record.issue("h1", AT, policy)
    with pytest.raises(Refused) as caught:
        record.issue("h2", AT + 59 * dt.timedelta(seconds=1), policy)
    assert caught.value.code == "code.resend_too_soon"
    assert caught.value.data["retry_at"] == AT + MINUTE
    assert record.code_hash == "h1"
    record.issue("h2", AT + MINUTE, policy)


def test_f_auth_7_codes_are_limited_per_rolling_day():
    policy = CodePolicy(daily_limit=3)
    record = OneTimeCode.new(CodePurpose.LOGIN, "k")
    for hour in (0, 1, 2):
        record.issue(f"h{hour}", AT + hour * 60 * MINUTE, policy)
    with pytest.raises(Refused) as caught:
        record.check_can_send(AT + dt.timedelta(hours=23), policy)
    assert caught.value.code == "code.daily_limit"
    assert caught.value.data["retry_at"] == AT + dt.timedelta(hours=24)
    record.issue("h3", AT + dt.timedelta(hours=24), policy)
    assert len(record.sent_at) == 3


@given(code_policies(), st.lists(st.integers(0, 3000), min_size=1, max_size=15))
def test_f_auth_7_sends_never_exceed_the_limits(policy, minutes):
    record = OneTimeCode.new(CodePurpose.RESET, "k")
    sent: list[dt.datetime] = []
    for at in sorted(AT + m * MINUTE for m in minutes):
        try:
            record.issue("h", at, policy)
        except Refused:
            continue
        sent.append(at)
    for earlier, later in itertools.pairwise(sent):
        assert later - earlier >= policy.resend_after
    for at in sent:
        assert sum(1 for s in sent if at - policy.daily_window < s <= at) <= policy.daily_limit


def test_f_auth_7_code_records_of_login_and_reset_are_apart():
    assert code_id(CodePurpose.LOGIN, "mobile:1") != code_id(CodePurpose.RESET, "mobile:1")


@pytest.mark.parametrize("facts", [{"length": 3}, {"length": 11}, {"daily_limit": 0}])
def test_f_auth_7_code_policies_are_checked(facts):
    with pytest.raises(InvalidInput) as caught:
        CodePolicy(**facts)
    assert caught.value.code == "code.policy"


# ---------------------------------------------------------------- sessions


def session_at(at=AT, kind=CredentialKind.SERVICE_PASSWORD):
    session, (event,) = Session.open(
        "token-1", subscriber_id="s-1", customer_id="c-1", kind=kind, epoch=0, at=at
    )
    assert event.kind is kind
    return session


def test_f_auth_7_the_session_id_is_the_digest_of_the_token_never_the_token():
    session = session_at()
    assert session.id == token_digest("token-1")
    assert "token-1" not in repr(session)


def test_f_auth_7_a_session_expires_after_thirty_idle_minutes():
    policy = SessionPolicy()
    session = session_at()
    session.check(AT + 29 * MINUTE, policy, 0)
    assert session.touch(AT + 29 * MINUTE, policy)
    session.check(AT + 58 * MINUTE, policy, 0)
    with pytest.raises(Refused) as caught:
        session.check(AT + 59 * MINUTE, policy, 0)
    assert caught.value.code == "access.session_expired"
    assert caught.value.data["reason"] == "idle"


def test_f_auth_7_a_session_expires_after_twelve_hours_whatever_the_use():
    policy = SessionPolicy()
    session = session_at()
    for step in range(1, 24):
        at = AT + step * 29 * MINUTE
        if at >= AT + dt.timedelta(hours=12):
            break
        session.check(at, policy, 0)
        session.touch(at, policy)
    assert session.expiry(AT + dt.timedelta(hours=12), policy, 0) == "absolute"


def test_f_auth_7_a_touch_within_a_minute_writes_nothing():
    policy = SessionPolicy()
    session = session_at()
    assert not session.touch(AT + 30 * dt.timedelta(seconds=1), policy)
    assert session.last_seen_at == AT


def test_f_auth_7_logging_out_ends_the_session_once():
    session = session_at()
    (event,) = session.end(AT)
    assert event.aggregate_id == "s-1"
    assert session.end(AT) == ()
    with pytest.raises(Refused) as caught:
        session.check(AT, SessionPolicy(), 0)
    assert caught.value.code == "access.not_logged_in"


def test_f_auth_7_a_password_change_revokes_older_sessions():
    session = session_at()
    assert session.expiry(AT, SessionPolicy(), 1) == "revoked"


@given(session_policies(), st.integers(0, 3000))
def test_f_auth_7_session_expiry_follows_the_policy(policy, minutes):
    session = session_at()
    now = AT + minutes * MINUTE
    expected = None
    if now >= AT + policy.absolute:
        expected = "absolute"
    elif now >= AT + policy.idle:
        expected = "idle"
    assert session.expiry(now, policy, 0) == expected
