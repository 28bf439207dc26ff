"""Secrets safe by default: peppered hashes, rehash on login, check before hash (F-AUTH-7)."""

from __future__ import annotations

import pytest

from unicom_core.domain.access import CodePurpose, LockoutPolicy, Pepper
from unicom_core.domain.shared import LoginType
from unicom_core.errors import Conflict, InvalidInput, Refused
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.memory.storage import MemoryStorage
from unicom_core.testing.worlds.access import AccessWorld
from unicom_core.usecases.access import AccessSettings, PepperedHasher

MOBILE = "18612345678"
OTHER = "18612340000"
PEPPER = Pepper("p2", b"a-current-pepper-of-32-bytes-....")
OLD_PEPPER = Pepper("p1", b"an-old-pepper-still-verifying...")


class CountingHasher(MemoryPasswordHasher):
    """The memory hasher, counting the hashes it makes."""

    def __init__(self, iterations: int = 1000) -> None:
        super().__init__(iterations)
        self.hashes = 0

    def hash(self, secret: str, /) -> str:
        self.hashes += 1
        return super().hash(secret)


def refused(call, *args, **kwargs):
    with pytest.raises(Refused) as caught:
        call(*args, **kwargs)
    return caught.value


def stored_hash(world, subscriber):
    with world.storage.transaction() as tx:
        return tx.credentials.get(subscriber.id).password_hash


# ---------------------------------------------------------------- the pepper
def test_f_auth_7_a_pepper_is_at_least_16_bytes_and_hidden():
    with pytest.raises(InvalidInput) as short:
        Pepper("p1", b"too-short")
    assert short.value.code == "access.pepper"
    with pytest.raises(InvalidInput):
        Pepper("has$dollar", b"x" * 16)
    assert "an-old-pepper" not in repr(OLD_PEPPER)
    assert "an-old-pepper" not in repr(AccessSettings(password_pepper=OLD_PEPPER))


def test_f_auth_7_pepper_ids_are_distinct_and_retired_ones_need_a_current_one():
    with pytest.raises(InvalidInput):
        AccessSettings(password_pepper=PEPPER, retired_peppers=(Pepper("p2", b"y" * 16),))
    with pytest.raises(InvalidInput):
        AccessSettings(retired_peppers=(OLD_PEPPER,))


def test_f_auth_7_a_stored_hash_is_of_the_peppered_password():
    world = AccessWorld(settings=AccessSettings(password_pepper=PEPPER))
    subscriber = world.enrolled(MOBILE, "284615")
    hashed = stored_hash(world, subscriber)
    assert hashed.startswith("$pepper$p2$pbkdf2-sha256$")
    inner = hashed.removeprefix("$pepper$p2")
    # Without the pepper, the stored hash cannot be tried against the password.
    assert not MemoryPasswordHasher().verify(inner, "284615")
    assert MemoryPasswordHasher().verify(inner, PEPPER.mac("284615"))
    world.service.login_with_password(LoginType.MOBILE, MOBILE, "284615", client="ip-1")


def test_f_auth_7_the_peppered_hasher_verifies_old_peppers_and_unmarked_hashes():
    inner = MemoryPasswordHasher()
    old = PepperedHasher(inner, OLD_PEPPER)
    new = PepperedHasher(inner, PEPPER, (OLD_PEPPER,))
    by_old, unmarked, by_new = old.hash("284615"), inner.hash("284615"), new.hash("284615")
    assert new.verify(by_old, "284615")
    assert new.verify(unmarked, "284615")
    assert not new.verify(by_old, "284616")
    assert new.needs_rehash(by_old)
    assert new.needs_rehash(unmarked)
    assert not new.needs_rehash(by_new)
    assert not PepperedHasher(inner, PEPPER).verify(by_old, "284615")  # p1 dropped
    assert not new.verify("$pepper$p2", "284615")
    assert PepperedHasher(MemoryPasswordHasher(7), PEPPER).needs_rehash(by_new)


# ---------------------------------------------------------------- rehash on login
def test_f_auth_7_a_login_moves_an_old_hash_to_the_current_pepper_and_parameters():
    storage = MemoryStorage()
    legacy = AccessWorld(storage=storage, hasher=MemoryPasswordHasher(iterations=2))
    subscriber = legacy.enrolled(MOBILE, "284615")
    assert stored_hash(legacy, subscriber).startswith("$pbkdf2-sha256$i=2$")
    current = AccessWorld(
        storage=storage,
        hasher=MemoryPasswordHasher(iterations=3),
        settings=AccessSettings(password_pepper=PEPPER),
    )
    refused(current.service.login_with_password, LoginType.MOBILE, MOBILE, "111111", client="c")
    assert stored_hash(current, subscriber).startswith("$pbkdf2-sha256$i=2$")  # not proven
    first = current.service.login_with_password(LoginType.MOBILE, MOBILE, "284615", client="c")
    assert stored_hash(current, subscriber).startswith("$pepper$p2$pbkdf2-sha256$i=3$")
    current.service.login_with_password(LoginType.MOBILE, MOBILE, "284615", client="c")
    assert current.service.session(first.token).id == first.session.id  # a rehash ends none


