"""The bills and usage pages' query: months of charges and more in one read (F-QRY-1..3).

``hall.billing.history`` answers each month as ``hall.billing.charges`` answers it, or with
its refusal (the bill run's blackout, F-CAL-3; the upgrade's window, F-CAL-4), and the bills,
the balance and the allowances as their own queries answer them, each under its own
capability (a random-password session is refused the allowances, F-AUTH-5): in one
read-only unit of work, the permission check included.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from litestar.testing import TestClient
from unicom_web import WebSettings, create_app
from unicom_web.i18n import formats, translator
from unicom_web.offerings import PageWords

from unicom_core.domain.billing import UsageKind
from unicom_core.domain.shared import SHANGHAI, BillingCycle, MobileNumber, Money
from unicom_core.domain.subscribers import NetworkGeneration, Subscriber
from unicom_core.errors import InvalidInput, NotFound, Refused, UnicomError
from unicom_core.testing.counting import CountingStorage
from unicom_core.testing.worlds.billing import BillingWorld
from unicom_core.usecases.billing import HISTORY_MONTHS, ChargesHistory

MAY, JUNE = BillingCycle(2016, 5), BillingCycle(2016, 6)
MB = 1024 * 1024


def bj(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=SHANGHAI)  # type: ignore[misc]


def _number(
    world: BillingWorld, *, data_mb: int = 1224, minutes: int = 125, **kwargs: Any
) -> Subscriber:
    s = world.add_number("18612345678", packs=("data-1gb", "voice-200min"), **kwargs)
    n = s.number.value
    world.ingest(
        "b1",
        world.usage("d1", n, UsageKind.DATA, data_mb * MB),
        world.usage("v1", n, UsageKind.VOICE, minutes),
        world.usage("m1", n, UsageKind.SMS, 2, detail="10010"),
    )
    return s


def _one_by_one(world: BillingWorld, token: str, cycle: BillingCycle) -> Any:
    """What ``charges`` answers for ``cycle`` on its own: the view or the refusal."""
    try:
        return world.hall.billing.charges(token, cycle)
    except UnicomError as refusal:
        return refusal


def _same(found: Any, expected: Any) -> None:
    """The same view, or a refusal of the same type, code, message and data."""
    if isinstance(expected, UnicomError):
        assert type(found) is type(expected)
        assert (found.code, found.message, found.data) == (
            expected.code,
            expected.message,
            expected.data,
        )
    else:
        assert found == expected


def _assert_months_as_one_by_one(world: BillingWorld, token: str, history: ChargesHistory) -> None:
    current = BillingCycle.containing(world.clock.now())
    expected = [BillingCycle.from_anchor(current, back) for back in range(-5, 1)]
    assert [month.cycle for month in history.months] == expected
    for month in history.months:
        alone = _one_by_one(world, token, month.cycle)
        _same(month.refusal if month.refusal is not None else month.charges, alone)
        assert (month.charges is None) == (month.refusal is not None)


@pytest.fixture
def world():
    return BillingWorld()


def test_f_qry_1_the_months_are_the_charges_one_by_one_oldest_first(world):
    s = _number(world)
    world.move_to(bj(2016, 6, 5, 10))
    world.hall.billing.close_cycle(MAY)
    token = world.login(s)
    history = world.hall.billing.history(token)
    assert len(history.months) == HISTORY_MONTHS
    assert history.months[-1].cycle == JUNE
    may = history.months[-2]
    assert may.cycle == MAY
    assert may.charges is not None
    assert may.charges.final  # from the issued bill
    # 48 + 32 fees, 200 MB over the 1 GB pack = 40元, 2 SMS = 0.20元: 120.20元
    assert may.charges.total == Money.of_yuan("120.20")
    assert history.refusal is None
    assert history.number == s.number.value
    assert (history.bills, history.balance, history.allowances) == (None, None, None)
    _assert_months_as_one_by_one(world, token, history)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data_mb=st.integers(0, 3000),
    minutes=st.integers(0, 400),
    day=st.integers(1, 6),
    hour=st.integers(0, 23),
    generation=st.sampled_from([NetworkGeneration.G3, NetworkGeneration.G4]),
    upgraded=st.booleans(),
    billed=st.booleans(),
)
def test_f_qry_1_f_cal_3_f_cal_4_each_month_is_what_charges_answers(  # noqa: PLR0913, PLR0917
    data_mb, minutes, day, hour, generation, upgraded, billed
):
    world = BillingWorld()
    s = _number(world, data_mb=data_mb, minutes=minutes, generation=generation)
    if upgraded:
        world.hall.billing.record_4g_upgrade(s.id)  # takes effect in June (F-CAL-4)
    world.move_to(bj(2016, 6, day, hour))
    if billed:
        world.hall.billing.close_cycle(MAY)
    token = world.login(s)
    history = world.hall.billing.history(token, bills=True, balance=True, allowances=True)
    _assert_months_as_one_by_one(world, token, history)
    refused = [month.refusal for month in history.months if month.refusal is not None]
    assert history.refusal is (refused[0] if refused else None)
    for asked, alone in (
        (history.bills, world.hall.billing.bills),
        (history.balance, world.hall.billing.balance),
        (history.allowances, world.hall.billing.allowances),
    ):
        try:
            expected: Any = alone(token)
        except UnicomError as refusal:
            expected = refusal
        _same(asked, expected)


def test_f_cal_3_the_blackout_refuses_two_months_and_shows_the_others(world):
    s = _number(world, generation=NetworkGeneration.G3)
    world.move_to(bj(2016, 6, 1, 0, 30))
    world.hall.billing.close_cycle(MAY)
    token = world.login(s)
    history = world.hall.billing.history(token, bills=True, balance=True)
    refused = {month.cycle: month.refusal for month in history.months if month.refusal}
    assert set(refused) == {MAY, JUNE}
    for refusal in refused.values():
        assert isinstance(refusal, Refused)
        assert refusal.code == "billing.query_blackout"
        assert refusal.data["retry_at"] == bj(2016, 6, 3)
    assert history.refusal is refused[MAY]  # the oldest refused month: what the page shows
    assert all(month.charges is not None for month in history.months[:-2])
    assert isinstance(history.bills, Refused)
    assert history.bills.code == "billing.query_blackout"
    assert history.balance == world.hall.billing.balance(token)  # not a charge query


def test_f_cal_4_the_upgrade_window_refuses_every_month_and_the_allowances(world):
    s = _number(world, generation=NetworkGeneration.G3)
    world.hall.billing.record_4g_upgrade(s.id)
    world.move_to(bj(2016, 6, 4, 7))
    history = world.hall.billing.history(world.login(s), allowances=True)
    # in the month the upgrade takes effect, no charge at all before 08:00 on the 4th
    assert all(month.charges is None for month in history.months)
    assert history.refusal is history.months[0].refusal
    for refusal in (*(month.refusal for month in history.months), history.allowances):
        assert isinstance(refusal, Refused)
        assert refusal.code == "billing.upgrade_query_pending"
        assert refusal.data["retry_at"] == bj(2016, 6, 4, 8)
    world.move_to(bj(2016, 6, 4, 8))
    later = world.hall.billing.history(world.login(s), allowances=True)
    assert later.refusal is None
    assert later.allowances == world.hall.billing.allowances(world.login(s))


def test_f_auth_5_a_random_password_session_sees_what_the_separate_calls_show(world):
    s = _number(world)
    world.move_to(bj(2016, 6, 5, 10))
    world.hall.billing.close_cycle(MAY)
    token = world.login(s, random_password=True)
    history = world.hall.billing.history(token, bills=True, balance=True, allowances=True)
    _assert_months_as_one_by_one(world, token, history)
    assert history.bills == world.hall.billing.bills(token)
    assert history.balance == world.hall.billing.balance(token)
    with pytest.raises(Refused) as raised:
        world.hall.billing.allowances(token)
    assert raised.value.code == "access.capability_missing"
    _same(history.allowances, raised.value)
    service = world.hall.billing.history(world.login(s), allowances=True)
    assert service.allowances == world.hall.billing.allowances(world.login(s))


def test_f_auth_6_another_customers_number_and_no_session_are_raised(world):
    mine = world.add_number("18612345678")
    theirs = world.add_number("18612345679")
    with pytest.raises(NotFound) as unknown:
        world.hall.billing.history(world.login(mine), number=MobileNumber(theirs.number.value))
    assert unknown.value.code == "access.unknown_number"
    with pytest.raises(Refused) as anonymous:
        world.hall.billing.history("not-a-token")
    assert anonymous.value.code == "access.not_logged_in"


@pytest.mark.parametrize("months", [0, -1, 25, True, "6", 1.5])
def test_the_months_asked_are_a_whole_number_from_1_to_24(world, months):
    s = world.add_number("18612345678")
    with pytest.raises(InvalidInput) as raised:
        world.hall.billing.history(world.login(s), months)
    assert raised.value.code == "time.months"
    assert raised.value.data["field"] == "months"


def test_one_month_and_twenty_four_months_are_answered(world):
    s = world.add_number("18612345678")
    token = world.login(s)
    assert [m.cycle for m in world.hall.billing.history(token, 1).months] == [MAY]
    longest = world.hall.billing.history(token, 24).months
    assert (longest[0].cycle, longest[-1].cycle) == (BillingCycle(2014, 6), MAY)


def test_the_offering_names_are_the_catalogues(world):
    s = _number(world)
    history = world.hall.billing.history(world.login(s))
    assert history.offerings == world.hall.catalog.names()
    assert "data-1gb" in history.offerings


def test_history_is_one_read_only_unit_of_work_checks_included():
    storage = CountingStorage()
    world = BillingWorld(storage=storage)
    s = _number(world)
    token = world.login(s)
    storage.forget()
    history = world.hall.billing.history(token, bills=True, balance=True, allowances=True)
    # the page asked charges six times, then the bills and the balance: eight reads
    assert (storage.reads, storage.writes) == (1, 0)
    assert not isinstance(history.allowances, UnicomError)
    assert history.allowances is not None


def test_f_auth_7_a_due_session_use_is_recorded_in_one_writing_rerun():
    storage = CountingStorage()
    world = BillingWorld(storage=storage)
    s = _number(world)
    token = world.login(s)
    world.move_to(world.clock.now() + world.hall.access.settings.sessions.touch_every)
    storage.forget()
    world.hall.billing.history(token, balance=True)
    assert (storage.reads, storage.writes) == (1, 1)


def test_page_words_given_the_names_read_no_catalogue():
    asked: list[str] = []
    hall: Any = SimpleNamespace(catalog=SimpleNamespace(names=lambda: asked.append("names")))
    names = {"data-1gb": ("1GB流量包", {"en": "1GB Data Pack"})}
    words = PageWords(
        hall, ("en", "en"), translator("en"), formats("en"), default=False, names=names
    )
    assert words.name_of("data-1gb") == "1GB Data Pack"
    assert asked == []


@pytest.mark.parametrize(
    "path", ["/bills", "/usage", "/home", "/bills?lang=en", "/usage?lang=en", "/home?lang=en"]
)
def test_the_bills_usage_and_home_pages_are_one_unit_of_work(path):
    storage = CountingStorage()
    world = BillingWorld(storage=storage)
    s = _number(world)
    token = world.login(s)
    web = WebSettings(secret="s" * 48)
    with TestClient(create_app(world.hall, web), base_url="http://testserver.local") as client:
        client.cookies.set(web.session_cookie, token)
        storage.forget()
        page = client.get(path)
        assert page.status_code == 200, page.text
        # was 9, 8 and 2: six months' charges, the bills, the balance or the allowances (the
        # home page's one query), and the offering names the page is worded with
        assert (storage.reads, storage.writes) == (1, 0)
    if "lang=en" in path:
        assert "1GB" in page.text


def test_the_home_page_query_names_the_offerings_as_the_catalogue_does():
    world = BillingWorld()
    token = world.login(_number(world))
    assert world.hall.billing.home(token).offerings == world.hall.catalog.names()
