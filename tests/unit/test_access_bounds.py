"""Safe defaults in bootstrap, and bounded unauthenticated storage (F-AUTH-2, F-AUTH-7)."""

from __future__ import annotations

import datetime as dt
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core import bootstrap
from unicom_core.domain.access import AttemptScope, LockoutPolicy, LoginAttempts, Pepper
from unicom_core.domain.shared import SHANGHAI, LoginType
from unicom_core.errors import NotFound, Refused
from unicom_core.memory.captcha import MemoryCaptcha
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.entitlements import MemoryEntitlementIssuer
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.memory.identity import MemoryIdentityVerifier
from unicom_core.memory.invoicing import MemoryInvoicing
from unicom_core.memory.logistics import MemoryLogistics
from unicom_core.memory.messaging import MemoryMessageSender
from unicom_core.memory.metrics_storage import MemoryMetricsStore
from unicom_core.memory.number_pool import MemoryNumberPool
from unicom_core.memory.oauth import MemoryOAuthProvider
from unicom_core.memory.payment_gateway import MemoryPaymentGateway
from unicom_core.memory.storage import MemoryStorage
from unicom_core.ports.access import CaptchaAnswer
from unicom_core.testing.worlds.access import AccessWorld
from unicom_core.usecases.access import AccessSettings
from unicom_core.usecases.payments import PaymentSettings

AT = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
PEPPER = Pepper("p1", b"a-production-pepper-32-bytes....")
MOBILE = "18612345678"


class Adapter:
    """Stands for a real adapter (not from unicom_core.memory): delegates to a double."""

    def __init__(self, inner: object) -> None:
        self._inner = inner

    def __getattr__(self, name: str) -> object:
        return getattr(self._inner, name)


def real_ports() -> dict[str, object]:
    return {
        "storage": Adapter(MemoryStorage()),
        "messages": Adapter(MemoryMessageSender()),
        "captcha": Adapter(MemoryCaptcha()),
        "oauth": Adapter(MemoryOAuthProvider()),
        "payment_gateway": Adapter(MemoryPaymentGateway()),
        "invoicing": Adapter(MemoryInvoicing()),
        "identity": Adapter(MemoryIdentityVerifier()),
        "number_pool": Adapter(MemoryNumberPool()),
        "logistics": Adapter(MemoryLogistics()),
        "entitlement_issuer": Adapter(MemoryEntitlementIssuer()),
        "metrics_store": Adapter(MemoryMetricsStore()),
        "access_settings": AccessSettings(password_pepper=PEPPER),
        "payment_settings": PaymentSettings(card_pepper=b"a-card-pepper-of-our-own-32-bytes"),
    }


# ---------------------------------------------------------------- bootstrap
def test_f_auth_7_production_refuses_every_double_and_default_secret_at_once():
    with pytest.raises(Refused) as caught:
        bootstrap(production=True)
    assert caught.value.code == "bootstrap.unsafe_for_production"
    assert set(caught.value.data["missing"]) == {
        "storage",
        "messages",
        "captcha",
        "oauth",
        "payment_gateway",
        "invoicing",
        "identity",
        "number_pool",
        "logistics",
        "entitlement_issuer",
        "metrics_store",
        "access_settings.password_pepper",
        "payment_settings.card_pepper",
    }


@pytest.mark.parametrize(
    ("port", "double"),
    [
        ("hasher", MemoryPasswordHasher()),
        ("captcha", MemoryCaptcha()),
        ("storage", MemoryStorage()),
        ("payment_gateway", MemoryPaymentGateway()),
        ("identity", MemoryIdentityVerifier()),
        ("access_settings", AccessSettings()),
        ("payment_settings", PaymentSettings()),
    ],
)
def test_f_auth_7_production_names_the_one_double_left(port, double):
    ports = {**real_ports(), port: double}
    with pytest.raises(Refused) as caught:
        bootstrap(production=True, **ports)
    (missing,) = caught.value.data["missing"]
    assert missing.startswith(port)


def test_f_auth_7_a_subclass_of_a_double_is_a_double():
    class ConsoleCaptcha(MemoryCaptcha):
        pass

    with pytest.raises(Refused) as caught:
        bootstrap(production=True, **{**real_ports(), "captcha": ConsoleCaptcha()})
    assert caught.value.data["missing"] == ["captcha"]


def test_f_auth_7_production_with_real_ports_and_secrets_starts_on_argon2id():
    hall = bootstrap(production=True, clock=SettableClock(AT), **real_ports())
    assert "Argon" in repr(hall.access._hasher)


def test_f_auth_7_persistent_storage_defaults_to_argon2id_memory_storage_to_the_double():
    assert "Argon" in repr(bootstrap(storage=Adapter(MemoryStorage())).access._hasher)
    assert "Memory" in repr(bootstrap(storage=MemoryStorage()).access._hasher)
    assert "Memory" in repr(bootstrap().access._hasher)


