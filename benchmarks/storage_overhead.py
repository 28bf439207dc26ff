"""The storage port's overhead against the same statements issued with the bare driver.

For SQLite (a file, WAL) and PostgreSQL, in one process and one run, this times:

* **save**: one transaction per subscriber that inserts its row (id, version, customer id,
  number key, JSON body). The port's path is ``tx.subscribers.add(subscriber)``: cattrs
  unstructuring, SQLAlchemy Core, the uniqueness check and version bookkeeping. The baseline
  writes the same row with ``sqlite3`` / ``psycopg`` from a body already unstructured, so
  the ratio is the price of the port over "just the SQL".
* **load**: one transaction per subscriber that reads it by id. The port's path is
  ``tx.subscribers.get(id)`` (the row, then cattrs structuring and validation); the baseline
  is ``SELECT body ... WHERE id = ?`` and ``json.loads``.
* **read**: the same read through the read-only path, ``storage.read()`` (a deferred
  ``BEGIN`` on SQLite, ``READ ONLY`` on PostgreSQL) and ``tx.subscribers.get(id)``, against
  the bare driver in a transaction of the same kind **plus the same cattrs structuring**
  (``unicom_core.serialization.structure``): the baseline a read of the port is held to.

Run it with ``make bench`` (which starts the throw-away PostgreSQL server) or directly with
``UNICOM_TEST_PG_URL`` set; without the variable only SQLite is measured. Figures go to
``docs/performance.md`` as ratios (port time / driver time).
"""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
from sqlalchemy.engine import make_url
from unicom_sql import create_storage
from unicom_sql.testing import scratch_schema, sqlite_database

from unicom_core.domain.shared import new_id
from unicom_core.domain.subscribers import (
    NetworkGeneration,
    PaymentMode,
    ServiceKind,
    ServiceNumber,
    Subscriber,
    SubscriberId,
)
from unicom_core.serialization import structure, unstructure

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

