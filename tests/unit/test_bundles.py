"""Composable 4G bundles: one pack per kind, data required, fee = sum of packs (F-BUN-1..4).

Expected fees are sums of the published tariff worked out by hand.
"""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.catalog_data import default_catalog
from unicom_core.domain.catalog import Allowances, Bundle, Catalog, PackKind, compare, compose
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.errors import InvalidInput, NotFound
from unicom_core.testing.strategies import catalog as cst

COMBO = "4g-national-combo"
AT = datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return default_catalog()


# ------------------------------------------------------------------ the published plan


def test_f_bun_4_a_full_bundle_costs_the_sum_of_its_published_packs(catalog):
    bundle = compose(catalog, COMBO, ["data-1gb", "voice-200min", "sms-200", "vas-caller-id"], AT)
    assert bundle.monthly_fee == Money.parse("96元")  # 48 + 32 + 10 + 6
    assert bundle.allowances == Allowances(1024, 200, 200, ("caller_id",))
    assert bundle.pack_codes == ("data-1gb", "voice-200min", "sms-200", "vas-caller-id")


def test_f_bun_2_the_smallest_bundle_is_the_8_yuan_data_pack_alone(catalog):
    bundle = compose(catalog, COMBO, ["data-100mb"], AT)
    assert bundle.monthly_fee == Money(800)
    assert bundle.allowances == Allowances(data_mb=100)
    assert str(bundle) == f"{COMBO}: 8元100MB流量包 = ¥8.00/月"


def test_f_bun_4_the_largest_bundle_sums_the_top_tiers(catalog):
    codes = ["vas-ring-back-mailbox", "sms-600", "voice-3000min", "data-11gb"]
    bundle = compose(catalog, COMBO, codes, AT)
    assert bundle.monthly_fee == Money.parse("508元")  # 232 + 240 + 30 + 6
    assert bundle.pack_codes == tuple(reversed(codes))  # kept in kind order
    assert bundle.allowances.services == ("mobile_mailbox", "ring_back")


@pytest.mark.parametrize(
    ("codes", "code", "extra"),
    [
        ([], "bundle.data_pack_required", {"kind": "data"}),
        (["voice-200min", "sms-200"], "bundle.data_pack_required", {"kind": "data"}),
        (["data-100mb", "data-1gb"], "bundle.duplicate_kind", {"kind": "data"}),
        (
            ["data-100mb", "vas-ring-back", "vas-mailbox"],
            "bundle.duplicate_kind",
            {"kind": "value_added", "pack_code": "vas-mailbox"},
        ),
        (["data-100mb", "data-100mb"], "bundle.duplicate_kind", {"kind": "data"}),
        (["data-100mb", "data-5gb"], "bundle.unknown_tier", {"index": 1, "pack_code": "data-5gb"}),
        (["top-up-30"], "bundle.unknown_tier", {"index": 0}),
    ],
)
def test_f_bun_4_invalid_compositions_name_the_rule_they_break(catalog, codes, code, extra):
    with pytest.raises(InvalidInput) as caught:
        compose(catalog, COMBO, codes, AT)
    assert caught.value.code == code
    assert caught.value.data["field"] == "packs"
    for key, value in extra.items():
        assert caught.value.data[key] == value


def test_a_composition_is_a_sequence_of_codes(catalog):
    with pytest.raises(InvalidInput) as caught:
        compose(catalog, COMBO, "data-100mb", AT)
    assert caught.value.code == "bundle.packs"
    with pytest.raises(InvalidInput):
        compose(catalog, COMBO, [100], AT)  # type: ignore[list-item]
    with pytest.raises(InvalidInput):
        Bundle(COMBO, ("data-100mb",))  # type: ignore[arg-type]


def test_an_unknown_combination_plan_is_not_found(catalog):
    with pytest.raises(NotFound) as caught:
        compose(catalog, "5g-combo", ["data-100mb"], AT)
    assert caught.value.code == "catalog.unknown_product"


def test_adding_removing_and_replacing_packs(catalog):
    bundle = compose(catalog, COMBO, ["data-100mb"], AT)
    voice = catalog.pack("voice-300min")
    bigger = bundle.with_pack(voice)
    assert bigger.monthly_fee == Money.parse("48元")  # 8 + 40
    assert bigger.pack(PackKind.VOICE) == voice
    with pytest.raises(InvalidInput) as caught:
        bigger.with_pack(catalog.pack("voice-200min"))
    assert caught.value.code == "bundle.duplicate_kind"
    assert bigger.replacing(catalog.pack("voice-200min")).monthly_fee == Money.parse("40元")
    with pytest.raises(InvalidInput) as caught:
        bigger.without(PackKind.DATA)
    assert caught.value.code == "bundle.data_pack_required"
    with pytest.raises(NotFound) as caught:
        bundle.without(PackKind.SMS)
    assert caught.value.code == "bundle.no_such_pack"


