"""Data packs and 3G plan changes as business handlings (F-BIZ-2, F-BIZ-3, F-CAL-5).

Through ``hall.handling`` on memory storage: the half-year pack is paid once and held six
cycles, 3G packs are for 3G numbers only, a 3G plan change applies exactly once at the cycle
boundary, a shared plan's primary number changes next cycle with its members staying.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unicom_core.domain.handling import RecordStatus, SharedPlan
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.domain.subscribers import NetworkGeneration
from unicom_core.errors import Conflict, NotFound, Refused, UnicomError
from unicom_core.ports.shared import PageRequest
from unicom_core.testing.worlds.billing import BillingWorld

MAY_17 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
JUNE_1 = dt.datetime(2016, 6, 1, tzinfo=SHANGHAI)
G3 = NetworkGeneration.G3
A46, A66 = "3g-basic-a-46", "3g-basic-a-66"


@pytest.fixture
def world() -> BillingWorld:
    return BillingWorld(start=MAY_17)


def _holdings(world: BillingWorld, subscriber_id: str) -> dict[str, tuple[dt.datetime, object]]:
    with world.storage.read() as tx:
        profile = tx.billing_profiles.find(subscriber_id)
    packs = () if profile is None else profile.packs
    return {h.pack_code: (h.starts, h.ends) for h in packs}


def _plan(world: BillingWorld, subscriber_id: str) -> str:
    with world.storage.read() as tx:
        return tx.subscribers.get(subscriber_id).plan_code


# ------------------------------------------------------------------ F-BIZ-2 data packs


def test_the_half_year_pack_is_paid_once_and_held_six_cycles(world):
    """F-BIZ-2: ordered on 17 May, held to 00:00 on 1 November; 60元 once, on May's bill."""
    subscriber = world.add_number("18612340001", plan=A46, generation=G3)
    token = world.login(subscriber)
    record = world.hall.handling.handle(
        token, "data_pack", {"pack": "data-half-year-500mb"}, request_id="req-00000001"
    )
    assert record.status is RecordStatus.DONE
    assert record.change.fee == Money.of_yuan(60)
    november = dt.datetime(2016, 11, 1, tzinfo=SHANGHAI)
    assert _holdings(world, subscriber.id) == {"data-half-year-500mb": (MAY_17, november)}
    with world.storage.read() as tx:
        profile = tx.billing_profiles.get(subscriber.id)
    may = profile.adjustments_for(BillingCycle(2016, 5))
    assert [a.amount for a in may] == [Money.of_yuan(60)]
    for month in range(6, 12):  # no other cycle is charged the term fee
        assert profile.adjustments_for(BillingCycle(2016, month)) == ()


def test_a_monthly_3g_pack_is_prorated_this_month_and_held_until_released(world):
    """F-BIZ-2, F-CAL-5: 10元 for the 15 of May's 31 days left: 10 * 15 / 31 = 4.84元."""
    subscriber = world.add_number("18612340002", plan=A46, generation=G3)
    token = world.login(subscriber)
    record = world.hall.handling.handle(
        token, "data_pack", {"pack": "data-3g-100mb"}, request_id="req-00000002"
    )
    assert record.change.fee.fen == 484
    assert _holdings(world, subscriber.id) == {"data-3g-100mb": (MAY_17, None)}


@pytest.mark.parametrize(
    ("generation", "pack"),
    [
        (NetworkGeneration.G4, "data-3g-100mb"),  # 3G packs are for 3G numbers only
        (NetworkGeneration.G2, "data-half-year-500mb"),  # the half-year pack: 3G and 4G
        (G3, "data-4g-500mb"),  # the 4G add-on: 4G only
        (NetworkGeneration.G4, "data-1gb"),  # a combination tier changes through the bundle
        (G3, "voice-200min"),  # not a data pack
    ],
)
def test_a_pack_not_for_the_number_is_refused_and_changes_nothing(world, generation, pack):
    """F-BIZ-2: ``handling.pack_not_offered``; no holding, no record."""
    subscriber = world.add_number("18612340003", plan=A46, generation=generation)
    token = world.login(subscriber)
    with pytest.raises(Refused) as refused:
        world.hall.handling.handle(token, "data_pack", {"pack": pack}, request_id="req-00000003")
    assert refused.value.code == "handling.pack_not_offered"
    assert _holdings(world, subscriber.id) == {}
    assert world.hall.handling.records(token, PageRequest()).total == 0


def test_a_pack_held_already_is_refused_and_the_order_records_list_the_orders(world):
    """F-BIZ-2: ordering a held pack again is ``billing.pack_already_held``; records by kind."""
    subscriber = world.add_number("18612340004", plan="4g-national-76")
    token = world.login(subscriber)
    handling = world.hall.handling
    handling.handle(token, "data_pack", {"pack": "data-4g-500mb"}, request_id="req-00000004")
    with pytest.raises(Conflict) as clash:
        handling.handle(token, "data_pack", {"pack": "data-4g-500mb"}, request_id="req-00000005")
    assert clash.value.code == "billing.pack_already_held"
    handling.handle(token, "data_pack", {"pack": "data-half-year-500mb"}, request_id="req-00000006")
    orders = handling.records(token, PageRequest(), kind="data_pack")
    assert orders.total == 2
    assert {r.change.param("pack") for r in orders.items} == {
        "data-4g-500mb",
        "data-half-year-500mb",
    }
    with pytest.raises(NotFound):
        handling.preview(token, "data_pack", {"pack": "data-unknown"})


# ------------------------------------------------------------------ F-BIZ-3 3G plan change


