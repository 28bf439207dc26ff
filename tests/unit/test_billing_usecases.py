"""The billing use cases on the memory reference: ingest, bill run, payments, arrears (F-CAL).

Amounts are hand-computed from the published tariffs: 48元/1GB pack, data over the pack
0.2元/MB; voice pack 32元/200 min; late fee 3‰ a day; suspension after 30 days in arrears.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from unicom_core import bootstrap
from unicom_core.domain.billing import RejectReason, RunStatus, UsageKind
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.domain.subscribers import PaymentMode, SubscriberStatus
from unicom_core.errors import Conflict, NotFound, Refused
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.memory.usage import MemoryUsageFeed
from unicom_core.ports.shared import PageRequest
from unicom_core.testing.crashing import Crash, CrashingStorage
from unicom_core.testing.worlds.billing import BillingWorld
from unicom_core.usecases.billing import BillingSettings

MAY = BillingCycle(2016, 5)
GB = 1024 * 1024 * 1024
MB = 1024 * 1024


def bj(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=SHANGHAI)  # type: ignore[misc]


@pytest.fixture
def world():
    return BillingWorld()


def outbox_types(world: BillingWorld) -> list[str]:
    with world.storage.transaction() as tx:
        return [entry.event.event_type for entry in tx.outbox.pending(500)]


# ---------------------------------------------------------------------- ingestion


def test_a_batch_is_ingested_and_bad_records_are_rejected_with_reasons(world):
    s = world.add_number("18612345678", packs=("data-1gb",))
    n = s.number.value
    report = world.ingest(
        "b1",
        world.usage("ok-1", n, UsageKind.VOICE, 61),
        world.usage("bad-number", "18699999999", UsageKind.SMS, 1),
        world.usage("bad-qty", n, UsageKind.DATA, -5),
        world.usage("future", n, UsageKind.SMS, 1, at=bj(2016, 6, 1)),
        world.usage("too-old", n, UsageKind.SMS, 1, at=bj(2016, 3, 31, 23)),
        world.usage("april", n, UsageKind.SMS, 1, at=bj(2016, 4, 30, 23)),
        world.usage("ok-1", n, UsageKind.VOICE, 61),  # twice in one batch
    )
    assert report.accepted == 2
    assert report.duplicates == 1
    assert [(r.record_id, r.reason) for r in report.rejected] == [
        ("bad-number", RejectReason.UNKNOWN_NUMBER),
        ("bad-qty", RejectReason.NEGATIVE_QUANTITY),
        ("future", RejectReason.OUTSIDE_OPEN_CYCLE),
        ("too-old", RejectReason.OUTSIDE_OPEN_CYCLE),
    ]


def test_a_replayed_batch_changes_nothing(world):
    s = world.add_number("18612345678", packs=("data-1gb",))
    records = [world.usage(f"r{i}", s.number.value, UsageKind.DATA, 100 * MB) for i in range(5)]
    first = world.ingest("b1", *records)
    token = world.login(s)
    before = world.hall.billing.allowances(token)
    events = outbox_types(world)
    again = world.ingest("b1", *records)
    assert (first.accepted, first.duplicates) == (5, 0)
    assert (again.accepted, again.duplicates, again.rejected) == (0, 5, ())
    assert world.hall.billing.allowances(token) == before
    assert outbox_types(world) == events
    with world.storage.transaction() as tx:
        assert tx.bill_runs.get("2016-05").records == 5


def test_the_feed_is_drained_and_acknowledged_at_least_once(world):
    s = world.add_number("18612345678")
    feed = MemoryUsageFeed()
    feed.push("b1", [world.usage("r1", s.number.value, UsageKind.SMS, 1)])
    feed.push("b2", [world.usage("r2", s.number.value, UsageKind.SMS, 2)])
    feed.push("b1", [world.usage("r1", s.number.value, UsageKind.SMS, 1)])  # redelivered
    reports = world.hall.billing.drain(feed)
    assert [r.accepted for r in reports] == [1, 1]
    assert feed.pending() == []
    feed.push("b1", [world.usage("r1", s.number.value, UsageKind.SMS, 1)])  # lost ack
    assert world.hall.billing.drain(feed)[0].duplicates == 1


def test_usage_for_a_closed_cycle_is_rejected(world):
    s = world.add_number("18612345678")
    world.move_to(bj(2016, 6, 1, 1))
    world.hall.billing.close_cycle(MAY)
    late = world.usage("late", s.number.value, UsageKind.SMS, 1, at=bj(2016, 5, 31, 23))
    report = world.ingest("late", late)
    assert report.rejected[0].reason is RejectReason.OUTSIDE_OPEN_CYCLE


# ---------------------------------------------------------------------- the bill run


def provision(world: BillingWorld, count: int = 5):
    numbers = []
    for i in range(count):
        s = world.add_number(f"186{i:08d}", packs=("data-1gb", "voice-200min"))
        world.ingest(
            f"b{i}",
            world.usage(f"d{i}", s.number.value, UsageKind.DATA, 1024 * MB + i * 200 * MB),
            world.usage(f"v{i}", s.number.value, UsageKind.VOICE, 60 * (200 + i)),
        )
        numbers.append(s)
    return numbers


def all_bills(world: BillingWorld):
    with world.storage.transaction() as tx:
        found = []
        for account in tx.accounts.list_after(None, 500):
            found += tx.bills.list_by_account(account.id, PageRequest()).items
        return sorted(found, key=lambda b: b.id)


def test_the_bill_run_issues_one_bill_per_account_at_the_published_tariff(world):
    provision(world, 3)
    world.move_to(bj(2016, 6, 1, 0, 30))
    report = world.hall.billing.close_cycle(MAY)
    bills = all_bills(world)
    # Each: 48 + 32 in fees; number i: 200·i MB over (0.2元) and i minutes over (0.15元).
    expected = [8000 + 4000 * i + 15 * i for i in range(3)]
    assert [b.total.fen for b in bills] == expected
    assert (report.status, report.bills, report.total.fen) == (RunStatus.DONE, 3, sum(expected))
    assert report.records == 6
    assert outbox_types(world).count("bill.issued") == 3
    assert "bill_run.completed" in outbox_types(world)


def test_running_the_bill_run_twice_gives_the_same_bills(world):
    provision(world, 4)
    world.move_to(bj(2016, 6, 1, 1))
    first = world.hall.billing.close_cycle(MAY)
    bills = all_bills(world)
    world.move_to(bj(2016, 6, 2, 9))
    second = world.hall.billing.close_cycle(MAY)
    assert second == first
    assert all_bills(world) == bills


def test_the_bill_run_waits_for_the_cycle_to_end(world):
    provision(world, 1)
    world.move_to(bj(2016, 6, 1) - dt.timedelta(microseconds=1))
    with pytest.raises(Refused) as raised:
        world.hall.billing.close_cycle(MAY)
    assert raised.value.code == "billing.cycle_not_over"
    assert raised.value.data["retry_at"] == bj(2016, 6, 1)


def crashing_billing(world, crash_on: int):
    """The billing area of a hall bootstrapped on the world's storage, wrapped to crash."""
    storage = CrashingStorage(world.storage, 0)  # no crash while bootstrap installs
    hall = bootstrap(
        storage=storage,
        clock=world.clock,
        hasher=MemoryPasswordHasher(),
        billing_settings=world.hall.billing.settings,
    )
    storage.count, storage.crash_on = 0, crash_on
    return hall.billing


