"""The number pool at ten million numbers (F-NUM-1, F-NUM-2): indexed search against a scan.

For SQLite (a file, WAL) and PostgreSQL, in one process and one run, this:

* **builds** a pool of ``BENCH_POOL`` numbers (default 10,000,000) over the 13 Unicom
  segments (one number per equal stride of a segment) and 31 cities, through
  ``hall.numbers.load`` (classification by the shipped pattern table) inside
  ``SqlNumberPool.bulk_loading()`` (indexes built once at the end), and times it;
* runs ``BENCH_QUERIES`` searches (default 200) of each kind, parameters drawn from numbers
  of the pool: **mask** (``186****8888``: a segment and a 4-digit tail), **tail** (ends with 4
  digits), **contains** (4 or 5 digits), **class** (one pattern class), first page of 20;
  p50 and p99 latency per kind;
* runs ``BENCH_SCANS`` (default 3) of the same queries as the baseline: a full scan that
  tests every row with a regular expression (SQLite: ``NOT INDEXED`` and a ``REGEXP``
  function; PostgreSQL: ``~`` with index scans disabled), checks that both give the same
  page, and prints the ratio scan / index by medians.

Run it with ``UNICOM_TEST_PG_URL`` set to include PostgreSQL; ``BENCH_BACKENDS=sqlite``
limits it. Figures go to ``docs/performance.md``.
"""

from __future__ import annotations

import os
import platform
import random
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, text
from unicom_sql import SqlNumberPool
from unicom_sql.testing import scratch_schema, sqlite_database

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.numbers import Mask, NumberQuery
from unicom_core.domain.shared import SHANGHAI
from unicom_core.usecases.numbers import PoolEntry, default_pattern_table

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

POOL = int(os.environ.get("BENCH_POOL", "10000000"))
QUERIES = int(os.environ.get("BENCH_QUERIES", "200"))
SCANS = int(os.environ.get("BENCH_SCANS", "3"))
WARM_UP = 5
BACKENDS = os.environ.get("BENCH_BACKENDS", "sqlite,postgres").split(",")
SEGMENTS: tuple[str, ...] = ("130", "131", "132", "145", "146", "155", "156", "166", "175")
SEGMENTS += ("176", "185", "186", "196")
CITIES = [("广东", f"城市{i:02d}") for i in range(16)] + [("北京", "北京"), ("上海", "上海")]
CITIES += [("四川", f"地区{i:02d}") for i in range(13)]
CLASSES = ("AAAA", "AAA", "ABCD", "DCBA", "AABB", "ABAB", "AAAB", "ABCABC", "lucky", "MMDD")


def numbers(total: int, seed: int = 20161) -> Iterator[str]:
    """``total`` distinct numbers, spread evenly over the segments, in number order.

    Stratified: the bodies of a segment are cut into ``count`` equal whole strides and one number
    is drawn uniformly in each (distinct and sorted without a set or a sort, so generating
    ten million costs seconds, not the half minute of ``random.sample``).
    """
    draw = random.Random(seed)  # noqa: S311 - test data
    per, extra = divmod(total, len(SEGMENTS))
    for index, segment in enumerate(sorted(SEGMENTS)):
        count = per + (1 if index < extra else 0)
        stride = 10**8 // max(count, 1)
        base = int(segment) * 10**8
        for i in range(count):
            yield str(base + stride * i + int(stride * draw.random()))


def entries(total: int) -> Iterator[PoolEntry]:
    places = len(CITIES)
    for index, number in enumerate(numbers(total)):
        province, city = CITIES[index * 7 % places]
        yield PoolEntry(number, province, city, held=index % 100 == 0)


def _alternation(tails: frozenset[str]) -> str:
    return "(" + "|".join(sorted(tails)) + ")$"


def workload(sample: list[str], count: int) -> dict[str, list[tuple[NumberQuery, str]]]:
    """Each kind's queries, each with the regular expression of the same filter."""
    draw = random.Random(7)  # noqa: S311 - test data
    table = default_pattern_table()
    kinds: dict[str, list[tuple[NumberQuery, str]]] = {}
    picks = [draw.choice(sample) for _ in range(count)]
    kinds["mask"] = [
        (NumberQuery(mask=Mask(f"{n[:3]}****{n[-4:]}")), f"^{n[:3]}[0-9]{{4}}{n[-4:]}$")
        for n in picks
    ]
    kinds["tail"] = [(NumberQuery(ends_with=n[-4:]), f"{n[-4:]}$") for n in picks]
    needles = []
    for n in picks:
        size = draw.choice((4, 5))
        start = draw.randrange(3, 12 - size)
        needles.append(n[start : start + size])
    kinds["contains"] = [(NumberQuery(contains=x), x) for x in needles]
    kinds["class"] = []
    for _ in range(count):
        pattern = table.pattern(draw.choice(CLASSES))
        assert pattern is not None
        kinds["class"].append((NumberQuery(pattern=pattern.code), _alternation(pattern.matched)))
    return kinds