def test_a_3g_plan_change_waits_for_the_next_cycle_and_may_be_cancelled(world):
    """F-BIZ-3: PENDING until 1 June; cancelled, it never applies."""
    subscriber = world.add_number("18612340005", plan=A46, generation=G3)
    token = world.login(subscriber)
    record = world.hall.handling.handle(
        token, "plan_change", {"plan": A66}, request_id="req-00000007"
    )
    assert record.status is RecordStatus.PENDING
    assert record.effective_from == JUNE_1
    assert _plan(world, subscriber.id) == A46
    world.hall.handling.cancel(token, record.id)
    world.move_to(JUNE_1 + dt.timedelta(hours=1))
    assert world.hall.handling.apply_due() == 0
    assert _plan(world, subscriber.id) == A46


@pytest.mark.parametrize(
    ("generation", "plan", "code"),
    [
        (G3, A46, "handling.no_change"),
        (G3, "4g-national-76", "handling.plan_not_offered"),  # 3G to 4G is an upgrade
        (NetworkGeneration.G4, A66, "handling.plan_not_offered"),
    ],
)
def test_a_plan_change_the_rules_refuse_changes_nothing(world, generation, plan, code):
    """F-BIZ-3: the same plan, a 4G plan, a 4G number: refused, nothing recorded."""
    subscriber = world.add_number("18612340006", plan=A46, generation=generation)
    token = world.login(subscriber)
    with pytest.raises(UnicomError) as refused:
        world.hall.handling.handle(token, "plan_change", {"plan": plan}, request_id="req-0000008")
    assert refused.value.code == code
    assert world.hall.handling.records(token, PageRequest()).total == 0
    assert _plan(world, subscriber.id) == A46


def test_a_plan_change_and_an_upgrade_never_wait_together(world):
    """Regression: both pending, the later one overwrote the other's plan on the 1st."""
    subscriber = world.add_number("18612340007", plan=A46, generation=G3)
    token = world.login(subscriber)
    world.hall.handling.handle(token, "plan_change", {"plan": A66}, request_id="req-00000009")
    with pytest.raises(Conflict) as clash:
        world.hall.handling.handle(
            token, "upgrade_4g", {"plan": "4g-national-76"}, request_id="req-00000010"
        )
    assert clash.value.code == "handling.pending_exists"


@settings(max_examples=15, deadline=None)
@given(
    asked=st.integers(0, 14 * 24 * 60 - 1),
    runs=st.lists(st.integers(-3 * 24 * 60, 3 * 24 * 60), min_size=1, max_size=6),
)
def test_a_pending_plan_change_applies_exactly_once_at_the_cycle_boundary(asked, runs):
    """F-BIZ-3, F-CAL-5: whatever the runs of apply_due, the plan changes once, on the 1st."""
    world = BillingWorld(start=MAY_17 + dt.timedelta(minutes=asked))
    subscriber = world.add_number("18612340008", plan=A46, generation=G3)
    token = world.login(subscriber)
    world.hall.handling.handle(token, "plan_change", {"plan": A66}, request_id="req-00000011")
    applied = 0
    for offset in sorted(runs):
        instant = JUNE_1 + dt.timedelta(minutes=offset)
        world.move_to(max(instant, world.clock.now()))
        applied += world.hall.handling.apply_due()
        expected = A66 if world.clock.now() >= JUNE_1 else A46
        assert _plan(world, subscriber.id) == expected
    assert applied == (1 if max(runs) >= 0 else 0)


# ------------------------------------------------------------------ F-BIZ-3 shared plan


def _shared(world: BillingWorld) -> tuple[object, object, object]:
    primary = world.add_number("18612340010", plan="4g-shared-156")
    with world.storage.read() as tx:
        account = tx.accounts.get(primary.account_id)
    first = world.add_number("18612340011", plan="4g-shared-member", account=account)
    second = world.add_number("18612340012", plan="4g-shared-member", account=account)
    with world.storage.transaction() as tx:
        tx.shared_plans.add(SharedPlan("g0001", "4g-shared-156", primary.id, (first.id, second.id)))
    return primary, first, second


def test_the_primary_number_changes_next_cycle_and_the_members_stay(world):
    """F-BIZ-3: from 1 June the chosen card is primary on the shared plan; the old a member."""
    primary, first, second = _shared(world)
    token = world.login(primary)
    record = world.hall.handling.handle(
        token, "primary_number", {"new_primary": "186 1234 0011"}, request_id="req-00000012"
    )
    assert record.status is RecordStatus.PENDING
    with world.storage.read() as tx:
        assert tx.shared_plans.get("g0001").primary_id == primary.id
    world.move_to(JUNE_1 + dt.timedelta(minutes=1))
    assert world.hall.handling.apply_due() == 1
    with world.storage.read() as tx:
        group = tx.shared_plans.get("g0001")
    assert group.primary_id == first.id
    assert set(group.member_ids) == {primary.id, second.id}
    assert _plan(world, first.id) == "4g-shared-156"
    assert _plan(world, primary.id) == "4g-shared-member"
    assert _plan(world, second.id) == "4g-shared-member"


def test_only_the_primary_asks_and_only_for_a_member(world):
    """F-BIZ-3: a member asking is ``handling.not_primary``; a stranger ``not_member``."""
    primary, first, _ = _shared(world)
    stranger = world.add_number("18612340019", plan="4g-national-76")
    with pytest.raises(Refused) as refused:
        world.hall.handling.preview(world.login(first), "primary_number", {"new_primary": "1"})
    assert refused.value.code == "handling.not_primary"
    with pytest.raises(Refused) as refused:
        world.hall.handling.handle(
            world.login(primary),
            "primary_number",
            {"new_primary": stranger.number.value},
            request_id="req-00000013",
        )
    assert refused.value.code == "handling.not_member"
