"""The bill run's round trips: a few statements per chunk of accounts, not per account (F-QRY-3).

The run reads a chunk's subscribers, profiles and usage totals in one query each and writes
its bills and their events in one statement each, so the statements it sends grow with the
chunks, not with the accounts (it used to send four or more per account).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event
from unicom_sql import create_storage

from unicom_core.domain.billing import UsageKind
from unicom_core.domain.shared import SHANGHAI, BillingCycle
from unicom_core.testing.worlds.billing import BillingWorld
from unicom_core.usecases.billing import BillingSettings

MAY = BillingCycle(2016, 5)
ACCOUNTS = 60
CHUNK = 20
PER_CHUNK = 12  # bill run, accounts, bills existing, subscribers, profiles, totals, writes


@pytest.fixture
def world(db_url):
    storage = create_storage(db_url)
    yield BillingWorld(storage=storage, settings=BillingSettings(chunk_size=CHUNK))
    storage.close()


def test_statements_grow_with_chunks_not_accounts(world: BillingWorld) -> None:
    """60 accounts in chunks of 20: at most a dozen statements a chunk, bills all issued."""
    for i in range(ACCOUNTS):
        s = world.add_number(f"186{i:08d}", packs=("data-1gb",))
        world.ingest(f"b{i}", world.usage(f"v{i}", s.number.value, UsageKind.VOICE, 60 * i))
    world.move_to(dt.datetime(2016, 6, 1, 1, tzinfo=SHANGHAI))
    sent: list[str] = []

    def count(*args: object) -> None:
        sent.append(str(args[2]))

    engine = world.storage.engine  # type: ignore[attr-defined]
    event.listen(engine, "before_cursor_execute", count)
    try:
        report = world.hall.billing.close_cycle(MAY)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    chunks = ACCOUNTS // CHUNK + 2  # the chunks, the last empty one, the start
    assert report.bills == ACCOUNTS
    assert len(sent) <= PER_CHUNK * chunks < 4 * ACCOUNTS