def test_f_auth_7_without_argon2_a_persistent_storage_is_refused(monkeypatch):
    monkeypatch.setitem(sys.modules, "unicom_core.argon", None)
    with pytest.raises(Refused) as caught:
        bootstrap(storage=Adapter(MemoryStorage()))
    assert caught.value.code == "bootstrap.argon2_missing"
    assert "argon2" in caught.value.message


# ---------------------------------------------------------------- captcha
def test_f_auth_2_a_captcha_expires_after_its_lifetime():
    clock = SettableClock(AT)
    captcha = MemoryCaptcha(clock=clock, lifetime=dt.timedelta(minutes=5))
    late, early = captcha.new_challenge(), captcha.new_challenge()
    answer = captcha.answer_for(late)
    assert captcha.verify(CaptchaAnswer(early.challenge_id, captcha.answer_for(early)))
    clock.set(AT + dt.timedelta(minutes=5))
    assert not captcha.verify(CaptchaAnswer(late.challenge_id, answer))
    stale = captcha.new_challenge()
    clock.set(AT + dt.timedelta(minutes=10))
    with pytest.raises(NotFound):
        captcha.answer_for(stale)
    assert len(captcha) == 0


def test_f_auth_7_the_captcha_store_is_capped_oldest_first():
    captcha = MemoryCaptcha(clock=SettableClock(AT), capacity=3)
    challenges = [captcha.new_challenge() for _ in range(10)]
    assert len(captcha) == 3
    with pytest.raises(NotFound):
        captcha.answer_for(challenges[6])
    assert all(captcha.answer_for(c) for c in challenges[7:])


# ---------------------------------------------------------------- failure counters
@given(
    st.lists(st.integers(min_value=0, max_value=600), max_size=40),
    st.integers(min_value=0, max_value=6),
    st.integers(min_value=1, max_value=6),
)
def test_f_auth_7_a_counter_keeps_only_what_its_rules_compare(offsets, captcha_after, lock_after):
    policy = LockoutPolicy(
        captcha_after=captcha_after, lock_after=lock_after, window=dt.timedelta(minutes=3)
    )
    attempts = LoginAttempts.new(AttemptScope.CLIENT, "ip-1")
    seen: list[dt.datetime] = []
    for offset in sorted(offsets):
        now = AT + dt.timedelta(seconds=offset)
        attempts.record_failure(now, policy)
        seen.append(now)
        recent = sum(1 for t in seen if t > now - policy.window)
        assert len(attempts.failures) <= max(captcha_after, lock_after)
        assert attempts.needs_captcha(now, policy) == (recent >= captcha_after)
        assert attempts.recent(now, policy) == min(recent, policy.kept())


# ---------------------------------------------------------------- the purge
def test_f_auth_7_purge_drops_only_what_no_longer_counts():
    world = AccessWorld(settings=AccessSettings(purge_batch=2))
    world.enrolled(MOBILE, "284615")
    for n in range(3):
        with pytest.raises(Refused):
            world.service.login_with_password(
                LoginType.MOBILE, "19912345678", "111111", client=f"ip-{n}"
            )
    world.service.request_random_password(MOBILE)
    token = world.service.login_with_password(
        LoginType.MOBILE, MOBILE, "284615", client="ip-9"
    ).token
    nothing = world.service.purge_expired()
    assert (nothing.login_attempts, nothing.one_time_codes, nothing.sessions) == (0, 0, 0)
    world.clock.set(world.clock.now() + dt.timedelta(hours=13))
    report = world.service.purge_expired()
    # 3 client counters and the unknown name's; the session is past its 12 hours; the code's
    # send still counts against the 24-hour limit.
    assert (report.login_attempts, report.one_time_codes, report.sessions) == (4, 0, 1)
    world.clock.set(world.clock.now() + dt.timedelta(hours=12))
    assert world.service.purge_expired().one_time_codes == 1
    with world.storage.transaction() as tx:
        assert tx.login_attempts.list_after(None, 500) == ()
        assert tx.one_time_codes.list_after(None, 500) == ()
        assert tx.sessions.list_after(None, 500) == ()
    with pytest.raises(Refused):
        world.service.session(token)


def test_f_auth_7_purge_keeps_a_running_lock():
    world = AccessWorld()
    world.enrolled(MOBILE, "284615")
    for _ in range(5):
        with pytest.raises(Refused):
            world.service.login_with_password(
                LoginType.MOBILE, MOBILE, "111111", client="ip-1", captcha=world.captcha.solve()
            )
    world.clock.set(world.clock.now() + dt.timedelta(minutes=20))  # window over, lock running
    assert world.service.purge_expired().login_attempts == 1  # the client's counter only
    with pytest.raises(Refused) as locked:
        world.service.login_with_password(LoginType.MOBILE, MOBILE, "284615", client="ip-2")
    assert locked.value.code == "access.locked"