def test_f_auth_7_a_rotated_pepper_still_logs_in_and_rehashes():
    storage = MemoryStorage()
    before = AccessWorld(storage=storage, settings=AccessSettings(password_pepper=OLD_PEPPER))
    subscriber = before.enrolled(MOBILE, "284615")
    after = AccessWorld(
        storage=storage,
        settings=AccessSettings(password_pepper=PEPPER, retired_peppers=(OLD_PEPPER,)),
    )
    after.service.login_with_password(LoginType.MOBILE, MOBILE, "284615", client="c")
    assert stored_hash(after, subscriber).startswith("$pepper$p2$")


# ---------------------------------------------------------------- check first, hash last
@pytest.fixture
def counted():
    hasher = CountingHasher()
    world = AccessWorld(hasher=hasher, settings=AccessSettings(lockout=LockoutPolicy()))
    world.enrolled(MOBILE, "284615")
    world.add_subscriber(OTHER)
    # The dummy hash (verified for unknown names) is made once per service: make it now.
    refused(
        world.service.login_with_password,
        LoginType.MOBILE,
        "19912345678",
        "111111",
        client="warm-up",
    )
    hasher.hashes = 0
    return world, hasher


def test_f_auth_7_a_change_refused_for_a_wrong_old_password_hashes_nothing(counted):
    world, hasher = counted
    error = refused(
        world.service.change_password, LoginType.MOBILE, MOBILE, "111111", "592817", client="ip-1"
    )
    assert error.code == "access.bad_credentials"
    assert hasher.hashes == 0


def test_f_auth_7_a_change_refused_for_a_lock_or_a_captcha_hashes_nothing(counted):
    world, hasher = counted
    for _ in range(5):
        refused(
            world.service.change_password,
            LoginType.MOBILE,
            MOBILE,
            "111111",
            "592817",
            client="ip-1",
            captcha=world.captcha.solve(),
        )
    locked = refused(
        world.service.change_password, LoginType.MOBILE, MOBILE, "284615", "592817", client="ip-2"
    )
    assert locked.code == "access.locked"
    needs = refused(
        world.service.change_password, LoginType.MOBILE, OTHER, "111111", "592817", client="ip-1"
    )
    assert needs.code == "access.captcha_required"
    assert hasher.hashes == 0


def test_f_auth_7_a_change_refused_as_weak_hashes_nothing_a_good_one_hashes_once(counted):
    world, hasher = counted
    with pytest.raises(InvalidInput):
        world.service.change_password(LoginType.MOBILE, MOBILE, "284615", "123456", client="c")
    assert hasher.hashes == 0
    world.service.change_password(LoginType.MOBILE, MOBILE, "284615", "592817", client="c")
    assert hasher.hashes == 1


def test_f_auth_7_a_reset_refused_for_a_wrong_code_hashes_nothing(counted):
    world, hasher = counted
    world.service.request_random_password(MOBILE, purpose=CodePurpose.RESET)
    hasher.hashes = 0
    code = world.code_for(MOBILE)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    error = refused(world.service.reset_password, MOBILE, wrong, "592817", client="ip-1")
    assert error.code == "access.bad_credentials"
    assert hasher.hashes == 0
    world.service.reset_password(MOBILE, code, "592817", client="ip-1")
    assert hasher.hashes == 1


def test_f_auth_7_a_refused_random_password_request_hashes_nothing(counted):
    world, hasher = counted
    world.service.request_random_password(MOBILE)
    assert hasher.hashes == 1
    too_soon = refused(world.service.request_random_password, MOBILE)
    assert too_soon.code == "code.resend_too_soon"
    limits = AccessSettings()
    for n in range(limits.codes.client_hourly_limit):
        world.service.request_random_password(f"186{n:08d}", client="flood")
    hasher.hashes = 0
    flood = refused(world.service.request_random_password, "18699999999", client="flood")
    assert flood.code == "code.client_limit"
    assert hasher.hashes == 0


def test_f_auth_4_enrolling_a_number_twice_hashes_nothing_the_second_time(counted):
    world, hasher = counted
    subscriber = world.add_subscriber("18600001111")
    world.service.enroll(subscriber.id, "135790")
    assert hasher.hashes == 1
    with pytest.raises(Conflict) as again:
        world.service.enroll(subscriber.id, "135790")
    assert again.value.code == "storage.duplicate"
    assert hasher.hashes == 1
