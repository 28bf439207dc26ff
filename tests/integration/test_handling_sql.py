"""Business handling on SQLite and PostgreSQL: one record per request, however raced (F-BIZ).

Browser tabs (threads, each with its own connection) send the same bundle change at the same
instant, or different changes of the same kind: the engine accepts exactly one, and the
number's pack holdings are written once. A pending change applies exactly once at the cycle
boundary even when two schedulers run the due changes at the same time.
"""

from __future__ import annotations

import datetime as dt

import pytest
from unicom_sql import create_storage

from unicom_core.domain.handling import RecordStatus
from unicom_core.domain.shared import SHANGHAI
from unicom_core.errors import Conflict
from unicom_core.ports.shared import PageRequest
from unicom_core.testing.racing import race
from unicom_core.testing.worlds.billing import BillingWorld

TABS = 4
MAY_17 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
HELD = ("data-1gb", "voice-200min", "sms-200")


@pytest.fixture
def world(db_url):
    world = BillingWorld(start=MAY_17, storage=create_storage(db_url))
    yield world
    world.storage.close()


def test_the_same_request_from_every_tab_makes_one_record(world):
    subscriber = world.add_number("18612340101", packs=("data-1gb",))
    token = world.login(subscriber)
    results, clashes = race(
        lambda _n: world.hall.handling.handle(
            token, "bundle", {"packs": "data-1gb,sms-200"}, request_id="req-same-0001"
        ),
        TABS,
        catch=(Conflict,),
    )
    assert clashes == []
    assert len({r.id for r in results}) == 1
    page = world.hall.handling.records(token, PageRequest())
    assert page.total == 1
    with world.storage.read() as tx:
        holdings = [
            h for h in tx.billing_profiles.get(subscriber.id).packs if h.pack_code == "sms-200"
        ]
    assert len(holdings) == 1


def test_different_pending_changes_of_one_kind_race_and_one_wins(world):
    subscriber = world.add_number("18612340102", packs=HELD)
    token = world.login(subscriber)
    targets = ["data-1gb", "data-1gb,voice-200min", "data-1gb,sms-200", "data-2gb"]
    results, clashes = race(
        lambda n: world.hall.handling.handle(
            token, "bundle", {"packs": targets[n]}, request_id=f"req-tab-{n:04d}"
        ),
        TABS,
        catch=(Conflict,),
    )
    pending = [r for r in results if r.status is RecordStatus.PENDING]
    assert len(results) == len(pending) == 1
    assert all(c.code in {"handling.pending_exists", "storage.version_conflict"} for c in clashes)
    with world.storage.read() as tx:
        stored = tx.business_records.pending_of(subscriber.id)
    assert len(stored) == len(pending)


def test_two_schedulers_apply_a_due_change_once(world):
    subscriber = world.add_number("18612340103", packs=HELD)
    token = world.login(subscriber)
    world.hall.handling.handle(token, "bundle", {"packs": "data-1gb"}, request_id="req-due-0001")
    world.move_to(dt.datetime(2016, 6, 1, 0, 1, tzinfo=SHANGHAI))
    results, clashes = race(lambda _n: world.hall.handling.apply_due(), TABS, catch=(Conflict,))
    assert clashes == []
    assert sum(results) == 1