@pytest.mark.parametrize("crash_on", [1, 2, 3, 4, 5])
def test_a_crash_mid_run_then_resume_gives_every_bill_exactly_once(crash_on):
    world = BillingWorld(settings=BillingSettings(chunk_size=2))
    provision(world, 7)
    world.move_to(bj(2016, 6, 1, 1))
    reference = BillingWorld(settings=BillingSettings(chunk_size=2))
    provision(reference, 7)
    reference.move_to(bj(2016, 6, 1, 1))
    expected = reference.hall.billing.close_cycle(MAY)

    crashing = crashing_billing(world, crash_on)
    with pytest.raises(Crash):
        crashing.close_cycle(MAY)
    resumed = world.hall.billing.close_cycle(MAY)
    bills = all_bills(world)
    assert len(bills) == 7 == len({b.id for b in bills})
    assert [b.total for b in bills] == [b.total for b in all_bills(reference)]
    assert (resumed.bills, resumed.total) == (expected.bills, expected.total)
    assert outbox_types(world).count("bill.issued") == 7


def test_a_prepaid_balance_pays_the_bill_at_once(world):
    s = world.add_number("18612345678", packs=("data-100mb",))
    with world.storage.transaction() as tx:
        account = tx.accounts.get(s.account_id)
        account.credit(Money(5000), at=bj(2016, 5, 17))
        tx.accounts.save(account)
    world.move_to(bj(2016, 6, 1, 1))
    world.hall.billing.close_cycle(MAY)
    (bill,) = all_bills(world)
    assert bill.settled_at is not None
    with world.storage.transaction() as tx:
        assert tx.accounts.get(s.account_id).balance == Money(4200)


