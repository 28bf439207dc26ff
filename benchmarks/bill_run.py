"""Rating and the bill run against one SQL ``GROUP BY`` over the same rows.

For SQLite (a file, WAL) and PostgreSQL (if ``UNICOM_TEST_PG_URL`` is set), in one process:

1. provision ``BENCH_SUBSCRIBERS`` postpaid 4G numbers (each its own account) on the 4G
   national combination plan with a 48元/1GB data pack and a 32元/200-minute voice pack
   (set-up, not timed);
2. **ingest** ``BENCH_RECORDS`` usage records per number (voice, SMS, MMS, data, WLAN,
   value-added, seeded at random over May 2016) through ``hall.billing.ingest`` in batches of
   ``BENCH_BATCH``: validation, idempotency check, number look-up, insert (only the
   ``ingest`` calls are timed, not the making of the records);
3. **bill run**: ``hall.billing.close_cycle(2016-05)``, which rates every number (allowances,
   overage at the catalogue's rates) and issues one bill per account;
4. **baseline**: one SQL statement over the same rows, a ``GROUP BY`` per number that applies
   the same tariff in SQL arithmetic, summed; the totals must agree to the fen;
5. **bare ingest**: the rows ingestion stored, inserted again with the driver's own
   ``executemany`` (one transaction per ``BENCH_BATCH`` rows, no checks) into a copy of the
   usage table with the same key and index: what ingestion costs beyond the insert.

It prints a Markdown table: records per second of ingestion (and of the bare insert, and
their ratio), of the bill run, the bill run's time over the baseline's, and whether the
totals agree. Sizes are environment
variables (defaults are modest so ``make bench`` takes minutes); the largest run we measure is
``BENCH_SUBSCRIBERS=10000 BENCH_RECORDS=100`` (1,000,000 records).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import random
import sqlite3
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import Column, Index, MetaData, Table, select, text
from unicom_sql import create_storage, schema
from unicom_sql.testing import scratch_schema, sqlite_database

from unicom_core.domain.billing import BillingProfile, PackHolding, UsageKind, UsageRecord
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money, ResidentId, check_character
from unicom_core.domain.subscribers import (
    Account,
    AccountId,
    Customer,
    CustomerId,
    NetworkGeneration,
    PaymentMode,
    ServiceKind,
    ServiceNumber,
    Subscriber,
    SubscriberId,
)
from unicom_core.ports.billing import UsageBatch
from unicom_core.testing.worlds.billing import BillingWorld
from unicom_core.usecases.billing import BillingSettings

if TYPE_CHECKING:
    from collections.abc import Iterator

    from unicom_sql import SqlStorage

SUBSCRIBERS = int(os.environ.get("BENCH_SUBSCRIBERS", "200"))
RECORDS = int(os.environ.get("BENCH_RECORDS", "50"))
BATCH = int(os.environ.get("BENCH_BATCH", "5000"))
CHUNK = int(os.environ.get("BENCH_CHUNK", "200"))
MAY = BillingCycle(2016, 5)
PACKS = ("data-1gb", "voice-200min")
MAX_RECORDS = 1_000_000
CONSOLE = Console(stderr=True)

# The tariff in SQL: 80元 of packs; data over 1 GB at 0.20元 per started MB; voice over 200
# minutes at 0.15元; SMS 0.10元, MMS 0.30元, WLAN 0.05元 a minute; information fees as given.
BASELINE = """
SELECT COUNT(*) AS numbers, SUM(
    8000
    + CASE WHEN data_kb > 1048576 THEN (data_kb - 1048576 + 1023) / 1024 * 20 ELSE 0 END
    + CASE WHEN voice_min > 200 THEN (voice_min - 200) * 15 ELSE 0 END
    + sms * 10 + mms * 30 + wlan_min * 5 + fees
) AS total FROM (
  SELECT subscriber_id,
    CAST(SUM(CASE WHEN kind = 'data' THEN units ELSE 0 END) AS BIGINT) AS data_kb,
    CAST(SUM(CASE WHEN kind = 'voice' THEN units ELSE 0 END) AS BIGINT) AS voice_min,
    CAST(SUM(CASE WHEN kind = 'sms' THEN units ELSE 0 END) AS BIGINT) AS sms,
    CAST(SUM(CASE WHEN kind = 'mms' THEN units ELSE 0 END) AS BIGINT) AS mms,
    CAST(SUM(CASE WHEN kind = 'wlan' THEN units ELSE 0 END) AS BIGINT) AS wlan_min,
    CAST(SUM(COALESCE(fee_fen, 0)) AS BIGINT) AS fees
  FROM usage_records WHERE cycle = :cycle GROUP BY subscriber_id
) AS per_number
"""


def _resident_id(n: int) -> ResidentId:
    born = dt.date(1970, 1, 1) + dt.timedelta(days=n // 1000)
    first17 = f"110105{born:%Y%m%d}{n % 1000:03d}"
    return ResidentId(first17 + check_character(first17))


def provision(storage: SqlStorage) -> list[str]:
    """Store the numbers, accounts and billing profiles in a few transactions."""
    numbers, held = [], dt.datetime(2016, 1, 1, tzinfo=SHANGHAI)
    for start in range(0, SUBSCRIBERS, 500):
        with storage.transaction() as tx:
            for n in range(start, min(start + 500, SUBSCRIBERS)):
                customer = Customer(CustomerId(f"c{n:07d}"), "用户", _resident_id(n))
                account = Account(AccountId(f"a{n:07d}"), customer.id)
                number = f"186{n:08d}"
                subscriber = Subscriber(
                    SubscriberId(f"s{n:07d}"),
                    customer.id,
                    account.id,
                    ServiceNumber.parse(ServiceKind.MOBILE, number),
                    "4g-national-combo",
                    dt.date(2010, 1, 1),
                    PaymentMode.POSTPAID,
                    NetworkGeneration.G4,
                    "12345678",
                )
                tx.customers.add(customer)
                tx.accounts.add(account)
                tx.subscribers.add(subscriber)
                holdings = tuple(PackHolding(code, held) for code in PACKS)
                tx.billing_profiles.add(BillingProfile(subscriber.id, holdings))
                numbers.append(number)
    return numbers


def records(numbers: list[str]) -> Iterator[UsageRecord]:
    """``RECORDS`` seeded records per number over May 2016."""
    rng = random.Random(517)  # noqa: S311 - a benchmark's data, not a secret
    seconds = int((MAY.end - MAY.start).total_seconds())
    kinds = [UsageKind.DATA] * 5 + [UsageKind.VOICE] * 3 + [UsageKind.SMS, UsageKind.MMS]
    sequence = 0
    for number in numbers:
        for _ in range(RECORDS):
            sequence += 1
            kind = rng.choice([*kinds, UsageKind.WLAN, UsageKind.VALUE_ADDED])
            at = MAY.start + dt.timedelta(seconds=rng.randrange(seconds))
            quantity = {
                UsageKind.DATA: rng.randrange(0, 80 * 1024 * 1024),
                UsageKind.VOICE: rng.randrange(0, 900),
                UsageKind.WLAN: rng.randrange(0, 1800),
            }.get(kind, rng.randrange(1, 3))
            fee = Money(rng.randrange(0, 300)) if kind is UsageKind.VALUE_ADDED else None
            detail = "game" if fee is not None else ""
            yield UsageRecord(f"r{sequence:09d}", number, kind, at, quantity, detail, fee)


def progress_bar() -> Progress:
    """A rich progress bar on stderr."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=CONSOLE,
        transient=True,
    )


