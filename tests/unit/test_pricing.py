"""Effective-dated price rules (F-SHOP-4) and the same mechanism for channel discounts (F-PRO-3).

The published rule: recharge cards and fixed-denomination top-ups at 98.5 % of face value
until 2016-01-11, at face value from 2016-01-12 (Asia/Shanghai). Expected prices are the
face value times 0.985 worked out by hand: 30元 -> 29.55元, 50元 -> 49.25元,
100元 -> 98.50元, 300元 -> 295.50元.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.catalog_data import default_catalog, default_catalog_source
from unicom_core.domain.catalog import (
    Catalog,
    CatalogId,
    Channel,
    EffectiveWindow,
    Goods,
    PriceRule,
    ProductKind,
    Quote,
    quote,
)
from unicom_core.domain.shared import SHANGHAI, Money, Rate
from unicom_core.errors import InvalidInput, NotFound, Refused
from unicom_core.memory.catalog import MemoryCatalogSource
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.storage import MemoryStorage
from unicom_core.testing.strategies import catalog as cst
from unicom_core.testing.strategies.calendar import aware_instants
from unicom_core.testing.strategies.money import rates
from unicom_core.usecases.catalog import CatalogService

RULE = "recharge-98.5-until-2016-01-11"
LAST_DISCOUNTED = datetime(2016, 1, 11, 23, 59, 59, 999_999, tzinfo=SHANGHAI)
FIRST_AT_FACE = datetime(2016, 1, 12, 0, 0, tzinfo=SHANGHAI)
DISCOUNTED = {  # face value -> 98.5 % of it, by hand
    "top-up-30": Money(2955),
    "top-up-50": Money(4925),
    "top-up-100": Money(9850),
    "top-up-300": Money(29550),
    "recharge-card-50": Money(4925),
    "recharge-card-100": Money(9850),
}
FACE = {
    "top-up-30": Money(3000),
    "top-up-50": Money(5000),
    "top-up-100": Money(10000),
    "top-up-300": Money(30000),
    "recharge-card-50": Money(5000),
    "recharge-card-100": Money(10000),
}


def _service(at: datetime):
    clock = SettableClock(at)
    service = CatalogService(MemoryStorage(), clock)
    service.install(default_catalog_source())
    return service, clock


# ------------------------------------------------------------------ F-SHOP-4 at the boundary


@pytest.mark.parametrize("code", sorted(DISCOUNTED))
def test_f_shop_4_at_98_5_percent_until_the_last_instant_of_2016_01_11(code):
    service, _ = _service(LAST_DISCOUNTED)
    price = service.price(code)
    assert (price.list_price, price.price, price.rule_code) == (FACE[code], DISCOUNTED[code], RULE)
    assert price.discount == FACE[code] - DISCOUNTED[code]


@pytest.mark.parametrize("code", sorted(FACE))
def test_f_shop_4_at_face_value_from_00_00_on_2016_01_12(code):
    service, _ = _service(FIRST_AT_FACE)
    price = service.price(code)
    assert (price.price, price.rule_code) == (FACE[code], None)


def test_f_shop_4_the_boundary_is_midnight_in_beijing_whatever_zone_the_clock_shows():
    service, clock = _service(datetime(2016, 1, 11, 15, 59, 59, tzinfo=UTC))  # 23:59:59 Beijing
    assert service.price("top-up-100").price == Money(9850)
    clock.advance(timedelta(seconds=1))  # 2016-01-11T16:00Z is 00:00 on the 12th in Beijing
    assert service.price("top-up-100").price == Money(10000)
    clock.set(datetime(2016, 1, 12, 0, 0, tzinfo=UTC))  # 08:00 Beijing: long past the change
    assert service.price("top-up-100").price == Money(10000)


def test_f_shop_4_on_both_sides_of_the_previous_midnight_the_discount_holds():
    service, clock = _service(datetime(2016, 1, 10, 23, 59, 59, tzinfo=SHANGHAI))
    assert service.price("recharge-card-50").price == Money(4925)
    clock.advance(timedelta(seconds=1))
    assert service.price("recharge-card-50").price == Money(4925)


def test_f_shop_4_the_rule_applies_on_every_channel_the_goods_are_sold_on():
    service, _ = _service(LAST_DISCOUNTED)
    assert service.price("top-up-50", Channel.MOBILE_HALL).price == Money(4925)
    with pytest.raises(Refused) as caught:
        service.price("top-up-50", Channel.PHYSICAL_STORE)
    assert caught.value.code == "catalog.channel"


def test_f_shop_4_plans_and_packs_are_not_discounted_by_the_recharge_rule():
    service, _ = _service(LAST_DISCOUNTED)
    assert service.price("data-100mb").price == Money(800)
    assert service.price("4g-national-combo").price == Money(800)


def test_a_price_query_refuses_an_unknown_product_and_a_non_channel():
    service, _ = _service(FIRST_AT_FACE)
    with pytest.raises(NotFound):
        service.price("top-up-7")
    with pytest.raises(InvalidInput) as caught:
        service.price("top-up-30", "online_hall")  # type: ignore[arg-type]
    assert caught.value.code == "catalog.channel"


# ------------------------------------------------------------------ the same mechanism, later rules

FESTIVAL = EffectiveWindow(
    datetime(2016, 5, 15, tzinfo=SHANGHAI), datetime(2016, 5, 22, tzinfo=SHANGHAI)
)


def _with_rules(*rules: PriceRule) -> Catalog:
    base = default_catalog()
    return Catalog(
        CatalogId("default"),
        2,
        base.plans,
        base.combos,
        base.packs,
        base.goods,
        (*base.price_rules, *rules),
    )


def test_f_pro_3_a_channel_discount_is_a_price_rule_on_one_channel():
    mobile_app = PriceRule(
        "517-mobile-top-up",
        "手机营业厅充值9折",
        FESTIVAL,
        (ProductKind.TOP_UP,),
        channels=(Channel.MOBILE_HALL,),
        rate=Rate.percent(90),
    )
    catalog = _with_rules(mobile_app)
    during = datetime(2016, 5, 17, 12, 0, tzinfo=SHANGHAI)
    assert catalog.quote("top-up-100", Channel.MOBILE_HALL, during).price == Money(9000)
    assert catalog.quote("top-up-100", Channel.ONLINE_HALL, during).price == Money(10000)
    after = FESTIVAL.ends
    assert after is not None
    assert catalog.quote("top-up-100", Channel.MOBILE_HALL, after).price == Money(10000)
    assert catalog.quote("recharge-card-100", Channel.MOBILE_HALL, during).price == Money(10000)


def test_a_campaign_price_is_a_fixed_price_rule_for_named_products():
    campaign = PriceRule(
        "data-1gb-campaign",
        "活动价",
        FESTIVAL,
        product_codes=("data-1gb",),
        fixed_price=Money.parse("30元"),
    )
    catalog = _with_rules(campaign)
    price = catalog.quote("data-1gb", Channel.ONLINE_HALL, datetime(2016, 5, 20, tzinfo=SHANGHAI))
    assert (price.list_price, price.price, price.rule_code) == (
        Money(4800),
        Money(3000),
        "data-1gb-campaign",
    )


def test_rules_do_not_stack_the_lowest_price_wins_and_the_first_wins_a_tie():
    at = datetime(2015, 6, 1, tzinfo=SHANGHAI)
    deeper = PriceRule("deeper", "9折", product_kinds=(ProductKind.TOP_UP,), rate=Rate.percent(90))
    same = PriceRule(
        "same", "9.85折", product_kinds=(ProductKind.TOP_UP,), rate=Rate.percent("98.5")
    )
    catalog = _with_rules(deeper, same)
    price = catalog.quote("top-up-100", Channel.ONLINE_HALL, at)
    assert (price.price, price.rule_code) == (Money(9000), "deeper")
    assert catalog.quote("recharge-card-100", Channel.ONLINE_HALL, at).rule_code == RULE


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"rate": Rate.percent(90)}, "product_kinds"),
        ({"product_kinds": (ProductKind.TOP_UP,)}, "rate"),
        (
            {"product_kinds": (ProductKind.TOP_UP,), "rate": Rate.one(), "fixed_price": Money(1)},
            "rate",
        ),
        ({"product_kinds": (ProductKind.TOP_UP,), "rate": "90%"}, "rate"),
        ({"product_kinds": (ProductKind.TOP_UP,), "fixed_price": Money(-1)}, "fixed_price"),
        ({"product_codes": ("Bad Code",), "rate": Rate.one()}, "product_codes"),
    ],
)
def test_a_price_rule_selects_products_and_sets_exactly_one_price(kwargs, field):
    with pytest.raises(InvalidInput) as caught:
        PriceRule("r", "r", **kwargs)
    assert caught.value.data["field"] == field


def test_a_quote_prints_what_set_the_price():
    at = datetime(2015, 6, 1, tzinfo=SHANGHAI)
    catalog = default_catalog()
    assert str(catalog.quote("top-up-30", Channel.ONLINE_HALL, at)) == (
        f"top-up-30 on online_hall: ¥29.55 by {RULE}"
    )
    assert str(catalog.quote("top-up-30", Channel.ONLINE_HALL, FIRST_AT_FACE)) == (
        "top-up-30 on online_hall: ¥30.00"
    )


# ------------------------------------------------------------------ properties


@given(cst.price_rules(), aware_instants(2005, 2035), st.integers(0, 10**7))
def test_f_shop_4_a_rule_prices_inside_its_window_and_the_list_price_holds_outside(rule, at, fen):
    listed = Money(fen)
    priced = quote("top-up-x", ProductKind.TOP_UP, listed, Channel.ONLINE_HALL, at, [rule])
    if rule.window.contains(at):
        assert (priced.price, priced.rule_code) == (rule.price(listed), rule.code)
    else:
        assert (priced.price, priced.rule_code) == (listed, None)
    assert priced.at.tzinfo is SHANGHAI


@given(cst.price_rules(), st.integers(0, 10**7))
def test_f_shop_4_a_window_starts_inclusive_and_ends_exclusive(rule, fen):
    listed = Money(fen)
    for bound, applies in ((rule.window.starts, True), (rule.window.ends, False)):
        if bound is not None:
            priced = quote(
                "c", ProductKind.RECHARGE_CARD, listed, Channel.MOBILE_HALL, bound, [rule]
            )
            assert (priced.rule_code == rule.code) is applies


@given(rates(), st.integers(0, 10**7))
def test_a_rate_rule_prices_at_the_rate_rounded_half_up_to_the_fen(rate, fen):
    rule = PriceRule("r", "r", product_kinds=(ProductKind.TOP_UP,), rate=rate)
    priced = quote("t", ProductKind.TOP_UP, Money(fen), Channel.HOTLINE, FIRST_AT_FACE, [rule])
    assert priced.price == Money(fen).apply(rate)
    exact = fen * rate.value
    assert abs(priced.price.fen - exact) <= 0.5


@given(st.lists(cst.price_rules(), max_size=5), aware_instants(2005, 2035))
def test_the_price_is_the_lowest_of_the_applicable_rules(rules, at):
    listed = Money(10000)
    priced = quote("t", ProductKind.TOP_UP, listed, Channel.ONLINE_HALL, at, rules)
    applicable = [r.price(listed) for r in rules if r.window.contains(at)]
    assert priced.price == (min(applicable, key=lambda m: m.fen) if applicable else listed)


def test_a_quote_refuses_a_naive_instant():
    with pytest.raises(InvalidInput) as caught:
        quote("t", ProductKind.TOP_UP, Money(1), Channel.ONLINE_HALL, datetime(2016, 1, 1), [])  # noqa: DTZ001
    assert caught.value.code == "time.naive"
    assert isinstance(
        quote("t", ProductKind.TOP_UP, Money(1), Channel.ONLINE_HALL, FIRST_AT_FACE, []), Quote
    )


def test_a_memory_source_serves_goods_with_their_own_rules():
    card = Goods(
        "card-20", "20元充值卡", ProductKind.RECHARGE_CARD, Money(2000), (Channel.SMS_HALL,)
    )
    rule = PriceRule("r", "r", product_codes=("card-20",), fixed_price=Money(1999))
    source = MemoryCatalogSource(Catalog(CatalogId("c"), 1, goods=(card,), price_rules=(rule,)))
    assert source.load().quote("card-20", Channel.SMS_HALL, FIRST_AT_FACE).price == Money(1999)
