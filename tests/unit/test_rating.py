"""Rating against hand-computed examples from the published tariffs (F-QRY-2, F-BUN).

Tariffs (F-BUN, F-QRY-2): 4G national combination plan, data over the pack 0.2元/MB;
data packs 48元/1GB (1024 MB) and 8元/100MB; voice pack 32元/200 min; SMS pack 10元/200.
The rates the catalogue does not give are the documented defaults: voice 0.15元/min,
SMS 0.10元, MMS 0.30元, WLAN 0.05元/min.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.catalog_data import default_catalog
from unicom_core.domain.billing import (
    ChargeKind,
    DefaultRates,
    Measure,
    OverageTariff,
    ServiceUse,
    UsageTotals,
    rate,
    tariff_for,
)
from unicom_core.domain.catalog import Allowances, Catalog, Channel, OverageRates, Plan
from unicom_core.domain.shared import Money
from unicom_core.domain.subscribers import NetworkGeneration, PaymentMode
from unicom_core.errors import InvalidInput
from unicom_core.testing.strategies.billing import usage_totals

CATALOG = default_catalog()
COMBO = "4g-national-combo"
MB = 1024  # KB


def combo(*packs: str):
    return tariff_for(CATALOG, COMBO, [CATALOG.pack(code) for code in packs], DefaultRates())


def charge(rated, kind):
    return next((c for c in rated.charges if c.kind is kind), None)


def test_the_published_example_48_yuan_1gb_with_1_2gb_used():
    # 1224 MB used: 1024 from the pack, 200 MB over at 0.20元 = 40.00元.
    rated = rate(combo("data-1gb"), UsageTotals(data_kb=1224 * MB))
    data = charge(rated, ChargeKind.DATA)
    assert data.units == 200
    assert data.amount == Money.of_yuan(40)
    assert rated.total == Money.of_yuan(40)
    assert rated.buckets[0].remaining == 0


@pytest.mark.parametrize(
    ("used_kb", "over_mb", "amount"),
    [
        (1024 * MB, 0, "0"),  # exactly the pack: nothing over
        (1024 * MB + 1, 1, "0.20"),  # one KB over is a started MB
        (1025 * MB, 1, "0.20"),
        (1025 * MB + 1, 2, "0.40"),
        (2048 * MB, 1024, "204.80"),
    ],
)
def test_data_over_the_pack_is_charged_per_started_mb(used_kb, over_mb, amount):
    rated = rate(combo("data-1gb"), UsageTotals(data_kb=used_kb))
    data = charge(rated, ChargeKind.DATA)
    assert (data.units if data else 0) == over_mb
    assert rated.total == Money.of_yuan(amount)


def test_the_remaining_allowance_is_reported_per_pack_in_mb():
    rated = rate(combo("data-1gb"), UsageTotals(data_kb=300 * MB + 5))
    assert rated.buckets[0].remaining == 724 * MB - 5
    assert rated.buckets[0].remaining_mb == 723  # a started MB is not left
    assert rated.remaining(Measure.DATA_KB) == 724 * MB - 5


def test_voice_over_the_pack_at_the_default_rate():
    rated = rate(combo("data-100mb", "voice-200min"), UsageTotals(voice_minutes=250))
    voice = charge(rated, ChargeKind.VOICE)
    assert (voice.units, voice.amount) == (50, Money.of_yuan("7.50"))


def test_messages_drain_the_pack_sms_first_then_mms():
    # 200 messages included: 150 SMS and 80 MMS use 200; 30 MMS are over at 0.30元 = 9.00元.
    rated = rate(combo("data-100mb", "sms-200"), UsageTotals(sms=150, mms=80))
    assert charge(rated, ChargeKind.SMS) is None
    mms = charge(rated, ChargeKind.MMS)
    assert (mms.units, mms.amount) == (30, Money.of_yuan(9))
    rated = rate(combo("data-100mb", "sms-200"), UsageTotals(sms=230, mms=5))
    assert charge(rated, ChargeKind.SMS).amount == Money.of_yuan(3)
    assert charge(rated, ChargeKind.MMS).amount == Money.of_yuan("1.50")


def test_wlan_is_charged_per_minute():
    rated = rate(combo("data-100mb"), UsageTotals(wlan_minutes=100))
    assert charge(rated, ChargeKind.WLAN).amount == Money.of_yuan(5)


def test_a_value_added_pack_covers_its_service_fees():
    uses = (ServiceUse("caller_id", 3, Money(300)), ServiceUse("game", 2, Money(500)))
    rated = rate(combo("data-100mb", "vas-caller-id"), UsageTotals(services=uses))
    assert [c.description for c in rated.charges] == ["game 信息费"]
    assert rated.total == Money(500)


def test_plan_allowance_comes_first_then_packs_by_start():
    plan = Plan(
        "plan-76",
        "4G 76元套餐",
        NetworkGeneration.G4,
        (PaymentMode.POSTPAID,),
        Money(7600),
        (Channel.ONLINE_HALL,),
        Allowances(data_mb=500, voice_minutes=100),
        OverageRates(data_per_mb=Money(30)),
    )
    catalog = Catalog(CATALOG.id, 2, (plan,), CATALOG.combos, CATALOG.packs)
    packs = [catalog.pack("data-100mb"), catalog.pack("data-1gb")]
    tariff = tariff_for(catalog, "plan-76", packs, DefaultRates())
    assert [b.source_code for b in tariff.buckets] == [
        "plan-76",
        "plan-76",
        "data-100mb",
        "data-1gb",
    ]
    rated = rate(tariff, UsageTotals(data_kb=700 * MB, voice_minutes=10))
    used = {(u.bucket.source_code, u.bucket.measure): u.used for u in rated.buckets}
    assert used["plan-76", Measure.DATA_KB] == 500 * MB
    assert used["data-100mb", Measure.DATA_KB] == 100 * MB
    assert used["data-1gb", Measure.DATA_KB] == 100 * MB
    assert rated.total == Money.zero()
    over = rate(tariff, UsageTotals(data_kb=(500 + 100 + 1024 + 10) * MB))
    assert charge(over, ChargeKind.DATA).amount == Money.of_yuan(3)  # the plan's 0.30元/MB


def test_an_unknown_plan_rates_at_the_defaults_with_the_packs():
    tariff = tariff_for(CATALOG, "gone-plan", [CATALOG.pack("voice-200min")], DefaultRates())
    assert tariff.rates.data_per_mb == Money(20)
    assert [b.source_code for b in tariff.buckets] == ["voice-200min"]


def test_default_rates_are_configurable_and_checked():
    cheap = DefaultRates(voice_per_minute=Money(10))
    assert OverageTariff.of(None, cheap).voice_per_minute == Money(10)
    assert OverageTariff.of(OverageRates(voice_per_minute=Money(0)), cheap).voice_per_minute == (
        Money(0)
    )
    with pytest.raises(InvalidInput):
        DefaultRates(per_sms=Money(-1))


def test_mms_and_wlan_rates_come_from_the_catalogue_when_it_gives_them():
    """A carrier's catalogue may price MMS and WLAN; the defaults only fill the gaps."""
    defaults = DefaultRates()
    given = OverageTariff.of(OverageRates(per_mms=Money(50), wlan_per_minute=Money(2)), defaults)
    assert (given.per_mms, given.wlan_per_minute) == (Money(50), Money(2))
    fallback = OverageTariff.of(OverageRates(data_per_mb=Money(20)), defaults)
    assert (fallback.per_mms, fallback.wlan_per_minute) == (
        defaults.per_mms,
        defaults.wlan_per_minute,
    )


