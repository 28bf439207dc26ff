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
``docs/performance.md`` as ratios (port time / driver time). The storage and the driver's
connection are opened once, before the timing (so engine set-up and the schema check are
not counted against the port); each round times the driver, then the port, on the same
machine state, and the last column is the median of the rounds' own ratios, steadier than
the ratio of medians when other work shares the machine.
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
from typing import TYPE_CHECKING, Any

import psycopg
from sqlalchemy.engine import make_url
from unicom_sql import SqlStorage, create_storage
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

COUNT = int(os.environ.get("BENCH_COUNT", "200"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "9"))
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


def port_save(storage: SqlStorage, batch: list[Subscriber]) -> None:
    """One port transaction per subscriber, adding it."""
    for subscriber in batch:
        with storage.transaction() as tx:
            tx.subscribers.add(subscriber)


def port_load(storage: SqlStorage, batch: list[Subscriber]) -> None:
    """One port transaction per subscriber, getting it by id."""
    for subscriber in batch:
        with storage.transaction() as tx:
            tx.subscribers.get(subscriber.id)


def port_read(storage: SqlStorage, batch: list[Subscriber]) -> None:
    """One read-only port unit of work per subscriber, getting it by id."""
    for subscriber in batch:
        with storage.read() as tx:
            tx.subscribers.get(subscriber.id)


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


def sqlite_save(connection: sqlite3.Connection, data: list[tuple[str, str, str, str]]) -> None:
    """The same inserts with sqlite3, one BEGIN IMMEDIATE transaction each."""
    for row in data:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(INSERT.format(p="?"), row)
        connection.execute("COMMIT")


def sqlite_load(connection: sqlite3.Connection, ids: list[str]) -> None:
    """The same reads with sqlite3, one transaction each, decoding the JSON body."""
    for row_id in ids:
        connection.execute("BEGIN IMMEDIATE")
        _, body = connection.execute(SELECT.format(p="?"), (row_id,)).fetchone()
        json.loads(body)
        connection.execute("COMMIT")


def sqlite_read(connection: sqlite3.Connection, ids: list[str]) -> None:
    """Deferred-BEGIN reads with sqlite3, each row structured like the port does."""
    for row_id in ids:
        connection.execute("BEGIN")
        version, body = connection.execute(SELECT.format(p="?"), (row_id,)).fetchone()
        _structured(version, body)
        connection.execute("COMMIT")


def sqlite_connect(path: str) -> sqlite3.Connection:
    """The baseline's connection: the port's pragmas (WAL, ``synchronous = FULL``, timeout)."""
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in (
        "PRAGMA busy_timeout = 5000",
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
    ):
        connection.execute(pragma)
    return connection


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


def pg_save(connection: psycopg.Connection, data: list[tuple[str, str, str, str]]) -> None:
    """The same inserts with psycopg, one transaction each."""
    connection.read_only = False
    for row in data:
        with connection.transaction():
            connection.execute(INSERT.format(p="%s"), row)


def pg_load(connection: psycopg.Connection, ids: list[str]) -> None:
    """The same reads with psycopg, one transaction each (JSONB arrives decoded)."""
    connection.read_only = False
    for row_id in ids:
        with connection.transaction():
            connection.execute(SELECT.format(p="%s"), (row_id,)).fetchone()


def pg_read(connection: psycopg.Connection, ids: list[str]) -> None:
    """READ ONLY transactions with psycopg, each row structured like the port does."""
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


def measure(
    name: str, url: str, raw_target: str, *, pg: bool
) -> list[tuple[str, float, float, float]]:
    """Median seconds per operation for the port and the driver: save, load and read.

    The storage and the driver's connection are opened before the timing and used for
    every round (a warm-up batch first): what is timed is the per-operation work only.
    """
    save_raw, load_raw = (pg_save, pg_load) if pg else (sqlite_save, sqlite_load)
    read_raw = pg_read if pg else sqlite_read
    connect: Callable[[str], Any] = psycopg.connect if pg else sqlite_connect
    times: dict[str, list[float]] = {key: [] for key in ("ps", "ds", "pl", "dl", "pr", "dr")}
    storage, connection = create_storage(url), connect(raw_target)
    try:
        warm = subscribers(COUNT // 4, offset=2 * ROUNDS * COUNT)
        port_save(storage, warm)
        port_read(storage, warm)
        for round_number in range(ROUNDS):
            ours = subscribers(COUNT, offset=2 * round_number * COUNT)
            theirs = subscribers(COUNT, offset=(2 * round_number + 1) * COUNT)
            data = rows(theirs)
            ids = [r[0] for r in data]
            times["ds"].append(timed(partial(save_raw, connection, data)) / COUNT)
            times["ps"].append(timed(partial(port_save, storage, ours)) / COUNT)
            times["dl"].append(timed(partial(load_raw, connection, ids)) / COUNT)
            times["pl"].append(timed(partial(port_load, storage, ours)) / COUNT)
            times["dr"].append(timed(partial(read_raw, connection, ids)) / COUNT)
            times["pr"].append(timed(partial(port_read, storage, ours)) / COUNT)
    finally:
        connection.close()
        storage.close()
    median = {key: statistics.median(values) for key, values in times.items()}

    def paired(port: str, driver: str) -> float:
        """The median of each round's ratio: port and driver ran side by side in a round."""
        return statistics.median(p / d for p, d in zip(times[port], times[driver], strict=True))

    return [
        (f"{name} save", median["ps"], median["ds"], paired("ps", "ds")),
        (f"{name} load", median["pl"], median["dl"], paired("pl", "dl")),
        (f"{name} read", median["pr"], median["dr"], paired("pr", "dr")),
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
    print("| operation | port (µs) | driver (µs) | port / driver | median of round ratios |")
    print("|---|---:|---:|---:|---:|")
    for operation, port, raw, paired in results:
        print(
            f"| {operation} | {port * 1e6:.0f} | {raw * 1e6:.0f} | {port / raw:.2f} "
            f"| {paired:.2f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
