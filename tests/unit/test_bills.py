"""Bills: fees prorated by days, lines, due dates, late fees, arrears (F-QRY-1, F-QRY-3, F-CAL-5).

Expected figures are computed by hand from the published tariffs and the documented rules:
late fee 3‰ a day on the unpaid principal, rounded to the fen each day; due by the last day
of the month after the cycle; suspension after 30 days of arrears.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.catalog_data import default_catalog
from unicom_core.domain.billing import (
    Adjustment,
    Bill,
    BillingProfile,
    BillLine,
    BillPolicy,
    DefaultRates,
    LineKind,
    PackHolding,
    UsageTotals,
    bill_id,
    charge_cycle,
    compose_bill,
    prorated,
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
    SubscriberStatus,
)
from unicom_core.errors import InvalidInput
from unicom_core.testing.strategies.billing import bill_policies, bills

CATALOG = default_catalog()
MAY = BillingCycle(2016, 5)
JUNE = BillingCycle(2016, 6)


def bj(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=SHANGHAI)  # type: ignore[misc]


def subscriber(
    joined: date = date(2010, 1, 1), status=SubscriberStatus.ACTIVE, plan="4g-national-combo"
):
    return Subscriber(
        SubscriberId("s-1"),
        CustomerId("c-1"),
        AccountId("a-1"),
        ServiceNumber.parse(ServiceKind.MOBILE, "18612345678"),
        plan,
        joined,
        PaymentMode.POSTPAID,
        NetworkGeneration.G4,
        "12345678",
        status,
    )


def profile(*holdings: PackHolding, adjustments=()):
    return BillingProfile("s-1", holdings, None, adjustments)


LONG_AGO = bj(2010, 1, 1)


def held(code: str, starts: datetime = LONG_AGO, ends: datetime | None = None):
    return PackHolding(code, starts, ends)


# ---------------------------------------------------------------------- monthly fees


def test_a_combo_bundle_charges_its_packs_whole_for_a_whole_month():
    charges = charge_cycle(
        CATALOG,
        subscriber(),
        profile(held("data-1gb"), held("voice-200min")),
        MAY,
        UsageTotals(),
        defaults=DefaultRates(),
    )
    assert charges.plan_fees == ()  # the combination plan has no fee of its own (F-BUN-4)
    assert [f.amount for f in charges.pack_fees] == [Money(4800), Money(3200)]
    assert charges.total == Money.of_yuan(80)


def test_a_pack_taken_up_mid_month_is_prorated_by_days():
    # 48元 from 2016-06-15 (a 30-day month): 16 of 30 days, 48 × 16 / 30 = 25.60元.
    charges = charge_cycle(
        CATALOG,
        subscriber(),
        profile(held("data-1gb", bj(2016, 6, 15, 14))),
        JUNE,
        UsageTotals(),
        defaults=DefaultRates(),
    )
    fee = charges.pack_fees[0]
    assert (fee.days, fee.cycle_days, fee.amount) == (16, 30, Money.of_yuan("25.60"))


def test_a_pack_released_from_next_month_is_whole_this_month_and_gone_next():
    holding = held("data-1gb", bj(2016, 1, 1), bj(2016, 6, 1))
    whole = charge_cycle(
        CATALOG, subscriber(), profile(holding), MAY, UsageTotals(), defaults=DefaultRates()
    )
    gone = charge_cycle(
        CATALOG, subscriber(), profile(holding), JUNE, UsageTotals(), defaults=DefaultRates()
    )
    assert whole.pack_fees[0].amount == Money(4800)
    assert gone.pack_fees == ()


@pytest.mark.parametrize(
    ("full", "days", "cycle_days", "expected"),
    [
        (Money(4800), 31, 31, Money(4800)),
        (Money(4800), 0, 31, Money(0)),
        (Money(800), 1, 29, Money(28)),  # 8元 for 1 of 29 days: 27.59 -> largest remainder 28
        (Money(800), 28, 29, Money(772)),
        (Money(100), 1, 3, Money(33)),
    ],
)
def test_proration_examples(full, days, cycle_days, expected):
    assert prorated(full, days, cycle_days) == expected


@given(st.integers(0, 10**6), st.sampled_from([28, 29, 30, 31]), st.data())
def test_proration_of_the_days_used_and_not_adds_up_to_the_fee(fen, cycle_days, data):
    days = data.draw(st.integers(0, cycle_days))
    left = prorated(Money(fen), cycle_days - days, cycle_days) if days < cycle_days else Money(0)
    used = Money(fen).allocate([days, cycle_days - days])[0] if cycle_days else Money(0)
    assert prorated(Money(fen), days, cycle_days) == used
    assert used.fen <= fen
    assert left.fen <= fen


def test_an_unknown_plan_charges_no_plan_fee_and_a_cancelled_number_no_plan_fee():
    charges = charge_cycle(
        CATALOG, subscriber(plan="gone"), None, MAY, UsageTotals(), defaults=DefaultRates()
    )
    assert charges.plan_fees == ()
    assert charges.total == Money.zero()


def test_adjustments_go_on_the_bill_of_their_cycle_only():
    credit = Adjustment("adj-1", MAY, Money(-500), "network outage credit")
    charges = charge_cycle(
        CATALOG,
        subscriber(),
        profile(held("data-100mb"), adjustments=(credit,)),
        MAY,
        UsageTotals(),
        defaults=DefaultRates(),
    )
    assert charges.total == Money(300)  # 8.00 − 5.00
    june = charge_cycle(
        CATALOG,
        subscriber(),
        profile(held("data-100mb"), adjustments=(credit,)),
        JUNE,
        UsageTotals(),
        defaults=DefaultRates(),
    )
    assert june.adjustments == ()


# ---------------------------------------------------------------------- composing


def test_a_bill_holds_every_line_and_its_total():
    charges = charge_cycle(
        CATALOG,
        subscriber(),
        profile(held("data-1gb")),
        MAY,
        UsageTotals(data_kb=1224 * 1024),
        defaults=DefaultRates(),
    )
    bill, events = compose_bill("a-1", MAY, [charges], BillPolicy(), at=bj(2016, 6, 1, 2))
    assert bill.id == bill_id("a-1", MAY) == "a-1:2016-05"
    assert [line.kind for line in bill.lines] == [LineKind.PACK_FEE, LineKind.USAGE]
    assert bill.total == Money.of_yuan(88)  # 48 + 40
    assert bill.due_date == date(2016, 6, 30)
    assert bill.settled_at is None
    assert events[0].total == Money.of_yuan(88)


def test_a_bill_of_nothing_is_settled_at_once():
    bill, _ = compose_bill("a-1", MAY, [], BillPolicy(), at=bj(2016, 6, 1))
    assert bill.total == Money.zero()
    assert bill.settled_at == bj(2016, 6, 1)


def test_a_bill_id_must_match_its_account_and_cycle():
    with pytest.raises(InvalidInput):
        Bill("other", "a-1", MAY, bj(2016, 6, 1), date(2016, 6, 30), Rate.per_mille(3), ())


@pytest.mark.parametrize(
    ("policy", "cycle", "due"),
    [
        (BillPolicy(), BillingCycle(2016, 1), date(2016, 2, 29)),  # a leap February
        (BillPolicy(), BillingCycle(2017, 1), date(2017, 2, 28)),
        (BillPolicy(), BillingCycle(2016, 12), date(2017, 1, 31)),
        (BillPolicy(due_day=20), BillingCycle(2016, 5), date(2016, 6, 20)),
    ],
)
def test_due_dates(policy, cycle, due):
    assert policy.due_date(cycle) == due


# ---------------------------------------------------------------------- late fees, arrears


def a_bill(amount: int = 10000, policy: BillPolicy | None = None) -> Bill:
    line = BillLine("s-1", "18612345678", LineKind.PACK_FEE, "p", "pack", Money(amount))
    chosen = policy or BillPolicy()
    return Bill(
        bill_id("a-1", MAY),
        "a-1",
        MAY,
        bj(2016, 6, 1),
        chosen.due_date(MAY),
        chosen.late_fee_rate,
        (line,),
    )


def test_late_fees_are_3_per_mille_a_day_after_the_due_date():
    bill = a_bill(10000)  # 100元 due by 2016-06-30: 0.30元 a day from 07-01
    assert bill.owed_at(bj(2016, 6, 30, 23, 59)) == Money(10000)
    assert bill.owed_at(bj(2016, 7, 1)) == Money(10030)
    assert bill.owed_at(bj(2016, 7, 10, 12)) == Money(10300)  # 10 days: 3.00元
    assert bill.days_in_arrears(bj(2016, 6, 30, 23)) == 0
    assert bill.days_in_arrears(bj(2016, 7, 1)) == 1
    assert bill.days_in_arrears(bj(2016, 7, 30)) == 30


def test_each_day_is_rounded_to_the_fen():
    bill = a_bill(1234)  # 12.34元 × 3‰ = 3.702 fen -> 4 fen a day
    assert bill.owed_at(bj(2016, 7, 3)) == Money(1234 + 3 * 4)


def test_a_partial_payment_lowers_the_fee_from_the_next_day():
    bill = a_bill(10000)
    paid, events = bill.pay("p1", Money(5000), at=bj(2016, 7, 2, 9))  # on day 2 of arrears
    assert paid == Money(5000)
    assert events[0].owed == Money(10000 + 60 - 5000)
    # Days 07-01 and 07-02 on 100元 (0.30 each), 07-03 on 50元 (0.15).
    assert bill.owed_at(bj(2016, 7, 3)) == Money(5000 + 30 + 30 + 15)


def test_paying_everything_settles_and_stops_the_fee():
    bill = a_bill(10000)
    owed = bill.owed_at(bj(2016, 7, 5))
    paid, _ = bill.pay("p1", Money(10**6), at=bj(2016, 7, 5))
    assert paid == owed == Money(10150)
    assert bill.settled_at == bj(2016, 7, 5)
    assert bill.owed_at(bj(2016, 12, 31)) == Money(0)
    assert bill.days_in_arrears(bj(2016, 12, 31)) == 0


def test_a_payment_id_applies_once():
    bill = a_bill(10000)
    assert bill.pay("p1", Money(3000), at=bj(2016, 6, 10))[0] == Money(3000)
    assert bill.pay("p1", Money(3000), at=bj(2016, 6, 10)) == (Money(0), ())
    assert bill.paid == Money(3000)


def test_the_late_fee_rate_is_configurable_and_kept_on_the_bill():
    bill = a_bill(10000, BillPolicy(late_fee_rate=Rate.per_mille(5), due_day=15))
    assert bill.owed_at(bj(2016, 6, 17)) == Money(10100)  # 06-16, 06-17 at 0.50元


@given(bills(), st.lists(st.integers(1, 20_000), max_size=4), st.integers(0, 120))
def test_a_bill_never_takes_more_than_is_owed_and_fees_only_grow(bill, amounts, days):
    at = datetime.combine(bill.due_date, datetime.min.time(), tzinfo=SHANGHAI)
    for index, amount in enumerate(amounts):
        at += timedelta(days=days // (index + 1))
        before = bill.owed_at(at)
        paid, _ = bill.pay(f"p{index}", Money(amount), at=at)
        assert paid == min(Money(amount), before)
        assert bill.owed_at(at) == before - paid
    later = at + timedelta(days=days)
    assert bill.owed_at(later) >= bill.owed_at(at)
    assert bill.paid <= bill.principal + bill.late_fee_through(later.date())


@given(bill_policies())
def test_policies_give_a_due_date_in_the_next_month(policy):
    due = policy.due_date(MAY)
    assert (due.year, due.month) == (2016, 6)


@pytest.mark.parametrize(
    "build",
    [
        lambda: BillPolicy(due_day=29),
        lambda: BillPolicy(suspend_after_days=0),
        lambda: BillPolicy(late_fee_rate="3"),  # type: ignore[arg-type]
    ],
)
def test_policies_are_validated(build):
    with pytest.raises(InvalidInput):
        build()