COUNT = int(os.environ.get("BENCH_COUNT", "400"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
INSERT = (
    "INSERT INTO subscribers (id, version, customer_id, number_key, body) "
    "VALUES ({p}, 1, {p}, {p}, {p})"
)
SELECT = "SELECT version, body FROM subscribers WHERE id = {p}"


def subscribers(count: int, offset: int) -> list[Subscriber]:
    """``count`` distinct mobile subscribers, numbers 186xxxxxxxx from ``offset``."""
    customer, account = new_id(), new_id()
    return [
        Subscriber(
            id=SubscriberId(new_id()),
            customer_id=customer,  # type: ignore[arg-type]
            account_id=account,  # type: ignore[arg-type]
            number=ServiceNumber.parse(ServiceKind.MOBILE, f"186{offset + i:08d}"),
            plan_code="4G-COMBO",
            joined_on=date(2015, 3, 1),
            payment_mode=PaymentMode.POSTPAID,
            generation=NetworkGeneration.G4,
            puk="12345678",
        )
        for i in range(count)
    ]


def timed(action: Callable[[], None]) -> float:
    """Seconds ``action`` takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def port_save(url: str, batch: list[Subscriber]) -> None:
    """One port transaction per subscriber, adding it."""
    storage = create_storage(url)
    try:
        for subscriber in batch:
            with storage.transaction() as tx:
                tx.subscribers.add(subscriber)
    finally:
        storage.close()


def port_load(url: str, batch: list[Subscriber]) -> None:
    """One port transaction per subscriber, getting it by id."""
    storage = create_storage(url)
    try:
        for subscriber in batch:
            with storage.transaction() as tx:
                tx.subscribers.get(subscriber.id)
    finally:
        storage.close()


def port_read(url: str, batch: list[Subscriber]) -> None:
    """One read-only port unit of work per subscriber, getting it by id."""
    storage = create_storage(url)
    try:
        for subscriber in batch:
            with storage.read() as tx:
                tx.subscribers.get(subscriber.id)
    finally:
        storage.close()


def _structured(version: int, body: str | dict[str, object]) -> Subscriber:
    """The aggregate from its row, as the port builds it (cattrs structuring)."""
    decoded = json.loads(body) if isinstance(body, str) else body
    return structure({**decoded, "version": version}, Subscriber)


def rows(batch: list[Subscriber]) -> list[tuple[str, str, str, str]]:
    """The rows the baseline writes, bodies unstructured beforehand (outside the timing)."""
    return [
        (s.id, s.customer_id, s.number.key, json.dumps(unstructure(s), ensure_ascii=False))
        for s in batch
    ]


def sqlite_save(path: str, data: list[tuple[str, str, str, str]]) -> None:
    """The same inserts with sqlite3, one BEGIN IMMEDIATE transaction each."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA busy_timeout = 5000")
    try:
        for row in data:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(INSERT.format(p="?"), row)
            connection.execute("COMMIT")
    finally:
        connection.close()


def sqlite_load(path: str, ids: list[str]) -> None:
    """The same reads with sqlite3, one transaction each, decoding the JSON body."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for row_id in ids:
            connection.execute("BEGIN IMMEDIATE")
            _, body = connection.execute(SELECT.format(p="?"), (row_id,)).fetchone()
            json.loads(body)
            connection.execute("COMMIT")
    finally:
        connection.close()


def sqlite_read(path: str, ids: list[str]) -> None:
    """Deferred-BEGIN reads with sqlite3, each row structured like the port does."""
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for row_id in ids:
            connection.execute("BEGIN")
            version, body = connection.execute(SELECT.format(p="?"), (row_id,)).fetchone()
            _structured(version, body)
            connection.execute("COMMIT")
    finally:
        connection.close()


def libpq(url: str) -> str:
    """A SQLAlchemy psycopg URL as a libpq connection string, search_path included."""
    parsed = make_url(url)
    options = parsed.query.get("options", "")
    return psycopg.conninfo.make_conninfo(
        host=parsed.host,
        port=parsed.port,
        user=parsed.username,
        password=parsed.password,
        dbname=parsed.database,
        options=options if isinstance(options, str) else options[0],
    )


def pg_save(conninfo: str, data: list[tuple[str, str, str, str]]) -> None:
    """The same inserts with psycopg, one transaction each."""
    with psycopg.connect(conninfo) as connection:
        for row in data:
            with connection.transaction():
                connection.execute(INSERT.format(p="%s"), row)


def pg_load(conninfo: str, ids: list[str]) -> None:
    """The same reads with psycopg, one transaction each (JSONB arrives decoded)."""
    with psycopg.connect(conninfo) as connection:
        for row_id in ids:
            with connection.transaction():
                connection.execute(SELECT.format(p="%s"), (row_id,)).fetchone()


def pg_read(conninfo: str, ids: list[str]) -> None:
    """READ ONLY transactions with psycopg, each row structured like the port does."""
    with psycopg.connect(conninfo) as connection:
        connection.read_only = True
        for row_id in ids:
            with connection.transaction():
                row = connection.execute(SELECT.format(p="%s"), (row_id,)).fetchone()
                assert row is not None  # the row was just written
                _structured(*row)


@contextmanager
def sqlite_backend() -> Iterator[tuple[str, str]]:
    """A migrated SQLite file: its SQLAlchemy URL and its path."""
    with tempfile.TemporaryDirectory() as directory:
        path = str(Path(directory) / "bench.sqlite3")
        yield sqlite_database(path), path


def measure(name: str, url: str, raw_target: str, *, pg: bool) -> list[tuple[str, float, float]]:
    """Median seconds per operation for the port and the driver, save and load."""
    save_raw, load_raw = (pg_save, pg_load) if pg else (sqlite_save, sqlite_load)
    read_raw = pg_read if pg else sqlite_read
    port_saves, raw_saves, port_loads, raw_loads = [], [], [], []
    port_reads: list[float] = []
    raw_reads: list[float] = []
    for round_number in range(ROUNDS):
        ours = subscribers(COUNT, offset=2 * round_number * COUNT)
        theirs = subscribers(COUNT, offset=(2 * round_number + 1) * COUNT)
        data = rows(theirs)
        raw_saves.append(timed(partial(save_raw, raw_target, data)) / COUNT)
        port_saves.append(timed(partial(port_save, url, ours)) / COUNT)
        raw_loads.append(timed(partial(load_raw, raw_target, [r[0] for r in data])) / COUNT)
        port_loads.append(timed(partial(port_load, url, ours)) / COUNT)
        raw_reads.append(timed(partial(read_raw, raw_target, [r[0] for r in data])) / COUNT)
        port_reads.append(timed(partial(port_read, url, ours)) / COUNT)
    return [
        (f"{name} save", statistics.median(port_saves), statistics.median(raw_saves)),
        (f"{name} load", statistics.median(port_loads), statistics.median(raw_loads)),
        (f"{name} read", statistics.median(port_reads), statistics.median(raw_reads)),
    ]


def main() -> int:
    """Measure every backend available and print a Markdown table."""
    results = []
    with sqlite_backend() as (url, path):
        results += measure("SQLite", url, path, pg=False)
    server = os.environ.get("UNICOM_TEST_PG_URL")
    if server:
        with scratch_schema(server) as url:
            results += measure("PostgreSQL", url, libpq(url), pg=True)
    else:
        print("UNICOM_TEST_PG_URL is not set: PostgreSQL not measured", file=sys.stderr)
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"{COUNT} operations x {ROUNDS} rounds, median per operation\n")
    print("| operation | port (µs) | driver (µs) | port / driver |")
    print("|---|---:|---:|---:|")
    for operation, port, raw in results:
        print(f"| {operation} | {port * 1e6:.0f} | {raw * 1e6:.0f} | {port / raw:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
