"""The catalogue: the published 4G combination plan as data, offers, windows (F-BUN, F-SHOP-1).

Expected figures come from the published tariff (F-BUN, docs/reference/features.md), written out
here by hand, never from the code's output.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given

from unicom_core.catalog_data import default_catalog
from unicom_core.domain.catalog import (
    Allowances,
    Catalog,
    CatalogId,
    CatalogPublished,
    Channel,
    ComboPlan,
    EffectiveWindow,
    Goods,
    OverageRates,
    Pack,
    PackKind,
    Plan,
    PriceRule,
    ProductKind,
)
from unicom_core.domain.shared import SHANGHAI, Money, Rate
from unicom_core.domain.subscribers import NetworkGeneration, PaymentMode
from unicom_core.errors import Conflict, InvalidInput, NotFound, Refused
from unicom_core.serialization import structure, unstructure
from unicom_core.testing.strategies import catalog as cst

COMBO = "4g-national-combo"
BUNDLE_CHANNELS = (Channel.ONLINE_HALL, Channel.MOBILE_HALL)
AT = datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI)

# The published tariff (F-BUN): (fee in yuan, allowance) per tier.
DATA_TIERS = [
    (8, 100),
    (16, 300),
    (24, 500),
    (48, 1024),
    (72, 2048),
    (96, 3072),
    (120, 4096),
    (152, 6144),
    (232, 11264),
]
VOICE_TIERS = [(32, 200), (40, 300), (56, 500), (112, 1000), (160, 2000), (240, 3000)]
SMS_TIERS = [(10, 200), (20, 400), (30, 600)]
VALUE_ADDED = [
    (6, ("caller_id",)),
    (5, ("ring_back",)),
    (5, ("mobile_mailbox",)),
    (6, ("mobile_mailbox", "ring_back")),
]


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return default_catalog()


def _tiers(catalog: Catalog, kind: PackKind) -> list[Pack]:
    return [p for p in catalog.tiers(COMBO, AT) if p.kind is kind]


# ------------------------------------------------------------------ the published plan


def test_f_bun_1_the_default_data_packs_are_the_published_tiers(catalog):
    packs = _tiers(catalog, PackKind.DATA)
    assert [(p.fee, p.allowances.data_mb) for p in packs] == [
        (Money(yuan * 100), mb) for yuan, mb in DATA_TIERS
    ]


def test_f_bun_1_the_default_voice_sms_and_value_added_packs_are_the_published_tiers(catalog):
    voice = [(p.fee, p.allowances.voice_minutes) for p in _tiers(catalog, PackKind.VOICE)]
    sms = [(p.fee, p.allowances.messages) for p in _tiers(catalog, PackKind.SMS)]
    vas = [(p.fee, p.allowances.services) for p in _tiers(catalog, PackKind.VALUE_ADDED)]
    assert voice == [(Money(yuan * 100), minutes) for yuan, minutes in VOICE_TIERS]
    assert sms == [(Money(yuan * 100), count) for yuan, count in SMS_TIERS]
    assert vas == [(Money(yuan * 100), services) for yuan, services in VALUE_ADDED]


def test_f_bun_2_only_the_data_pack_is_required_and_the_lowest_is_8_yuan_for_100mb(catalog):
    combo = catalog.combo(COMBO)
    assert combo.required_kinds == (PackKind.DATA,)
    cheapest = min(_tiers(catalog, PackKind.DATA), key=lambda p: p.fee.fen)
    assert (cheapest.fee, cheapest.allowances.data_mb) == (Money.parse("8元"), 100)
    assert catalog.list_price(combo, AT) == Money(800)


def test_f_bun_data_over_the_pack_costs_20_fen_per_mb(catalog):
    overage = catalog.combo(COMBO).overage
    assert overage.data_per_mb == Money(20)
    assert overage.data_charge(150) == Money.parse("30元")
    assert overage.data_charge(0) == Money(0)
    assert OverageRates().data_charge(10) == Money(0)
    with pytest.raises(InvalidInput) as caught:
        overage.data_charge(-1)
    assert caught.value.code == "catalog.overage"


def test_f_bun_3_the_combination_plan_is_sold_only_online_and_in_the_mobile_hall(catalog):
    combo = catalog.combo(COMBO)
    assert set(combo.channels) == {Channel.ONLINE_HALL, Channel.MOBILE_HALL}
    catalog.require_on_sale(combo, Channel.MOBILE_HALL, AT)
    for channel in set(Channel) - set(BUNDLE_CHANNELS):
        with pytest.raises(Refused) as caught:
            catalog.require_on_sale(combo, channel, AT)
        assert caught.value.code == "bundle.channel"
        assert caught.value.data["channel"] == channel.value


def test_the_combination_plan_is_4g_in_both_payment_modes(catalog):
    combo = catalog.combo(COMBO)
    assert combo.generation is NetworkGeneration.G4
    assert set(combo.payment_modes) == {PaymentMode.PREPAID, PaymentMode.POSTPAID}


# ------------------------------------------------------------------ offers and lookups


def test_offers_list_what_a_channel_sells_at_an_instant_with_prices(catalog):
    online = {offer.product.code: offer for offer in catalog.offers(Channel.ONLINE_HALL, AT)}
    assert online[COMBO].price.price == Money(800)  # "from 8元"
    assert online["data-1gb"].price.price == Money(4800)
    assert online["top-up-100"].price.price == Money(10000)
    assert catalog.offers(Channel.PHYSICAL_STORE, AT) == ()


def test_offers_respect_effective_windows():
    launch = datetime(2026, 12, 1, tzinfo=SHANGHAI)
    phone = Goods(
        "phone-x",
        "手机",
        ProductKind.PHONE,
        Money(199900),
        (Channel.ONLINE_HALL,),
        EffectiveWindow(starts=launch),
    )
    catalog = Catalog(CatalogId("c"), 1, goods=(phone,))
    before, at_launch = launch - timedelta(microseconds=1), launch
    assert catalog.offers(Channel.ONLINE_HALL, before) == ()
    assert [o.product for o in catalog.offers(Channel.ONLINE_HALL, at_launch)] == [phone]
    with pytest.raises(Refused) as caught:
        catalog.quote("phone-x", Channel.ONLINE_HALL, before)
    assert caught.value.code == "catalog.not_on_sale"
    with pytest.raises(Refused) as caught:
        catalog.quote("phone-x", Channel.MOBILE_HALL, at_launch)
    assert caught.value.code == "catalog.channel"


def test_lookups_raise_not_found_for_unknown_codes_and_wrong_kinds(catalog):
    with pytest.raises(NotFound) as caught:
        catalog.product("no-such-thing")
    assert caught.value.code == "catalog.unknown_product"
    with pytest.raises(NotFound):
        catalog.combo("data-1gb")
    with pytest.raises(NotFound):
        catalog.pack(COMBO)
    with pytest.raises(NotFound):
        catalog.plan("top-up-30")
    assert catalog.plan(COMBO).code == COMBO
    assert catalog.pack("sms-200").kind is PackKind.SMS


def test_kinds_and_pack_kinds_select_products(catalog):
    assert [p.code for p in catalog.of_kind(ProductKind.COMBO_PLAN)] == [COMBO]
    packs = len(catalog.packs)  # the 22 tiers of the combination plan, and packs of handling
    assert packs >= len(catalog.combo(COMBO).tiers) == 22
    assert len(catalog.of_kind(ProductKind.PACK)) == packs
    tiers = set(catalog.combo(COMBO).tiers)
    assert len([p for p in catalog.packs_of(PackKind.SMS) if p.code in tiers]) == 3
    assert len(catalog.products()) == len(catalog.plans) + 1 + packs + len(catalog.goods)


def test_a_combination_plan_without_tiers_then_is_not_offered():
    window = EffectiveWindow(ends=datetime(2020, 1, 1, tzinfo=SHANGHAI))
    data = Pack(
        "d", "d", PackKind.DATA, Money(800), Allowances(data_mb=100), BUNDLE_CHANNELS, window
    )
    combo = ComboPlan(
        "c", "c", NetworkGeneration.G4, (PaymentMode.PREPAID,), ("d",), BUNDLE_CHANNELS
    )
    catalog = Catalog(CatalogId("c"), 1, combos=(combo,), packs=(data,))
    assert catalog.list_price(combo, AT) is None
    assert [o.product.code for o in catalog.offers(Channel.ONLINE_HALL, AT)] == []
    with pytest.raises(Refused) as caught:
        catalog.quote("c", Channel.ONLINE_HALL, AT)
    assert caught.value.code == "catalog.not_on_sale"


# ------------------------------------------------------------------ validation


def _pack(code: str, kind: PackKind = PackKind.DATA, **allow: int) -> Pack:
    allowances = Allowances(**allow) if allow else Allowances(data_mb=100)
    return Pack(code, code, kind, Money(800), allowances, BUNDLE_CHANNELS)


def test_codes_are_unique_across_the_catalogue_with_the_path_of_the_second():
    goods = Goods("d1", "x", ProductKind.ACCESSORY, Money(100), (Channel.ONLINE_HALL,))
    with pytest.raises(InvalidInput) as caught:
        Catalog(CatalogId("c"), 1, packs=(_pack("d1"),), goods=(goods,))
    assert caught.value.code == "catalog.duplicate_code"
    assert caught.value.data["path"] == "$.goods[0].code"


def test_a_tier_must_be_a_pack_of_the_catalogue():
    combo = ComboPlan(
        "c", "c", NetworkGeneration.G4, (PaymentMode.PREPAID,), ("d1", "zz"), BUNDLE_CHANNELS
    )
    with pytest.raises(InvalidInput) as caught:
        Catalog(CatalogId("c"), 1, combos=(combo,), packs=(_pack("d1"),))
    assert caught.value.code == "catalog.unknown_tier"
    assert caught.value.data["path"] == "$.combos[0].tiers[1]"


def test_a_price_rule_names_only_products_of_the_catalogue_and_has_a_unique_code():
    rule = PriceRule("r", "r", product_codes=("ghost",), rate=Rate.percent(90))
    with pytest.raises(InvalidInput) as caught:
        Catalog(CatalogId("c"), 1, price_rules=(rule,))
    assert caught.value.code == "catalog.unknown_product"
    twice = PriceRule("r", "r", product_kinds=(ProductKind.TOP_UP,), rate=Rate.percent(90))
    with pytest.raises(InvalidInput) as caught:
        Catalog(CatalogId("c"), 1, price_rules=(twice, twice))
    assert caught.value.data["path"] == "$.price_rules[1].code"


@pytest.mark.parametrize(
    ("kind", "allow"),
    [
        (PackKind.DATA, {"voice_minutes": 100}),
        (PackKind.VOICE, {"data_mb": 100}),
        (PackKind.SMS, {"data_mb": 1}),
        (PackKind.VALUE_ADDED, {"messages": 1}),
    ],
)
def test_a_pack_includes_something_of_its_kind(kind, allow):
    with pytest.raises(InvalidInput) as caught:
        _pack("p", kind, **allow)
    assert caught.value.code == "catalog.pack_allowance"


def _pack_with(**changes: object) -> Pack:
    fields = {
        "code": "p",
        "name": "p",
        "kind": PackKind.DATA,
        "fee": Money(1),
        "allowances": Allowances(data_mb=1),
        "channels": BUNDLE_CHANNELS,
    }
    return Pack(**{**fields, **changes})  # type: ignore[arg-type]


def _combo_with(**changes: object) -> ComboPlan:
    fields = {
        "code": "c",
        "name": "c",
        "generation": NetworkGeneration.G4,
        "payment_modes": (PaymentMode.PREPAID,),
        "tiers": ("d",),
        "channels": BUNDLE_CHANNELS,
    }
    return ComboPlan(**{**fields, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("build", "code"),
    [
        (lambda: _pack("Bad Code"), "catalog.code"),
        (lambda: _pack_with(name=" "), "catalog.name"),
        (lambda: _pack_with(fee=Money(-1)), "catalog.price"),
        (lambda: _pack_with(channels=()), "catalog.channels"),
        (lambda: _pack_with(channels=("online_hall",)), "catalog.enum"),
        (lambda: Allowances(data_mb=-1), "catalog.allowance"),
        (lambda: Allowances(services=("",)), "catalog.allowance"),
        (
            lambda: Goods("g", "g", ProductKind.PACK, Money(1), BUNDLE_CHANNELS),
            "catalog.product_kind",
        ),
        (lambda: _combo_with(payment_modes=()), "catalog.payment_modes"),
        (lambda: _combo_with(tiers=()), "catalog.tiers"),
        (lambda: _combo_with(tiers=("d", "d")), "catalog.tiers"),
        (lambda: _combo_with(required_kinds=()), "catalog.required_kinds"),
        (lambda: Catalog(CatalogId("c"), 0), "catalog.revision"),
        (lambda: Catalog(CatalogId("c"), 1, packs=[_pack("d")]), "catalog.section"),
        (lambda: OverageRates(data_per_mb=Money(-20)), "catalog.price"),
    ],
)
def test_invalid_products_are_refused_with_a_code(build, code):
    with pytest.raises(InvalidInput) as caught:
        build()
    assert caught.value.code == code


def test_channels_are_kept_in_declaration_order_without_duplicates():
    pack = Pack(
        "p",
        "p",
        PackKind.DATA,
        Money(1),
        Allowances(data_mb=1),
        (Channel.MOBILE_HALL, Channel.ONLINE_HALL, Channel.MOBILE_HALL),
    )
    assert pack.channels == (Channel.ONLINE_HALL, Channel.MOBILE_HALL)
    assert str(pack) == "p (¥0.01/月)"


def test_allowances_add_up_and_print_in_the_carriers_words():
    total = Allowances(data_mb=100, services=("ring_back",)) + Allowances(
        voice_minutes=200, messages=200, services=("caller_id", "ring_back")
    )
    assert total == Allowances(100, 200, 200, ("caller_id", "ring_back"))
    assert str(total) == "100MB, 200分钟, 200条短彩信, caller_id, ring_back"
    assert str(Allowances()) == "-"


def test_a_fixed_plan_lists_its_monthly_fee():
    plan = Plan(
        "plan-20",
        "20元套餐",
        NetworkGeneration.G3,
        (PaymentMode.PREPAID,),
        Money(2000),
        (Channel.PHYSICAL_STORE,),
    )
    catalog = Catalog(CatalogId("c"), 1, plans=(plan,))
    assert catalog.list_price(plan, AT) == Money(2000)
    assert catalog.plan("plan-20") is plan


# ------------------------------------------------------------------ effective windows


def test_a_window_holds_its_start_and_not_its_end():
    start = datetime(2016, 1, 12, tzinfo=SHANGHAI)
    window = EffectiveWindow(start, start + timedelta(days=1))
    assert window.contains(start)
    assert not window.contains(start - timedelta(microseconds=1))
    assert not window.contains(start + timedelta(days=1))
    assert window.contains(datetime(2016, 1, 11, 16, 0, tzinfo=UTC))  # 00:00 Beijing
    assert EffectiveWindow.always().contains(AT)
    assert str(EffectiveWindow()) == "[…, …)"


def test_a_window_ends_after_it_starts_and_takes_aware_instants_only():
    start = datetime(2016, 1, 12, tzinfo=SHANGHAI)
    with pytest.raises(InvalidInput) as caught:
        EffectiveWindow(start, start)
    assert caught.value.code == "catalog.window"
    with pytest.raises(InvalidInput) as caught:
        EffectiveWindow(datetime(2016, 1, 12))  # noqa: DTZ001 - the point of the test
    assert caught.value.code == "time.naive"
    with pytest.raises(InvalidInput):
        EffectiveWindow("2016-01-12")  # type: ignore[arg-type]


def test_window_bounds_are_kept_in_beijing_time():
    window = EffectiveWindow(ends=datetime(2016, 1, 11, 16, 0, tzinfo=UTC))
    assert window.ends == datetime(2016, 1, 12, tzinfo=SHANGHAI)
    assert window.ends.tzinfo is SHANGHAI


# ------------------------------------------------------------------ publication and storage shape


def test_publishing_a_newer_revision_replaces_the_contents_and_reports_it(catalog):
    stored = default_catalog()
    revision = stored.revision + 1
    newer = Catalog(stored.id, revision, packs=(_pack("d1"),))
    events = stored.publish(newer, at=AT)
    assert stored.revision == revision
    assert stored.products() == (newer.packs[0],)
    assert stored.pack("d1") == newer.packs[0]
    assert events == (
        CatalogPublished(
            aggregate_id="default", occurred_at=AT, revision=revision, event_id=events[0].event_id
        ),
    )
    with pytest.raises(Conflict) as caught:
        stored.publish(catalog, at=AT)
    assert caught.value.code == "catalog.stale_revision"
    with pytest.raises(InvalidInput) as caught:
        stored.publish(Catalog(CatalogId("other"), 9), at=AT)
    assert caught.value.code == "catalog.id"


def test_the_default_catalogue_round_trips_through_the_one_converter(catalog):
    data = json.loads(json.dumps(unstructure(catalog)))
    assert data["packs"][0]["fee"] == {"fen": 800, "currency": "CNY"}
    assert data["price_rules"][0]["rate"] == {"value": "0.985"}
    assert structure(data, Catalog) == catalog


@given(
    cst.plans(),
    cst.goods(),
    cst.packs(),
    cst.price_rules(product_kinds=(ProductKind.PLAN, ProductKind.PHONE)),
    cst.effective_windows(),
)
def test_the_shipped_strategies_build_a_valid_catalogue(plan, item, pack, rule, window):
    catalog = Catalog(CatalogId("c"), 1, (plan,), (), (pack,), (item,), (rule,))
    assert catalog.products() == (plan, pack, item)
    if window.starts is not None and window.ends is not None:
        assert window.starts < window.ends
    assert structure(json.loads(json.dumps(unstructure(catalog))), Catalog) == catalog


def test_converters_take_single_values_and_refuse_foreign_ones():
    rule = PriceRule("r", "r", product_kinds=ProductKind.TOP_UP, rate=Rate.one())  # type: ignore[arg-type]
    assert rule.product_kinds == (ProductKind.TOP_UP,)
    with pytest.raises(InvalidInput) as caught:
        PriceRule("r", "r", product_codes=(1,), rate=Rate.one())  # type: ignore[arg-type]
    assert caught.value.code == "catalog.code"


@given(cst.combo_catalogs())
def test_f_bun_generated_catalogues_round_trip_through_the_one_converter(catalog):
    assert structure(json.loads(json.dumps(unstructure(catalog))), Catalog) == catalog
