"""The 517 festival as a load test: the mix, then top-ups only, then the checks and pgbench.

In one run, on loopback only, against the festival's hall on PostgreSQL (a scratch schema of
the server ``UNICOM_TEST_PG_URL`` names, migrated, seeded, dropped afterwards):

1. seed the demo's data, the crowd (``FESTIVAL_CROWD`` numbers, default 40) and the flash
   campaign (``FESTIVAL_QUOTA`` places, default 10), then serve the hall by
   ``FESTIVAL_WORKERS`` uvicorn workers (default 2, ``demo_hall.serve_workers``);
2. the mix (:data:`festival_load.MIX`) from ``FESTIVAL_VISITORS`` visitors (default 16) for
   ``FESTIVAL_SECONDS`` (default 30), then top-ups only for ``FESTIVAL_TOPUP_SECONDS``
   (default 15); the workers are stopped (always, in ``finally``);
3. the reconciler settles the top-ups whose notification was lost, and the verifier
   (:mod:`festival_verify`) reads the stored state: nothing lost or doubled;
4. the top-up path is profiled in-process (:mod:`festival_profile`,
   ``FESTIVAL_PROFILE_TOP_UPS`` top-ups, default 200; 0 skips it);
5. pgbench runs ``topup.sql`` (``FESTIVAL_PGBENCH_SECONDS``, default 10; 0 skips it).

It prints Markdown (for docs/performance.md): requests per second, p50/p99 per kind, the
error rate, top-ups per second against the goals (>= 0.5x pgbench's tps, >= 1,000/s), the
profile, the findings. The exit code is 1 when the verifier found anything lost or doubled.
"""

from __future__ import annotations

import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import attrs
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from festival_gateway import FestivalGateway
from festival_hall import KEYS_VARIABLE, URL_VARIABLE, Keys, crowd, seed_festival, wire
from festival_load import MIX, TOP_UPS_ONLY, Crowd, Tally, run_phase
from festival_pgbench import pgbench_tps
from festival_profile import Profile, profile_top_ups
from festival_verify import verify
from sqlalchemy import text
from unicom_sql import create_storage
from unicom_sql.testing import postgres_url, scratch_schema

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

__all__ = ["Report", "Sizes", "festival", "main"]

GOAL_RATIO = 0.5
"""The top-up path's goal: at least half pgbench's transactions per second."""
GOAL_TOP_UPS = 1000
"""The top-up path's goal on this machine: 1,000 top-ups a second."""


