"""Racing claims on SQLite: a reward is claimed once, and no draw entry is lost (F-PRO-4).

Eight threads (each its own connection) claim the same reward of one number with
different request ids at the same instant: exactly one claim is recorded and the others
are refused ``growth.already_claimed`` (the growth account's version is the point of
serialisation). Four numbers entering one draw at once all get an entry, each its own id.
"""

from __future__ import annotations

import datetime as dt

import pytest
from unicom_sql import create_storage
from unicom_sql.testing import sqlite_database

from unicom_core.domain.promotions import EarningSource, GrowthAccount
from unicom_core.domain.shared import SHANGHAI
from unicom_core.testing.racing import race
from unicom_core.testing.worlds.billing import BillingWorld

MAY_17 = dt.datetime(2016, 5, 17, 10, tzinfo=SHANGHAI)
RACERS = 8
ACTOR = "cli:test"


@pytest.fixture
def world(tmp_path):
    world = BillingWorld(start=MAY_17, storage=create_storage(sqlite_database(tmp_path / "g.db")))
    yield world
    world.storage.close()


def _with_points(world: BillingWorld, number: str, points: int) -> str:
    subscriber = world.add_number(number)
    with world.storage.transaction() as tx:
        account = GrowthAccount(subscriber.id)
        account.earn("seed-points", EarningSource.TOP_UP, points, detail="充值", at=MAY_17)
        tx.growth_accounts.add(account)
    return world.login(subscriber)


def test_racing_claims_of_one_reward_record_one_claim(world):
    token = _with_points(world, "18612340001", 1000)
    claims, errors = race(
        lambda n: world.hall.growth.claim(token, "sprout-coupon", request_id=f"race-{n}"), RACERS
    )
    assert len(claims) == 1
    assert {e.code for e in errors} <= {"growth.already_claimed", "storage.version_conflict"}
    assert len(errors) == RACERS - 1
    tree = world.hall.growth.tree(token)
    (coupon,) = [r for r in tree.rewards if r.code == "sprout-coupon"]
    assert coupon.claim == claims[0]


def test_racing_entries_into_one_draw_are_all_kept(world):
    world.hall.growth.open_draw("ipad-517", prize="iPad", winners=1, actor=ACTOR)
    tokens = [_with_points(world, f"1861234010{n}", 1000) for n in range(4)]
    claims, errors = race(
        lambda n: world.hall.growth.claim(tokens[n], "fruit-ipad-draw", request_id="d-1"), 4
    )
    assert errors == []
    draw = world.hall.growth.draw("ipad-517")
    assert draw.entries_count == 4
    assert sorted(c.entry_id for c in claims) == [e.entry_id for e in draw.entries]
