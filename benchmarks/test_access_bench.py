"""What the way in costs (F-AUTH-7): argon2id verification, ``authorize``, whole logins.

Run with ``make bench`` or ``pytest benchmarks/test_access_bench.py --benchmark-only``.

* **argon2id verify** with the production parameters (RFC 9106 low-memory profile:
  t=3, m=64 MiB, p=4): this *is* the cost of a service-password login.
* **authorize**: the one permission check (policy-table look-up and the ownership compare),
  granted and refused; it should be a negligible fraction of any use case.
* **login**: a whole service-password login on memory storage with the fast memory hasher,
  i.e. everything but the hash; and a session look-up plus authorize, the per-request cost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs
import pytest

from unicom_core.argon import ArgonPasswordHasher
from unicom_core.domain.access import DEFAULT_POLICY, Capability, CredentialKind, authorize
from unicom_core.domain.shared import LoginType
from unicom_core.errors import Refused
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.testing.worlds.access import AccessWorld

if TYPE_CHECKING:
    from pytest_benchmark.fixture import BenchmarkFixture

    from unicom_core.usecases.access import LoginResult

MOBILE = "18612345678"
PASSWORD = "284615"  # noqa: S105 - the benchmark holder's password


@attrs.frozen
class _Session:
    kind: CredentialKind
    customer_id: str = "c-1"


@attrs.frozen
class _Subject:
    customer_id: str = "c-1"


def test_argon2id_verify_with_production_parameters(benchmark: BenchmarkFixture) -> None:
    hasher = ArgonPasswordHasher()
    hashed = hasher.hash(PASSWORD)
    benchmark.extra_info["parameters"] = hashed.split("$")[3]
    verified = benchmark.pedantic(  # type: ignore[no-untyped-call]  # pytest-benchmark's own
        hasher.verify, (hashed, PASSWORD), rounds=20, iterations=1
    )
    assert verified


def test_authorize_granted(benchmark: BenchmarkFixture) -> None:
    session, subject = _Session(CredentialKind.RANDOM_PASSWORD), _Subject()
    benchmark(authorize, session, Capability("query.bill"), subject, policy=DEFAULT_POLICY)


def test_authorize_service_password_wildcard(benchmark: BenchmarkFixture) -> None:
    session, subject = _Session(CredentialKind.SERVICE_PASSWORD), _Subject()
    benchmark(authorize, session, Capability("handle.plan_change"), subject)


def test_authorize_refused(benchmark: BenchmarkFixture) -> None:
    session, subject = _Session(CredentialKind.RANDOM_PASSWORD), _Subject()
    capability = Capability("query.detail.voice")

    def refused() -> bool:
        try:
            authorize(session, capability, subject)
        except Refused:
            return True
        return False

    assert benchmark(refused)


@pytest.fixture
def world() -> AccessWorld:
    world = AccessWorld(hasher=MemoryPasswordHasher(iterations=1))
    world.enrolled(MOBILE, PASSWORD)
    return world


def test_login_without_the_hash_on_memory_storage(
    benchmark: BenchmarkFixture, world: AccessWorld
) -> None:
    def login() -> LoginResult:
        return world.service.login_with_password(LoginType.MOBILE, MOBILE, PASSWORD, client="b")

    assert benchmark(login).token


def test_session_lookup_and_authorize_on_memory_storage(
    benchmark: BenchmarkFixture, world: AccessWorld
) -> None:
    token = world.service.login_with_password(LoginType.MOBILE, MOBILE, PASSWORD, client="b").token
    assert benchmark(world.service.authorize, token, Capability("query.bill")).subscriber
