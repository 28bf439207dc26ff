"""F-AUTH-3, F-AUTH-5, F-AUTH-6, F-AUTH-7: sessions, authorize, QQ/Weibo, log-out."""

from __future__ import annotations

import datetime as dt

import pytest

from unicom_core.domain.access import (
    DEFAULT_POLICY,
    Capability,
    CredentialKind,
    SessionPolicy,
    ThirdParty,
)
from unicom_core.domain.shared import FixedLineNumber, LoginType, MobileNumber
from unicom_core.domain.subscribers import ServiceKind, SubscriberStatus
from unicom_core.errors import AdapterError, Conflict, InvalidInput, NotFound, Refused
from unicom_core.testing.worlds.access import AccessWorld
from unicom_core.usecases.access import AccessSettings

MOBILE = "18612345678"
MINUTE = dt.timedelta(minutes=1)
BILL = Capability("query.bill")
VOICE = Capability("query.detail.voice")


@pytest.fixture
def world():
    return AccessWorld()


def refused(call, *args, **kwargs):
    with pytest.raises(Refused) as caught:
        call(*args, **kwargs)
    return caught.value


def password_login(world, number=MOBILE):
    return world.service.login_with_password(LoginType.MOBILE, number, "284615", client="ip")


def code_login(world, number=MOBILE):
    world.service.request_random_password(number)
    return world.service.login_with_random_password(number, world.code_for(number), client="ip")


def test_f_auth_7_tokens_are_random_and_never_hold_the_number(world):
    world.enrolled(MOBILE)
    first, second = password_login(world), password_login(world)
    assert first.token != second.token
    assert len(first.token) >= 43
    for result in (first, second):
        assert MOBILE not in result.token
        assert result.token not in repr(result)
        assert result.session.id != result.token


def test_f_auth_7_a_session_is_found_by_its_token_and_expires_when_idle(world):
    world.enrolled(MOBILE)
    token = password_login(world).token
    world.clock.advance(29 * MINUTE)
    assert world.service.session(token).subscriber_id
    world.clock.advance(29 * MINUTE)
    assert world.service.session(token)
    world.clock.advance(30 * MINUTE)
    error = refused(world.service.session, token)
    assert (error.code, error.data["reason"]) == ("access.session_expired", "idle")


def test_f_auth_7_a_session_ends_after_twelve_hours_even_in_use(world):
    world.enrolled(MOBILE)
    token = password_login(world).token
    for _ in range(24):  # 24 x 29 minutes = 11 h 36 min, never idle for 30 minutes
        world.clock.advance(29 * MINUTE)
        world.service.session(token)
    world.clock.advance(24 * MINUTE)
    error = refused(world.service.session, token)
    assert error.data["reason"] == "absolute"


def test_f_auth_7_session_lifetimes_are_configurable():
    world = AccessWorld(settings=AccessSettings(sessions=SessionPolicy(idle=5 * MINUTE)))
    world.enrolled(MOBILE)
    token = password_login(world).token
    world.clock.advance(5 * MINUTE)
    assert refused(world.service.session, token).code == "access.session_expired"


@pytest.mark.parametrize("token", ["", "not-a-token", None])
def test_f_auth_7_an_unknown_token_is_not_logged_in(world, token):
    assert refused(world.service.session, token).code == "access.not_logged_in"


def test_f_auth_7_log_out_ends_the_session(world):
    world.enrolled(MOBILE)
    token = password_login(world).token
    world.service.logout(token)
    world.service.logout(token)
    world.service.logout("unknown")
    assert refused(world.service.session, token).code == "access.not_logged_in"
    assert refused(world.service.authorize, token, BILL).code == "access.not_logged_in"


def test_f_auth_5_a_random_password_session_gets_bills_but_no_details(world):
    world.enrolled(MOBILE)
    token = code_login(world).token
    for name in ("query.bill", "query.balance", "query.points", "query.profile"):
        assert world.service.authorize(token, Capability(name)).subscriber.number.value == MOBILE
    for name in ("pay", "top_up", "support.chat"):
        world.service.authorize(token, Capability(name))
    error = refused(world.service.authorize, token, VOICE)
    assert error.data == {"capability": "query.detail.voice", "credential": "random_password"}
    assert refused(world.service.authorize, token, Capability("handle.roaming"))


def test_f_auth_5_a_service_password_session_gets_details_and_handling(world):
    world.enrolled(MOBILE)
    token = password_login(world).token
    world.service.authorize(token, VOICE)
    world.service.authorize(token, Capability("handle.plan_change"))


def test_f_auth_6_a_session_acts_on_every_number_of_its_customer(world):
    subscriber = world.enrolled(MOBILE)
    customer = world.customer_of(subscriber)
    line = world.add_subscriber("82663300", kind=ServiceKind.FIXED_LINE, customer=customer)
    token = password_login(world).token
    allowed = world.service.authorize(token, BILL, FixedLineNumber("82663300"))
    assert allowed.subscriber.id == line.id


def test_f_auth_6_another_customers_number_is_refused_like_an_unknown_one(world):
    world.enrolled(MOBILE)
    world.enrolled("18612345679")
    token = password_login(world).token
    with pytest.raises(NotFound) as foreign:
        world.service.authorize(token, BILL, MobileNumber("18612345679"))
    with pytest.raises(NotFound) as unknown:
        world.service.authorize(token, BILL, MobileNumber("18612345670"))
    assert repr(foreign.value) == repr(unknown.value)


