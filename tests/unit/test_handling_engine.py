"""The business-handling engine, through the bundle change (F-BIZ-3, F-BUN, F-QRY-5, F-QRY-6).

Every rule of the engine is checked through the public API (``hall.handling``) on memory
storage: the SQL adapters run the same engine over the storage contract.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unicom_core.domain.handling import Effect, RecordStatus
from unicom_core.domain.shared import SHANGHAI, BillingCycle
from unicom_core.errors import Conflict, InvalidInput, NotFound, Refused
from unicom_core.ports.shared import PageRequest
from unicom_core.testing.worlds.billing import BillingWorld

MAY_17 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
JUNE_1 = dt.datetime(2016, 6, 1, tzinfo=SHANGHAI)
HELD = ("data-1gb", "voice-200min", "sms-200")


@pytest.fixture
def world() -> BillingWorld:
    return BillingWorld(start=MAY_17)


def _held(world: BillingWorld, subscriber_id: str, at: dt.datetime) -> set[str]:
    with world.storage.transaction() as tx:
        profile = tx.billing_profiles.get(subscriber_id)
    return {h.pack_code for h in profile.packs if h.held_at(at)}


def test_adding_a_pack_applies_now_and_the_record_is_done(world):
    """F-BUN: adding applies now; the record says what changed, when and on which channel."""
    subscriber = world.add_number("18612340001", packs=("data-1gb",))
    token = world.login(subscriber)
    record = world.hall.handling.handle(
        token, "bundle", {"packs": "data-1gb,voice-200min"}, request_id="req-00000001"
    )
    assert record.status is RecordStatus.DONE
    assert record.effective_from == MAY_17
    assert record.change.effect is Effect.NOW
    assert record.number == "186****0001"
    assert record.holder == "张*"
    assert _held(world, subscriber.id, MAY_17) == {"data-1gb", "voice-200min"}
    # 32元 for the 15 days left of May's 31 (17th included): 32 * 15 / 31 = 15.48 (rounded).
    assert record.change.fee.fen == 1548


def test_removing_a_pack_is_pending_until_the_next_cycle_and_applies_once(world):
    """F-CAL-5: removing takes effect at 00:00 on the 1st; apply_due applies it exactly once."""
    subscriber = world.add_number("18612340002", packs=HELD)
    token = world.login(subscriber)
    record = world.hall.handling.handle(
        token, "bundle", {"packs": "data-1gb,voice-200min"}, request_id="req-00000002"
    )
    assert record.status is RecordStatus.PENDING
    assert record.effective_from == JUNE_1
    assert _held(world, subscriber.id, MAY_17) == set(HELD)  # still held in May
    assert _held(world, subscriber.id, JUNE_1) == {"data-1gb", "voice-200min"}
    assert world.hall.handling.apply_due() == 0  # not due yet
    world.move_to(JUNE_1 + dt.timedelta(minutes=5))
    assert world.hall.handling.apply_due() == 1
    assert world.hall.handling.apply_due() == 0
    token = world.login(subscriber)  # the May session is long over
    assert world.hall.handling.record(token, record.id).status is RecordStatus.APPLIED


def test_a_change_asked_on_the_last_day_of_a_month_takes_effect_on_the_first(world):
    """A change asked at 23:59 on 31 May is not half-applied: all of it from 1 June."""
    subscriber = world.add_number("18612340003", packs=HELD)
    world.move_to(dt.datetime(2016, 5, 31, 23, 59, 59, tzinfo=SHANGHAI))
    token = world.login(subscriber)
    record = world.hall.handling.handle(
        token, "bundle", {"packs": "data-1gb"}, request_id="req-00000003"
    )
    assert record.effective_from == JUNE_1
    assert _held(world, subscriber.id, JUNE_1 - dt.timedelta(microseconds=1)) == set(HELD)


def test_a_pending_change_can_be_cancelled_and_everything_is_held_again(world):
    subscriber = world.add_number("18612340004", packs=HELD)
    token = world.login(subscriber)
    record = world.hall.handling.handle(
        token, "bundle", {"packs": "data-1gb"}, request_id="req-00000004"
    )
    cancelled = world.hall.handling.cancel(token, record.id)
    assert cancelled.status is RecordStatus.CANCELLED
    assert _held(world, subscriber.id, JUNE_1) == set(HELD)
    world.move_to(JUNE_1)
    assert world.hall.handling.apply_due() == 0
    token = world.login(subscriber)
    with pytest.raises(Refused) as refused:
        world.hall.handling.cancel(token, record.id)
    assert refused.value.code == "handling.not_pending"


def test_a_second_change_waits_until_the_pending_one_is_cancelled(world):
    subscriber = world.add_number("18612340005", packs=HELD)
    token = world.login(subscriber)
    first = world.hall.handling.handle(
        token, "bundle", {"packs": "data-1gb"}, request_id="req-00000005"
    )
    with pytest.raises(Conflict) as clash:
        world.hall.handling.handle(
            token, "bundle", {"packs": "data-1gb,voice-200min"}, request_id="req-00000006"
        )
    assert clash.value.code == "handling.pending_exists"
    assert clash.value.data["record_id"] == first.id


def test_the_same_request_again_answers_the_same_record_and_a_reused_id_clashes(world):
    subscriber = world.add_number("18612340006", packs=("data-1gb",))
    token = world.login(subscriber)
    params = {"packs": "data-1gb,sms-200"}
    first = world.hall.handling.handle(token, "bundle", params, request_id="req-00000007")
    again = world.hall.handling.handle(token, "bundle", params, request_id="req-00000007")
    assert again.id == first.id
    assert again.version == first.version
    with pytest.raises(Conflict) as clash:
        world.hall.handling.handle(
            token, "bundle", {"packs": "data-2gb"}, request_id="req-00000007"
        )
    assert clash.value.code == "handling.request_reused"
    page = world.hall.handling.records(token, PageRequest(0, 10))
    assert [r.id for r in page.items] == [first.id]


def test_a_random_password_session_may_not_handle_anything(world):
    """F-AUTH-5: a random-password login may query and pay, never handle business."""
    subscriber = world.add_number("18612340007", packs=("data-1gb",))
    token = world.login(subscriber, random_password=True)
    with pytest.raises(Refused) as refused:
        world.hall.handling.handle(
            token, "bundle", {"packs": "data-1gb,sms-200"}, request_id="req-00000008"
        )
    assert refused.value.code == "access.capability_missing"


def test_another_customers_record_is_answered_like_an_unknown_one(world):
    mine = world.add_number("18612340008", packs=("data-1gb",))
    theirs = world.add_number("18612340009", packs=("data-1gb",))
    record = world.hall.handling.handle(
        world.login(theirs), "bundle", {"packs": "data-2gb"}, request_id="req-00000009"
    )
    token = world.login(mine)
    for ask in (world.hall.handling.record, world.hall.handling.acceptance_form):
        with pytest.raises(NotFound) as unknown:
            ask(token, record.id)
        assert unknown.value.code == "handling.unknown_record"


def test_the_acceptance_form_shows_the_change_and_the_terms_masked(world):
    """F-QRY-6: the form names the number and holder masked, the before/after and terms."""
    subscriber = world.add_number("18612340010", packs=HELD)
    token = world.login(subscriber)
    record = world.hall.handling.handle(
        token, "bundle", {"packs": "data-1gb"}, request_id="req-00000010"
    )
    form = world.hall.handling.acceptance_form(token, record.id)
    rows = dict(row for section in form.sections for row in section.rows)
    assert rows["号码"] == "186****0010"
    assert rows["机主"] == "张*"
    assert rows["生效时间"] == "2016-06-01 00:00:00"
    assert form.reference == record.id
    assert form == world.hall.handling.acceptance_form(token, record.id)
    assert "18612340010" not in repr(form)


def test_a_number_not_on_a_combination_plan_has_no_bundle(world):
    subscriber = world.add_number("18612340011", plan="not-a-combo")
    with pytest.raises(Refused) as refused:
        world.hall.handling.preview(world.login(subscriber), "bundle", {"packs": "data-1gb"})
    assert refused.value.code == "handling.no_bundle"


def test_an_unknown_kind_and_a_bad_request_id_are_typed_errors(world):
    subscriber = world.add_number("18612340012", packs=("data-1gb",))
    token = world.login(subscriber)
    with pytest.raises(NotFound) as unknown:
        world.hall.handling.handle(token, "teleport", {}, request_id="req-00000011")
    assert unknown.value.code == "handling.kind"
    with pytest.raises(InvalidInput) as bad:
        world.hall.handling.handle(token, "bundle", {"packs": "data-1gb"}, request_id="x")
    assert bad.value.code == "handling.request_id"


def test_the_bill_run_applies_due_changes_first(world):
    """A pending change due at the cycle boundary is applied by the bill cycle's run."""
    subscriber = world.add_number("18612340013", packs=HELD)
    token = world.login(subscriber)
    record = world.hall.handling.handle(
        token, "bundle", {"packs": "data-1gb"}, request_id="req-00000012"
    )
    world.move_to(JUNE_1 + dt.timedelta(hours=2))
    world.hall.run_bill_cycle(BillingCycle(2016, 5))
    token = world.login(subscriber)
    assert world.hall.handling.record(token, record.id).status is RecordStatus.APPLIED


