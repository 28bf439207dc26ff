"""F-AUTH-1, F-AUTH-2, F-AUTH-4, F-AUTH-7: logins, random passwords, change and reset."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest

from unicom_core.domain.access import (
    AttemptScope,
    CodePurpose,
    CredentialKind,
    IdentifierLocked,
    LockoutPolicy,
    attempts_id,
)
from unicom_core.domain.shared import LoginType
from unicom_core.domain.subscribers import ServiceKind, SubscriberId, SubscriberStatus
from unicom_core.errors import Conflict, InvalidInput, NotFound, Refused
from unicom_core.memory.storage import MemoryStorage
from unicom_core.ports.access import CaptchaAnswer
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


def login(world, password, *, client="ip-1", **kwargs):
    return world.service.login_with_password(
        LoginType.MOBILE, MOBILE, password, client=client, **kwargs
    )


def test_f_auth_4_the_initial_service_password_cannot_log_in(world):
    subscriber = world.add_subscriber(MOBILE)
    world.service.enroll(subscriber.id, "135790")
    error = refused(login, world, "135790")
    assert error.code == "access.initial_password"
    assert "change it first" in error.message


def test_f_auth_4_after_changing_the_initial_password_the_new_one_logs_in(world):
    subscriber = world.add_subscriber(MOBILE)
    world.service.enroll(subscriber.id, "135790")
    world.service.change_password(LoginType.MOBILE, MOBILE, "135790", "284615", client="ip-1")
    result = login(world, "284615")
    assert result.session.kind is CredentialKind.SERVICE_PASSWORD
    assert result.session.subscriber_id == subscriber.id
    assert refused(login, world, "135790").code == "access.bad_credentials"


def test_f_auth_4_a_wrong_initial_password_is_just_wrong(world):
    subscriber = world.add_subscriber(MOBILE)
    world.service.enroll(subscriber.id, "135790")
    assert refused(login, world, "135791").code == "access.bad_credentials"


@pytest.mark.parametrize(
    ("kind", "login_type", "number"),
    [
        (ServiceKind.MOBILE, LoginType.MOBILE, "+86 186-1234-5678"),
        (ServiceKind.DATA_CARD, LoginType.MOBILE, "13012345678"),
        (ServiceKind.FIXED_LINE, LoginType.FIXED_LINE, "8266 3300"),
        (ServiceKind.BROADBAND, LoginType.BROADBAND, "bj_zhang01"),
    ],
)
def test_f_auth_1_every_login_type_logs_in(world, kind, login_type, number):
    subscriber = world.enrolled(number.replace(" ", "").replace("+86", ""), kind=kind)
    result = world.service.login_with_password(login_type, number, "284615", client="ip")
    assert result.session.subscriber_id == subscriber.id


def test_f_auth_1_an_email_set_by_the_holder_logs_in(world):
    world.enrolled(MOBILE)
    token = login(world, "284615").token
    world.service.set_login_email(token, " Zhang@Example.COM ")
    result = world.service.login_with_password(
        LoginType.EMAIL, "Zhang@example.com", "284615", client="ip"
    )
    assert result.session.kind is CredentialKind.SERVICE_PASSWORD
    unknown = refused(
        world.service.login_with_password, LoginType.EMAIL, "li@example.com", "284615", client="ip"
    )
    assert unknown.code == "access.bad_credentials"


def test_f_auth_1_a_malformed_user_name_is_invalid_and_not_counted(world):
    world.enrolled(MOBILE)
    for _ in range(6):
        with pytest.raises(InvalidInput):
            world.service.login_with_password(LoginType.MOBILE, "1861234", "284615", client="ip")
    assert login(world, "284615").token


def test_f_auth_7_an_unknown_number_answers_like_a_wrong_password(world):
    world.enrolled(MOBILE)
    wrong = refused(login, world, "000001")
    unknown = refused(
        world.service.login_with_password, LoginType.MOBILE, "18699999999", "000001", client="x"
    )
    assert repr(wrong) == repr(unknown)


def test_f_auth_7_a_cancelled_number_cannot_log_in(world):
    world.enrolled("13012345678")
    world.add_subscriber(MOBILE, status=SubscriberStatus.CANCELLED)
    assert refused(login, world, "284615").code == "access.bad_credentials"


def test_f_auth_7_captcha_after_three_failures_and_lock_after_five(world):
    world.enrolled(MOBILE)
    for attempts_left in (4, 3):
        error = refused(login, world, "000001")
        assert error.data == {"captcha_required": False, "attempts_left": attempts_left}
    assert refused(login, world, "000001").data["captcha_required"] is True
    assert refused(login, world, "284615").code == "access.captcha_required"
    wrong = world.captcha.new_challenge()
    bad = CaptchaAnswer(wrong.challenge_id, "????")
    assert refused(login, world, "284615", captcha=bad).code == "access.captcha_wrong"
    refused(login, world, "000001", captcha=world.captcha.solve())
    locked = refused(login, world, "000001", captcha=world.captcha.solve())
    assert locked.code == "access.locked"
    assert locked.data["retry_at"] == world.clock.now() + 30 * MINUTE
    right = refused(login, world, "284615", captcha=world.captcha.solve())
    assert right.code == "access.locked"


def test_f_auth_7_the_lock_lifts_after_thirty_minutes(world):
    world.enrolled(MOBILE)
    for _ in range(5):
        refused(login, world, "000001", captcha=world.captcha.solve())
    world.clock.advance(30 * MINUTE - dt.timedelta(seconds=1))
    assert refused(login, world, "284615").code == "access.locked"
    world.clock.advance(dt.timedelta(seconds=1))
    assert login(world, "284615").token


def test_f_auth_7_a_lock_is_reported_to_the_outbox(world):
    world.enrolled(MOBILE)
    for _ in range(5):
        refused(login, world, "000001", captcha=world.captcha.solve())
    with world.storage.transaction() as tx:
        events = [entry.event for entry in tx.outbox.pending(100)]
    assert any(isinstance(event, IdentifierLocked) for event in events)


def test_f_auth_7_a_client_failing_on_many_numbers_must_solve_captchas(world):
    world.enrolled(MOBILE)
    for number in ("18600000001", "18600000002", "18600000003"):
        refused(world.service.login_with_password, LoginType.MOBILE, number, "000001", client="bot")
    assert world.service.captcha_required(LoginType.MOBILE, MOBILE, client="bot")
    assert not world.service.captcha_required(LoginType.MOBILE, MOBILE, client="home")
    assert refused(login, world, "284615", client="bot").code == "access.captcha_required"
    assert login(world, "284615", client="home").token


def test_f_auth_7_a_success_clears_the_identifiers_failures(world):
    world.enrolled(MOBILE)
    for _ in range(2):
        refused(login, world, "000001")
    login(world, "284615")
    assert refused(login, world, "000001").data["attempts_left"] == 4


def test_f_auth_7_the_limits_are_configurable(world):
    settings = AccessSettings(lockout=LockoutPolicy(captcha_after=0, lock_after=2))
    world = AccessWorld(settings=settings)
    world.enrolled(MOBILE)
    assert refused(login, world, "284615").code == "access.captcha_required"
    refused(login, world, "000001", captcha=world.captcha.solve())
    assert refused(login, world, "000001", captcha=world.captcha.solve()).code == "access.locked"


def test_f_auth_7_failures_are_stored_under_digests_of_the_identifier(world):
    subscriber = world.enrolled(MOBILE)
    refused(login, world, "000001")
    with world.storage.transaction() as tx:
        attempts = tx.login_attempts.get(
            attempts_id(AttemptScope.IDENTIFIER, f"subscriber:{subscriber.id}")
        )
    assert len(attempts.failures) == 1
    assert MOBILE not in attempts.id


# ---------------------------------------------------------------- change and reset


@pytest.mark.parametrize(
    ("new", "rule"),
    [("111111", "same_digit"), ("456789", "ascending"), ("612345", "own_number")],
)
def test_f_auth_7_a_weak_new_password_is_refused(world, new, rule):
    world.enrolled(MOBILE)
    with pytest.raises(InvalidInput) as caught:
        world.service.change_password(LoginType.MOBILE, MOBILE, "284615", new, client="ip")
    assert caught.value.code == "password.weak"
    assert rule in caught.value.data["rules"]


def test_f_auth_7_the_birthday_from_the_holders_id_is_refused(world):
    world.enrolled(MOBILE)  # the holder was born on 1949-12-31
    with pytest.raises(InvalidInput) as caught:
        world.service.change_password(LoginType.MOBILE, MOBILE, "284615", "491231", client="ip")
    assert caught.value.data["rules"] == ["birthday"]


def test_f_auth_7_the_weak_rules_are_told_only_after_the_old_password(world):
    world.enrolled(MOBILE)
    error = refused(
        world.service.change_password, LoginType.MOBILE, MOBILE, "000001", "491231", client="ip"
    )
    assert error.code == "access.bad_credentials"


def test_f_auth_7_the_new_password_must_differ(world):
    world.enrolled(MOBILE)
    with pytest.raises(InvalidInput) as caught:
        world.service.change_password(LoginType.MOBILE, MOBILE, "284615", "284615", client="ip")
    assert caught.value.code == "password.unchanged"


def test_f_auth_7_a_password_change_ends_older_sessions(world):
    world.enrolled(MOBILE)
    token = login(world, "284615").token
    world.service.change_password(LoginType.MOBILE, MOBILE, "284615", "902817", client="ip")
    assert refused(world.service.session, token).code == "access.not_logged_in"
    assert login(world, "902817").token


def test_f_auth_7_reset_by_random_password(world):
    world.enrolled(MOBILE)
    world.service.request_random_password(MOBILE, purpose=CodePurpose.RESET)
    code = world.code_for(MOBILE)
    with pytest.raises(InvalidInput):
        world.service.reset_password(MOBILE, code, "111111", client="ip")
    world.service.reset_password(MOBILE, code, "902817", client="ip")
    assert login(world, "902817").token
    again = refused(world.service.reset_password, MOBILE, code, "246802", client="ip")
    assert again.code == "access.bad_credentials"


def test_f_auth_7_a_login_code_does_not_reset_and_a_reset_code_does_not_log_in(world):
    world.enrolled(MOBILE)
    world.service.request_random_password(MOBILE)
    login_code = world.code_for(MOBILE)
    assert refused(world.service.reset_password, MOBILE, login_code, "902817", client="ip")
    world.clock.advance(MINUTE)
    world.service.request_random_password(MOBILE, purpose=CodePurpose.RESET)
    reset_code = world.code_for(MOBILE)
    assert refused(world.service.login_with_random_password, MOBILE, reset_code, client="ip")


def test_f_auth_7_reset_sets_a_password_for_a_number_that_never_had_one(world):
    world.add_subscriber(MOBILE)
    world.service.request_random_password(MOBILE, purpose=CodePurpose.RESET)
    world.service.reset_password(MOBILE, world.code_for(MOBILE), "902817", client="ip")
    assert login(world, "902817").session.kind is CredentialKind.SERVICE_PASSWORD


def test_f_auth_4_enrolment_needs_a_known_number_and_happens_once(world):
    with pytest.raises(NotFound):
        world.service.enroll(SubscriberId("nobody"), "135790")
    subscriber = world.add_subscriber(MOBILE)
    world.service.enroll(subscriber.id, "135790")
    with pytest.raises(Conflict):
        world.service.enroll(subscriber.id, "135790")


# ---------------------------------------------------------------- concurrency


class FlakyStorage:
    """A store whose next ``clashes`` commits fail as if another writer had won."""

    def __init__(self):
        self.inner = MemoryStorage()
        self.clashes = 0

    @contextlib.contextmanager
    def transaction(self):
        with self.inner.transaction() as tx:
            yield tx
            if self.clashes:
                self.clashes -= 1
                raise Conflict("storage.version_conflict", "another writer won")

    def close(self):
        self.inner.close()


def test_f_auth_7_a_version_clash_is_retried_and_the_captcha_asked_once():
    storage = FlakyStorage()
    world = AccessWorld(storage=storage)
    world.enrolled(MOBILE)
    for _ in range(3):
        refused(login, world, "000001")
    storage.clashes = 2
    answer = world.captcha.solve()
    assert login(world, "284615", captcha=answer).session.kind is CredentialKind.SERVICE_PASSWORD
    storage.clashes = 3
    with pytest.raises(Conflict):
        login(world, "284615")


def test_f_auth_7_change_and_reset_respect_the_lock(world):
    world.enrolled(MOBILE)
    for _ in range(5):
        refused(login, world, "000001", captcha=world.captcha.solve())
    change = refused(
        world.service.change_password, LoginType.MOBILE, MOBILE, "284615", "902817", client="ip"
    )
    assert change.code == "access.locked"
    world.service.request_random_password(MOBILE, purpose=CodePurpose.RESET)
    reset = refused(
        world.service.reset_password, MOBILE, world.code_for(MOBILE), "902817", client="ip"
    )
    assert reset.code == "access.locked"
