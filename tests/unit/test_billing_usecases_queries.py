"""The charge and usage queries through the permission check and the calendar (F-QRY, F-AUTH-5).

Every query asks ``hall.access.authorize`` first: a random-password session sees charges,
balance and bills but no detail record (F-AUTH-5), and another customer's number is unknown
(F-AUTH-6). Then the calendar: F-CAL-3 for 2G/3G postpaid numbers on days 1-2, F-CAL-4 in
the month an upgrade to 4G takes effect.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unicom_core.domain.billing import DetailKind, UsageKind
from unicom_core.domain.shared import SHANGHAI, BillingCycle, MobileNumber, Money
from unicom_core.domain.subscribers import NetworkGeneration
from unicom_core.errors import InvalidInput, NotFound, Refused
from unicom_core.ports.shared import PageRequest
from unicom_core.testing.worlds.billing import BillingWorld

MAY, JUNE = BillingCycle(2016, 5), BillingCycle(2016, 6)
MB = 1024 * 1024
TICK = dt.timedelta(microseconds=1)


def bj(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=SHANGHAI)  # type: ignore[misc]


@pytest.fixture
def world():
    return BillingWorld()


def with_usage(world: BillingWorld, **kwargs):
    s = world.add_number("18612345678", packs=("data-1gb", "voice-200min"), **kwargs)
    n = s.number.value
    world.ingest(
        "b1",
        world.usage("d1", n, UsageKind.DATA, 1224 * MB),
        world.usage("v1", n, UsageKind.VOICE, 125),
        world.usage("m1", n, UsageKind.SMS, 2, detail="10010"),
        world.usage("w1", n, UsageKind.WLAN, 600),
        world.usage("x1", n, UsageKind.VALUE_ADDED, 1, detail="game", fee=Money(200)),
    )
    return s


def test_f_qry_1_charges_so_far_then_from_the_bill(world):
    s = with_usage(world)
    token = world.login(s)
    live = world.hall.billing.charges(token)
    # 48 + 32 fees, 200 MB over = 40元, 2 SMS = 0.20元, 10 min WLAN = 0.50元, the game's
    # information fee 2.00元: 122.70元.
    assert not live.final
    assert live.total == Money.of_yuan("122.70")
    world.move_to(bj(2016, 6, 3))
    world.hall.billing.close_cycle(MAY)
    final = world.hall.billing.charges(world.login(s), MAY)
    assert final.final
    assert final.total == live.total
    with pytest.raises(InvalidInput) as raised:
        world.hall.billing.charges(world.login(s), JUNE.next())
    assert raised.value.code == "billing.future_cycle"


def test_f_qry_1_balance_and_what_is_owed(world):
    s = with_usage(world)
    world.move_to(bj(2016, 7, 2))
    world.hall.billing.close_cycle(MAY)
    balance = world.hall.billing.balance(world.login(s))
    # 122.70元 due 06-30; two days late: 2 × 0.37元 (122.70 × 3‰ = 36.81 fen -> 37).
    assert balance.owed == Money(12270 + 74)
    assert balance.days_in_arrears == 2
    assert balance.available == Money(0)


def test_f_qry_2_remaining_allowances_per_pack(world):
    s = with_usage(world)
    view = world.hall.billing.allowances(world.login(s))
    left = {use.bucket.source_code: use.remaining for use in view.buckets}
    assert left == {"data-1gb": 0, "voice-200min": 197}  # 125 s is 3 started minutes


def test_f_qry_3_bills_newest_first(world):
    s = with_usage(world)
    world.move_to(bj(2016, 6, 3))
    world.hall.billing.close_cycle(MAY)
    world.move_to(bj(2016, 7, 3))
    world.hall.billing.close_cycle(JUNE)
    page = world.hall.billing.bills(world.login(s))
    assert [str(b.cycle) for b in page.items] == ["2016-06", "2016-05"]
    assert page.items[0].total == Money.of_yuan(80)  # June: the packs only


def test_f_qry_3_detail_records_in_time_order(world):
    s = with_usage(world)
    page = world.hall.billing.details(world.login(s), DetailKind.SMS, MAY)
    assert [(e.record_id, e.detail, e.units) for e in page.items] == [("m1", "10010", 2)]
    internet = world.hall.billing.internet_access(world.login(s), MAY)
    assert [e.record_id for e in internet.items] == ["d1"]


def test_f_qry_3_older_months_are_refused_naming_the_earliest(world):
    s = with_usage(world)
    token = world.login(s)
    world.hall.billing.details(token, DetailKind.VOICE, BillingCycle(2015, 12))
    with pytest.raises(Refused) as raised:
        world.hall.billing.details(token, DetailKind.VOICE, BillingCycle(2015, 11))
    assert (raised.value.code, raised.value.data["earliest"]) == (
        "billing.detail_window",
        "2015-12",
    )
    world.hall.billing.internet_access(token, BillingCycle(2016, 4))
    with pytest.raises(Refused) as raised:
        world.hall.billing.internet_access(token, BillingCycle(2016, 3))
    assert raised.value.data["earliest"] == "2016-04"


@pytest.mark.parametrize("kind", list(DetailKind))
def test_f_auth_5_a_random_password_session_sees_bills_but_no_details(world, kind):
    s = with_usage(world)
    token = world.login(s, random_password=True)
    assert world.hall.billing.charges(token).total == Money.of_yuan("122.70")
    world.hall.billing.balance(token)
    world.hall.billing.bills(token)
    with pytest.raises(Refused) as raised:
        world.hall.billing.details(token, kind, MAY)
    assert raised.value.code == "access.capability_missing"
    assert raised.value.data["capability"] == kind.capability_name


def test_f_auth_6_another_customers_number_is_unknown(world):
    mine = with_usage(world)
    other = world.add_number("18687654321")
    token = world.login(mine)
    for query in (
        lambda: world.hall.billing.charges(token, number=other.number.identifier),
        lambda: world.hall.billing.balance(token, other.number.identifier),
        lambda: world.hall.billing.details(
            token, DetailKind.VOICE, MAY, number=MobileNumber("18687654321")
        ),
    ):
        with pytest.raises(NotFound) as raised:
            query()
        assert raised.value.code == "access.unknown_number"


def test_f_cal_3_a_3g_postpaid_number_waits_for_the_3rd(world):
    s = with_usage(world, generation=NetworkGeneration.G3)
    world.move_to(bj(2016, 6, 1, 0, 30))
    world.hall.billing.close_cycle(MAY)
    token = world.login(s)
    for query in (
        lambda: world.hall.billing.charges(token, MAY),
        lambda: world.hall.billing.charges(token),
        lambda: world.hall.billing.bills(token),
    ):
        with pytest.raises(Refused) as raised:
            query()
        assert raised.value.code == "billing.query_blackout"
        assert raised.value.data["retry_at"] == bj(2016, 6, 3)
    world.hall.billing.charges(token, BillingCycle(2016, 4))  # older months stay open
    world.hall.billing.balance(token)  # the balance is not a charge query
    world.move_to(bj(2016, 6, 3) - TICK)
    with pytest.raises(Refused):
        world.hall.billing.charges(world.login(s), MAY)
    world.move_to(bj(2016, 6, 3))
    assert world.hall.billing.charges(world.login(s), MAY).final


def test_f_cal_4_an_upgraded_number_queries_from_8_on_the_4th_and_pays_from_the_2nd(world):
    s = with_usage(world, generation=NetworkGeneration.G3)
    world.hall.billing.record_4g_upgrade(s.id)  # takes effect next month: June
    world.move_to(bj(2016, 6, 4, 8) - TICK)
    token = world.login(s)
    for query in (
        lambda: world.hall.billing.charges(token),
        lambda: world.hall.billing.allowances(token),
        lambda: world.hall.billing.details(token, DetailKind.DATA, JUNE),
    ):
        with pytest.raises(Refused) as raised:
            query()
        assert raised.value.code == "billing.upgrade_query_pending"
        assert raised.value.data["retry_at"] == bj(2016, 6, 4, 8)
    world.move_to(bj(2016, 6, 4, 8))
    world.hall.billing.allowances(world.login(s))
    world.move_to(bj(2016, 6, 2, 8) - TICK)
    with pytest.raises(Refused) as raised:
        world.hall.billing.payment_advice(s.id)
    assert raised.value.data["retry_at"] == bj(2016, 6, 2, 8)
    world.move_to(bj(2016, 6, 2, 8))
    advice = world.hall.billing.payment_advice(s.id)
    assert advice.may_post_late  # still inside the bill-generation window (F-CAL-2)
    assert advice.window is not None
    assert advice.window.ends == bj(2016, 6, 3)


@settings(max_examples=20, deadline=None)
@given(st.lists(st.integers(0, 3 * 1024), min_size=1, max_size=12), st.randoms())
def test_replaying_shuffled_batches_gives_the_same_charges(sizes, random):
    world = BillingWorld()
    s = world.add_number("18612345678", packs=("data-1gb",))
    records = [
        world.usage(f"r{i}", s.number.value, UsageKind.DATA, size * MB)
        for i, size in enumerate(sizes)
    ]
    world.ingest("all", *records)
    token = world.login(s)
    once = world.hall.billing.charges(token)
    for round_ in range(2):
        shuffled = records[:]
        random.shuffle(shuffled)
        world.ingest(f"replay-{round_}", *shuffled[: len(shuffled) // 2 + 1])
    assert world.hall.billing.charges(token) == once
    over_mb = max(0, sum(sizes) - 1024)
    assert once.total == Money(4800 + 20 * over_mb)


def test_pages_of_details(world):
    s = world.add_number("18612345678")
    calls = [
        world.usage(f"c{i:02d}", s.number.value, UsageKind.VOICE, 30, at=bj(2016, 5, 1 + i))
        for i in range(12)
    ]
    world.ingest("calls", *reversed(calls))
    token = world.login(s)
    first = world.hall.billing.details(token, DetailKind.VOICE, MAY, page=PageRequest(0, 5))
    assert [e.record_id for e in first.items] == [f"c{i:02d}" for i in range(5)]
    assert (first.total, first.has_more) == (12, True)
