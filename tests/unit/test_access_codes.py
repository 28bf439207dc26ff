"""F-AUTH-2, F-AUTH-7: random passwords (随机密码) sent by SMS: once, briefly, rarely."""

from __future__ import annotations

import datetime as dt

import pytest

from unicom_core.domain.access import CodePolicy, CodePurpose, CredentialKind, code_id
from unicom_core.errors import AdapterError, InvalidInput, Refused
from unicom_core.testing.worlds.access import AccessWorld
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


def test_f_auth_7_one_client_cannot_flood_many_numbers_with_random_passwords():
    """Per-number limits alone let one client send codes to every number; it has its own."""
    world = AccessWorld(settings=AccessSettings(codes=CodePolicy(client_hourly_limit=3)))
    numbers = [f"186123456{i:02d}" for i in range(5)]
    for number in numbers:
        world.enrolled(number)
    world.clock.set(dt.datetime(2026, 11, 26, 10, 40, tzinfo=world.clock.now().tzinfo))
    for number in numbers[:3]:
        world.service.request_random_password(number, client="203.0.113.7")
    error = refused(world.service.request_random_password, numbers[3], client="203.0.113.7")
    assert error.code == "code.client_limit"
    assert error.data["retry_at"] == dt.datetime(
        2026, 11, 26, 11, 0, tzinfo=world.clock.now().tzinfo
    )
    assert len(world.messages.sent) == 3
    # Another client is not affected, and the first one may ask again in the next hour.
    world.service.request_random_password(numbers[3], client="198.51.100.9")
    world.clock.set(dt.datetime(2026, 11, 26, 11, 0, tzinfo=world.clock.now().tzinfo))
    world.service.request_random_password(numbers[4], client="203.0.113.7")
    assert len(world.messages.sent) == 5


def test_f_auth_7_a_refused_client_request_sends_nothing_and_records_nothing():
    tight = AccessWorld(settings=AccessSettings(codes=CodePolicy(client_hourly_limit=1)))
    tight.enrolled(MOBILE)
    tight.service.request_random_password(MOBILE, client="c")
    tight.clock.advance(2 * MINUTE)
    error = refused(tight.service.request_random_password, MOBILE, client="c")
    assert error.code == "code.client_limit"
    assert len(tight.messages.sent) == 1
    # The per-number record was not touched: the first code still logs in.
    code = tight.code_for(MOBILE)
    tight.service.login_with_random_password(MOBILE, code, client="c")
