"""F-AUTH-2, F-AUTH-4, F-AUTH-7: service passwords and their weak-password rules."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.access import (
    LoginCredential,
    PasswordChanged,
    PasswordReset,
    ServicePassword,
    ThirdParty,
    ThirdPartyBinding,
    WeakRule,
    birthday_forms,
    check_new_password,
    weak_password_rules,
)
from unicom_core.domain.shared import SHANGHAI, EmailAddress
from unicom_core.errors import Conflict, InvalidInput, Refused
from unicom_core.testing.strategies.access import login_credentials, service_passwords

AT = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)


def rules(digits, **facts):
    return {rule.value for rule in weak_password_rules(ServicePassword(digits), **facts)}


@pytest.mark.parametrize("digits", ["000000", "111111", "888888", "999999"])
def test_f_auth_7_one_digit_six_times_is_weak(digits):
    assert rules(digits) == {"same_digit"}


@pytest.mark.parametrize("digits", ["012345", "123456", "456789", "789012", "890123"])
def test_f_auth_7_ascending_runs_are_weak(digits):
    assert rules(digits) == {"ascending"}


@pytest.mark.parametrize("digits", ["543210", "654321", "987654", "109876", "210987"])
def test_f_auth_7_descending_runs_are_weak(digits):
    assert rules(digits) == {"descending"}


@pytest.mark.parametrize("digits", ["186123", "612345", "345678", "234567"])
def test_f_auth_7_six_digits_of_the_own_number_are_weak(digits):
    assert "own_number" in rules(digits, own_number="18612345678")


def test_f_auth_7_a_fixed_line_number_counts_as_the_own_number_too():
    assert rules("826633", own_number="82663300") == {"own_number"}


@pytest.mark.parametrize(
    "digits",
    [
        "491231",  # YYMMDD
        "194912",  # YYYYMM
        "949123",  # the middle window of 19491231
        "123149",  # MMDDYY
        "311249",  # DDMMYY
    ],
)
def test_f_auth_7_the_birthday_from_the_resident_id_is_weak(digits):
    assert rules(digits, birth_date=dt.date(1949, 12, 31)) == {"birthday"}


def test_f_auth_7_birthday_forms_are_written_out():
    assert birthday_forms(dt.date(1990, 3, 7)) == {
        "199003",
        "990030",
        "900307",
        "030790",
        "070390",
    }


@pytest.mark.parametrize("digits", ["284615", "135790", "902817", "112358", "246802"])
def test_f_auth_7_other_passwords_are_strong(digits):
    facts = {"own_number": "18612345678", "birth_date": dt.date(1949, 12, 31)}
    assert rules(digits, **facts) == set()
    check_new_password(ServicePassword(digits), **facts)


def test_f_auth_7_a_weak_new_password_is_refused_with_the_rules_it_breaks():
    with pytest.raises(InvalidInput) as caught:
        check_new_password(ServicePassword("345678"), own_number="18612345678")
    assert caught.value.code == "password.weak"
    assert caught.value.data["rules"] == ["ascending", "own_number"]
    assert "345678" not in caught.value.message


@given(service_passwords())
def test_f_auth_7_the_rules_agree_with_a_plain_reading(password):
    digits = [int(d) for d in password.digits]
    steps = {(b - a) % 10 for a, b in itertools.pairwise(digits)}
    broken = weak_password_rules(password)
    assert (WeakRule.SAME_DIGIT in broken) == (len(set(digits)) == 1)
    assert (WeakRule.ASCENDING in broken) == (steps == {1})
    assert (WeakRule.DESCENDING in broken) == (steps == {9})


@pytest.mark.parametrize("text", ["12345", "1234567", "12345a", "１２３４５６", "", 123456, None])
def test_f_auth_2_a_service_password_is_exactly_six_digits(text):
    with pytest.raises(InvalidInput) as caught:
        ServicePassword(text)
    assert caught.value.code == "password.format"


def test_f_auth_7_a_service_password_never_shows_its_digits():
    password = ServicePassword("284615")
    assert "284615" not in repr(password)
    assert "284615" not in str(password)


def test_f_auth_4_a_new_credential_is_the_initial_one():
    credential = LoginCredential("s-1", "$pbkdf2$secret-digest", AT)
    assert credential.initial
    assert credential.epoch == 0
    assert "secret-digest" not in repr(credential)


def test_f_auth_4_changing_the_password_leaves_the_initial_one_and_ends_older_sessions():
    credential = LoginCredential("s-1", "old-hash", AT)
    later = AT + dt.timedelta(days=1)
    (event,) = credential.change_password("new-hash", at=later)
    assert isinstance(event, PasswordChanged)
    assert event.was_initial
    assert (credential.initial, credential.epoch, credential.changed_at) == (False, 1, later)
    (reset,) = credential.reset_password("newer-hash", at=later)
    assert isinstance(reset, PasswordReset)
    assert credential.epoch == 2


def test_f_auth_1_the_login_email_is_set_and_removed():
    credential = LoginCredential("s-1", "hash", AT)
    email = EmailAddress("zhang@example.com")
    assert credential.set_email(email, at=AT)[0].has_email
    assert credential.set_email(email, at=AT) == ()
    assert not credential.set_email(None, at=AT)[0].has_email


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("password_hash", "", "credential.hash"),
        ("initial", 1, "credential.initial"),
        ("epoch", -1, "credential.epoch"),
        ("changed_at", dt.datetime(2016, 5, 17), "credential.changed_at"),  # noqa: DTZ001
        ("email", "zhang@example.com", "credential.email"),
    ],
)
def test_f_auth_7_credential_fields_are_checked(field, value, code):
    facts = {"id": "s-1", "password_hash": "hash", "changed_at": AT, field: value}
    with pytest.raises(InvalidInput) as caught:
        LoginCredential(**facts)
    assert caught.value.code == code


@given(login_credentials())
def test_f_auth_7_credentials_are_changed_only_through_methods(credential):
    with pytest.raises(AttributeError):
        credential.initial = False  # type: ignore[misc]
    assert credential.password_hash not in repr(credential)


def test_f_auth_3_a_binding_binds_one_identity_and_unbinds():
    binding = ThirdPartyBinding.new(ThirdParty.QQ, "s-1")
    assert binding.id == "qq:s-1"
    assert binding.subject_key is None
    (bound,) = binding.bind("openid-1", at=AT)
    assert (bound.provider, binding.subject_key, binding.bound_at) == ("qq", "qq:openid-1", AT)
    assert binding.bind("openid-1", at=AT) == ()
    with pytest.raises(Conflict) as caught:
        binding.bind("openid-2", at=AT)
    assert caught.value.code == "oauth.already_bound"
    (unbound,) = binding.unbind(at=AT)
    assert unbound.provider == "qq"
    assert binding.subject is None
    with pytest.raises(Refused) as again:
        binding.unbind(at=AT)
    assert again.value.code == "oauth.not_bound"


@pytest.mark.parametrize("subject", ["", "x" * 129, "tab\there"])
def test_f_auth_3_subject_ids_are_short_printable_text(subject):
    with pytest.raises(InvalidInput) as caught:
        ThirdPartyBinding("weibo:s-1", "s-1", ThirdParty.WEIBO, subject)
    assert caught.value.code == "oauth.subject"


@given(st.sampled_from(ThirdParty), st.text(min_size=1, max_size=20).filter(str.isprintable))
def test_f_auth_3_subject_keys_name_the_provider(provider, subject):
    binding = ThirdPartyBinding.new(provider, "s-1")
    binding.bind(subject, at=AT)
    assert binding.subject_key == f"{provider.value}:{subject}"
