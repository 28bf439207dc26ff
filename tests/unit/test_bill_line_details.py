"""A bill line carries the facts its words are made of (F-QRY-1, F-QRY-2, F-CAL-5, F-PRO-3).

The bill run keeps writing each line's Chinese ``description`` (stored bills and the API keep
it) and adds a :class:`LineDetail`: the product or service, the units and their price, the
days of the cycle; a bill stored before lines carried a detail loads with none.
"""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st

from unicom_core.catalog_data import default_catalog
from unicom_core.domain.billing import (
    BillingProfile,
    BillPolicy,
    DefaultRates,
    FeeDiscount,
    LineDetail,
    LineKind,
    PackHolding,
    ServiceUse,
    UsageTotals,
    bill_lines,
    charge_cycle,
    compose_bill,
)
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money, Rate
from unicom_core.domain.subscribers import (
    AccountId,
    CustomerId,
    NetworkGeneration,
    PaymentMode,
    ServiceKind,
    ServiceNumber,
    Subscriber,
    SubscriberId,
)
from unicom_core.serialization import converter
from unicom_core.testing.strategies.billing import bills

CATALOG = default_catalog()
MAY = BillingCycle(2026, 5)
MAY_10 = datetime(2026, 5, 10, tzinfo=SHANGHAI)


def _subscriber(plan: str) -> Subscriber:
    return Subscriber(
        SubscriberId("s-1"),
        CustomerId("c-1"),
        AccountId("a-1"),
        ServiceNumber.parse(ServiceKind.MOBILE, "18612345678"),
        plan,
        date(2010, 1, 1),
        PaymentMode.POSTPAID,
        NetworkGeneration.G4,
        "12345678",
    )


def _charges(totals: UsageTotals, plan: str = "4g-national-combo", discounts=()):
    holdings = (PackHolding("data-100mb", MAY_10, None),)
    profile = BillingProfile("s-1", holdings, None, (), discounts=discounts)
    return charge_cycle(CATALOG, _subscriber(plan), profile, MAY, totals, defaults=DefaultRates())


def test_a_pack_fee_line_names_its_pack_and_its_days():
    (line,) = bill_lines(_charges(UsageTotals()))
    assert line.kind is LineKind.PACK_FEE
    assert line.description == "8元100MB流量包 (22/31天)"  # 10-31 May: 22 days counted
    assert line.detail == LineDetail("data-100mb", days=22, cycle_days=31)


def test_a_usage_line_holds_the_units_beyond_the_allowances_and_their_price():
    totals = UsageTotals(sms=3, data_kb=150 * 1024)
    lines = {line.code: line for line in bill_lines(_charges(totals))}
    sms, data = lines["sms"], lines["data"]
    assert sms.description == "短信 3 条 × ¥0.10"
    assert sms.detail == LineDetail(quantity=3, unit_price=Money(10))
    assert sms.amount == Money(30)
    assert data.detail == LineDetail(quantity=50, unit_price=Money(20))  # 150MB - 100MB
    assert data.amount == Money(1000)


def test_a_value_added_line_names_its_service():
    totals = UsageTotals(services=(ServiceUse("music", 2, Money(400)),))
    line = next(line for line in bill_lines(_charges(totals)) if line.code == "value_added")
    assert line.description == "music 信息费"
    assert line.detail == LineDetail("music", 2)
    assert line.amount == Money(400)


def test_a_plan_fee_and_its_discount_name_the_plan():
    discount = FeeDiscount("d-1", "4g-national-76", Rate.percent(50), MAY_10, None, "半价优惠")
    charges = _charges(UsageTotals(), plan="4g-national-76", discounts=(discount,))
    lines = {line.kind: line for line in bill_lines(charges)}
    plan, off = lines[LineKind.PLAN_FEE], lines[LineKind.DISCOUNT]
    assert plan.detail == LineDetail("4g-national-76", days=31, cycle_days=31)
    assert off.detail == LineDetail("4g-national-76", days=22, cycle_days=31)
    assert off.description == "半价优惠 (22/31天)"


@given(st.integers(0, 500), st.integers(0, 500), st.integers(0, 4096 * 1024))
def test_the_detail_never_changes_an_amount(sms, minutes, data_kb):
    """Each usage line's amount is its units times its unit price, as the detail says."""
    totals = UsageTotals(voice_minutes=minutes, sms=sms, data_kb=data_kb)
    for line in bill_lines(_charges(totals)):
        detail = line.detail
        assert detail is not None
        if line.kind is LineKind.USAGE:
            assert detail.unit_price is not None
            assert line.amount == detail.unit_price * detail.quantity


def test_a_stored_bill_without_details_loads_with_none():
    charges = _charges(UsageTotals(sms=3))
    issued = datetime(2026, 6, 1, 2, tzinfo=SHANGHAI)
    bill, _ = compose_bill("a-1", MAY, [charges], BillPolicy(), at=issued)
    stored = converter.unstructure(bill)
    for line in stored["lines"]:
        del line["detail"]
    loaded = converter.structure(stored, type(bill))
    assert [line.detail for line in loaded.lines] == [None, None]
    assert [line.description for line in loaded.lines] == [line.description for line in bill.lines]
    assert loaded.total == bill.total


@given(bills())
def test_a_bill_round_trips_through_the_converter(bill):
    assert converter.structure(converter.unstructure(bill), type(bill)) == bill
