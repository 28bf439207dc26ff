"""Joining a campaign under a contended quota on PostgreSQL (F-PRO-2), against a bare UPDATE.

In one run, on a scratch schema of ``UNICOM_TEST_PG_URL``:

* ``BENCH_JOINERS`` numbers (default 640) are provisioned and logged in; a campaign with a
  quota of ``BENCH_QUOTA`` (default 500) is published;
* ``BENCH_CLIENTS`` threads (default 32), each with its own connections, join through
  ``hall.promotions.join`` (authorization, eligibility, the quota counter, the participation
  and the benefits in one transaction) until every number tried once; joins per second;
* the baseline: the same number of attempts from as many threads, each one
  ``UPDATE quota SET sold = sold + 1 WHERE id = 1 AND sold < quota`` in its own
  transaction; attempts per second.

It prints both rates, their ratio, and the oversold count of each (units taken beyond the
quota, and participations beyond the counter): both must be 0. Figures go to
``docs/performance.md``.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import create_engine, text
from unicom_sql import create_storage
from unicom_sql.testing import scratch_schema

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.catalog import Channel
from unicom_core.errors import UnicomError
from unicom_core.memory.hashing import MemoryPasswordHasher
from unicom_core.promotions_data import festival_517
from unicom_core.testing.worlds.billing import BillingWorld

JOINERS = int(os.environ.get("BENCH_JOINERS", "640"))
QUOTA = int(os.environ.get("BENCH_QUOTA", "500"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "32"))


def _world(url: str) -> BillingWorld:
    world = BillingWorld(storage=create_storage(url))
    world.hall = bootstrap(
        storage=world.storage,
        clock=world.clock,
        messages=world.messages,
        captcha=world.captcha,
        hasher=MemoryPasswordHasher(),  # logging in is not what is measured
    )
    example = festival_517()
    campaign = type(example)(
        code=example.code,
        name=example.name,
        starts=example.starts,
        ends=example.ends,
        channels=example.channels,
        benefits=example.benefits,
        eligibility=example.eligibility,
        quota=QUOTA,
    )
    world.hall.promotions.define(campaign, actor="cli:bench")
    world.hall.promotions.publish(campaign.code, actor="cli:bench")
    return world


def _joins(world: BillingWorld) -> tuple[float, int, int]:
    tokens = [
        world.login(world.add_number(f"186{n:08d}", plan="4g-national-76")) for n in range(JOINERS)
    ]
    joined = [0]
    lock = threading.Lock()

    def join(n: int) -> None:
        try:
            world.hall.promotions.join(
                tokens[n], "festival-517", request_id=f"b{n}", channel=Channel.ONLINE_HALL
            )
        except UnicomError:
            return
        with lock:
            joined[0] += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(join, range(JOINERS)))
    elapsed = time.perf_counter() - started
    with world.storage.read() as tx:
        taken = tx.counters.taken("promo:festival-517:quota")
        live = tx.participations.count_live("festival-517")
    oversold = max(taken - QUOTA, 0) + abs(live - taken) + abs(joined[0] - min(QUOTA, JOINERS))
    return JOINERS / elapsed, oversold, joined[0]


def _baseline(url: str) -> tuple[float, int]:
    engine = create_engine(url, pool_size=CLIENTS, max_overflow=0)
    with engine.begin() as db:
        db.execute(text("CREATE TABLE bench_quota (id int PRIMARY KEY, sold int, quota int)"))
        db.execute(text("INSERT INTO bench_quota VALUES (1, 0, :q)"), {"q": QUOTA})
    statement = text("UPDATE bench_quota SET sold = sold + 1 WHERE id = 1 AND sold < quota")

    def take(_n: int) -> None:
        with engine.begin() as db:
            db.execute(statement)

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        list(pool.map(take, range(JOINERS)))
    elapsed = time.perf_counter() - started
    with engine.begin() as db:
        sold = int(db.execute(text("SELECT sold FROM bench_quota")).scalar_one())
    engine.dispose()
    return JOINERS / elapsed, max(sold - QUOTA, 0)


def main() -> int:
    """Run the benchmark once and print its figures."""
    server = os.environ.get("UNICOM_TEST_PG_URL")
    if not server:
        print("UNICOM_TEST_PG_URL is not set: nothing to measure")
        return 0
    with scratch_schema(server) as url:
        world = _world(url)
        try:
            rate, oversold, joined = _joins(world)
        finally:
            world.storage.close()
        base, base_oversold = _baseline(url)
    print(f"joiners={JOINERS} quota={QUOTA} clients={CLIENTS}")
    print(f"hall.promotions.join: {rate:8.1f} joins/s, {joined} joined, oversold {oversold}")
    print(f"bare UPDATE baseline: {base:8.1f} attempts/s, oversold {base_oversold}")
    print(f"ratio baseline / join: {base / rate:.1f}")
    return 1 if oversold or base_oversold else 0


if __name__ == "__main__":
    sys.exit(main())
