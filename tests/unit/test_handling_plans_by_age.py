"""The network-age upgrade plan and the 20元 plan's optional packs (F-BIZ-1, F-CAL-5)."""

from __future__ import annotations

import datetime as dt

import pytest

from unicom_core.domain.handling import RecordStatus
from unicom_core.domain.shared import SHANGHAI
from unicom_core.errors import Conflict, InvalidInput, Refused
from unicom_core.testing.worlds.billing import BillingWorld

MAY_17 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
JUNE_1 = dt.datetime(2016, 6, 1, tzinfo=SHANGHAI)


@pytest.fixture
def world() -> BillingWorld:
    return BillingWorld(start=MAY_17)


def _handle(world, subscriber, kind, request_id, **params):
    token = world.login(subscriber)
    return world.hall.handling.handle(token, kind, params, request_id=request_id)


def _held(world, subscriber_id, at):
    with world.storage.transaction() as tx:
        profile = tx.billing_profiles.find(subscriber_id)
    return set() if profile is None else {h.pack_code for h in profile.packs if h.held_at(at)}


def _plan(world, subscriber_id):
    with world.storage.transaction() as tx:
        return tx.subscribers.get(subscriber_id).plan_code


def test_a_number_short_of_the_network_age_is_refused(world):
    """F-BIZ-1: 11 completed months do not reach the 1-year plan's 12."""
    young = world.add_number("18612350001", joined_on=dt.date(2015, 5, 18))
    with pytest.raises(Refused) as caught:
        _handle(world, young, "network_age_upgrade", "req-age-0001", plan="age-upgrade-1y")
    assert caught.value.code == "handling.network_age"
    assert caught.value.data == {"required_months": 12, "months": 11}


def test_the_upgrade_takes_effect_next_cycle_and_ends_the_old_plans_packs(world):
    """F-BIZ-1: 12 months on the day qualify; the plan changes at 00:00 on 1 June."""
    old = world.add_number(
        "18612350002", joined_on=dt.date(2015, 5, 17), packs=("data-1gb", "voice-200min")
    )
    record = _handle(world, old, "network_age_upgrade", "req-age-0002", plan="age-upgrade-1y")
    assert record.status is RecordStatus.PENDING
    assert record.effective_from == JUNE_1
    assert _plan(world, old.id) == "4g-national-combo"
    world.move_to(JUNE_1 + dt.timedelta(minutes=3))
    assert world.hall.handling.apply_due() == 1
    assert _plan(world, old.id) == "age-upgrade-1y"
    assert _held(world, old.id, MAY_17) == {"data-1gb", "voice-200min"}
    assert _held(world, old.id, JUNE_1) == set()


def test_only_a_network_age_plan_is_offered_and_it_can_be_cancelled(world):
    subscriber = world.add_number("18612350003", joined_on=dt.date(2008, 1, 1))
    with pytest.raises(Refused) as caught:
        _handle(world, subscriber, "network_age_upgrade", "req-age-0003", plan="basic-20")
    assert caught.value.code == "handling.plan_not_offered"
    record = _handle(
        world, subscriber, "network_age_upgrade", "req-age-0004", plan="age-upgrade-5y"
    )
    with pytest.raises(Conflict):
        _handle(world, subscriber, "network_age_upgrade", "req-age-0005", plan="age-upgrade-3y")
    world.hall.handling.cancel(world.login(subscriber), record.id)
    world.move_to(JUNE_1 + dt.timedelta(minutes=3))
    assert world.hall.handling.apply_due() == 0
    assert _plan(world, subscriber.id) == "4g-national-combo"


def test_an_optional_pack_is_added_now_prorated_and_removed_next_cycle(world):
    """F-BIZ-1, F-CAL-5: adding on 17 May charges 15 of 31 days; removing ends on 1 June."""
    subscriber = world.add_number("18612350004", plan="basic-20")
    added = _handle(
        world, subscriber, "optional_packs", "req-opt-0001", action="add", pack="opt-data-100mb"
    )
    assert added.status is RecordStatus.DONE
    assert added.change.fee.fen == 242  # 5元 x 15/31 = 2.419元, rounded to the fen
    assert _held(world, subscriber.id, MAY_17) == {"opt-data-100mb"}
    with pytest.raises(InvalidInput) as caught:
        _handle(
            world, subscriber, "optional_packs", "req-opt-0002", action="add", pack="opt-data-100mb"
        )
    assert caught.value.code == "handling.no_change"
    removed = _handle(
        world, subscriber, "optional_packs", "req-opt-0003", action="remove", pack="opt-data-100mb"
    )
    assert removed.status is RecordStatus.PENDING
    assert _held(world, subscriber.id, MAY_17) == {"opt-data-100mb"}
    assert _held(world, subscriber.id, JUNE_1) == set()
    world.hall.handling.cancel(world.login(subscriber), removed.id)
    assert _held(world, subscriber.id, JUNE_1) == {"opt-data-100mb"}


def test_only_the_plans_optional_packs_are_offered(world):
    on_basic = world.add_number("18612350005", plan="basic-20")
    on_combo = world.add_number("18612350006")
    for subscriber, pack in ((on_basic, "data-1gb"), (on_combo, "opt-data-100mb")):
        with pytest.raises(Refused) as caught:
            _handle(world, subscriber, "optional_packs", f"req-opt-{pack}", action="add", pack=pack)
        assert caught.value.code == "handling.pack_not_offered"
