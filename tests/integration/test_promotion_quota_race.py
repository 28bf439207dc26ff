"""F-PRO-2 on real databases: racing joiners never oversell a campaign's quota.

Each racer is a browser tab: its own thread and connection, all released at one barrier
(:func:`unicom_core.testing.racing.race`), on SQLite and on PostgreSQL; on PostgreSQL also a
web worker of its own: a separate process (``spawn``) with its own hall and connections.
Whatever the interleaving, exactly ``min(quota, joiners)`` join, the others are refused
``promotion.sold_out``, and the quota counter equals the live participations.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor

import pytest
from unicom_sql import create_storage
from unicom_sql.testing import race_join

from unicom_core.domain.catalog import Channel
from unicom_core.promotions_data import festival_517
from unicom_core.testing.racing import race
from unicom_core.testing.worlds.billing import BillingWorld

JOINERS = 6
ACTOR = "cli:test"
CODE = "festival-517"


@pytest.fixture
def world(db_url):
    world = BillingWorld(storage=create_storage(db_url))
    yield world
    world.storage.close()


@pytest.mark.parametrize("quota", [1, 4, JOINERS + 2])
def test_f_pro_2_exactly_min_quota_joiners_join(world, quota):
    campaign = festival_517()
    campaign = type(campaign)(
        code=campaign.code,
        name=campaign.name,
        starts=campaign.starts,
        ends=campaign.ends,
        channels=campaign.channels,
        benefits=campaign.benefits,
        quota=quota,
    )
    world.hall.promotions.define(campaign, actor=ACTOR)
    world.hall.promotions.publish(CODE, actor=ACTOR)
    tokens = [
        world.login(world.add_number(f"186123401{n:02d}", plan="4g-national-76"))
        for n in range(JOINERS)
    ]
    joined, errors = race(
        lambda n: world.hall.promotions.join(
            tokens[n], CODE, request_id=f"race-{n}", channel=Channel.ONLINE_HALL
        ),
        JOINERS,
    )
    assert len(joined) == min(quota, JOINERS)
    assert {e.code for e in errors} <= {"promotion.sold_out"}
    assert len(errors) == JOINERS - len(joined)
    with world.storage.read() as tx:
        assert tx.counters.taken(campaign.quota_key) == len(joined)
        assert tx.participations.count_live(CODE) == len(joined)


@pytest.mark.postgres
@pytest.mark.slow
def test_f_pro_2_racing_processes_on_postgres_never_oversell(pg_url):
    quota, racers = 2, 4
    world = BillingWorld(storage=create_storage(pg_url))
    campaign = festival_517()
    campaign = type(campaign)(
        code=campaign.code,
        name=campaign.name,
        starts=campaign.starts,
        ends=campaign.ends,
        channels=campaign.channels,
        benefits=campaign.benefits,
        quota=quota,
    )
    world.hall.promotions.define(campaign, actor=ACTOR)
    world.hall.promotions.publish(CODE, actor=ACTOR)
    tokens = [
        world.login(world.add_number(f"186123402{n:02d}", plan="4g-national-76"))
        for n in range(racers)
    ]
    spawn = multiprocessing.get_context("spawn")
    with spawn.Manager() as manager, ProcessPoolExecutor(racers, mp_context=spawn) as processes:
        start = manager.Barrier(racers)
        runs = [
            processes.submit(
                race_join, pg_url, world.clock.now(), tokens[n], CODE, f"proc-{n}", start
            )
            for n in range(racers)
        ]
        outcomes = [run.result(timeout=180) for run in runs]
    assert outcomes.count("joined") == quota
    assert set(outcomes) == {"joined", "promotion.sold_out"}
    with world.storage.read() as tx:
        assert tx.counters.taken(campaign.quota_key) == quota
        assert tx.participations.count_live(CODE) == quota
    world.storage.close()