TARIFFS = st.sampled_from(
    [("data-1gb",), ("data-100mb", "voice-200min"), ("data-2gb", "sms-200", "voice-500min")]
).map(lambda codes: combo(*codes))


@given(TARIFFS, usage_totals())
def test_used_plus_over_is_everything_and_nothing_goes_negative(tariff, totals):
    rated = rate(tariff, totals)
    assert all(0 <= use.remaining <= use.bucket.included for use in rated.buckets)
    data_used = sum(u.used for u in rated.buckets if u.bucket.measure is Measure.DATA_KB)
    data_included = sum(
        u.bucket.included for u in rated.buckets if u.bucket.measure is Measure.DATA_KB
    )
    over = charge(rated, ChargeKind.DATA)
    assert data_used == min(totals.data_kb, data_included)
    assert (over.units if over else 0) == -(-(totals.data_kb - data_used) // MB)
    assert rated.total == Money.total(c.amount for c in rated.charges)


@given(TARIFFS, usage_totals(), usage_totals())
def test_more_usage_never_costs_less(tariff, base, extra):
    more = UsageTotals(
        base.voice_minutes + extra.voice_minutes,
        base.sms + extra.sms,
        base.mms + extra.mms,
        base.data_kb + extra.data_kb,
        base.wlan_minutes + extra.wlan_minutes,
    )
    assert rate(tariff, more).total >= rate(tariff, base).total


def test_usage_lines_name_the_service_units_and_price_as_the_bill_shows_them():
    """F-QRY-1: 3 SMS over the allowance at 0.10元 read 短信 3 条 × ¥0.10 and cost 0.30元."""
    tariff = tariff_for(CATALOG, "gone-plan", [], DefaultRates())
    rated = rate(tariff, UsageTotals(sms=3, voice_minutes=2))
    lines = {c.kind: (c.description, c.amount) for c in rated.charges}
    assert lines[ChargeKind.SMS] == ("短信 3 条 × ¥0.10", Money(30))
    assert lines[ChargeKind.VOICE] == ("国内语音 2 分钟 × ¥0.15", Money(30))