def test_an_adjustment_lands_on_the_bill_once(world):
    s = world.add_number("18612345678", packs=("data-100mb",))
    for _ in range(2):
        world.hall.billing.adjust(s.id, "adj-1", Money(-300), "补偿: network outage")
    world.move_to(bj(2016, 6, 1, 1))
    world.hall.billing.close_cycle(MAY)
    (bill,) = all_bills(world)
    assert bill.total == Money(500)
    with pytest.raises(Refused) as raised:
        world.hall.billing.adjust(s.id, "adj-2", Money(100), "too late", cycle=MAY)
    assert raised.value.code == "billing.cycle_closed"
    with pytest.raises(Conflict):
        world.hall.billing.adjust(s.id, "adj-1", Money(-1), "other")


def test_packs_are_held_and_released_from_next_month(world):
    s = world.add_number("18612345678")
    world.hall.billing.hold_pack(s.id, "data-1gb")
    profile = world.hall.billing.release_pack(s.id, "data-1gb")
    assert profile.packs[0].ends == bj(2016, 6, 1)
    with pytest.raises(NotFound):
        world.hall.billing.hold_pack(s.id, "no-such-pack")
    with pytest.raises(NotFound):
        world.hall.billing.release_pack(s.id, "data-1gb")


# ---------------------------------------------------------------------- arrears


def test_arrears_suspend_after_30_days_and_payment_reactivates(world):
    s = world.add_number("18612345678", packs=("data-1gb",))
    world.move_to(bj(2016, 6, 1, 1))
    world.hall.billing.close_cycle(MAY)  # 48元, due 2016-06-30
    world.move_to(bj(2016, 7, 29, 12))  # 29 days in arrears
    assert world.hall.billing.enforce_arrears().suspended == ()
    world.move_to(bj(2016, 7, 30, 0))  # 30 days
    report = world.hall.billing.enforce_arrears()
    assert (report.bills_in_arrears, report.suspended) == (1, (s.id,))
    with world.storage.transaction() as tx:
        assert tx.subscribers.get(s.id).status is SubscriberStatus.SUSPENDED_ARREARS
    # 30 days at 48元 × 3‰ = 0.144 -> 0.14元 a day: 4.20元 of late fees.
    receipt = world.hall.billing.record_payment(s.account_id, Money(4000), payment_id="p1")
    assert receipt.reactivated == ()  # still 12.20元 in arrears
    receipt = world.hall.billing.record_payment(s.account_id, Money(1220), payment_id="p2")
    assert receipt.applied_to_bills == Money(1220)
    assert receipt.reactivated == (s.id,)
    with world.storage.transaction() as tx:
        assert tx.subscribers.get(s.id).status is SubscriberStatus.ACTIVE
    assert world.hall.billing.record_payment(s.account_id, Money(1), payment_id="p2").duplicate


def test_a_prepaid_number_is_never_suspended_for_arrears(world):
    s = world.add_number("18612345678", packs=("data-1gb",), payment_mode=PaymentMode.PREPAID)
    world.move_to(bj(2016, 6, 1, 1))
    world.hall.billing.close_cycle(MAY)
    world.move_to(bj(2016, 9, 1))
    assert world.hall.billing.enforce_arrears().suspended == ()
    with world.storage.transaction() as tx:
        assert tx.subscribers.get(s.id).status is SubscriberStatus.ACTIVE


def test_two_bill_runs_racing_on_one_cycle_issue_every_bill_once():
    world = BillingWorld(settings=BillingSettings(chunk_size=2, conflict_retries=20))
    provision(world, 9)
    world.move_to(bj(2016, 6, 1, 1))
    barrier = threading.Barrier(2)
    reports, errors = [], []

    def worker():
        barrier.wait()
        try:
            reports.append(world.hall.billing.close_cycle(MAY))
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(all_bills(world)) == 9
    assert reports[0] == reports[1]
    assert reports[0].bills == 9
    assert outbox_types(world).count("bill.issued") == 9