def _env(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


@attrs.frozen
class Sizes:
    """How big and how long a run is (the environment, or the defaults: under 2 minutes)."""

    crowd: int = attrs.field(factory=lambda: _env("FESTIVAL_CROWD", 40))
    quota: int = attrs.field(factory=lambda: _env("FESTIVAL_QUOTA", 10))
    workers: int = attrs.field(factory=lambda: _env("FESTIVAL_WORKERS", 2))
    visitors: int = attrs.field(factory=lambda: _env("FESTIVAL_VISITORS", 16))
    seconds: int = attrs.field(factory=lambda: _env("FESTIVAL_SECONDS", 30))
    top_up_seconds: int = attrs.field(factory=lambda: _env("FESTIVAL_TOPUP_SECONDS", 15))
    pgbench_seconds: int = attrs.field(factory=lambda: _env("FESTIVAL_PGBENCH_SECONDS", 10))
    profiled: int = attrs.field(factory=lambda: _env("FESTIVAL_PROFILE_TOP_UPS", 200))


@attrs.frozen
class Report:
    """What a run measured and found."""

    mix: Tally
    top_ups: Tally
    settled: int
    """Top-ups the reconciler settled after the load (their notification was lost)."""
    findings: list[str]
    pgbench_tps: float | None
    profile: Profile | None = None
    """The in-process top-up path (:mod:`festival_profile`)."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(base: str, server: subprocess.Popen[bytes], deadline: float) -> None:
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the festival's server stopped before it served")
        try:
            httpx.get(base + "/api/v1/numbers/classes", timeout=1)
        except httpx.TransportError:
            time.sleep(0.2)
        else:
            return
    raise SystemExit(f"the server at {base} did not start")


def _serve(port: int, workers: int) -> None:
    from demo_hall import serve_workers  # noqa: PLC0415 - on the path festival_hall set

    serve_workers(
        "festival_hall:worker_app",
        host="127.0.0.1",
        port=port,
        workers=workers,
        log_level=os.environ.get("FESTIVAL_LOG_LEVEL", "error"),
        access_log=False,
        healthcheck_timeout=120,  # a worker importing the hall on a busy machine takes long
    )


def _popular(engine: Engine) -> tuple[str, ...]:
    """A few free numbers of the pool the crowd fights over."""
    query = text("SELECT number FROM number_pool WHERE status = 'free' ORDER BY number LIMIT 12")
    with engine.connect() as connection:
        return tuple(str(row.number) for row in connection.execute(query))


def _load(url: str, keys: Keys, sizes: Sizes, engine: Engine) -> tuple[Tally, Tally]:
    port = _free_port()
    env = {**os.environ, URL_VARIABLE: url, KEYS_VARIABLE: keys.dumps()}
    server = subprocess.Popen(  # noqa: S603 - this script, by its own path
        [sys.executable, __file__, "--serve", str(port), str(sizes.workers)], env=env
    )  # a process of its own: uvicorn's supervisor spawns the workers
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(base, server, time.monotonic() + 300)
        gateway = FestivalGateway(engine, keys.gateway)
        visitors = Crowd(base, gateway, engine, crowd(sizes.crowd), _popular(engine))
        mix = run_phase(visitors, MIX, sizes.seconds, sizes.visitors)
        top_ups = run_phase(visitors, TOP_UPS_ONLY, sizes.top_up_seconds, sizes.visitors)
    finally:
        server.terminate()
        server.wait(timeout=60)
    return mix, top_ups


def festival(url: str, sizes: Sizes) -> Report:
    """Seed ``url`` (migrated, empty), load it, reconcile, verify, run pgbench."""
    keys = Keys.fresh()
    with tempfile.TemporaryDirectory() as scratch:
        seed_festival(url, keys, size=sizes.crowd, quota=sizes.quota, scratch=Path(scratch))
    storage = create_storage(url, pool_size=sizes.visitors, max_overflow=4)
    try:
        mix, top_ups = _load(url, keys, sizes, storage.engine)
        hall, _app = wire(storage, keys)
        time.sleep(1.5)  # older than PaymentSettings.reconcile_after
        settled = len(hall.payments.reconcile().settled)
        paid = [key for tally in (mix, top_ups) for key, _fen, _fate in tally.paid]
        findings = verify(storage.engine, paid)
        profile = None
        if sizes.profiled > 0:
            gateway = FestivalGateway(storage.engine, keys.gateway)
            profile = profile_top_ups(hall, gateway, storage.engine, sizes.profiled)
        tps = None
        if sizes.pgbench_seconds > 0:
            tps = pgbench_tps(
                storage.engine, url, accounts=sizes.crowd, seconds=sizes.pgbench_seconds
            )
    finally:
        storage.close()
    return Report(mix, top_ups, settled, findings, tps, profile)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[max(int(len(ordered) * share + 0.5) - 1, 0)] * 1000


def _table(name: str, tally: Tally) -> None:
    errors = sum(tally.errors.values())
    print(
        f"\n{name}: {tally.requests} requests in {tally.elapsed:.1f} s = "
        f"{tally.requests / tally.elapsed:.0f} req/s; error rate "
        f"{errors / max(tally.requests, 1):.2%}; {len(tally.paid)} top-ups paid = "
        f"{len(tally.paid) / tally.elapsed:.1f} top-ups/s"
    )
    print("\n| kind | requests | p50 ms | p99 ms | refused | errors |")
    print("|---|---|---|---|---|---|")
    for kind, values in sorted(tally.latencies.items()):
        refused = sum(n for key, n in tally.refusals.items() if key.startswith(f"{kind}:"))
        failed = sum(n for key, n in tally.errors.items() if key.startswith(f"{kind}:"))
        print(
            f"| {kind} | {len(values)} | {_percentile(values, 0.5):.1f} | "
            f"{_percentile(values, 0.99):.1f} | {refused} | {failed} |"
        )
    for key, count in sorted({**tally.refusals, **tally.errors}.items()):
        print(f"- {key}: {count}")


def _print_profile(profile: Profile, count: int) -> None:
    print(
        f"\nprofile: {count} top-ups in-process, one thread: {profile.rate:.0f} top-ups/s; "
        f"{profile.statements:.1f} SQL statements in {profile.commits:.1f} transactions "
        "per top-up (pgbench's topup.sql: 4 in 1)"
    )
    shares = "; ".join(f"{name} {share:.0%}" for name, share in profile.layers)
    print(f"own time by layer: {shares}")
    print("hottest functions (own time per top-up):")
    for line in profile.hottest:
        print(f"- {line}")


def _print(report: Report, sizes: Sizes) -> None:
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {platform.platform()}; PostgreSQL on loopback; "
        f"{sizes.workers} uvicorn workers, {sizes.visitors} visitors, crowd of "
        f"{sizes.crowd}, flash quota {sizes.quota}"
    )
    _table(f"The mix ({sizes.seconds} s)", report.mix)
    _table(f"Top-ups only ({sizes.top_up_seconds} s)", report.top_ups)
    rate = len(report.top_ups.paid) / report.top_ups.elapsed
    print(f"\nreconciler: {report.settled} top-ups settled after the load")
    if report.pgbench_tps is not None:
        ratio = rate / report.pgbench_tps
        met = "met" if ratio >= GOAL_RATIO else "NOT met"
        print(f"pgbench topup.sql: {report.pgbench_tps:.0f} tps; hall/pgbench {ratio:.3f} ({met})")
    print(f"goal {GOAL_TOP_UPS} top-ups/s: {'met' if rate >= GOAL_TOP_UPS else 'NOT met'}")
    if report.profile is not None:
        _print_profile(report.profile, sizes.profiled)
    print("verifier: " + ("nothing lost or doubled" if not report.findings else "FINDINGS"))
    for finding in report.findings:
        print(f"- {finding}")


def main() -> int:
    """Run the festival on a scratch schema of ``UNICOM_TEST_PG_URL``; print the report."""
    server = postgres_url()
    if server is None:
        raise SystemExit("UNICOM_TEST_PG_URL names no PostgreSQL server")
    sizes = Sizes()
    with scratch_schema(server) as url:
        report = festival(url, sizes)
    _print(report, sizes)
    return 1 if report.findings else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        _serve(int(sys.argv[2]), int(sys.argv[3]))
        sys.exit(0)
    sys.exit(main())
