"""The cost of counting a campaign event: buffered ``count`` against a store write per event.

In one process and one run, for each store (memory; SQLite, a file in WAL mode; PostgreSQL
when ``UNICOM_TEST_PG_URL`` is set), this times:

* **buffered**: ``BufferedMetrics.count`` per event, 20 campaigns x 4 metrics spread over the
  events, default settings (a batch every 500 keys or 10 s), the final flush included;
* **direct**: ``store.add([one increment])`` per event, i.e. one transaction per event,
  what counting would cost without the buffer.

It prints microseconds per event and the ratio direct / buffered (F-PRO-5). Run it with
``.tools/bin/uv run --frozen --no-sync python benchmarks/metrics_overhead.py``.
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import datetime
from pathlib import Path

from unicom_sql import SqlMetricsStore
from unicom_sql.testing import scratch_schema, sqlite_database

from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.memory import SettableClock
from unicom_core.memory.metrics_storage import MemoryMetricsStore
from unicom_core.ports.promotions import CampaignMetric, MetricIncrement, MetricsStore
from unicom_core.usecases.promotions import BufferedMetrics

NOW = datetime(2027, 1, 15, 10, 0, tzinfo=SHANGHAI)
METRICS = tuple(CampaignMetric)
BUFFERED_EVENTS = 50_000
DIRECT_EVENTS = {"memory": 50_000, "sqlite": 500, "postgresql": 1_000}


def _event(i: int) -> tuple[str, CampaignMetric]:
    return f"campaign-{i % 20}", METRICS[i // 20 % 4]


def buffered(store: MetricsStore, events: int) -> float:
    metrics = BufferedMetrics(store, SettableClock(NOW))
    fee = Money(990)
    started = time.perf_counter()
    for i in range(events):
        campaign, metric = _event(i)
        metrics.count(campaign, metric, at=NOW, amount=fee)
    metrics.flush()
    return (time.perf_counter() - started) / events


def direct(store: MetricsStore, events: int) -> float:
    day = NOW.date()
    started = time.perf_counter()
    for i in range(events):
        campaign, metric = _event(i)
        store.add([MetricIncrement(campaign, metric, day, 1, 990)])
    return (time.perf_counter() - started) / events


def report(name: str, store: MetricsStore) -> None:
    per_buffered = buffered(store, BUFFERED_EVENTS)
    per_direct = direct(store, DIRECT_EVENTS[name])
    print(
        f"{name:10s} buffered {per_buffered * 1e6:8.2f} us/event   "
        f"direct {per_direct * 1e6:9.2f} us/event   ratio {per_direct / per_buffered:8.1f}x"
    )


def main() -> None:
    report("memory", MemoryMetricsStore())
    with tempfile.TemporaryDirectory() as directory:
        store = SqlMetricsStore.from_url(sqlite_database(Path(directory) / "m.sqlite3"))
        report("sqlite", store)
        store.close()
    server = os.environ.get("UNICOM_TEST_PG_URL")
    if server:
        with scratch_schema(server) as url:
            store = SqlMetricsStore.from_url(url)
            report("postgresql", store)
            store.close()


if __name__ == "__main__":
    main()
