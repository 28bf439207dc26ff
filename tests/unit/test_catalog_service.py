"""CatalogService: the catalogue use cases on a settable clock (F-BUN-1..4, F-SHOP-4, F-CAL-1)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from unicom_core.catalog_data import default_catalog, default_catalog_source
from unicom_core.domain.catalog import (
    Allowances,
    Catalog,
    CatalogId,
    Channel,
    EffectiveWindow,
    Pack,
    PackKind,
    Plan,
    PriceRule,
    ProductKind,
)
from unicom_core.domain.shared import SHANGHAI, Money, Rate
from unicom_core.domain.subscribers import NetworkGeneration, PaymentMode
from unicom_core.errors import Conflict, InvalidInput, NotFound, Refused
from unicom_core.memory.catalog import MemoryCatalogSource
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.storage import MemoryStorage
from unicom_core.usecases.catalog import CatalogService

if TYPE_CHECKING:
    from unicom_core.ports.catalog import CatalogSource

COMBO = "4g-national-combo"
NOW = datetime(2025, 11, 16, 15, 30, tzinfo=SHANGHAI)


@pytest.fixture
def clock() -> SettableClock:
    return SettableClock(NOW)


def _service(clock: SettableClock, source: CatalogSource | None = None) -> CatalogService:
    service = CatalogService(MemoryStorage(), clock)
    service.install(source if source is not None else default_catalog_source())
    return service


@pytest.fixture
def service(clock) -> CatalogService:
    return _service(clock)


def test_offers_are_listed_for_a_channel_at_the_clock_or_a_given_instant(service):
    online = [offer.product.code for offer in service.offers(Channel.ONLINE_HALL)]
    assert COMBO in online
    assert "data-100mb" in online
    assert "top-up-30" in online
    assert service.offers(Channel.PHYSICAL_STORE) == ()
    before = datetime(2016, 1, 11, 12, 0, tzinfo=SHANGHAI)
    prices = {o.product.code: o.price.price for o in service.offers(Channel.MOBILE_HALL, before)}
    assert prices["top-up-30"] == Money(2955)


def test_show_plan_groups_the_tiers_of_the_combination_plan(service):
    details = service.show_plan(COMBO)
    assert (details.kind, details.generation) == (ProductKind.COMBO_PLAN, NetworkGeneration.G4)
    assert details.monthly_fee == Money(800)  # from 8元: the cheapest data pack alone
    assert details.allowances == Allowances(data_mb=100)
    assert details.overage.data_per_mb == Money(20)
    groups = {group.kind: group for group in details.tiers}
    assert groups[PackKind.DATA].required
    assert not groups[PackKind.VOICE].required
    assert [p.fee.fen for p in groups[PackKind.DATA].packs] == [
        800,
        1600,
        2400,
        4800,
        7200,
        9600,
        12000,
        15200,
        23200,
    ]
    assert [p.code for p in groups[PackKind.SMS].packs] == ["sms-200", "sms-400", "sms-600"]
    assert len(groups[PackKind.VALUE_ADDED].packs) == 4
    assert details.channels == (Channel.ONLINE_HALL, Channel.MOBILE_HALL)


def test_show_plan_of_a_fixed_plan(clock):
    plan = Plan(
        "plan-20",
        "20元套餐",
        NetworkGeneration.G3,
        (PaymentMode.PREPAID,),
        Money(2000),
        (Channel.PHYSICAL_STORE,),
        Allowances(voice_minutes=50),
    )
    service = _service(clock, MemoryCatalogSource(Catalog(CatalogId("default"), 1, plans=(plan,))))
    details = service.show_plan("plan-20")
    assert (details.kind, details.monthly_fee, details.tiers) == (ProductKind.PLAN, Money(2000), ())
    assert details.allowances.voice_minutes == 50
    with pytest.raises(NotFound):
        service.show_plan("plan-30")


def test_show_plan_refuses_a_combination_plan_whose_required_tier_is_not_on_sale(clock):
    ended = EffectiveWindow(ends=NOW - timedelta(days=1))
    base = default_catalog()
    packs = tuple(
        Pack(p.code, p.name, p.kind, p.fee, p.allowances, p.channels, ended)
        if p.kind is PackKind.DATA
        else p
        for p in base.packs
    )
    catalog = Catalog(base.id, 2, combos=base.combos, packs=packs)
    service = _service(clock, MemoryCatalogSource(catalog))
    with pytest.raises(Refused) as caught:
        service.show_plan(COMBO)
    assert caught.value.code == "catalog.not_on_sale"
    before = NOW - timedelta(days=2)
    assert service.show_plan(COMBO, at=before).monthly_fee == Money(800)


def test_compose_prices_a_bundle_at_the_sum_of_its_packs(service):
    priced = service.compose(COMBO, ["data-1gb", "voice-200min", "sms-200", "vas-caller-id"])
    assert priced.monthly_fee == Money.parse("96元")
    assert (priced.price.list_price, priced.price.price) == (Money(9600), Money(9600))
    assert priced.price.channel is Channel.ONLINE_HALL
    assert priced.price.at == NOW


@pytest.mark.parametrize("channel", [Channel.ONLINE_HALL, Channel.MOBILE_HALL])
def test_f_bun_3_the_bundle_can_be_ordered_online_and_in_the_mobile_hall(service, channel):
    assert service.compose(COMBO, ["data-100mb"], channel).monthly_fee == Money(800)


@pytest.mark.parametrize("channel", [Channel.PHYSICAL_STORE, Channel.HOTLINE, Channel.SMS_HALL])
def test_f_bun_3_any_other_channel_is_refused(service, channel):
    with pytest.raises(Refused) as caught:
        service.compose(COMBO, ["data-100mb"], channel)
    assert caught.value.code == "bundle.channel"
    assert caught.value.data["allowed"] == ["online_hall", "mobile_hall"]
    with pytest.raises(Refused):
        service.plan_change(COMBO, ["data-100mb"], ["data-1gb"], channel)


def test_compose_reports_the_composition_rules(service):
    with pytest.raises(InvalidInput) as caught:
        service.compose(COMBO, ["voice-200min"])
    assert caught.value.code == "bundle.data_pack_required"
    with pytest.raises(InvalidInput) as caught:
        service.compose(COMBO, ["data-100mb"], "online_hall")  # type: ignore[arg-type]
    assert caught.value.code == "catalog.channel"


def test_a_campaign_rule_prices_the_bundle_and_keeps_its_fee(clock):
    base = default_catalog()
    half = PriceRule(
        "half-price", "月费5折", product_kinds=(ProductKind.COMBO_PLAN,), rate=Rate.percent(50)
    )
    catalog = Catalog(base.id, 2, base.plans, base.combos, base.packs, base.goods, (half,))
    priced = _service(clock, MemoryCatalogSource(catalog)).compose(COMBO, ["data-1gb"])
    assert (priced.monthly_fee, priced.price.price) == (Money(4800), Money(2400))
    assert priced.price.rule_code == "half-price"


def test_compare_bundles_side_by_side(service):
    comparison = service.compare(COMBO, [["data-3gb"], ["data-1gb", "voice-500min"]])
    assert [c.monthly_fee for c in comparison.columns] == [Money(9600), Money(10400)]
    assert comparison.cheapest.pack_codes == ("data-3gb",)
    with pytest.raises(InvalidInput):
        service.compare(COMBO, [])


def test_plan_change_takes_the_instant_from_the_clock(service, clock):
    plan = service.plan_change(COMBO, ["data-100mb"], ["data-100mb", "voice-200min"])
    assert plan.at == NOW
    assert plan.charge_now == Money.parse("16元")  # 32元 for 15 of 30 days
    clock.set(datetime(2025, 12, 1, tzinfo=SHANGHAI))
    assert service.plan_change(
        COMBO, ["data-100mb"], ["data-100mb", "voice-200min"]
    ).charge_now == (Money.parse("32元"))


def _cheaper_100mb(base: Catalog, revision: int) -> Catalog:
    packs = tuple(
        Pack(p.code, p.name, p.kind, Money(600), p.allowances, p.channels)
        if p.code == "data-100mb"
        else p
        for p in base.packs
    )
    return Catalog(base.id, revision, base.plans, base.combos, packs, base.goods)


def _published(storage: MemoryStorage) -> list[tuple[str, int]]:
    with storage.transaction() as tx:
        return [(e.event.event_type, e.event.revision) for e in tx.outbox.pending(10)]  # type: ignore[attr-defined]


def test_a_newly_published_revision_applies_at_once(clock):
    storage = MemoryStorage()
    service = CatalogService(storage, clock)
    installed = service.install(default_catalog_source())
    assert (installed.revision, installed.version) == (3, 1)
    stored = service.publish(_cheaper_100mb(default_catalog(), 4))
    assert (stored.revision, stored.version) == (4, 2)
    assert service.catalog().revision == 4
    assert service.compose(COMBO, ["data-100mb"]).monthly_fee == Money(600)
    assert _published(storage) == [("catalog.published", 3), ("catalog.published", 4)]
    with pytest.raises(Conflict) as caught:
        service.publish(default_catalog())
    assert caught.value.code == "catalog.stale_revision"


def test_install_keeps_a_stored_revision_as_new_and_takes_a_newer_one(clock):
    storage = MemoryStorage()
    service = CatalogService(storage, clock)
    service.install(MemoryCatalogSource(_cheaper_100mb(default_catalog(), 4)))
    assert service.install(default_catalog_source()).revision == 4  # the file is revision 3
    assert service.compose(COMBO, ["data-100mb"]).monthly_fee == Money(600)
    newer = _cheaper_100mb(default_catalog(), 5)
    assert service.install(MemoryCatalogSource(newer)).revision == 5
    assert _published(storage) == [("catalog.published", 4), ("catalog.published", 5)]


def test_a_hall_without_a_catalogue_says_so(clock):
    service = CatalogService(MemoryStorage(), clock)
    with pytest.raises(NotFound) as caught:
        service.offers(Channel.ONLINE_HALL)
    assert caught.value.code == "catalog.not_installed"
    with pytest.raises(NotFound):
        service.publish(default_catalog())


def test_a_hall_sells_from_its_own_catalogue_id(clock):
    service = CatalogService(MemoryStorage(), clock, CatalogId("north"))
    with pytest.raises(InvalidInput) as caught:
        service.install(default_catalog_source())
    assert caught.value.code == "catalog.id"
    north = Catalog(CatalogId("north"), 1, goods=default_catalog().goods)
    service.install(MemoryCatalogSource(north))
    assert service.price("top-up-30").price == Money(3000)


def test_the_memory_source_hands_out_copies():
    source = MemoryCatalogSource(default_catalog())
    first = source.load()
    first.version = 7
    assert source.load().version == 0