def _timed(run: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


_SCAN = (
    "SELECT number FROM number_pool {hint} WHERE (status = 'free' OR (status = 'reserved' "
    "AND reserved_until_us <= :now)) AND {match} ORDER BY tier_rank, number LIMIT 21"
)


def _scan(pool: SqlNumberPool, regex: str, now_us: int) -> list[str]:
    engine = pool._engine  # noqa: SLF001 - the benchmark reads the adapter's engine
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            statement = _SCAN.format(hint="NOT INDEXED", match="CAST(number AS TEXT) REGEXP :regex")
        else:
            for setting in ("enable_indexscan", "enable_bitmapscan", "enable_indexonlyscan"):
                connection.execute(text(f"SET LOCAL {setting} = off"))
            statement = _SCAN.format(hint="", match="CAST(number AS TEXT) ~ :regex")
        rows = connection.execute(text(statement), {"regex": regex, "now": now_us})
        found = [f"{row[0]:011d}" for row in rows]
        connection.rollback()
    return found[:20]


def _regexp(pattern: str, value: str) -> bool:
    return re.search(pattern, value) is not None


def measure(label: str, url: str) -> list[str]:
    """Build the pool at ``url``, time the searches and the scans; the table's rows."""
    pool = SqlNumberPool.from_url(url)
    if pool._engine.dialect.name == "sqlite":  # noqa: SLF001
        event.listen(
            pool._engine,  # noqa: SLF001
            "connect",
            lambda dbapi, _record: dbapi.create_function("REGEXP", 2, _regexp, deterministic=True),
        )
    hall = bootstrap(number_pool=pool)
    build, _ = _timed(lambda: _build(hall, pool))
    print(f"{label}: built {POOL:,} numbers in {build:.1f} s", file=sys.stderr)
    sample = [n for i, n in enumerate(numbers(POOL)) if i % max(1, POOL // 5000) == 0]
    now = hall.clock.now().astimezone(SHANGHAI)
    now_us = int(now.timestamp() * 1_000_000)
    rows = [f"| {label} build (with classes) | {build:.1f} s | | | | |"]
    for kind, queries in workload(sample, QUERIES).items():
        for query, _ in queries[:WARM_UP]:  # the first reads of an index come from disk
            hall.numbers.search(query)
        times = [_timed(partial(hall.numbers.search, query))[0] for query, _ in queries]
        scans = []
        for query, regex in queries[:SCANS]:
            page = hall.numbers.search(query)
            scan_took, scanned = _timed(partial(_scan, pool, regex, now_us))
            shown = [row.number for row in page.items]
            assert shown == scanned, (kind, query, shown, scanned)
            scans.append(scan_took)
        p50, p99 = _percentile(times, 0.5), _percentile(times, 0.99)
        ratio = statistics.median(scans) / p50
        rows.append(
            f"| {label} {kind} | {p50 * 1000:.2f} ms | {p99 * 1000:.2f} ms | "
            f"{statistics.median(scans) * 1000:.0f} ms | {ratio:,.0f}× | |"
        )
    hall.close()
    pool.close()
    return rows


def _build(hall: Any, pool: SqlNumberPool) -> None:
    with pool.bulk_loading():
        hall.numbers.load(entries(POOL))


def main() -> None:
    print(f"# {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"# SQLite {sqlite3.sqlite_version}; pool of {POOL:,}; {QUERIES} queries per kind")
    print("| backend and query | p50 | p99 | regex scan (median) | scan / index (p50) | |")
    print("|---|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as directory:
        if "sqlite" in BACKENDS:
            url = sqlite_database(Path(directory) / "pool.sqlite3")
            for row in measure("SQLite", url):
                print(row, flush=True)
    server = os.environ.get("UNICOM_TEST_PG_URL")
    if server and "postgres" in BACKENDS:
        with scratch_schema(server) as url:
            for row in measure("PostgreSQL", url):
                print(row, flush=True)


if __name__ == "__main__":
    main()