def test_f_auth_6_the_configured_table_decides(world):
    table = DEFAULT_POLICY.with_row(CredentialKind.RANDOM_PASSWORD, "query.bill")
    world = AccessWorld(settings=AccessSettings(policy=table))
    world.enrolled(MOBILE)
    token = code_login(world).token
    world.service.authorize(token, BILL)
    assert refused(world.service.authorize, token, Capability("pay")).code
    assert world.service.settings.policy is table


# ---------------------------------------------------------------- third party


def test_f_auth_3_bind_qq_then_log_in_with_it(world):
    subscriber = world.enrolled(MOBILE)
    token = password_login(world).token
    world.service.bind_third_party(
        token, ThirdParty.QQ, world.oauth.authorize(ThirdParty.QQ, "oq1")
    )
    code = world.oauth.authorize(ThirdParty.QQ, "oq1")
    result = world.service.login_with_third_party(ThirdParty.QQ, code, client="ip")
    assert result.session.kind is CredentialKind.THIRD_PARTY
    assert result.session.subscriber_id == subscriber.id
    assert refused(world.service.authorize, result.token, VOICE).code == (
        "access.capability_missing"
    )


def test_f_auth_3_an_unbound_identity_cannot_log_in(world):
    code = world.oauth.authorize(ThirdParty.WEIBO, "w1")
    assert refused(world.service.login_with_third_party, ThirdParty.WEIBO, code, client="x").code
    with pytest.raises(Refused) as caught:
        world.service.login_with_third_party(ThirdParty.WEIBO, code, client="x")
    assert caught.value.code == "oauth.rejected"


def test_f_auth_3_a_code_of_another_provider_is_rejected(world):
    code = world.oauth.authorize(ThirdParty.WEIBO, "w1")
    error = refused(world.service.login_with_third_party, ThirdParty.QQ, code, client="x")
    assert error.code == "oauth.rejected"


def test_f_auth_3_a_random_password_session_cannot_bind(world):
    world.enrolled(MOBILE)
    token = code_login(world).token
    code = world.oauth.authorize(ThirdParty.QQ, "oq1")
    error = refused(world.service.bind_third_party, token, ThirdParty.QQ, code)
    assert error.data["capability"] == "account.bind_third_party"


def test_f_auth_3_one_identity_binds_one_number(world):
    world.enrolled(MOBILE)
    world.enrolled("18612345679")
    mine = password_login(world).token
    theirs = password_login(world, "18612345679").token
    world.service.bind_third_party(mine, ThirdParty.QQ, world.oauth.authorize(ThirdParty.QQ, "q"))
    with pytest.raises(Conflict) as caught:
        world.service.bind_third_party(
            theirs, ThirdParty.QQ, world.oauth.authorize(ThirdParty.QQ, "q")
        )
    assert caught.value.code == "oauth.subject_taken"
    with pytest.raises(Conflict) as other:
        world.service.bind_third_party(
            mine, ThirdParty.QQ, world.oauth.authorize(ThirdParty.QQ, "r")
        )
    assert other.value.code == "oauth.already_bound"


def test_f_auth_3_unbind_then_the_identity_logs_in_no_more_and_binds_elsewhere(world):
    world.enrolled(MOBILE)
    world.enrolled("18612345679")
    mine = password_login(world).token
    theirs = password_login(world, "18612345679").token
    world.service.bind_third_party(
        mine, ThirdParty.WEIBO, world.oauth.authorize(ThirdParty.WEIBO, "w")
    )
    world.service.unbind_third_party(mine, ThirdParty.WEIBO)
    code = world.oauth.authorize(ThirdParty.WEIBO, "w")
    assert refused(world.service.login_with_third_party, ThirdParty.WEIBO, code, client="x").code
    world.service.bind_third_party(
        theirs, ThirdParty.WEIBO, world.oauth.authorize(ThirdParty.WEIBO, "w")
    )
    assert refused(world.service.unbind_third_party, mine, ThirdParty.WEIBO).code == (
        "oauth.not_bound"
    )
    assert refused(world.service.unbind_third_party, mine, ThirdParty.QQ).code == "oauth.not_bound"


def test_f_auth_3_a_provider_that_is_down_is_an_adapter_error(world):
    world.oauth.failing = True
    with pytest.raises(AdapterError):
        world.service.login_with_third_party(ThirdParty.QQ, "code", client="x")


# ---------------------------------------------------------------- login e-mail


def test_f_auth_1_one_email_logs_in_to_one_number(world):
    world.enrolled(MOBILE)
    world.enrolled("18612345679")
    mine = password_login(world).token
    theirs = password_login(world, "18612345679").token
    world.service.set_login_email(mine, "zhang@example.com")
    world.service.set_login_email(mine, "zhang@example.com")
    with pytest.raises(Conflict) as caught:
        world.service.set_login_email(theirs, "zhang@example.com")
    assert caught.value.code == "access.email_taken"
    world.service.set_login_email(mine, None)
    world.service.set_login_email(theirs, "zhang@example.com")
    with pytest.raises(InvalidInput):
        world.service.set_login_email(theirs, "not an address")


def test_f_auth_2_the_login_form_gets_a_captcha_challenge(world):
    challenge = world.service.new_captcha()
    assert world.captcha.answer_for(challenge)


def test_f_auth_6_a_cancelled_number_of_the_customer_is_unknown(world):
    subscriber = world.enrolled(MOBILE)
    customer = world.customer_of(subscriber)
    world.add_subscriber("13012345678", customer=customer, status=SubscriberStatus.CANCELLED)
    token = password_login(world).token
    with pytest.raises(NotFound):
        world.service.authorize(token, BILL, MobileNumber("13012345678"))
