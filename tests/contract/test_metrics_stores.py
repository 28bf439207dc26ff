"""The campaign metrics store contract (F-PRO-5) bound to memory, SQLite and PostgreSQL.

And, on PostgreSQL, two processes flushing the same keys at once add up exactly.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import timedelta

import pytest
from unicom_sql import SqlMetricsStore
from unicom_sql.testing import PG_URL_VARIABLE, postgres_url, scratch_schema, sqlite_database

from unicom_core.memory.metrics_storage import MemoryMetricsStore
from unicom_core.ports.promotions import CampaignMetric, MetricTotal
from unicom_core.testing.contracts import MetricsStoreContract
from unicom_core.testing.contracts.metrics import DAY

_FLUSHES = 150
_WORKER = textwrap.dedent(
    """
    import sys
    from datetime import date
    from unicom_sql import SqlMetricsStore
    from unicom_core.ports.promotions import CampaignMetric, MetricIncrement

    store = SqlMetricsStore.from_url(sys.argv[1])
    day = date(2027, 1, 15)
    batch = [
        MetricIncrement("two-processes", CampaignMetric.JOINERS, day, 1, 300),
        MetricIncrement("two-processes", CampaignMetric.ORDERS, day, 2),
        MetricIncrement("two-processes", CampaignMetric.LOGINS, day, 1),
    ]
    print("ready", flush=True)
    sys.stdin.readline()
    for _ in range(int(sys.argv[2])):
        store.add(batch)
    store.close()
    """
)


class _Closing(MetricsStoreContract):
    """Closes every SQL store a test made (their engines' connections)."""

    @pytest.fixture(autouse=True)
    def _close_stores(self):
        self.made = []
        yield
        for store in self.made:
            store.close()

    def make_store(self):
        store = SqlMetricsStore.from_url(self.url)
        self.made.append(store)
        return store


class TestMemoryMetricsStore(MetricsStoreContract):
    def make_store(self):
        return MemoryMetricsStore()


class TestSqliteMetricsStore(_Closing):
    @pytest.fixture(autouse=True, scope="class")
    @classmethod
    def _database(cls, tmp_path_factory):
        cls.url = sqlite_database(tmp_path_factory.mktemp("sqlite-metrics") / "m.sqlite3")


def _pg_server():
    server = postgres_url()
    if server is None:
        pytest.fail(f"{PG_URL_VARIABLE} is not set", pytrace=False)
    return server


@pytest.mark.postgres
class TestPostgresMetricsStore(_Closing):
    @pytest.fixture(autouse=True, scope="class")
    @classmethod
    def _scratch_schema(cls):
        with scratch_schema(_pg_server()) as url:
            cls.url = url
            yield

    def test_two_processes_flushing_at_once_add_up_exactly(self):
        """F-PRO-5: two processes upsert the same three rows 150 times each; none is lost."""
        workers = [
            subprocess.Popen(  # noqa: S603 - this interpreter, our script
                [sys.executable, "-c", _WORKER, self.url, str(_FLUSHES)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        for worker in workers:
            assert worker.stdout.readline().strip() == "ready"
        for worker in workers:  # both released together
            worker.stdin.write("go\n")
            worker.stdin.flush()
        for worker in workers:
            assert worker.wait(timeout=120) == 0
            worker.stdin.close()
            worker.stdout.close()
        runs = 2 * _FLUSHES
        found = self.make_store().days("two-processes", DAY, DAY + timedelta(days=1))
        assert found == [
            MetricTotal("two-processes", CampaignMetric.JOINERS, DAY, runs, 300 * runs),
            MetricTotal("two-processes", CampaignMetric.LOGINS, DAY, runs, 0),
            MetricTotal("two-processes", CampaignMetric.ORDERS, DAY, 2 * runs, 0),
        ]
