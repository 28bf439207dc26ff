"""F-AUTH-2, F-AUTH-7: random passwords (随机密码) sent by SMS: once, briefly, rarely."""

from __future__ import annotations

import datetime as dt

import pytest

from unicom_core.domain.credentials import CodePolicy, CodePurpose, CredentialKind, code_id
from unicom_core.errors import AdapterError, InvalidInput, Refused
from unicom_core.testing._access_world import AccessWorld
from unicom_core.usecases.access import AccessSettings

MOBILE = "18612345678"
MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def world():
    return AccessWorld()


def refused(call, *args, **kwargs):
    with pytest.raises(Refused) as caught:
        call(*args, **kwargs)
    return caught.value


def test_f_auth_2_a_random_password_is_sent_by_sms_and_logs_in_once(world):
    subscriber = world.enrolled(MOBILE)
    sent = world.service.request_random_password(MOBILE)
    assert sent.expires_at == world.clock.now() + 5 * MINUTE
    (message,) = world.messages.sent
    code = world.code_for(MOBILE)
    assert code in message.text
    assert code not in repr(message)
    result = world.service.login_with_random_password(MOBILE, code, client="ip")
    assert result.session.kind is CredentialKind.RANDOM_PASSWORD
    assert result.session.subscriber_id == subscriber.id
    again = refused(world.service.login_with_random_password, MOBILE, code, client="ip")
    assert again.code == "access.bad_credentials"


def test_f_auth_7_a_random_password_expires_after_five_minutes(world):
    world.enrolled(MOBILE)
    world.service.request_random_password(MOBILE)
    world.clock.advance(5 * MINUTE)
    code = world.code_for(MOBILE)
    error = refused(world.service.login_with_random_password, MOBILE, code, client="ip")
    assert error.code == "access.bad_credentials"


def test_f_auth_7_a_new_random_password_replaces_the_old_one(world):
    world.enrolled(MOBILE)
    world.service.request_random_password(MOBILE)
    first = world.code_for(MOBILE)
    world.clock.advance(MINUTE)
    world.service.request_random_password(MOBILE)
    second = world.code_for(MOBILE)
    if first != second:
        assert refused(world.service.login_with_random_password, MOBILE, first, client="ip")
    assert world.service.login_with_random_password(MOBILE, second, client="ip").token


def test_f_auth_7_random_passwords_are_limited_once_a_minute_and_n_a_day(world):
    world = AccessWorld(settings=AccessSettings(codes=CodePolicy(daily_limit=2)))
    world.enrolled(MOBILE)
    world.service.request_random_password(MOBILE)
    soon = refused(world.service.request_random_password, MOBILE)
    assert (soon.code, soon.data["retry_at"]) == (
        "code.resend_too_soon",
        world.clock.now() + MINUTE,
    )
    world.clock.advance(MINUTE)
    world.service.request_random_password(MOBILE)
    world.clock.advance(dt.timedelta(hours=1))
    daily = refused(world.service.request_random_password, MOBILE)
    assert daily.code == "code.daily_limit"
    assert len(world.messages.sent) == 2


def test_f_auth_7_an_unknown_number_gets_the_same_answer_and_no_sms(world):
    known = world.service.request_random_password(MOBILE)
    assert world.messages.sent == ()
    world.enrolled("18612345679")
    other = world.service.request_random_password("18612345679")
    assert known == other
    assert refused(world.service.request_random_password, MOBILE).code == "code.resend_too_soon"


def test_f_auth_7_codes_are_stored_hashed(world):
    world.enrolled(MOBILE)
    world.service.request_random_password(MOBILE)
    code = world.code_for(MOBILE)
    with world.storage.transaction() as tx:
        record = tx.one_time_codes.find(code_id(CodePurpose.LOGIN, f"mobile:{MOBILE}"))
    assert record is not None
    assert record.code_hash is not None
    assert code not in record.code_hash
    assert world.hasher.verify(record.code_hash, code)


def test_f_auth_2_a_failed_sms_records_nothing(world):
    world.enrolled(MOBILE)
    world.messages.failing = True
    with pytest.raises(AdapterError):
        world.service.request_random_password(MOBILE)
    world.messages.failing = False
    world.service.request_random_password(MOBILE)


@pytest.mark.parametrize("code", ["12345", "1234567", "abcdef", "12 345"])
def test_f_auth_2_a_malformed_random_password_is_invalid(world, code):
    with pytest.raises(InvalidInput) as caught:
        world.service.login_with_random_password(MOBILE, code, client="ip")
    assert caught.value.code == "code.format"
