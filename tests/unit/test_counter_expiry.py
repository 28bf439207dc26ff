"""Rate-limit counters expire with their time bucket and the access purge deletes them.

Anyone, without logging in, makes a counter per client and hour by asking for random
passwords (F-AUTH-7): ``hall.access.purge_expired()`` must delete the counters of hours that
are over, and only those, or the table grows for ever. Wrong recharge-card secrets are
counted per number and Beijing day (F-PAY-1) and expire at the next midnight.
"""

from __future__ import annotations

import datetime as dt

import pytest
from unicom_payments import SandboxPaymentGateway

from unicom_core.domain.access import client_quota_key
from unicom_core.domain.shared import SHANGHAI
from unicom_core.errors import Refused
from unicom_core.testing.worlds.access import AccessWorld
from unicom_core.testing.worlds.payments import PaymentWorld
from unicom_core.usecases.access import AccessSettings

ONE, TWO = "18612345678", "18687654321"


def _taken(world: AccessWorld | PaymentWorld, key: str) -> int:
    with world.storage.transaction() as tx:
        return tx.counters.taken(key)


def test_f_auth_7_the_purge_drops_a_past_hours_client_counter_and_keeps_this_hours():
    world = AccessWorld(settings=AccessSettings(purge_batch=1))  # one batch per counter
    asked = world.clock.now()
    world.service.request_random_password(ONE, client="ip-1")
    world.clock.advance(dt.timedelta(hours=1))
    now = world.clock.now()
    world.service.request_random_password(TWO, client="ip-1")
    past, _ = client_quota_key("ip-1", asked)
    current, _ = client_quota_key("ip-1", now)
    assert past != current
    assert (_taken(world, past), _taken(world, current)) == (1, 1)
    assert world.service.purge_expired().counters == 1
    assert (_taken(world, past), _taken(world, current)) == (0, 1)
    assert world.service.purge_expired().counters == 0  # nothing else has expired


def test_f_auth_7_a_client_counter_lives_until_its_hour_ends_and_no_longer():
    world = AccessWorld()
    world.service.request_random_password(ONE, client="ip-1")
    key, hour_ends = client_quota_key("ip-1", world.clock.now())
    world.clock.set(hour_ends - dt.timedelta(microseconds=1))
    assert world.service.purge_expired().counters == 0
    assert _taken(world, key) == 1
    world.clock.set(hour_ends)
    assert world.service.purge_expired().counters == 1
    assert _taken(world, key) == 0


def test_f_pay_1_a_wrong_secret_counter_expires_at_the_next_beijing_midnight():
    world = PaymentWorld(SandboxPaymentGateway())
    subscriber, token = world.customer(ONE)
    today = world.clock.now().astimezone(SHANGHAI).date()
    with pytest.raises(Refused):
        world.cards.redeem(token, "0" * 19)
    key = f"recharge_card.wrong:{subscriber.id}:{today.isoformat()}"
    midnight = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(), tzinfo=SHANGHAI)
    world.clock.set(midnight - dt.timedelta(microseconds=1))
    assert world.access.service.purge_expired().counters == 0
    assert _taken(world, key) == 1
    world.clock.set(midnight)
    assert world.access.service.purge_expired().counters == 1
    assert _taken(world, key) == 0
