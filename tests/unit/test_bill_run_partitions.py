"""The bill run split into account ranges, on the memory reference (F-QRY-3).

Amounts are hand-computed from the published tariffs, as in test_billing_usecases: each
number holds the 48元/1GB data pack and the 32元/200-minute voice pack; number ``i`` uses
200·i MB over the pack (0.2元/MB) and ``i`` minutes over (0.15元/min).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core import bootstrap
from unicom_core.domain.billing import (
    PARTITION_LIMIT,
    BillRunPartition,
    RunStatus,
    UsageKind,
    split_positions,
)
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.errors import Conflict, InvalidInput, NotFound, Refused
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.ports.shared import PageRequest
from unicom_core.serialization import structure, unstructure
from unicom_core.testing.crashing import Crash, CrashingStorage
from unicom_core.testing.worlds.billing import BillingWorld
from unicom_core.usecases.billing import BillingSettings

MAY = BillingCycle(2016, 5)
MB = 1024 * 1024


def bj(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=SHANGHAI)  # type: ignore[misc]


def provision(world: BillingWorld, count: int) -> None:
    for i in range(count):
        s = world.add_number(f"186{i:08d}", packs=("data-1gb", "voice-200min"))
        world.ingest(
            f"b{i}",
            world.usage(f"d{i}", s.number.value, UsageKind.DATA, 1024 * MB + i * 200 * MB),
            world.usage(f"v{i}", s.number.value, UsageKind.VOICE, 60 * (200 + i)),
        )


def expected_fen(count: int) -> list[int]:
    return [8000 + 4000 * i + 15 * i for i in range(count)]


def bills_of(world: BillingWorld):
    with world.storage.transaction() as tx:
        found = []
        for account in tx.accounts.list_after(None, 500):
            found += tx.bills.list_by_account(account.id, PageRequest()).items
        return sorted(found, key=lambda b: b.id)


def outbox_types(world: BillingWorld) -> list[str]:
    with world.storage.transaction() as tx:
        return [entry.event.event_type for entry in tx.outbox.pending(500)]


def ready(count: int, chunk_size: int = 2) -> BillingWorld:
    world = BillingWorld(settings=BillingSettings(chunk_size=chunk_size))
    provision(world, count)
    world.move_to(bj(2016, 6, 1, 1))
    return world


def run_split(world: BillingWorld, count: int):
    billing = world.hall.billing
    plan = billing.plan_partitions(MAY, count)
    reports = [billing.close_partition(MAY, p.id) for p in plan]
    return plan, reports, billing.finish_partitioned(MAY)


def test_a_split_run_issues_the_bills_of_the_single_process_run():
    world = ready(7)
    plan, reports, report = run_split(world, 3)
    bills = bills_of(world)
    assert [p.id for p in plan] == ["2016-05/0000", "2016-05/0001", "2016-05/0002"]
    assert [b.total.fen for b in sorted(bills, key=lambda b: b.total)] == expected_fen(7)
    assert [r.bills for r in reports] == [2, 2, 3]  # floor(7/3), floor(14/3): 2, 4 | 7
    assert (report.status, report.bills, report.total.fen) == (
        RunStatus.DONE,
        7,
        sum(expected_fen(7)),
    )
    assert report.records == 14
    assert outbox_types(world).count("bill.issued") == 7
    assert outbox_types(world).count("bill_run.completed") == 1


def test_planning_twice_keeps_the_first_plan_and_finishing_twice_changes_nothing():
    world = ready(5)
    first = world.hall.billing.plan_partitions(MAY, 2)
    assert world.hall.billing.plan_partitions(MAY, 4) == first
    _, _, report = run_split(world, 2)
    assert world.hall.billing.finish_partitioned(MAY) == report
    assert world.hall.billing.close_cycle(MAY) == report  # a DONE run is reported as it is
    assert outbox_types(world).count("bill_run.completed") == 1


def test_fewer_accounts_than_partitions_give_one_partition_per_account():
    world = ready(2)
    plan, reports, report = run_split(world, 5)
    assert len(plan) == 2
    assert [r.bills for r in reports] == [1, 1]
    assert report.bills == 2


def test_no_account_at_all_gives_one_open_range():
    world = BillingWorld()
    world.move_to(bj(2016, 6, 1, 1))
    plan, _, report = run_split(world, 4)
    assert [(p.lower, p.upper) for p in plan] == [(None, None)]
    assert (report.bills, report.total) == (0, Money.zero())


def test_finishing_while_a_partition_is_open_is_refused():
    world = ready(4)
    plan = world.hall.billing.plan_partitions(MAY, 2)
    world.hall.billing.close_partition(MAY, plan[0].id)
    with pytest.raises(Refused) as refused:
        world.hall.billing.finish_partitioned(MAY)
    assert refused.value.code == "bill_run.partitions_open"
    assert refused.value.data["open"] == 1


def test_the_single_process_walk_refuses_a_split_run():
    world = ready(3)
    world.hall.billing.plan_partitions(MAY, 2)
    with pytest.raises(Refused) as refused:
        world.hall.billing.close_cycle(MAY)
    assert refused.value.code == "bill_run.partitioned"
    assert bills_of(world) == []  # refused before any account is billed


def test_a_run_begun_in_one_process_cannot_be_split():
    world = ready(5)
    chunks = []

    def stop_after_one(report):
        chunks.append(report)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        world.hall.billing.close_cycle(MAY, progress=stop_after_one)
    with pytest.raises(Conflict) as refused:
        world.hall.billing.plan_partitions(MAY, 2)
    assert refused.value.code == "bill_run.single_process"
    with pytest.raises(Refused) as not_split:
        world.hall.billing.finish_partitioned(MAY)
    assert not_split.value.code == "bill_run.not_partitioned"


@pytest.mark.parametrize("count", [0, -1, PARTITION_LIMIT + 1, True, 2.0, "2"])
def test_a_bad_partition_count_is_refused(count):
    world = ready(1)
    with pytest.raises(InvalidInput) as refused:
        world.hall.billing.plan_partitions(MAY, count)
    assert refused.value.code == "bill_run.partition_count"


@pytest.mark.parametrize("partition_id", ["2016-05/0009", "2016-04/0000", "nonsense", 3])
def test_an_unknown_partition_is_refused(partition_id):
    world = ready(2)
    world.hall.billing.plan_partitions(MAY, 1)
    with pytest.raises(NotFound) as refused:
        world.hall.billing.close_partition(MAY, partition_id)
    assert refused.value.code == "bill_run.partition_unknown"


def test_a_split_run_waits_for_the_cycle_to_end():
    world = BillingWorld()
    provision(world, 1)
    world.move_to(bj(2016, 5, 31, 23))
    with pytest.raises(Refused) as refused:
        world.hall.billing.plan_partitions(MAY, 2)
    assert refused.value.code == "billing.cycle_not_over"


@pytest.mark.parametrize("crash_on", [2, 3, 4])
def test_a_partition_retried_after_a_crash_issues_every_bill_once(crash_on):
    """A worker dies mid-partition; the retry resumes after the partition's cursor."""
    world = ready(7)
    plan = world.hall.billing.plan_partitions(MAY, 2)
    storage = CrashingStorage(world.storage, 0)
    billing = bootstrap(
        storage=storage,
        clock=world.clock,
        hasher=MemoryPasswordHasher(),
        billing_settings=world.hall.billing.settings,
    ).billing
    storage.count, storage.crash_on = 0, crash_on
    with pytest.raises(Crash):
        billing.close_partition(MAY, plan[1].id)  # 1: catalogue, then chunks of 2
    for partition in plan:
        world.hall.billing.close_partition(MAY, partition.id)
    report = world.hall.billing.finish_partitioned(MAY)
    bills = bills_of(world)
    assert len(bills) == 7 == len({b.id for b in bills})
    assert (report.bills, report.total.fen) == (7, sum(expected_fen(7)))
    assert outbox_types(world).count("bill.issued") == 7


