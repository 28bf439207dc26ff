"""Usage records of several kinds and months, and the balance reads, in one query (F-QRY-3).

``hall.billing.usage_window`` answers what asking ``details`` once per kind, month and page
and ``bills`` once answered: the same records, the same billed months, the same first
refusal (each kind under its own capability, F-AUTH-5; the window, F-QRY-3; the upgrade's
blackout, F-CAL-4), in one read-only unit of work. ``balance_of`` and ``buckets`` answer what
``balance`` with the number and ``balance`` with ``allowances`` answered, in one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unicom_core.domain.access import DEFAULT_POLICY, CredentialKind
from unicom_core.domain.billing import DetailKind, UsageKind
from unicom_core.domain.shared import SHANGHAI, BillingCycle, MobileNumber
from unicom_core.domain.subscribers import NetworkGeneration, Subscriber
from unicom_core.errors import InvalidInput, NotFound, Refused, UnicomError
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_core.testing.counting import CountingStorage
from unicom_core.testing.worlds.billing import BillingWorld
from unicom_core.usecases.access import AccessSettings
from unicom_core.usecases.billing import UsageWindow

APRIL, MAY, JUNE = BillingCycle(2016, 4), BillingCycle(2016, 5), BillingCycle(2016, 6)
PENDING = "billing.upgrade_query_pending"

#: A service-password row that may see voice and data records but no other kind.
MIXED = AccessSettings(
    policy=DEFAULT_POLICY.with_row(
        CredentialKind.SERVICE_PASSWORD,
        "query.bill",
        "query.balance",
        "query.detail.voice",
        "query.detail.data",
    )
)


def bj(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=SHANGHAI)  # type: ignore[misc]


def _number(world: BillingWorld, **kwargs: Any) -> Subscriber:
    """A number with a record of every usage kind in April and in May."""
    s = world.add_number("18612345678", packs=("data-1gb",), **kwargs)
    n, kinds = s.number.value, list(UsageKind)
    world.ingest(
        "b1",
        *(world.usage(f"a-{k.value}", n, k, 3, at=bj(2016, 4, 20, 9)) for k in kinds),
        *(world.usage(f"m-{k.value}", n, k, 5, at=bj(2016, 5, 16, 9)) for k in kinds),
    )
    return s


def _details(world: BillingWorld, token: str, kind: DetailKind, cycle: BillingCycle) -> list:
    """Every record ``details`` answers, page by page (as the TMF635 list asked)."""
    found, offset = [], 0
    while True:
        wanted = PageRequest(offset, MAX_PAGE_LIMIT)
        page = world.hall.billing.details(token, kind, cycle, page=wanted)
        found.extend(page.items)
        if not page.has_more or not page.items:
            return found
        offset += len(page.items)


def _one_by_one(
    world: BillingWorld, token: str, kinds: list[DetailKind], cycles: list[BillingCycle]
) -> UsageWindow | UnicomError:
    """What the separate calls answered: the records and billed months, or the first refusal."""
    records: dict[BillingCycle, tuple] = {}
    try:
        for cycle in cycles:
            records[cycle] = tuple(e for k in kinds for e in _details(world, token, k, cycle))
    except UnicomError as refusal:
        return refusal
    try:
        bills = world.hall.billing.bills(token, PageRequest(0, MAX_PAGE_LIMIT)).items
    except UnicomError:
        bills = []
    billed = frozenset(bill.cycle for bill in bills) & set(cycles)
    return UsageWindow(records if kinds and cycles else {}, billed if kinds else frozenset())


def _window(world: BillingWorld, token: str, kinds: list, cycles: list) -> Any:
    try:
        return world.hall.billing.usage_window(token, kinds, cycles)
    except UnicomError as refusal:
        return refusal


def _same(found: Any, expected: Any) -> None:
    if isinstance(expected, UnicomError):
        assert type(found) is type(expected)
        assert (found.code, found.message, found.data) == (
            expected.code,
            expected.message,
            expected.data,
        )
    elif not expected.records:  # nothing asked: nothing read, nothing billed
        assert found == UsageWindow()
    else:
        assert found == expected


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kinds=st.lists(st.sampled_from(list(DetailKind)), unique=True, max_size=4),
    shifts=st.lists(st.integers(-7, 0), unique=True, max_size=4),
    day=st.sampled_from([2, 4, 5]),
    hour=st.sampled_from([0, 7, 10]),
    generation=st.sampled_from([NetworkGeneration.G3, NetworkGeneration.G4]),
    upgraded=st.booleans(),
    billed=st.booleans(),
    random_password=st.booleans(),
)
def test_f_qry_3_f_auth_5_f_cal_4_the_window_is_what_the_separate_calls_answer(  # noqa: PLR0913, PLR0917
    kinds, shifts, day, hour, generation, upgraded, billed, random_password
):
    world = BillingWorld(access_settings=MIXED)
    s = _number(world, generation=generation)
    if upgraded:
        world.hall.billing.record_4g_upgrade(s.id)  # takes effect in June (F-CAL-4)
    world.move_to(bj(2016, 6, day, hour))
    if billed:
        world.hall.billing.close_cycle(MAY)
    token = world.login(s, random_password=random_password)
    cycles = [JUNE.shifted(n) for n in shifts]
    _same(_window(world, token, kinds, cycles), _one_by_one(world, token, kinds, cycles))


def test_f_qry_3_every_kind_of_six_months_is_one_read_only_unit_of_work():
    storage = CountingStorage()
    world = BillingWorld(storage=storage)
    s = _number(world)
    world.move_to(bj(2016, 6, 5, 10))
    world.hall.billing.close_cycle(MAY)
    token = world.login(s)
    kinds = [DetailKind.VOICE, DetailKind.SMS, DetailKind.VALUE_ADDED, DetailKind.DATA]
    cycles = [JUNE.shifted(-n) for n in range(6)]
    storage.forget()
    window = world.hall.billing.usage_window(token, kinds, cycles)
    assert (storage.reads, storage.writes) == (1, 0)  # was 6 × 4 detail reads and the bills'
    assert {e.record_id for e in window.of(MAY)} == {
        "m-voice",
        "m-sms",
        "m-mms",
        "m-data",
        "m-value_added",
    }
    assert {e.record_id for e in window.of(APRIL)} == {
        "a-voice",
        "a-sms",
        "a-mms",
        "a-data",
        "a-value_added",
    }
    assert window.of(JUNE) == ()
    assert window.billed == {MAY}  # April's bill was never run in this world
    assert not window.pending


def test_f_auth_7_a_due_session_use_is_recorded_and_a_later_kind_still_refused():
    storage = CountingStorage()
    world = BillingWorld(storage=storage, access_settings=MIXED)
    s = _number(world)
    token = world.login(s)
    world.move_to(world.clock.now() + world.hall.access.settings.sessions.touch_every)
    storage.forget()
    with pytest.raises(Refused) as raised:
        world.hall.billing.usage_window(token, [DetailKind.VOICE, DetailKind.SMS], [MAY])
    assert (storage.reads, storage.writes) == (1, 1)  # the use recorded, then the refusal
    assert raised.value.code == "access.capability_missing"
    assert raised.value.data["capability"] == "query.detail.sms"
    assert world.hall.access.session(token).last_seen_at == world.clock.now()


def test_f_auth_5_a_random_password_session_sees_no_detail_records():
    world = BillingWorld()
    s = _number(world)
    with pytest.raises(Refused) as raised:
        world.hall.billing.usage_window(
            world.login(s, random_password=True), [DetailKind.SMS], [MAY]
        )
    assert raised.value.code == "access.capability_missing"
    assert raised.value.data["capability"] == "query.detail.sms"


def test_f_auth_5_a_narrower_row_sees_the_kinds_it_may():
    world = BillingWorld(access_settings=MIXED)
    s = _number(world)
    token = world.login(s)
    window = world.hall.billing.usage_window(token, [DetailKind.DATA, DetailKind.VOICE], [MAY])
    assert {e.record_id for e in window.of(MAY)} == {"m-data", "m-voice"}
    with pytest.raises(Refused) as raised:
        world.hall.billing.usage_window(token, [DetailKind.VOICE, DetailKind.WLAN], [MAY])
    assert raised.value.data["capability"] == "query.detail.wlan"


def test_f_qry_3_internet_records_go_two_months_back_and_the_rest_six():
    world = BillingWorld()
    token = world.login(_number(world))
    world.hall.billing.usage_window(token, [DetailKind.INTERNET], [APRIL])
    for kind, cycle, earliest in (
        (DetailKind.INTERNET, MAY.shifted(-2), "2016-04"),
        (DetailKind.VOICE, MAY.shifted(-6), "2015-12"),
    ):
        with pytest.raises(Refused) as raised:
            world.hall.billing.usage_window(token, [kind], [MAY, cycle])
        assert raised.value.code == "billing.detail_window"
        assert raised.value.data["earliest"] == earliest


def test_f_cal_4_the_upgrade_window_refuses_or_is_skipped():
    world = BillingWorld()
    s = _number(world, generation=NetworkGeneration.G3)
    world.hall.billing.record_4g_upgrade(s.id)
    world.move_to(bj(2016, 6, 4, 7))
    token = world.login(s)
    with pytest.raises(Refused) as raised:
        world.hall.billing.usage_window(token, [DetailKind.VOICE], [MAY])
    assert raised.value.code == PENDING
    assert raised.value.data["retry_at"] == bj(2016, 6, 4, 8)
    skipped = world.hall.billing.usage_window(token, [DetailKind.VOICE], [MAY], skip_pending=True)
    assert skipped == UsageWindow(pending=True)
    world.move_to(bj(2016, 6, 4, 8))
    later = world.hall.billing.usage_window(world.login(s), [DetailKind.VOICE], [MAY])
    assert [e.record_id for e in later.of(MAY)] == ["m-voice"]


def test_nothing_asked_reads_nothing_and_a_bad_kind_is_invalid():
    storage = CountingStorage()
    world = BillingWorld(storage=storage)
    token = world.login(_number(world))
    storage.forget()
    assert world.hall.billing.usage_window(token, [], [MAY]) == UsageWindow()
    assert world.hall.billing.usage_window(token, [DetailKind.SMS], []) == UsageWindow()
    assert (storage.reads, storage.writes) == (0, 0)
    with pytest.raises(InvalidInput) as raised:
        world.hall.billing.usage_window(token, ["voice"], [MAY])  # type: ignore[list-item]
    assert raised.value.code == "billing.detail_kind"


def test_f_auth_6_another_customers_number_is_unknown():
    world = BillingWorld()
    mine = _number(world)
    theirs = world.add_number("18612345679")
    with pytest.raises(NotFound) as raised:
        world.hall.billing.usage_window(
            world.login(mine), [DetailKind.VOICE], [MAY], number=MobileNumber(theirs.number.value)
        )
    assert raised.value.code == "access.unknown_number"


# ---------------------------------------------------------------------- the balance reads


def test_f_qry_1_f_qry_2_balance_and_buckets_are_one_read_each():
    storage = CountingStorage()
    world = BillingWorld(storage=storage)
    s = _number(world)
    token = world.login(s)
    storage.forget()
    found = world.hall.billing.balance_of(token)
    balance, allowances = world.hall.billing.buckets(token)
    assert (storage.reads, storage.writes) == (2, 0)
    assert found.number == s.number.value
    assert found.balance == balance == world.hall.billing.balance(token)
    assert allowances == world.hall.billing.allowances(token)


def test_f_auth_5_a_random_password_session_has_its_balance_but_no_buckets():
    world = BillingWorld()
    s = _number(world)
    token = world.login(s, random_password=True)
    assert world.hall.billing.balance_of(token).balance == world.hall.billing.balance(token)
    with pytest.raises(Refused) as raised:
        world.hall.billing.buckets(token)
    with pytest.raises(Refused) as alone:
        world.hall.billing.allowances(token)
    assert (raised.value.code, raised.value.data) == (alone.value.code, alone.value.data)
    assert raised.value.data["capability"] == "query.usage"