def bare_ingest(storage: SqlStorage) -> float:
    """Seconds to insert the stored usage rows again with a bare ``executemany``."""
    source = schema.usage_records
    copy = Table(
        "usage_bare",
        MetaData(),
        *(Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable) for c in source.c),
    )
    (index,) = source.indexes
    Index("ix_usage_bare_subscriber_id", *(copy.c[column.name] for column in index.columns))
    copy.create(storage.engine)
    with storage.engine.connect() as connection:
        rows = [tuple(row) for row in connection.execute(select(*source.c))]
    marks = "?" if storage.engine.dialect.paramstyle == "qmark" else "%s"
    insert = (
        f"INSERT INTO usage_bare ({', '.join(c.name for c in source.c)}) "  # noqa: S608 - fixed
        f"VALUES ({', '.join(marks for _ in source.c)})"
    )
    raw = storage.engine.raw_connection()
    try:
        started = time.perf_counter()
        for start in range(0, len(rows), BATCH):
            cursor = raw.cursor()
            if storage.engine.dialect.name == "sqlite":  # the driver runs in autocommit mode
                cursor.execute("BEGIN")
            cursor.executemany(insert, rows[start : start + BATCH])
            cursor.close()
            raw.commit()
        return time.perf_counter() - started
    finally:
        raw.close()