_TIERS = st.lists(
    st.sampled_from(["data-1gb", "data-2gb", "voice-200min", "sms-200", "bogus", ""]),
    max_size=4,
)


@settings(max_examples=40)
@given(target=_TIERS)
def test_a_refused_handling_changes_nothing(target):
    """Whatever is asked, a refusal leaves profile, records and outbox as they were."""
    world = BillingWorld(start=MAY_17)
    subscriber = world.add_number("18612340014", packs=HELD)
    token = world.login(subscriber)
    with world.storage.transaction() as tx:
        before = (tx.billing_profiles.get(subscriber.id), len(tx.outbox.pending(500)))
    try:
        world.hall.handling.handle(
            token, "bundle", {"packs": ",".join(target)}, request_id="req-00000013"
        )
    except (InvalidInput, Refused, NotFound):
        with world.storage.transaction() as tx:
            after = (tx.billing_profiles.get(subscriber.id), len(tx.outbox.pending(500)))
            records = tx.business_records.list_by_subscriber(subscriber.id, PageRequest(0, 5))
        assert after == before
        assert records.total == 0


@settings(max_examples=30)
@given(
    asked=st.datetimes(
        min_value=dt.datetime(2016, 5, 1),  # noqa: DTZ001 - hypothesis bounds are wall times
        max_value=dt.datetime(2016, 5, 31, 23, 59, 59),  # noqa: DTZ001 - idem
    ),
    runs=st.lists(st.integers(-3 * 86400, 3 * 86400), min_size=1, max_size=6),
)
def test_a_pending_change_applies_exactly_once_at_the_cycle_boundary(asked, runs):
    """Whenever it is asked in May and however often the due changes run, a removal applies
    once, never before 00:00 on 1 June (Beijing time), and the pack is never held in June."""
    world = BillingWorld(start=asked.replace(tzinfo=SHANGHAI))
    subscriber = world.add_number("18612340015", packs=HELD)
    token = world.login(subscriber)
    record = world.hall.handling.handle(
        token, "bundle", {"packs": "data-1gb,voice-200min"}, request_id="req-00000014"
    )
    applied = 0
    for offset in sorted(runs):
        at = max(JUNE_1 + dt.timedelta(seconds=offset), world.clock.now())
        world.move_to(at)
        count = world.hall.handling.apply_due()
        assert count == 0 or at >= JUNE_1
        applied += count
    assert applied == (1 if world.clock.now() >= JUNE_1 else 0)
    with world.storage.read() as tx:
        stored = tx.business_records.get(record.id)
    assert stored.is_pending == (applied == 0)
    assert "sms-200" not in _held(world, subscriber.id, JUNE_1)
