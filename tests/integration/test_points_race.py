"""Racing redemptions on SQLite and PostgreSQL never spend the same points twice (F-QRY-4).

Eight threads (each its own connection) redeem a 1000-point voucher at the same instant from
an account holding 3500 points. Whatever the interleaving, at most three succeed, every
success spent exactly its 1000 points and credited exactly its ¥10, and the balance never
goes below zero. The points account's optimistic version is the point of serialisation (the
engine re-runs the loser, which then finds too few points), never a Python lock.
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from unicom_sql import create_storage

from unicom_core.domain.handling import EntryKind, PointsAccount, PointsRules
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.errors import Conflict, Refused
from unicom_core.testing.worlds.billing import BillingWorld

THREADS = 8
MAY_17 = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)


@pytest.fixture
def world(db_url):
    world = BillingWorld(start=MAY_17, storage=create_storage(db_url))
    yield world
    world.storage.close()


def test_racing_redemptions_spend_each_point_once(world):
    subscriber = world.add_number("18612340001")
    with world.storage.transaction() as tx:
        account = PointsAccount(subscriber.id)
        account.earn("bill-1", 3500, at=MAY_17, rules=PointsRules())
        tx.points_accounts.add(account)
    token = world.login(subscriber)
    start = threading.Barrier(THREADS)
    records, refusals, lock = [], [], threading.Lock()

    def redeem(n):
        start.wait(10)
        try:
            record = world.hall.handling.handle(
                token, "points_redeem", {"item": "voucher-10"}, request_id=f"race-{n:04d}"
            )
        except (Refused, Conflict) as refusal:
            with lock:
                refusals.append(refusal.code)
        else:
            with lock:
                records.append(record)

    threads = [threading.Thread(target=redeem, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert 1 <= len(records) <= 3
    assert set(refusals) <= {"points.insufficient", "storage.version_conflict"}
    with world.storage.read() as tx:
        stored = tx.points_accounts.get(subscriber.id)
        balance = tx.accounts.get(subscriber.account_id).balance
    spent = [e for e in stored.history if e.kind is EntryKind.SPENT]
    assert sorted(e.source for e in spent) == sorted(r.id for r in records)
    assert stored.balance == 3500 - 1000 * len(records) >= 0
    assert balance == Money(1000 * len(records))
