"""F-NUM-3 on real databases: racing reservers of one number, exactly one wins.

SQLite is raced from threads of one process (writers serialise on ``BEGIN IMMEDIATE``);
PostgreSQL from separate processes (``spawn``), each with its own connection, as web
workers would.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest
from unicom_sql import SqlNumberPool
from unicom_sql.testing import race_reserve

from unicom_core.usecases.numbers import default_pattern_table

RACERS = 4
NUMBERS = ["18600008888", "18611112345", "18690001357"]


def _pool(url):
    pool = SqlNumberPool.from_url(url)
    table = default_pattern_table()
    pool.load(table.row(n, "北京", "北京") for n in NUMBERS)
    return pool


def test_f_num_3_racing_threads_on_sqlite_exactly_one_wins(sqlite_url):
    pool = _pool(sqlite_url)
    pool.close()
    for number in NUMBERS:
        start = threading.Barrier(RACERS)
        with ThreadPoolExecutor(RACERS) as threads:
            runs = [
                threads.submit(race_reserve, sqlite_url, number, f"h{i}", start)
                for i in range(RACERS)
            ]
            assert sum(run.result(timeout=60) for run in runs) == 1


@pytest.mark.postgres
@pytest.mark.slow
def test_f_num_3_racing_processes_on_postgres_exactly_one_wins(pg_url):
    _pool(pg_url).close()
    spawn = multiprocessing.get_context("spawn")
    with spawn.Manager() as manager, ProcessPoolExecutor(RACERS, mp_context=spawn) as processes:
        for number in NUMBERS:
            start = manager.Barrier(RACERS)
            runs = [
                processes.submit(race_reserve, pg_url, number, f"h{i}", start)
                for i in range(RACERS)
            ]
            assert sum(run.result(timeout=120) for run in runs) == 1
    pool = SqlNumberPool.from_url(pg_url)
    try:
        held = [pool.find(number) for number in NUMBERS]
        assert all(row is not None and row.reservation is not None for row in held)
    finally:
        pool.close()
