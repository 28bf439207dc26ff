"""The billing use cases on SQLite and PostgreSQL: the same answers as the memory reference.

Ingestion replayed, the bill run twice and after an injected crash, payments and arrears,
and the charge queries, each on a migrated database (F-QRY-1..3).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from unicom_sql import create_storage

from unicom_core import bootstrap
from unicom_core.domain.billing import DetailKind, UsageKind
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.domain.subscribers import SubscriberStatus
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.ports.shared import PageRequest
from unicom_core.testing.crashing import Crash, CrashingStorage
from unicom_core.testing.worlds.billing import BillingWorld
from unicom_core.usecases.billing import BillingSettings

MAY = BillingCycle(2016, 5)
MB = 1024 * 1024


def bj(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=SHANGHAI)  # type: ignore[misc]


@pytest.fixture
def world(db_url):
    storage = create_storage(db_url)
    yield BillingWorld(storage=storage, settings=BillingSettings(chunk_size=2))
    storage.close()


def provision(world: BillingWorld, count: int):
    numbers = []
    for i in range(count):
        s = world.add_number(f"186{i:08d}", packs=("data-1gb", "voice-200min"))
        world.ingest(
            f"b{i}",
            world.usage(f"d{i}", s.number.value, UsageKind.DATA, (1024 + 100 * i) * MB),
            world.usage(f"v{i}", s.number.value, UsageKind.VOICE, 60 * (200 + i)),
            world.usage(
                f"g{i}", s.number.value, UsageKind.VALUE_ADDED, 1, detail="game", fee=Money(150)
            ),
        )
        numbers.append(s)
    return numbers


def all_bills(world: BillingWorld):
    with world.storage.transaction() as tx:
        found = []
        for account in tx.accounts.list_after(None, 500):
            found += tx.bills.list_by_account(account.id, PageRequest()).items
        return sorted(found, key=lambda b: b.id)


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


def test_replay_crash_resume_and_rerun_give_every_bill_once(world):
    numbers = provision(world, 5)
    again = world.ingest(
        "b0", world.usage("d0", numbers[0].number.value, UsageKind.DATA, 1024 * MB)
    )
    assert (again.accepted, again.duplicates) == (0, 1)
    world.move_to(bj(2016, 6, 1, 1))
    crashing = crashing_billing(world, 3)
    with pytest.raises(Crash):
        crashing.close_cycle(MAY)
    report = world.hall.billing.close_cycle(MAY)
    assert world.hall.billing.close_cycle(MAY) == report
    bills = all_bills(world)
    # Number i: 80元 of packs, 100·i MB over (20元 each 100 MB), i minutes (0.15元), 1.50元.
    expected = [8000 + 2000 * i + 15 * i + 150 for i in range(5)]
    assert [b.total.fen for b in bills] == expected
    assert (report.bills, report.total.fen, report.records) == (5, sum(expected), 15)


def test_payments_arrears_and_queries(world):
    (s,) = provision(world, 1)
    token = world.login(s)
    assert world.hall.billing.charges(token).total == Money(8150)
    assert [e.record_id for e in world.hall.billing.details(token, DetailKind.DATA, MAY).items] == [
        "d0"
    ]
    world.move_to(bj(2016, 6, 1, 1))
    world.hall.billing.close_cycle(MAY)
    world.move_to(bj(2016, 7, 31))
    assert world.hall.billing.enforce_arrears().suspended == (s.id,)
    owed = world.hall.billing.balance(world.login(s)).owed
    # 81.50元 × 3‰ = 24.45 fen -> 24 fen a day, 31 days in July: 7.44元.
    assert owed == Money(8150 + 31 * 24)
    receipt = world.hall.billing.record_payment(s.account_id, Money(10000), payment_id="pay-1")
    assert receipt.applied_to_bills == owed
    assert receipt.reactivated == (s.id,)
    assert receipt.balance == Money(10000) - owed
    with world.storage.transaction() as tx:
        assert tx.subscribers.get(s.id).status is SubscriberStatus.ACTIVE
        assert tx.bills.unsettled_after(None, 10) == []


def test_the_bill_run_benchmark_runs_and_its_totals_agree():
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "BENCH_SUBSCRIBERS": "6", "BENCH_RECORDS": "5", "BENCH_CHUNK": "4"}
    done = subprocess.run(  # noqa: S603 - our own script, this interpreter
        [sys.executable, str(root / "benchmarks" / "bill_run.py")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "| SQLite | 6 | 30 |" in done.stdout
    assert done.stdout.rstrip().endswith("| yes |")
