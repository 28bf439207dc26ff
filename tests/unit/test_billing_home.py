"""The home page in one query: balance and plan after one permission check (F-QRY-1, F-QRY-7)."""

from __future__ import annotations

import datetime as dt

import pytest

from unicom_core.domain.billing import UsageKind
from unicom_core.domain.shared import SHANGHAI, BillingCycle, MobileNumber, Money
from unicom_core.errors import NotFound, Refused
from unicom_core.testing.counting import CountingStorage
from unicom_core.testing.worlds.billing import BillingWorld

MAY = BillingCycle(2016, 5)
MB = 1024 * 1024
COMBO = "4g-national-combo"


@pytest.fixture
def world():
    return BillingWorld()


def _owing(world: BillingWorld):
    s = world.add_number("18612345678", packs=("data-1gb", "voice-200min"))
    n = s.number.value
    world.ingest(
        "b1",
        world.usage("d1", n, UsageKind.DATA, 1224 * MB),
        world.usage("v1", n, UsageKind.VOICE, 125),
        world.usage("m1", n, UsageKind.SMS, 2, detail="10010"),
        world.usage("w1", n, UsageKind.WLAN, 600),
        world.usage("x1", n, UsageKind.VALUE_ADDED, 1, detail="game", fee=Money(200)),
    )
    world.move_to(dt.datetime(2016, 7, 2, 10, tzinfo=SHANGHAI))
    world.hall.billing.close_cycle(MAY)
    return s


def test_f_qry_1_home_shows_the_balance_owed_and_the_plan(world):
    s = _owing(world)
    home = world.hall.billing.home(world.login(s))
    # 122.70元 due 06-30, two days late: 2 × 0.37元 (as the balance query says).
    assert home.balance.owed == Money(12270 + 74)
    assert home.balance.days_in_arrears == 2
    assert home.subscriber.id == s.id
    assert home.plan is not None
    assert home.plan.code == COMBO
    assert home.plan.monthly_fee == Money(800)  # from ¥8.00, the cheapest valid bundle
    assert home.balance == world.hall.billing.balance(world.login(s))
    assert home.plan == world.hall.catalog.show_plan(COMBO)


def test_f_qry_7_a_legacy_plan_has_no_details(world):
    s = world.add_number("18612345678", plan="legacy-2g-plan")
    home = world.hall.billing.home(world.login(s))
    assert home.plan is None
    assert home.balance.owed == Money(0)


def test_f_auth_6_another_customers_number_is_unknown(world):
    mine = world.add_number("18612345678")
    theirs = world.add_number("18612345679")
    with pytest.raises(NotFound) as raised:
        world.hall.billing.home(world.login(mine), MobileNumber(theirs.number.value))
    assert raised.value.code == "access.unknown_number"


def test_f_auth_5_no_session_no_home(world):
    with pytest.raises(Refused) as raised:
        world.hall.billing.home("not-a-token")
    assert raised.value.code == "access.not_logged_in"


def test_home_is_one_read_only_unit_of_work_checks_included():
    storage = CountingStorage()
    world = BillingWorld(storage=storage)
    s = world.add_number("18612345678")
    token = world.login(s)
    storage.forget()
    home = world.hall.billing.home(token)
    # was 4: a check, the balance's check and read, the plan's read; then 3 (two checks and
    # one read); now both checks (query.balance, query.usage) are asked in the one read
    assert (storage.reads, storage.writes) == (1, 0)
    assert home.allowances is not None


def test_f_auth_7_home_records_a_due_session_use_in_one_writing_rerun():
    storage = CountingStorage()
    world = BillingWorld(storage=storage)
    s = world.add_number("18612345678")
    token = world.login(s)
    later = world.clock.now() + world.hall.access.settings.sessions.touch_every
    world.move_to(later)
    storage.forget()
    home = world.hall.billing.home(token)
    # the read-only pass finds the use due and stops; the rerun writes it and reads the page
    assert (storage.reads, storage.writes) == (1, 1)
    assert home.session.last_seen_at == later
    storage.forget()
    world.hall.billing.home(token)
    assert (storage.reads, storage.writes) == (1, 0)


def test_f_qry_1_home_shows_the_packs_and_the_monthly_fee_the_bill_run_charges(world):
    # the published tariff: 48元 1GB data pack + 32元 200-minute voice pack on the 4G
    # combination plan (which has no fee of its own, F-BUN-4): 80元 a month
    s = world.add_number("18612345678", packs=("data-1gb", "voice-200min"))
    home = world.hall.billing.home(world.login(s))
    assert home.monthly_fee == Money(8000)
    assert [fee.code for fee in home.packs] == ["data-1gb", "voice-200min"]
    assert [fee.full for fee in home.packs] == [Money(4800), Money(3200)]


def test_f_qry_2_home_shows_what_is_left_this_month(world):
    s = world.add_number("18612345678", packs=("data-1gb", "voice-200min"))
    n = s.number.value
    world.ingest(
        "b1",
        world.usage("d1", n, UsageKind.DATA, 300 * MB),
        world.usage("v1", n, UsageKind.VOICE, 14 * 60),
    )
    home = world.hall.billing.home(world.login(s))
    left = {use.bucket.source_code: use.remaining for use in home.allowances or ()}
    assert left == {"data-1gb": (1024 - 300) * 1024, "voice-200min": 200 - 14}


def test_f_auth_5_a_random_password_home_shows_no_allowances(world):
    s = world.add_number("18612345678", packs=("data-1gb",))
    home = world.hall.billing.home(world.login(s, random_password=True))
    assert home.allowances is None
    assert home.monthly_fee == Money(4800)