# ---------------------------------------------------------------------- the partitions law


@given(
    ids=st.sets(st.text("abc019-", min_size=1, max_size=6), max_size=40),
    others=st.lists(st.text("abc019-", min_size=1, max_size=6), max_size=10),
    count=st.integers(1, 50),
)
def test_the_partitions_cover_every_account_exactly_once(ids, others, count):
    """For any accounts and any count, the ranges partition the account ids.

    Every stored id, and any id at all (an account opened after the plan), is in exactly
    one range; there are at most ``count`` ranges and their sizes differ by one at most.
    """
    ordered = sorted(ids)
    points = [ordered[p - 1] for p in split_positions(len(ordered), count)]
    bounds = [None, *points, None]
    partitions = [
        BillRunPartition.of(MAY, i, bounds[i], bounds[i + 1]) for i in range(len(points) + 1)
    ]
    assert 1 <= len(partitions) <= count
    for account_id in [*ordered, *others]:
        assert sum(p.holds(account_id) for p in partitions) == 1
    sizes = [sum(p.holds(i) for i in ordered) for p in partitions]
    assert sum(sizes) == len(ordered)
    if ordered:
        assert max(sizes) - min(sizes) <= 1


# ---------------------------------------------------------------------- the aggregate


def test_a_partition_survives_the_converter():
    partition = BillRunPartition.of(MAY, 12, "a-1", "a-9")
    partition.advance("a-5", 3, Money(4567))
    partition.finish(at=bj(2016, 6, 1, 2))
    assert structure(unstructure(partition), BillRunPartition) == partition


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"id": "2016-05/12"}, "id"),
        ({"lower": "a-9", "upper": "a-1"}, "upper"),
        ({"lower": "a-5", "upper": "a-5"}, "upper"),
        ({"cursor": "a-99"}, "cursor"),
        ({"status": RunStatus.OPEN}, "status"),
        ({"lower": ""}, "lower"),
    ],
)
def test_a_malformed_partition_is_refused(changes, field):
    values = {"id": "2016-05/0012", "cycle": MAY, "index": 12, "lower": "a-1", "upper": "a-9"}
    with pytest.raises(InvalidInput) as refused:
        BillRunPartition(**{**values, **changes})
    assert (refused.value.code, refused.value.data["field"]) == ("bill_run.partition", field)


@pytest.mark.parametrize("index", [-1, PARTITION_LIMIT, True])
def test_a_partition_index_is_in_range(index):
    with pytest.raises(InvalidInput) as refused:
        BillRunPartition.of(MAY, index, None, None)
    assert refused.value.code == "bill_run.partition"


def test_a_done_partition_does_not_advance():
    partition = BillRunPartition.of(MAY, 0, None, None)
    partition.finish(at=bj(2016, 6, 1, 2))
    with pytest.raises(Refused) as refused:
        partition.advance("a-1", 1, Money(1))
    assert refused.value.code == "bill_run.not_running"
