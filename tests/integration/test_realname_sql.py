"""Real-name re-registration on SQLite and PostgreSQL: the fifth slot of an ID goes once (F-REAL-2).

A resident ID holds four numbers; four other numbers (browser tabs of four people, each
thread with its own connection) re-register with that ID at the same instant. Exactly one
joins the holder; the others are refused ``realname.cap_reached``, and the ID holds five.
"""

from __future__ import annotations

import datetime as dt

import pytest
from unicom_sql import create_storage

from unicom_core import bootstrap
from unicom_core.domain.shared import SHANGHAI, ResidentId, check_character
from unicom_core.errors import Refused
from unicom_core.memory import MemoryIdentityVerifier
from unicom_core.testing.racing import race
from unicom_core.testing.worlds.billing import BillingWorld
from unicom_core.usecases.handling import RealNameRegistration, default_handlers
from unicom_core.usecases.subscribers import live_numbers

TABS = 4
MAY_17 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
_FIRST17 = "44030419900307123"
LI = ResidentId(_FIRST17 + check_character(_FIRST17))
PARAMS = {"name": "李四", "resident_id": LI.value}


@pytest.fixture
def world(db_url):
    world = BillingWorld(start=MAY_17, storage=create_storage(db_url))
    verifier = MemoryIdentityVerifier()
    world.hall = bootstrap(
        storage=world.storage,
        clock=world.clock,
        messages=world.messages,
        captcha=world.captcha,
        identity=verifier,
        handlers=[
            *(h for h in default_handlers(identity=verifier) if h.kind != "realname"),
            RealNameRegistration(verifier, join_existing=True),  # numbers join the ID's holder
        ],
    )
    yield world
    world.storage.close()


def test_f_real_2_four_numbers_race_for_the_fifth_slot_and_one_wins(world):
    first = world.add_number("18612347000")
    world.hall.handling.handle(world.login(first), "realname", PARAMS, request_id="req-holder-01")
    with world.storage.read() as tx:
        account = tx.accounts.get(first.account_id)
    for n in range(1, 4):
        world.add_number(f"1861234700{n}", account=account)
    racers = [world.add_number(f"1861234701{n}") for n in range(TABS)]
    tokens = [world.login(racer) for racer in racers]
    results, errors = race(
        lambda n: world.hall.handling.handle(
            tokens[n], "realname", PARAMS, request_id=f"req-race-{n:04d}"
        ),
        TABS,
    )
    assert len(results) == 1
    assert all(isinstance(e, Refused) and e.code == "realname.cap_reached" for e in errors), errors
    assert len(errors) == TABS - 1
    with world.storage.read() as tx:
        holder = tx.customers.find_by_resident_id(LI)
        assert holder is not None
        assert holder.id == account.customer_id
        assert live_numbers(tx, holder.id) == 5
        joined = [tx.subscribers.get(r.id).customer_id == holder.id for r in racers]
    assert joined.count(True) == 1


def test_f_real_2_a_mismatch_commits_its_count_and_nothing_else(world, db_url):
    verifier = MemoryIdentityVerifier()
    verifier.holder(LI, "李四")
    hall = bootstrap(
        storage=world.storage,
        clock=world.clock,
        messages=world.messages,
        captcha=world.captcha,
        identity=verifier,
    )
    subscriber = world.add_number("18612347100")
    token = world.login(subscriber)
    with world.storage.read() as tx:
        before = tx.customers.get(subscriber.customer_id)
    with pytest.raises(Refused) as caught:
        hall.handling.handle(
            token, "realname", {**PARAMS, "name": "李斯"}, request_id="req-mismatch-1"
        )
    assert caught.value.data == {"attempts_left": 2}
    # Another connection sees the count committed, and the customer as it was.
    other = create_storage(db_url)
    try:
        with other.read() as tx:
            assert tx.customers.get(subscriber.customer_id) == before
            assert tx.counters.taken(f"realname.failed:{subscriber.id}:2016-05-17") == 1
    finally:
        other.close()
