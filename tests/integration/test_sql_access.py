"""F-AUTH-1..7 on SqlStorage (SQLite and PostgreSQL): the login model, and the hall's flows."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from unicom_sql import create_storage
from unicom_sql.testing import empty

from unicom_core import bootstrap
from unicom_core.domain.access import (
    Capability,
    CodePurpose,
    CredentialKind,
    IdentifierLocked,
    LoggedIn,
    PasswordChanged,
    ThirdParty,
)
from unicom_core.domain.shared import LoginType, MobileNumber
from unicom_core.errors import NotFound, Refused
from unicom_core.memory.captcha import MemoryCaptcha
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.memory.messaging import MemoryMessageSender
from unicom_core.memory.oauth import MemoryOAuthProvider
from unicom_core.testing.machines.access import LoginMachine
from unicom_core.testing.worlds.access import START, AccessWorld

MOBILE = "18612345678"
MINUTE = dt.timedelta(minutes=1)
MACHINE = settings(
    max_examples=12,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def test_f_auth_7_the_login_model_holds_on_sql(db_url):
    class OnSql(LoginMachine):
        def make_storage(self):
            storage = create_storage(db_url)
            empty(storage)
            return storage

    run_state_machine_as_test(OnSql, settings=MACHINE)


@pytest.fixture
def world(db_url):
    world = AccessWorld(storage=create_storage(db_url))
    yield world
    world.storage.close()


def refused(call, *args, **kwargs):
    with pytest.raises(Refused) as caught:
        call(*args, **kwargs)
    return caught.value


def test_f_auth_4_initial_change_login_and_revocation_on_sql(world):
    subscriber = world.add_subscriber(MOBILE)
    world.service.enroll(subscriber.id, "135790")
    login = world.service.login_with_password
    assert refused(login, LoginType.MOBILE, MOBILE, "135790", client="ip").code == (
        "access.initial_password"
    )
    world.service.change_password(LoginType.MOBILE, MOBILE, "135790", "284615", client="ip")
    token = login(LoginType.MOBILE, MOBILE, "284615", client="ip").token
    assert world.service.authorize(token, Capability("query.detail.voice")).subscriber == (
        subscriber
    )
    world.service.change_password(LoginType.MOBILE, MOBILE, "284615", "902817", client="ip")
    assert refused(world.service.session, token).code == "access.not_logged_in"
    with world.storage.transaction() as tx:
        events = [entry.event for entry in tx.outbox.pending(100)]
    assert sum(isinstance(event, PasswordChanged) for event in events) == 2
    assert any(isinstance(event, LoggedIn) for event in events)


def test_f_auth_7_lock_and_codes_on_sql(world):
    world.enrolled(MOBILE)
    login = world.service.login_with_password
    for _ in range(5):
        refused(
            login, LoginType.MOBILE, MOBILE, "000001", client="ip", captcha=world.captcha.solve()
        )
    assert refused(login, LoginType.MOBILE, MOBILE, "284615", client="ip").code == "access.locked"
    with world.storage.transaction() as tx:
        assert any(isinstance(e.event, IdentifierLocked) for e in tx.outbox.pending(100))
    world.clock.advance(30 * MINUTE)
    world.service.request_random_password(MOBILE)
    code = world.code_for(MOBILE)
    result = world.service.login_with_random_password(MOBILE, code, client="ip")
    assert result.session.kind is CredentialKind.RANDOM_PASSWORD
    assert refused(world.service.authorize, result.token, Capability("handle.roaming")).code
    again = refused(world.service.login_with_random_password, MOBILE, code, client="ip")
    assert again.code == "access.bad_credentials"
    world.clock.advance(MINUTE)
    world.service.request_random_password(MOBILE, purpose=CodePurpose.RESET)
    world.service.reset_password(MOBILE, world.code_for(MOBILE), "902817", client="ip")
    assert login(LoginType.MOBILE, MOBILE, "902817", client="ip").token


def test_f_auth_3_and_f_auth_1_bindings_and_emails_on_sql(world):
    world.enrolled(MOBILE)
    world.enrolled("18612345679")
    login = world.service.login_with_password
    mine = login(LoginType.MOBILE, MOBILE, "284615", client="ip").token
    theirs = login(LoginType.MOBILE, "18612345679", "284615", client="ip").token
    world.service.bind_third_party(mine, ThirdParty.QQ, world.oauth.authorize(ThirdParty.QQ, "q"))
    code = world.oauth.authorize(ThirdParty.QQ, "q")
    assert world.service.login_with_third_party(ThirdParty.QQ, code, client="ip").session.kind is (
        CredentialKind.THIRD_PARTY
    )
    world.service.unbind_third_party(mine, ThirdParty.QQ)
    world.service.bind_third_party(theirs, ThirdParty.QQ, world.oauth.authorize(ThirdParty.QQ, "q"))
    world.service.set_login_email(mine, "zhang@example.com")
    world.service.set_login_email(theirs, "li@example.com")
    assert login(LoginType.EMAIL, "li@example.com", "284615", client="ip").token
    with pytest.raises(NotFound):
        world.service.authorize(mine, Capability("query.bill"), MobileNumber("18612345679"))


def test_f_auth_2_the_hall_logs_in_on_sql_through_bootstrap(db_url):
    messages = MemoryMessageSender()
    hall = bootstrap(
        storage=create_storage(db_url),
        clock=SettableClock(START),
        hasher=MemoryPasswordHasher(),
        messages=messages,
        captcha=MemoryCaptcha(),
        oauth=MemoryOAuthProvider(),
    )
    try:
        world = AccessWorld(storage=hall.storage, clock=hall.clock)  # to provision only
        world.add_subscriber(MOBILE)
        hall.access.request_random_password(MOBILE)
        code = messages.last_code(MobileNumber(MOBILE))
        result = hall.access.login_with_random_password(MOBILE, code, client="ip")
        assert hall.access.session(result.token).kind is CredentialKind.RANDOM_PASSWORD
        hall.access.logout(result.token)
        assert refused(hall.access.session, result.token).code == "access.not_logged_in"
    finally:
        hall.close()
