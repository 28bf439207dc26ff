"""F-AUTH-5, F-AUTH-7 properties of the service, for any configuration and any sequence."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unicom_core.domain.access import CodePolicy
from unicom_core.domain.shared import LoginType
from unicom_core.errors import Refused
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.testing.strategies.access import capabilities, lockout_policies, policy_tables
from unicom_core.testing.worlds.access import AccessWorld
from unicom_core.usecases.access import AccessSettings

MOBILE = "18612345678"
PASSWORD = "284615"  # noqa: S105 - the test holder's password

actions = st.lists(
    st.one_of(
        st.tuples(st.just("right"), st.booleans()),
        st.tuples(st.just("wrong"), st.booleans()),
        st.tuples(st.just("wait"), st.integers(0, 3600)),
    ),
    max_size=30,
)


def outcome(call):
    """None when ``call`` succeeds, else the code of its refusal."""
    try:
        call()
    except Refused as refusal:
        return refusal.code
    return None


def fast_world(**settings_facts):
    return AccessWorld(
        hasher=MemoryPasswordHasher(iterations=1), settings=AccessSettings(**settings_facts)
    )


@settings(max_examples=60)
@given(lockout_policies(), actions)
def test_f_auth_7_no_sequence_of_logins_and_failures_lets_a_locked_identifier_in(policy, steps):
    world = fast_world(lockout=policy)
    world.enrolled(MOBILE, PASSWORD)
    failures: list[dt.datetime] = []  # the failures the hall counted, as it answered them
    locked_until: dt.datetime | None = None  # the lock those failures imply
    for action, value in steps:
        if action == "wait":
            world.clock.advance(dt.timedelta(seconds=value))
            continue
        now = world.clock.now()
        locked = locked_until is not None and now < locked_until
        password = PASSWORD if action == "right" else "000001"
        captcha = world.captcha.solve() if value else None
        code = outcome(
            functools.partial(
                world.service.login_with_password,
                LoginType.MOBILE,
                MOBILE,
                password,
                client="ip",
                captcha=captcha,
            )
        )
        if code is not None:
            assert code != "access.locked" or locked or action == "wrong"
            if locked:
                assert code == "access.locked", "a locked identifier was let try"
            elif code in {"access.bad_credentials", "access.locked"}:
                failures = [at for at in failures if at > now - policy.window] + [now]
                if len(failures) >= policy.lock_after:
                    locked_until = now + policy.lock_for
                assert (code == "access.locked") == (len(failures) >= policy.lock_after)
            continue
        assert action == "right"
        assert not locked, "a locked identifier got in"
        failures = []


code_steps = st.lists(
    st.one_of(
        st.just(("request", 0)),
        st.tuples(st.just("use"), st.integers(0, 3)),  # the n-th latest code received
        st.tuples(st.just("wait"), st.integers(0, 400)),
    ),
    max_size=30,
)


@settings(max_examples=60)
@given(code_steps)
def test_f_auth_7_a_one_time_code_never_works_twice(steps):
    world = fast_world(codes=CodePolicy(daily_limit=50))
    world.enrolled(MOBILE, PASSWORD)
    used: set[int] = set()  # indexes of the SMS messages whose code logged in
    for action, value in steps:
        if action == "wait":
            world.clock.advance(dt.timedelta(seconds=value))
        elif action == "request":
            with contextlib.suppress(Refused):
                world.service.request_random_password(MOBILE)
        else:
            sent = world.messages.sent
            if len(sent) <= value:
                continue
            index = len(sent) - 1 - value
            code = _code_in(sent[index].text)
            captcha = world.captcha.solve()
            try:
                world.service.login_with_random_password(MOBILE, code, client="ip", captcha=captcha)
            except Refused:
                continue
            assert index not in used, "a one-time code worked twice"
            assert index == len(sent) - 1, "a replaced code worked"
            used.add(index)


def _code_in(text):
    found = re.search(r"(?<![0-9])[0-9]{6}(?![0-9])", text)
    assert found is not None
    return found.group()


@settings(max_examples=40)
@given(policy_tables(), capabilities())
def test_f_auth_5_a_random_password_session_never_reaches_details_or_handling(table, cap):
    world = fast_world(policy=table)
    world.enrolled(MOBILE, PASSWORD)
    world.service.request_random_password(MOBILE)
    token = world.service.login_with_random_password(
        MOBILE, world.code_for(MOBILE), client="ip"
    ).token
    if cap.name.startswith(("query.detail.", "handle.")):
        with pytest.raises(Refused) as caught:
            world.service.authorize(token, cap)
        assert caught.value.code == "access.capability_missing"
    else:
        try:
            world.service.authorize(token, cap)
            granted = True
        except Refused:
            granted = False
        assert granted == table.grants(world.service.session(token).kind, cap)