def test_compare_sets_bundles_side_by_side(catalog):
    small = compose(catalog, COMBO, ["data-500mb", "voice-200min"], AT)
    large = compose(catalog, COMBO, ["data-2gb", "sms-200"], AT)
    comparison = compare([large, small])
    assert comparison.cheapest == small  # 24 + 32 = 56 < 72 + 10 = 82
    rows = dict(comparison.rows())
    assert rows["monthly fee"] == ("¥82.00", "¥56.00")
    assert rows["data"] == ("2048MB", "500MB")
    assert rows["voice"] == ("0min", "200min")
    assert rows["messages"] == ("200", "0")
    assert rows["services"] == ("-", "-")
    assert rows["sms pack"] == ("10元200条短信包", "-")
    assert [c.monthly_fee for c in comparison.columns] == [Money(8200), Money(5600)]
    with pytest.raises(InvalidInput) as caught:
        compare([])
    assert caught.value.code == "bundle.compare"


# ------------------------------------------------------------------ properties


@given(cst.combo_catalogs(), st.data())
def test_f_bun_4_the_fee_of_every_valid_composition_is_the_sum_of_its_packs(catalog, data):
    codes = data.draw(cst.compositions(catalog))
    bundle = compose(catalog, cst.COMBO_CODE, codes, AT)
    assert bundle.monthly_fee.fen == sum(catalog.pack(code).fee.fen for code in codes)
    assert sorted(bundle.pack_codes) == sorted(codes)
    kinds = [pack.kind for pack in bundle.packs]
    assert kinds == sorted(set(kinds), key=list(PackKind).index)


@given(cst.combo_catalogs(), st.data())
def test_f_bun_1_the_allowances_are_the_union_of_the_packs(catalog, data):
    bundle = compose(catalog, cst.COMBO_CODE, data.draw(cst.compositions(catalog)), AT)
    packs = bundle.packs
    assert bundle.allowances.data_mb == sum(p.allowances.data_mb for p in packs)
    assert bundle.allowances.voice_minutes == sum(p.allowances.voice_minutes for p in packs)
    assert bundle.allowances.messages == sum(p.allowances.messages for p in packs)
    assert set(bundle.allowances.services) == {s for p in packs for s in p.allowances.services}


@given(cst.combo_catalogs(), st.data())
def test_f_bun_2_every_composition_without_a_data_pack_is_rejected(catalog, data):
    codes = data.draw(cst.compositions(catalog))
    without_data = [c for c in codes if catalog.pack(c).kind is not PackKind.DATA]
    with pytest.raises(InvalidInput) as caught:
        compose(catalog, cst.COMBO_CODE, without_data, AT)
    assert caught.value.code == "bundle.data_pack_required"


@given(cst.combo_catalogs(), st.data())
def test_f_bun_4_every_invalid_composition_is_rejected_with_its_rule(catalog, data):
    codes, rule = data.draw(cst.invalid_compositions(catalog))
    with pytest.raises(InvalidInput) as caught:
        compose(catalog, cst.COMBO_CODE, codes, AT)
    assert caught.value.code == rule


@given(cst.combo_catalogs(), st.data())
def test_f_bun_1_adding_then_removing_a_pack_restores_the_fee(catalog, data):
    bundle = data.draw(cst.bundles(catalog))
    free_kinds = [k for k in PackKind if bundle.pack(k) is None and catalog.packs_of(k)]
    if not free_kinds:
        return
    kind = data.draw(st.sampled_from(free_kinds))
    pack = data.draw(st.sampled_from(catalog.packs_of(kind)))
    added = bundle.with_pack(pack)
    assert added.monthly_fee == bundle.monthly_fee + pack.fee
    assert added.without(kind).monthly_fee == bundle.monthly_fee
    assert added.without(kind) == bundle


@given(cst.combo_catalogs(required_kinds=(PackKind.DATA, PackKind.VOICE)), st.data())
def test_f_bun_2_every_required_kind_is_named_when_missing(catalog, data):
    codes = data.draw(cst.compositions(catalog))
    without_voice = [c for c in codes if catalog.pack(c).kind is not PackKind.VOICE]
    with pytest.raises(InvalidInput) as caught:
        compose(catalog, cst.COMBO_CODE, without_voice, AT)
    assert caught.value.code == "bundle.voice_pack_required"
