"""The 4G upgrade and the credit limit as business handlings (F-BIZ-4, F-BIZ-7, F-CAL-4).

Through ``hall.handling`` and ``hall.plans`` on memory storage: the upgrade takes effect on
the 1st and records its cycle so the F-CAL-4 windows follow; cancelled, it leaves no trace;
the credit limit never exceeds what the rules allow; a refused handling changes nothing.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.billing import Bill, BillLine, BillPayment, LineKind, bill_id
from unicom_core.domain.handling import (
    AgeBand,
    CreditLimitRules,
    LatePenalty,
    RecordStatus,
    late_bills,
)
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money, Rate
from unicom_core.domain.subscribers import NetworkGeneration
from unicom_core.errors import Refused, UnicomError
from unicom_core.ports.shared import PageRequest
from unicom_core.testing.worlds.billing import COMBO, BillingWorld
from unicom_core.usecases.handling import CreditLimitChange, UpgradeState, default_handlers

MAY_17 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
JUNE_1 = dt.datetime(2016, 6, 1, tzinfo=SHANGHAI)
JUNE = BillingCycle(2016, 6)
G3 = NetworkGeneration.G3


@pytest.fixture
def world() -> BillingWorld:
    return BillingWorld(start=MAY_17)


def _state(world: BillingWorld, subscriber_id: str) -> tuple[object, ...]:
    """Everything a handling may write for the number: subscriber, account, profile, records."""
    with world.storage.read() as tx:
        subscriber = tx.subscribers.get(subscriber_id)
        return (
            subscriber,
            tx.accounts.get(subscriber.account_id),
            tx.billing_profiles.find(subscriber_id),
            tx.business_records.list_by_subscriber(subscriber_id, PageRequest()).items,
        )


# ------------------------------------------------------------------ F-BIZ-4, F-CAL-4


def test_an_upgrade_takes_effect_on_the_first_and_the_windows_follow(world):
    """F-BIZ-4: 3G in May, 4G on the new plan from 1 June; F-CAL-4: pay 2nd 08:00, query 4th."""
    subscriber = world.add_number("18612340101", plan="3g-basic-a-46", generation=G3)
    token = world.login(subscriber)
    record = world.hall.handling.handle(
        token, "upgrade_4g", {"plan": "4g-national-76"}, request_id="req-00000101"
    )
    assert record.status is RecordStatus.PENDING
    assert world.hall.plans.upgrade_status(token).state is UpgradeState.PENDING
    with world.storage.read() as tx:
        assert tx.billing_profiles.get(subscriber.id).upgraded_to_4g_in == JUNE
        assert tx.subscribers.get(subscriber.id).generation is G3
    world.move_to(JUNE_1 + dt.timedelta(hours=10))
    assert world.hall.handling.apply_due() == 1
    status = world.hall.plans.upgrade_status(world.login(subscriber))
    assert status.state is UpgradeState.UPGRADED
    assert status.generation is NetworkGeneration.G4
    assert status.plan_code == "4g-national-76"
    assert status.effective_cycle == JUNE
    assert status.payment_opens == dt.datetime(2016, 6, 2, 8, 0, tzinfo=SHANGHAI)
    assert status.query_opens == dt.datetime(2016, 6, 4, 8, 0, tzinfo=SHANGHAI)


def test_an_upgrade_to_the_combination_plan_holds_its_packs_from_the_first(world):
    """F-BIZ-4: the chosen packs from 1 June; the 3G pack is released then; cancel undoes all."""
    subscriber = world.add_number(
        "18612340102", plan="3g-basic-a-46", generation=G3, packs=("data-3g-100mb",)
    )
    token = world.login(subscriber)
    before = _state(world, subscriber.id)[2]
    record = world.hall.handling.handle(
        token,
        "upgrade_4g",
        {"plan": COMBO, "packs": "data-1gb, voice-200min"},
        request_id="req-00000102",
    )
    with world.storage.read() as tx:
        profile = tx.billing_profiles.get(subscriber.id)
    held_june = {h.pack_code for h in profile.packs if h.held_at(JUNE_1)}
    assert held_june == {"data-1gb", "voice-200min"}
    assert {h.pack_code for h in profile.packs if h.held_at(MAY_17)} == {"data-3g-100mb"}
    world.hall.handling.cancel(token, record.id)
    after = _state(world, subscriber.id)[2]
    assert after.packs == before.packs
    assert after.upgraded_to_4g_in is None
    assert world.hall.plans.upgrade_status(token).state is UpgradeState.NOT_UPGRADED


@pytest.mark.parametrize(
    ("generation", "params", "code"),
    [
        (NetworkGeneration.G4, {"plan": "4g-national-76"}, "handling.already_4g"),
        (G3, {"plan": "3g-basic-a-66"}, "handling.plan_not_offered"),
        (G3, {"plan": "4g-shared-member"}, "handling.plan_not_offered"),
        (G3, {"plan": COMBO}, "handling.parameter"),  # the combination plan needs packs
        (G3, {"plan": COMBO, "packs": "voice-200min"}, "bundle.data_pack_required"),
    ],
)
def test_an_upgrade_the_rules_refuse_changes_nothing(world, generation, params, code):
    """F-BIZ-4: refused before anything is written (one transaction)."""
    subscriber = world.add_number("18612340103", plan="3g-basic-a-46", generation=generation)
    token = world.login(subscriber)
    before = _state(world, subscriber.id)
    with pytest.raises(UnicomError) as refused:
        world.hall.handling.handle(token, "upgrade_4g", params, request_id="req-00000103")
    assert refused.value.code == code
    assert _state(world, subscriber.id) == before


# ------------------------------------------------------------------ F-BIZ-7 credit limit


def _bill(subscriber, cycle: BillingCycle, *, paid_on: dt.date | None) -> Bill:
    """A 50元 bill of ``cycle`` due on the last day of the next month, paid on ``paid_on``."""
    line = BillLine(
        subscriber.id, subscriber.number.value, LineKind.PLAN_FEE, "fee", "月费", Money(5000)
    )
    payments = ()
    settled = None
    if paid_on is not None:
        settled = dt.datetime.combine(paid_on, dt.time(12), tzinfo=SHANGHAI)
        payments = (BillPayment("pay-" + str(cycle), settled, Money(5000)),)
    return Bill(
        bill_id(subscriber.account_id, cycle),
        subscriber.account_id,
        cycle,
        cycle.end,
        cycle.next().last_day,
        Rate.per_mille(3),
        (line,),
        payments,
        settled,
    )


def test_the_limit_follows_network_age_and_late_bills(world):
    """F-BIZ-7: 6 years: 500元; two bills paid late in 12 months keep 50 %: 250元."""
    subscriber = world.add_number("18612340104", plan="3g-basic-a-46", generation=G3)
    late = [BillingCycle(2016, 1), BillingCycle(2016, 2)]
    on_time = BillingCycle(2016, 3)
    with world.storage.transaction() as tx:
        for cycle in late:
            tx.bills.add(_bill(subscriber, cycle, paid_on=cycle.next().last_day + dt.timedelta(3)))
        tx.bills.add(_bill(subscriber, on_time, paid_on=on_time.next().first_day))
    token = world.login(subscriber)
    quote = world.hall.plans.credit_limit(token)
    assert (quote.allowed, quote.late_bills) == (Money.of_yuan(250), 2)
    with pytest.raises(Refused) as refused:
        world.hall.handling.handle(token, "credit_limit", {"limit": "300"}, request_id="req-0104a")
    assert refused.value.code == "handling.credit_limit_exceeds"
    record = world.hall.handling.handle(
        token, "credit_limit", {"limit": "250元"}, request_id="req-00000104"
    )
    assert record.status is RecordStatus.DONE
    with world.storage.read() as tx:
        assert tx.accounts.get(subscriber.account_id).credit_limit == Money.of_yuan(250)
    history = world.hall.handling.records(token, PageRequest(), kind="credit_limit")
    assert [r.change.after for r in history.items] == [(("信用额度", "¥250.00"),)]


def test_a_young_number_gets_no_credit(world):
    """F-BIZ-7: under six months of network age the rules allow 0元."""
    subscriber = world.add_number(
        "18612340105", plan="3g-basic-a-46", generation=G3, joined_on=dt.date(2016, 1, 1)
    )
    token = world.login(subscriber)
    assert world.hall.plans.credit_limit(token).allowed == Money(0)
    with pytest.raises(Refused):
        world.hall.handling.handle(
            token, "credit_limit", {"limit": "50"}, request_id="req-00000105"
        )


@settings(max_examples=20, deadline=None)
@given(
    joined_days=st.integers(0, 4000),
    limit_fen=st.integers(0, 80_000),
    bands=st.lists(st.tuples(st.integers(1, 100), st.integers(0, 100_000)), max_size=4),
)
def test_the_credit_limit_never_exceeds_the_rules(joined_days, limit_fen, bands):
    """F-BIZ-7 (law): after any request, granted or refused, the limit is within the rules."""
    rules = CreditLimitRules(
        age_bands=(AgeBand(0, Money(1000)), *(AgeBand(m, Money(f)) for m, f in bands)),
        penalties=(LatePenalty(0, 100),),
    )
    world = BillingWorld(start=MAY_17)
    handlers = [h for h in default_handlers() if h.kind != "credit_limit"]
    world.hall = _with_handlers(world, (*handlers, CreditLimitChange(rules)))
    joined = MAY_17.date() - dt.timedelta(days=joined_days)
    subscriber = world.add_number(
        "18612340106", plan="3g-basic-a-46", generation=G3, joined_on=joined
    )
    token = world.login(subscriber)
    allowed = world.hall.plans.credit_limit(token).allowed
    limit = Money(limit_fen)
    params = {"limit": str(limit)}
    if limit > allowed or limit == Money(0):  # over the rules, or the limit it has already
        with pytest.raises(UnicomError):
            world.hall.handling.handle(token, "credit_limit", params, request_id="req-00000106")
    else:
        world.hall.handling.handle(token, "credit_limit", params, request_id="req-00000106")
    with world.storage.read() as tx:
        granted = tx.accounts.get(subscriber.account_id).credit_limit
    assert granted <= allowed
    assert granted == (limit if limit <= allowed else Money(0))


def _with_handlers(world: BillingWorld, handlers):
    return bootstrap(
        storage=world.storage,
        clock=world.clock,
        messages=world.messages,
        captcha=world.captcha,
        handlers=handlers,
    )


def test_late_bills_count_only_the_window_and_the_bills_paid_late(world):
    """F-BIZ-7: a late bill older than the window does not count; an unpaid overdue one does."""
    subscriber = world.add_number("18612340107")
    rules = CreditLimitRules(window_months=3)
    old = _bill(subscriber, BillingCycle(2015, 12), paid_on=dt.date(2016, 2, 10))  # late, old
    overdue = _bill(subscriber, BillingCycle(2016, 3), paid_on=None)  # due 30 April, unpaid
    prompt = _bill(subscriber, BillingCycle(2016, 2), paid_on=dt.date(2016, 3, 20))
    assert late_bills([old, overdue, prompt], rules, MAY_17) == 1


# ------------------------------------------------------------------ refusals change nothing

_REFUSED = [
    ("data_pack", {"pack": "data-4g-500mb"}),  # a 3G number
    ("data_pack", {"pack": ""}),
    ("plan_change", {"plan": "4g-national-136"}),
    ("plan_change", {"plan": "no-such-plan"}),
    ("primary_number", {"new_primary": "18612340999"}),
    ("upgrade_4g", {"plan": "3g-basic-b-46"}),
    ("credit_limit", {"limit": "-5"}),
    ("credit_limit", {"limit": "五十"}),
    ("credit_limit", {"limit": "100000"}),
]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(_REFUSED), st.booleans())
def test_a_refused_handling_changes_nothing(refused, preview_first):
    """A refusal (F-BIZ-2..7) writes no record, no plan, no pack, no limit: one transaction."""
    kind, params = refused
    world = BillingWorld(start=MAY_17)
    subscriber = world.add_number("18612340108", plan="3g-basic-a-46", generation=G3)
    token = world.login(subscriber)
    before = _state(world, subscriber.id)
    if preview_first:
        with pytest.raises(UnicomError):
            world.hall.handling.preview(token, kind, params)
    with pytest.raises(UnicomError):
        world.hall.handling.handle(token, kind, params, request_id="req-00000108")
    assert _state(world, subscriber.id) == before


def test_the_half_year_pack_bills_its_fee_once_and_its_cycles_nothing(world):
    """F-BIZ-2: May's bill has the 60元 adjustment and a 0元 pack line; June's only 0元."""
    subscriber = world.add_number("18612340109", plan="3g-basic-a-46", generation=G3)
    token = world.login(subscriber)
    world.hall.handling.handle(
        token, "data_pack", {"pack": "data-half-year-500mb"}, request_id="req-00000109"
    )
    for cycle in (BillingCycle(2016, 5), JUNE):
        world.move_to(cycle.end + dt.timedelta(hours=1))
        world.hall.run_bill_cycle(cycle)
    with world.storage.read() as tx:
        bills = tx.bills.list_by_account(subscriber.account_id, PageRequest()).items
    by_cycle = {b.cycle: b for b in bills}
    for cycle, adjustment in ((BillingCycle(2016, 5), Money.of_yuan(60)), (JUNE, Money(0))):
        lines = by_cycle[cycle].lines
        packs = [ln.amount for ln in lines if ln.kind is LineKind.PACK_FEE]
        adjusted = Money.total(ln.amount for ln in lines if ln.kind is LineKind.ADJUSTMENT)
        assert packs == [Money(0)]
        assert adjusted == adjustment
