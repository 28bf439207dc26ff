"""Changing a bundle: now or from next month, with proration by days (F-BUN, F-CAL-5).

Expected charges are worked out by hand from the published fees, the day counts of the
Gregorian calendar and the largest-remainder rule of ``Money.allocate``.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.catalog_data import default_catalog
from unicom_core.domain.catalog import (
    Bundle,
    Catalog,
    ChangeKind,
    ChangePolicy,
    ChangeRule,
    ChangeTiming,
    PackKind,
    classify_change,
    compose,
    daily_charges,
    plan_change,
    prorate,
)
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.errors import InvalidInput
from unicom_core.testing.strategies import catalog as cst
from unicom_core.testing.strategies.calendar import aware_instants, billing_cycles
from unicom_core.testing.strategies.money import money

COMBO = "4g-national-combo"
MID_NOVEMBER = datetime(2025, 11, 16, 15, 30, tzinfo=SHANGHAI)  # day 16 of 30: 15 days left
DEFAULT = ChangePolicy()


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return default_catalog()


def _bundle(catalog: Catalog, *codes: str) -> Bundle:
    return compose(catalog, COMBO, codes, MID_NOVEMBER)


# ------------------------------------------------------------------ the default rule


def test_adding_a_pack_applies_now_prorated_over_the_days_left(catalog):
    at = datetime(2024, 2, 10, 10, 0, tzinfo=SHANGHAI)  # day 10 of a 29-day February
    before = compose(catalog, COMBO, ["data-100mb"], at)
    after = compose(catalog, COMBO, ["data-100mb", "voice-200min"], at)
    plan = plan_change(before, after, at, DEFAULT)
    (change,) = plan.changes
    assert (change.kind, change.change, change.timing) == (
        PackKind.VOICE,
        ChangeKind.ADD,
        ChangeTiming.NOW,
    )
    # 32元 over [9 days used, 20 left]: 993.1 and 2206.9 fen; the spare fen goes to the larger
    # remainder, so 20 days cost 2207 fen.
    assert change.charge_now == Money(2207)
    assert change.effective_at == at
    assert plan.charge_now == Money(2207)
    assert plan.now == after
    assert plan.fee_from_next_cycle == Money.parse("40元")


def test_raising_a_tier_applies_now_charging_the_prorated_difference(catalog):
    plan = plan_change(
        _bundle(catalog, "data-100mb"), _bundle(catalog, "data-1gb"), MID_NOVEMBER, DEFAULT
    )
    (change,) = plan.changes
    assert (change.change, change.timing) == (ChangeKind.RAISE, ChangeTiming.NOW)
    assert change.fee_delta == Money.parse("40元")  # 48 - 8
    assert change.charge_now == Money.parse("20元")  # 15 of 30 days
    assert plan.now.monthly_fee == Money.parse("48元")


def test_lowering_and_removing_apply_from_the_next_cycle_and_charge_nothing_now(catalog):
    current = _bundle(catalog, "data-1gb", "sms-200")
    target = _bundle(catalog, "data-500mb")
    plan = plan_change(current, target, MID_NOVEMBER, DEFAULT)
    assert [(c.kind, c.change, c.timing) for c in plan.changes] == [
        (PackKind.DATA, ChangeKind.LOWER, ChangeTiming.NEXT_CYCLE),
        (PackKind.SMS, ChangeKind.REMOVE, ChangeTiming.NEXT_CYCLE),
    ]
    next_cycle = datetime(2025, 12, 1, tzinfo=SHANGHAI)
    assert all(c.effective_at == next_cycle for c in plan.changes)
    assert plan.next_cycle_starts == next_cycle
    assert plan.charge_now == Money(0)
    assert plan.now == current
    assert plan.fee_from_next_cycle == Money.parse("24元")


def test_a_mixed_change_splits_into_now_and_next_cycle(catalog):
    current = _bundle(catalog, "data-1gb", "voice-500min", "sms-200")
    target = _bundle(catalog, "data-2gb", "voice-200min", "vas-caller-id")
    plan = plan_change(current, target, MID_NOVEMBER, DEFAULT)
    now = {c.kind: c for c in plan.applying(ChangeTiming.NOW)}
    later = {c.kind: c for c in plan.applying(ChangeTiming.NEXT_CYCLE)}
    assert set(now) == {PackKind.DATA, PackKind.VALUE_ADDED}
    assert set(later) == {PackKind.VOICE, PackKind.SMS}
    assert now[PackKind.DATA].charge_now == Money.parse("12元")  # (72 - 48) / 2
    assert now[PackKind.VALUE_ADDED].charge_now == Money.parse("3元")  # 6 / 2
    assert plan.charge_now == Money.parse("15元")
    assert plan.now.pack_codes == ("data-2gb", "voice-500min", "sms-200", "vas-caller-id")
    assert plan.now.monthly_fee == Money.parse("144元")  # 72 + 56 + 10 + 6
    assert plan.fee_from_next_cycle == Money.parse("110元")  # 72 + 32 + 6


def test_a_tier_of_the_same_fee_counts_as_lowering(catalog):
    ring_back, mailbox = catalog.pack("vas-ring-back"), catalog.pack("vas-mailbox")
    assert classify_change(ring_back, mailbox) is ChangeKind.LOWER
    assert classify_change(ring_back, ring_back) is None
    assert classify_change(None, None) is None
    plan = plan_change(
        _bundle(catalog, "data-100mb", "vas-ring-back"),
        _bundle(catalog, "data-100mb", "vas-mailbox"),
        MID_NOVEMBER,
        DEFAULT,
    )
    assert [c.timing for c in plan.changes] == [ChangeTiming.NEXT_CYCLE]


def test_no_change_plans_nothing(catalog):
    bundle = _bundle(catalog, "data-100mb", "sms-400")
    plan = plan_change(bundle, bundle, MID_NOVEMBER, DEFAULT)
    assert plan.changes == ()
    assert plan.charge_now == Money(0)
    assert plan.now == bundle


@pytest.mark.parametrize(
    ("at", "charge"),
    [
        (datetime(2025, 11, 1, 0, 0, tzinfo=SHANGHAI), Money(1000)),  # the whole cycle
        (datetime(2025, 11, 30, 23, 59, tzinfo=SHANGHAI), Money(33)),  # 1 of 30 days: 33.3 fen
        (datetime(2024, 1, 31, 16, 30, tzinfo=UTC), Money(1000)),  # 2024-02-01 00:30 Beijing
        (datetime(2024, 1, 31, 15, 30, tzinfo=UTC), Money(32)),  # 2024-01-31 23:30: 1 of 31
    ],
)
def test_proration_counts_days_in_beijing_time_today_included(catalog, at, charge):
    before = compose(catalog, COMBO, ["data-100mb"], at)
    after = compose(catalog, COMBO, ["data-100mb", "sms-200"], at)  # 10元
    assert plan_change(before, after, at, DEFAULT).charge_now == charge


# ------------------------------------------------------------------ a configurable rule


def test_the_policy_is_configurable_per_pack_kind(catalog):
    policy = DEFAULT.with_rule(PackKind.VOICE, ChangeKind.ADD, ChangeTiming.NEXT_CYCLE)
    assert policy.timing(PackKind.VOICE, ChangeKind.ADD) is ChangeTiming.NEXT_CYCLE
    assert policy.timing(PackKind.SMS, ChangeKind.ADD) is ChangeTiming.NOW
    plan = plan_change(
        _bundle(catalog, "data-100mb"),
        _bundle(catalog, "data-100mb", "voice-200min", "sms-200"),
        MID_NOVEMBER,
        policy,
    )
    timings = {c.kind: c.timing for c in plan.changes}
    assert timings == {PackKind.VOICE: ChangeTiming.NEXT_CYCLE, PackKind.SMS: ChangeTiming.NOW}
    assert plan.charge_now == Money.parse("5元")


def test_a_removal_applied_now_credits_the_days_left(catalog):
    policy = ChangePolicy((ChangeRule(PackKind.SMS, ChangeKind.REMOVE, ChangeTiming.NOW),))
    plan = plan_change(
        _bundle(catalog, "data-100mb", "sms-200"),
        _bundle(catalog, "data-100mb"),
        MID_NOVEMBER,
        policy,
    )
    assert plan.charge_now == Money(-500)
    assert plan.now.pack_codes == ("data-100mb",)


def test_the_default_table(catalog):
    assert ChangePolicy.default_timing(ChangeKind.ADD) is ChangeTiming.NOW
    assert ChangePolicy.default_timing(ChangeKind.RAISE) is ChangeTiming.NOW
    assert ChangePolicy.default_timing(ChangeKind.REMOVE) is ChangeTiming.NEXT_CYCLE
    assert ChangePolicy.default_timing(ChangeKind.LOWER) is ChangeTiming.NEXT_CYCLE
    assert catalog.combo(COMBO).change_policy.rules  # written out in the data file
    for kind in PackKind:
        for change in ChangeKind:
            assert catalog.combo(COMBO).change_policy.timing(kind, change) is (
                ChangePolicy.default_timing(change)
            )


def test_a_policy_names_each_kind_and_change_once():
    rule = ChangeRule(PackKind.SMS, ChangeKind.ADD, ChangeTiming.NOW)
    with pytest.raises(InvalidInput) as caught:
        ChangePolicy((rule, rule))
    assert caught.value.code == "catalog.change_rules"
    with pytest.raises(InvalidInput):
        ChangePolicy(("sms",))  # type: ignore[arg-type]
    replaced = ChangePolicy((rule,)).with_rule(
        PackKind.SMS, ChangeKind.ADD, ChangeTiming.NEXT_CYCLE
    )
    assert replaced.rules == (ChangeRule(PackKind.SMS, ChangeKind.ADD, ChangeTiming.NEXT_CYCLE),)


def test_bundles_of_different_plans_cannot_be_changed_into_each_other(catalog):
    other = Bundle("other-combo", (catalog.pack("data-100mb"),))
    with pytest.raises(InvalidInput) as caught:
        plan_change(_bundle(catalog, "data-100mb"), other, MID_NOVEMBER, DEFAULT)
    assert caught.value.code == "bundle.combo_mismatch"


# ------------------------------------------------------------------ properties of proration


@given(money(min_fen=-(10**9), max_fen=10**9), aware_instants(1971, 2099))
def test_f_cal_5_the_used_and_left_parts_add_up_to_the_fee(amount, at):
    split = prorate(amount, at)
    local = at.astimezone(SHANGHAI)
    assert split.cycle == BillingCycle(local.year, local.month)
    assert split.days_left == split.cycle.days - local.day + 1
    assert split.days_used + split.days_left == split.cycle.days
    assert split.used + split.left == amount


@given(money(min_fen=0, max_fen=10**9), billing_cycles())
def test_f_cal_5_proration_over_all_the_days_of_a_cycle_sums_to_the_monthly_fee(fee, cycle):
    charges = daily_charges(fee, cycle)
    assert len(charges) == cycle.days
    assert Money.total(charges) == fee
    assert all(abs(c.fen * cycle.days - fee.fen) < cycle.days for c in charges)


@given(money(min_fen=0, max_fen=10**7), billing_cycles())
def test_f_cal_5_a_change_on_the_first_charges_the_whole_fee(fee, cycle):
    assert prorate(fee, cycle.start).left == fee
    assert prorate(fee, cycle.start).used == Money(0)


@given(cst.combo_catalogs(), st.data(), aware_instants(1971, 2099))
def test_f_bun_a_change_plan_reaches_the_target_and_charges_only_what_applies_now(
    catalog, data, at
):
    current, target = data.draw(cst.bundles(catalog)), data.draw(cst.bundles(catalog))
    plan = plan_change(current, target, at, DEFAULT)
    assert plan.charge_now == Money.total(
        prorate(c.fee_delta, at).left for c in plan.applying(ChangeTiming.NOW)
    )
    assert all(c.charge_now == Money(0) for c in plan.applying(ChangeTiming.NEXT_CYCLE))
    assert all(
        c.effective_at == plan.next_cycle_starts for c in plan.applying(ChangeTiming.NEXT_CYCLE)
    )
    final = plan.now
    for change in plan.applying(ChangeTiming.NEXT_CYCLE):
        final = final.without(change.kind) if change.new is None else final.replacing(change.new)
    assert final == target
    assert (plan.changes == ()) == (current == target)


@given(cst.combo_catalogs(), st.data(), aware_instants(1971, 2099))
def test_f_bun_1_adding_then_removing_a_pack_restores_the_fee_from_next_cycle(catalog, data, at):
    bundle = data.draw(cst.bundles(catalog))
    free = [k for k in PackKind if bundle.pack(k) is None and catalog.packs_of(k)]
    if not free:
        return
    pack = data.draw(st.sampled_from(catalog.packs_of(data.draw(st.sampled_from(free)))))
    added = plan_change(bundle, bundle.with_pack(pack), at, DEFAULT)
    assert added.charge_now == prorate(pack.fee, at).left
    removed = plan_change(added.now, bundle, at, DEFAULT)
    assert removed.charge_now == Money(0)
    assert removed.fee_from_next_cycle == bundle.monthly_fee
