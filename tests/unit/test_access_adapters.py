"""F-AUTH-2, F-AUTH-3, F-AUTH-7: the memory adapters of the access ports, and argon2id."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2.exceptions import HashingError
from hypothesis import given, settings
from hypothesis import strategies as st

from unicom_core.argon import ArgonPasswordHasher
from unicom_core.domain.access import (
    AttemptScope,
    LoginAttempts,
    LoginCredential,
    ThirdParty,
    ThirdPartyBinding,
)
from unicom_core.domain.shared import SHANGHAI, EmailAddress, MobileNumber
from unicom_core.errors import AdapterError, Conflict, InvalidInput, NotFound, Refused
from unicom_core.memory.captcha import MemoryCaptcha
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.memory.messaging import MemoryMessageSender
from unicom_core.memory.oauth import MemoryOAuthProvider
from unicom_core.memory.storage import MemoryStorage
from unicom_core.ports.access import CaptchaAnswer
from unicom_core.serialization import structure, unstructure
from unicom_core.testing.strategies.access import (
    login_attempts,
    login_credentials,
    sessions,
    third_party_bindings,
)

AT = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
FAST_ARGON = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}


@pytest.mark.parametrize(
    "hasher", [MemoryPasswordHasher(), ArgonPasswordHasher(**FAST_ARGON)], ids=repr
)
def test_f_auth_7_hashes_are_salted_and_verify_only_their_secret(hasher):
    first, second = hasher.hash("284615"), hasher.hash("284615")
    assert first != second
    assert "284615" not in first
    assert hasher.verify(first, "284615")
    assert hasher.verify(second, "284615")
    assert not hasher.verify(first, "284616")
    assert not hasher.verify("not a hash", "284615")
    assert not hasher.needs_rehash(first)
    assert hasher.needs_rehash("not a hash")


def test_f_auth_7_the_argon_hasher_is_argon2id_with_the_rfc_9106_defaults():
    hashed = ArgonPasswordHasher().hash("284615")
    assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert ArgonPasswordHasher(**FAST_ARGON).needs_rehash(hashed)
    assert "65536" in repr(ArgonPasswordHasher())


def test_f_auth_7_bad_hasher_parameters_are_invalid():
    with pytest.raises(InvalidInput):
        MemoryPasswordHasher(iterations=0)
    for facts in ({"parallelism": 0}, {"time_cost": 0}, {"memory_cost": 15, "parallelism": 2}):
        with pytest.raises(InvalidInput):
            ArgonPasswordHasher(**facts)


def test_f_auth_7_the_memory_hasher_notices_other_iterations():
    assert MemoryPasswordHasher(5).needs_rehash(MemoryPasswordHasher(4).hash("1"))
    assert MemoryPasswordHasher(5).verify(MemoryPasswordHasher(4).hash("1"), "1")
    assert not MemoryPasswordHasher().verify("$pbkdf2-sha256$i=1$!!$!!", "1")


@settings(max_examples=25)
@given(st.text(max_size=20), st.text(max_size=20))
def test_f_auth_7_the_memory_hasher_verifies_exactly_its_secret(secret, other):
    hasher = MemoryPasswordHasher(iterations=1)
    assert hasher.verify(hasher.hash(secret), other) == (secret == other)


def test_f_auth_2_a_captcha_is_answered_once_whatever_the_case():
    captcha = MemoryCaptcha()
    challenge = captcha.new_challenge()
    answer = captcha.answer_for(challenge)
    assert captcha.verify(CaptchaAnswer(challenge.challenge_id, answer.lower()))
    assert not captcha.verify(CaptchaAnswer(challenge.challenge_id, answer))
    with pytest.raises(NotFound):
        captcha.answer_for(challenge)
    wrong = captcha.new_challenge()
    assert not captcha.verify(CaptchaAnswer(wrong.challenge_id, "????"))
    assert answer not in repr(CaptchaAnswer(challenge.challenge_id, answer))


def test_f_auth_2_the_sms_double_records_hides_and_can_fail():
    lines: list[str] = []
    sender = MemoryMessageSender(echo=lines.append)
    number = MobileNumber("18612345678")
    sender.send_sms(number, "您的随机密码为123456，5分钟内有效")
    assert sender.last_code(number) == "123456"
    assert lines == ["SMS to 186****5678: 您的随机密码为123456，5分钟内有效"]
    assert "123456" not in repr(sender.sent)
    assert "12345678" not in repr(sender.sent)
    with pytest.raises(NotFound):
        sender.last_code(MobileNumber("18612345679"))
    sender.failing = True
    with pytest.raises(AdapterError):
        sender.send_sms(number, "x")


def test_f_auth_3_an_authorisation_code_is_exchanged_once():
    provider = MemoryOAuthProvider()
    code = provider.authorize(ThirdParty.QQ, "openid")
    assert provider.verified_subject(ThirdParty.QQ, code) == "openid"
    with pytest.raises(Refused):
        provider.verified_subject(ThirdParty.QQ, code)


# ---------------------------------------------------------------- the access store


def test_f_auth_1_one_login_email_per_number_in_the_store():
    store = MemoryStorage()
    email = EmailAddress("zhang@example.com")
    with store.transaction() as tx:
        tx.credentials.add(LoginCredential("s1", "h", AT, email=email))
        tx.credentials.add(LoginCredential("s2", "h", AT))
        tx.credentials.add(LoginCredential("s3", "h", AT))
    with store.transaction() as tx:
        assert tx.credentials.find_by_email(email).id == "s1"
        with pytest.raises(Conflict) as caught:
            tx.credentials.add(LoginCredential("s4", "h", AT, email=email))
        assert caught.value.code == "storage.duplicate_email"


def test_f_auth_3_one_number_per_identity_in_the_store():
    store = MemoryStorage()
    with store.transaction() as tx:
        first = ThirdPartyBinding.new(ThirdParty.QQ, "s1")
        first.bind("q", at=AT)
        tx.third_party_bindings.add(first)
        tx.third_party_bindings.add(ThirdPartyBinding.new(ThirdParty.QQ, "s2"))
        tx.third_party_bindings.add(ThirdPartyBinding.new(ThirdParty.QQ, "s3"))
    with store.transaction() as tx:
        assert tx.third_party_bindings.find_by_subject(ThirdParty.QQ, "q").id == "qq:s1"
        assert tx.third_party_bindings.find_by_subject(ThirdParty.WEIBO, "q") is None
        second = tx.third_party_bindings.get("qq:s2")
        second.bind("q", at=AT)
        with pytest.raises(Conflict) as caught:
            tx.third_party_bindings.save(second)
        assert caught.value.code == "storage.duplicate_subject"


def test_f_auth_7_the_access_store_rolls_back_and_closes():
    store = MemoryStorage()

    def fail_inside():
        with store.transaction() as tx:
            tx.credentials.add(LoginCredential("s1", "h", AT))
            raise RuntimeError

    with pytest.raises(RuntimeError):
        fail_inside()
    with store.transaction() as tx:
        assert tx.credentials.find("s1") is None
    with store.transaction() as tx:
        pass
    with pytest.raises(Refused):
        tx.sessions.find("x")
    store.close()
    with pytest.raises(AdapterError), store.transaction():
        pass


def test_f_auth_7_a_stale_copy_conflicts_at_commit():
    store = MemoryStorage()
    with store.transaction() as tx:
        tx.credentials.add(LoginCredential("s1", "h", AT))

    def race():
        with store.transaction() as slow:
            credential = slow.credentials.get("s1")
            with store.transaction() as fast:
                other = fast.credentials.get("s1")
                other.change_password("h2", at=AT)
                fast.credentials.save(other)
            credential.change_password("h3", at=AT)
            slow.credentials.save(credential)

    with pytest.raises(Conflict):
        race()


@settings(max_examples=20)
@given(
    st.one_of(login_credentials(), sessions(), login_attempts(), third_party_bindings()),
)
def test_f_auth_7_every_access_record_survives_the_store_and_the_converter(record):
    store = MemoryStorage()
    repository_of = {
        LoginCredential: "credentials",
        ThirdPartyBinding: "third_party_bindings",
    }
    name = repository_of.get(type(record)) or (
        "sessions" if hasattr(record, "kind") else "login_attempts"
    )
    with store.transaction() as tx:
        getattr(tx, name).add(record)
    with store.transaction() as tx:
        assert getattr(tx, name).get(record.id) == record
    assert structure(unstructure(record), type(record)) == record


class BrokenArgon:
    def hash(self, _secret):
        raise HashingError("out of memory")


def test_f_auth_7_an_argon_failure_is_an_adapter_error(monkeypatch):
    hasher = ArgonPasswordHasher(**FAST_ARGON)
    monkeypatch.setattr(hasher, "_hasher", BrokenArgon())
    with pytest.raises(AdapterError) as caught:
        hasher.hash("284615")
    assert caught.value.code == "hashing.failed"


def test_f_auth_7_a_malformed_memory_hash_verifies_nothing():
    assert not MemoryPasswordHasher().verify("$pbkdf2-sha256$i=1$a$b", "1")


def test_f_auth_7_record_instants_must_be_aware():
    with pytest.raises(InvalidInput) as caught:
        LoginAttempts("x1", AttemptScope.CLIENT, [AT])  # type: ignore[arg-type]
    assert caught.value.code == "lockout.failures"
