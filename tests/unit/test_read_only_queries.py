"""Query use cases run in read-only units of work (F-AUTH-7, F-QRY-1).

A permission check whose session use was recorded less than ``touch_every`` ago writes
nothing, so it runs in ``storage.read()`` alone; one that must record the use reruns in a
writing transaction and stores the new ``last_seen_at``.
"""

from __future__ import annotations

import contextlib

import pytest

from unicom_core.domain.access import Capability, token_digest
from unicom_core.domain.shared import LoginType
from unicom_core.errors import Refused
from unicom_core.memory.storage import MemoryStorage
from unicom_core.testing.worlds.access import AccessWorld
from unicom_core.usecases.shared import RetryRule, run

MOBILE = "18612345678"
BILL = Capability("query.bill")


class CountingStorage(MemoryStorage):
    """A memory storage counting the units of work it opens, by kind."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @contextlib.contextmanager
    def transaction(self):
        self.opened.append("transaction")
        with super().transaction() as tx:
            yield tx

    @contextlib.contextmanager
    def read(self):
        self.opened.append("read")
        with super().read() as tx:
            yield tx


@pytest.fixture
def world():
    world = AccessWorld(storage=CountingStorage())
    world.enrolled(MOBILE)
    return world


def _login(world):
    return world.service.login_with_password(LoginType.MOBILE, MOBILE, "284615", client="ip")


def _last_seen(world, token):
    with world.storage.read() as tx:
        return tx.sessions.get(token_digest(token)).last_seen_at


def test_f_auth_7_an_authorize_within_touch_every_only_reads(world):
    token = _login(world).token
    world.storage.opened.clear()
    world.clock.advance(world.service.settings.sessions.touch_every / 2)
    world.service.authorize(token, BILL)
    assert world.storage.opened == ["read"]


def test_f_auth_7_an_authorize_after_touch_every_records_the_use(world):
    token = _login(world).token
    before = _last_seen(world, token)
    world.storage.opened.clear()
    now = world.clock.advance(world.service.settings.sessions.touch_every)
    world.service.authorize(token, BILL)
    assert world.storage.opened == ["read", "transaction"]
    assert _last_seen(world, token) == now > before


def test_f_auth_7_a_refused_authorize_only_reads(world):
    world.storage.opened.clear()
    with pytest.raises(Refused):
        world.service.authorize("no-such-token", BILL)
    assert world.storage.opened == ["read"]


def test_a_read_only_run_refuses_a_write_and_stores_nothing():
    storage, world = MemoryStorage(), AccessWorld()
    with pytest.raises(Refused) as caught:
        run(
            storage,
            world.clock,
            lambda tx, _now: tx.counters.try_take("k", 1, 5),
            RetryRule(attempts=3),
            readonly=True,
        )
    assert caught.value.code == "storage.read_only"
    with storage.read() as tx:
        assert tx.counters.taken("k") == 0