def ingest(world: BillingWorld, batch: UsageBatch) -> float:
    """Seconds ``hall.billing.ingest`` takes over ``batch``."""
    started = time.perf_counter()
    world.hall.billing.ingest(batch)
    return time.perf_counter() - started


def run(name: str, storage: SqlStorage) -> tuple[str, ...]:
    """Provision, ingest, bill and compare on ``storage``; one row of the table."""
    world = BillingWorld(
        start=dt.datetime(2016, 5, 31, 23, tzinfo=SHANGHAI),
        storage=storage,
        settings=BillingSettings(chunk_size=CHUNK),
    )
    numbers = provision(storage)
    total_records = len(numbers) * RECORDS
    with progress_bar() as bar:
        task = bar.add_task(f"{name}: ingest", total=total_records)
        ingest_seconds, batch = 0.0, []
        for record in records(numbers):  # generating the records is not timed
            batch.append(record)
            if len(batch) == BATCH:
                ingest_seconds += ingest(world, UsageBatch(f"b{record.record_id}", batch))
                bar.advance(task, len(batch))
                batch = []
        if batch:
            ingest_seconds += ingest(world, UsageBatch("last", batch))
        world.move_to(dt.datetime(2016, 6, 1, 0, 30, tzinfo=SHANGHAI))
        task = bar.add_task(f"{name}: bill run", total=len(numbers))
        started = time.perf_counter()
        report = world.hall.billing.close_cycle(
            MAY, progress=lambda r: bar.update(task, completed=r.bills)
        )
        run_seconds = time.perf_counter() - started
    started = time.perf_counter()
    with storage.engine.connect() as connection:
        counted, total = connection.execute(text(BASELINE), {"cycle": str(MAY)}).one()
    baseline_seconds = time.perf_counter() - started
    agree = counted == report.bills and int(total) == report.total.fen
    bare_seconds = bare_ingest(storage)
    return (
        name,
        f"{len(numbers):,}",
        f"{total_records:,}",
        f"{total_records / ingest_seconds:,.0f}",
        f"{total_records / bare_seconds:,.0f}",
        f"{bare_seconds / ingest_seconds:.2f}",
        f"{total_records / run_seconds:,.0f}",
        f"{run_seconds:.2f}",
        f"{baseline_seconds:.3f}",
        f"{run_seconds / baseline_seconds:.1f}",
        str(report.total),
        str(Money(int(total))),
        "yes" if agree else "NO",
    )


@contextmanager
def sqlite_storage() -> Iterator[SqlStorage]:
    """A migrated SQLite file in a temporary directory."""
    with tempfile.TemporaryDirectory() as directory:
        storage = create_storage(sqlite_database(Path(directory) / "bench.sqlite3"))
        try:
            yield storage
        finally:
            storage.close()


@contextmanager
def postgres_storage(server: str) -> Iterator[SqlStorage]:
    """A migrated scratch schema on the PostgreSQL server."""
    with scratch_schema(server) as url:
        storage = create_storage(url)
        try:
            yield storage
        finally:
            storage.close()


def main() -> int:
    """Run every backend and print the table; a total that disagrees fails the run."""
    if SUBSCRIBERS * RECORDS > MAX_RECORDS:
        CONSOLE.print(f"at most {MAX_RECORDS:,} records, not {SUBSCRIBERS * RECORDS:,}")
        return 2
    rows = []
    with sqlite_storage() as storage:
        rows.append(run("SQLite", storage))
    server = os.environ.get("UNICOM_TEST_PG_URL")
    if server:
        with postgres_storage(server) as storage:
            rows.append(run("PostgreSQL", storage))
    print(  # a Markdown table for docs/performance.md
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs; chunk {CHUNK}, batch {BATCH}\n"
    )
    print(
        "| backend | numbers | records | ingest rec/s | bare insert rec/s | ingest / bare "
        "| bill run rec/s | bill run (s) | GROUP BY (s) | bill run / GROUP BY | bill run total "
        "| GROUP BY total | equal |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    return 0 if all(row[-1] == "yes" for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
