"""The bill run on a Dask cluster: records per second with 1 and 2 workers, on PostgreSQL.

The data of ``benchmarks/bill_run.py`` (its builders): ``BENCH_SUBSCRIBERS`` postpaid 4G
numbers, each its own account, with ``BENCH_RECORDS`` seeded usage records each, ingested
once into a scratch schema of the PostgreSQL server at ``UNICOM_TEST_PG_URL``. Then, in the
same run, the bill run of May 2016 three times over the same rows, the bills and the run
deleted between runs (set-up, not timed):

1. **single process**: ``hall.billing.close_cycle`` in this process;
2. **Dask, 1 worker**: ``unicom_dask.run_bill_run`` on a ``LocalCluster`` of one worker
   process (one thread), ``BENCH_PARTITIONS`` account ranges;
3. **Dask, 2 workers**: the same on two worker processes.

Each worker opens its hall before the clock starts (a warm cluster, as in production; the
workers' statistical profiler off, as ``docs/how-to/dask-bill-run.md`` advises), and
each run's total must equal one SQL ``GROUP BY`` that applies the tariff (the baseline of
``benchmarks/bill_run.py``) to the fen. It prints a Markdown table: records per second of
each run, its ratio to the single process, and the ratio of 2 workers to 1.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import platform
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import dask
from distributed import Client, LocalCluster
from sqlalchemy import text
from unicom_dask import run_bill_run, worker_hall
from unicom_sql import create_storage
from unicom_sql.testing import scratch_schema

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("BENCH_SUBSCRIBERS", "2000")  # this benchmark's defaults, read by
os.environ.setdefault("BENCH_RECORDS", "20")  # the builders of bill_run.py as it loads

from bill_run import BASELINE, CONSOLE, MAY, RECORDS, SUBSCRIBERS, provision, records
from unicom_core import bootstrap
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.memory.clocks import SettableClock
from unicom_core.ports.billing import UsageBatch
from unicom_core.usecases.billing import BillingSettings

if TYPE_CHECKING:
    from collections.abc import Callable

    from unicom_core.hall import BusinessHall
    from unicom_core.usecases.billing import BillRunReport

CHUNK = int(os.environ.get("BENCH_CHUNK", "200"))
PARTITIONS = int(os.environ.get("BENCH_PARTITIONS", "8"))
BATCH = 5000
JUNE = dt.datetime(2016, 6, 1, 0, 30, tzinfo=SHANGHAI)
RESET = ("bills", "bill_run_partitions", "bill_runs", "outbox")
NO_PROFILER = {"distributed.worker.profile.enabled": False}
"""The workers' statistical profiler samples every thread's stack each 10 ms: off, as the
how-to advises for the bill run (it costs the billing thread a tenth or more)."""


def sql_hall(url: str, clock_at: dt.datetime) -> BusinessHall:
    """The hall of a worker (and of the single-process run): the scratch schema, June."""
    return bootstrap(
        storage=create_storage(url),
        clock=SettableClock(clock_at),
        billing_settings=BillingSettings(chunk_size=CHUNK),
    )


def warm(factory: functools.partial[BusinessHall]) -> None:
    """Open the worker's hall (kept for the run's tasks)."""
    worker_hall(factory)


def prepare(url: str) -> int:
    """Provision the numbers and ingest their records in May; how many records."""
    storage = create_storage(url)
    may = SettableClock(dt.datetime(2016, 5, 31, 23, tzinfo=SHANGHAI))
    hall = bootstrap(storage=storage, clock=may)
    try:
        numbers, batch, count = provision(storage), [], 0
        for record in records(numbers):
            batch.append(record)
            if len(batch) == BATCH:
                hall.billing.ingest(UsageBatch(f"b{record.record_id}", batch))
                count, batch = count + len(batch), []
        if batch:
            hall.billing.ingest(UsageBatch("last", batch))
            count += len(batch)
        return count
    finally:
        hall.close()


def reset(url: str) -> None:
    """Delete the bills, the run and its events: the next run bills every account again."""
    storage = create_storage(url)
    try:
        with storage.engine.begin() as connection:
            for table in RESET:
                connection.execute(text(f"DELETE FROM {table}"))  # noqa: S608 - fixed names
    finally:
        storage.close()


def baseline(url: str) -> int:
    """The tariff applied by one SQL ``GROUP BY``: the total in fen."""
    storage = create_storage(url)
    try:
        with storage.engine.connect() as connection:
            _, total = connection.execute(text(BASELINE), {"cycle": str(MAY)}).one()
        return int(total)
    finally:
        storage.close()


def single_process(url: str) -> tuple[float, BillRunReport]:
    hall = sql_hall(url, JUNE)
    try:
        started = time.perf_counter()
        report = hall.billing.close_cycle(MAY)
        return time.perf_counter() - started, report
    finally:
        hall.close()


def on_dask(url: str, workers: int) -> tuple[float, BillRunReport]:
    factory = functools.partial(sql_hall, url, JUNE)
    with (
        dask.config.set(NO_PROFILER),
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        client.run(warm, factory)  # each worker opens its hall before the clock starts
        hall = sql_hall(url, JUNE)
        try:
            started = time.perf_counter()
            report = run_bill_run(client, factory, MAY, partitions=PARTITIONS, hall=hall)
            return time.perf_counter() - started, report
        finally:
            hall.close()


def main() -> int:
    server = os.environ.get("UNICOM_TEST_PG_URL")
    if not server:
        CONSOLE.print("set UNICOM_TEST_PG_URL: the Dask bill run needs a shared database")
        return 2
    with scratch_schema(server) as url:
        CONSOLE.print(f"provisioning {SUBSCRIBERS:,} numbers x {RECORDS} records")
        count = prepare(url)
        expected = baseline(url)
        runs: list[tuple[str, Callable[[], tuple[float, BillRunReport]]]] = [
            ("single process", functools.partial(single_process, url)),
            ("Dask, 1 worker", functools.partial(on_dask, url, 1)),
            ("Dask, 2 workers", functools.partial(on_dask, url, 2)),
        ]
        rows = []
        for name, run in runs:
            reset(url)
            CONSOLE.print(f"bill run: {name}")
            seconds, report = run()
            rows.append((name, seconds, report))
    single = rows[0][1]
    print(  # a Markdown table for docs/performance.md
        f"Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs; "
        f"{SUBSCRIBERS:,} numbers, {count:,} records, chunk {CHUNK}, "
        f"{PARTITIONS} partitions\n"
    )
    print("| run | bill run (s) | records/s | vs single process | bills | total | equal |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for name, seconds, report in rows:
        equal = report.total.fen == expected and report.bills == SUBSCRIBERS
        print(
            f"| {name} | {seconds:.2f} | {count / seconds:,.0f} | {single / seconds:.2f}x "
            f"| {report.bills:,} | {report.total} | {'yes' if equal else 'NO'} |"
        )
    print(f"\n2 workers / 1 worker: {rows[1][1] / rows[2][1]:.2f}x (GROUP BY: {Money(expected)})")
    return 0 if all(r.total.fen == expected for _, _, r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
