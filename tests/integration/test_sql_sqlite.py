"""SQLite as the embedded default: its pragmas, and threads that queue instead of failing."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from unicom_sql import create_storage
from unicom_sql.engines import BUSY_TIMEOUT_MS

THREADS = 8


@pytest.fixture
def storage(sqlite_url):
    opened = create_storage(sqlite_url)
    yield opened
    opened.close()


def test_every_connection_has_wal_foreign_keys_and_a_busy_timeout(storage):
    with storage.engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar_one() == "wal"
        assert pragma("PRAGMA foreign_keys").scalar_one() == 1
        assert pragma("PRAGMA busy_timeout").scalar_one() == BUSY_TIMEOUT_MS


def test_a_transaction_takes_the_write_lock_when_it_begins(storage):
    with storage.transaction() as tx:
        tx.counters.taken("promo:517")  # a read only: still BEGIN IMMEDIATE
        connection = storage.engine.raw_connection()
        try:
            other = connection.driver_connection
            other.execute("PRAGMA busy_timeout = 0")
            with pytest.raises(Exception, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            connection.close()


def test_a_second_writer_waits_for_the_first_instead_of_failing(storage):
    began, order = threading.Event(), []

    def slow_writer():
        with storage.transaction() as tx:
            began.set()
            assert tx.counters.try_take("stock:sim", 1, 2)
            time.sleep(0.2)
            order.append("slow")

    thread = threading.Thread(target=slow_writer)
    thread.start()
    began.wait(5)
    with storage.transaction() as tx:
        order.append("fast")
        assert tx.counters.try_take("stock:sim", 1, 2)
    thread.join()
    assert order == ["slow", "fast"]
    with storage.transaction() as tx:
        assert tx.counters.taken("stock:sim") == 2


@pytest.mark.parametrize(("limit", "attempts"), [(25, 10), (200, 10), (0, 3)])
def test_racing_threads_never_take_more_than_the_limit(storage, limit, attempts):
    start = threading.Barrier(THREADS)

    def take_many(_):
        start.wait(10)
        wins = 0
        for _attempt in range(attempts):
            with storage.transaction() as tx:
                wins += tx.counters.try_take("promo:517:quota", 1, limit)
        return wins

    with ThreadPoolExecutor(THREADS) as pool:
        wins = sum(pool.map(take_many, range(THREADS)))
    assert wins == min(limit, THREADS * attempts)
    with storage.transaction() as tx:
        assert tx.counters.taken("promo:517:quota") == wins
