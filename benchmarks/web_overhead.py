"""The web hall's overhead against a bare Litestar handler, through uvicorn.

In one run, on loopback only, this serves two apps with uvicorn, each by the same number of
worker processes (``BENCH_WEB_WORKERS``, default 2: the hall's database is migrated and seeded
once, then each worker wires its hall with ``demo_hall.worker_app``), and sends each a
bounded number of requests from this process (``BENCH_WEB_REQUESTS`` per scenario,
``BENCH_WEB_CONCURRENCY`` at a time, httpx over keep-alive connections; then the two use
cases in this process, ``BENCH_WEB_CALLS`` calls 5 times, without the web layer):

* **the hall** (``examples/business_hall``: the SQL adapter on a SQLite file, the seeded
  demo numbers): ``GET /api/v1/me`` with a Bearer token (the session looked up and touched,
  the permission checked, the account and the plan read) and
  ``POST /api/v1/catalog/bundles/price`` (a JSON body read, the catalogue loaded, a bundle
  composed and priced, the answer written by the cattrs converter);
* **the ceiling**: a bare Litestar app whose GET and POST handlers return a constant.

It prints requests per second and the median and p99 latency of each scenario, and the
ratio hall / bare. The load generator shares the machine with the server, so the bare
figures are bounded by the client as much as by Litestar; the ratio is what to read.
"""

from __future__ import annotations

import asyncio
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "business_hall"
REQUESTS = int(os.environ.get("BENCH_WEB_REQUESTS", "1000"))
CONCURRENCY = int(os.environ.get("BENCH_WEB_CONCURRENCY", "8"))
WORKERS = int(os.environ.get("BENCH_WEB_WORKERS", "2"))
CALLS = int(os.environ.get("BENCH_WEB_CALLS", "1000"))
COMBO, PACKS = "4g-national-combo", ("data-300mb", "voice-200min", "sms-200")
BUNDLE = {"combo_code": COMBO, "packs": list(PACKS)}
NUMBER, PASSWORD = "18612345678", "284615"


def bare_app() -> Any:
    """The ceiling: a Litestar app whose GET and POST handlers return a constant."""
    from litestar import Litestar, get, post  # noqa: PLC0415 - in the server process

    @get("/const", sync_to_thread=False)
    def read() -> dict[str, Any]:
        return {"fen": 800, "currency": "CNY"}

    @post("/const", sync_to_thread=False, status_code=200)
    def write(data: dict[str, Any]) -> dict[str, Any]:  # noqa: ARG001 - the body is read
        return {"fen": 800, "currency": "CNY"}

    return Litestar([read, write])


def _serve(kind: str, port: int, database: str) -> None:
    sys.path.insert(0, str(EXAMPLE))
    import demo_hall  # noqa: PLC0415 - the example, importable once on the path

    if kind == "bare":
        factory = "web_overhead:bare_app"
    else:
        demo_hall.build(Path(database), echo=lambda _line: None).hall.close()  # seeded once
        os.environ[demo_hall.DATABASE_VARIABLE] = database
        factory = "demo_hall:worker_app"
    demo_hall.serve_workers(
        factory,
        host="127.0.0.1",
        port=port,
        workers=WORKERS,
        log_level="error",
        access_log=False,
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(base: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/schema/openapi.json", timeout=1)
        except httpx.TransportError:
            time.sleep(0.1)
        else:
            return
    raise SystemExit(f"the server at {base} did not start")


async def _load(
    base: str, method: str, path: str, headers: dict[str, str], body: Any
) -> dict[str, float]:
    latencies: list[float] = []
    remaining = iter(range(REQUESTS))
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def worker() -> None:
            for _ in remaining:
                started = time.perf_counter()
                answer = await client.request(method, path, headers=headers, json=body)
                latencies.append(time.perf_counter() - started)
                if answer.status_code != 200:
                    raise SystemExit(f"{method} {path}: {answer.status_code} {answer.text}")

        began = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        elapsed = time.perf_counter() - began
    latencies.sort()
    return {
        "rps": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
    }


def _measure(kind: str, database: str) -> dict[str, dict[str, float]]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(  # noqa: S603 - this script, by its own path
        [sys.executable, __file__, "--serve", kind, str(port), database]
    )  # a process of its own (not a multiprocessing child): uvicorn's supervisor forks workers
    try:
        _wait_until_up(base, time.monotonic() + 60)
        scenarios: list[tuple[str, str, dict[str, str], Any]]
        if kind == "bare":
            scenarios = [("GET", "/const", {}, None), ("POST", "/const", {}, BUNDLE)]
        else:
            login = {"login_type": "mobile", "user_name": NUMBER, "password": PASSWORD}
            token = httpx.post(f"{base}/api/v1/sessions/password", json=login).json()["token"]
            bearer = {"Authorization": f"Bearer {token}"}
            scenarios = [
                ("GET", "/api/v1/me", bearer, None),
                ("POST", "/api/v1/catalog/bundles/price", {}, BUNDLE),
            ]
        results = {}
        for method, path, headers, body in scenarios:
            asyncio.run(_load(base, method, path, headers, body))  # warm-up round, discarded
            results[method] = asyncio.run(_load(base, method, path, headers, body))
        return results
    finally:
        server.terminate()
        server.wait(timeout=30)


def _in_process(database: str, calls: int = CALLS) -> dict[str, float]:
    """The two use cases called in this process, no web layer: median µs a call of 5 runs."""
    sys.path.insert(0, str(EXAMPLE))
    import demo_hall  # noqa: PLC0415 - the example, importable once on the path

    from unicom_core.domain.shared import LoginType  # noqa: PLC0415

    hall = demo_hall.build(Path(database), echo=lambda _line: None).hall
    try:
        token = hall.access.login_with_password(
            LoginType.MOBILE, NUMBER, PASSWORD, client="bench"
        ).token
        cases: dict[str, Callable[[], object]] = {
            "GET": lambda: hall.billing.home(token),
            "POST": lambda: hall.catalog.compose(COMBO, PACKS),
        }
        timed = {}
        for method, call in cases.items():
            for _ in range(calls // 5):
                call()  # warm-up: the catalogue cached, the connection opened
            runs = []
            for _ in range(5):
                began = time.perf_counter()
                for _ in range(calls):
                    call()
                runs.append((time.perf_counter() - began) / calls * 1e6)
            timed[method] = statistics.median(runs)
        return timed
    finally:
        hall.close()


def main() -> int:
    """Measure both apps and print the table (Markdown, for docs/performance.md)."""
    with tempfile.TemporaryDirectory() as scratch:
        database = str(Path(scratch) / "bench.sqlite3")
        hall = _measure("hall", database)
        bare = _measure("bare", database)
        in_process = _in_process(str(Path(scratch) / "in-process.sqlite3"))
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, {platform.platform()}; {REQUESTS} requests per "
        f"scenario, {CONCURRENCY} concurrent, {WORKERS} uvicorn workers each, loopback"
    )
    print(
        "| scenario | hall req/s | hall p50 ms | hall p99 ms | bare req/s | bare p99 ms | "
        "hall/bare throughput |"
    )
    print("|---|---|---|---|---|---|---|")
    names = {"GET": "GET /api/v1/me", "POST": "POST /api/v1/catalog/bundles/price"}
    for method, name in names.items():
        ours, ceiling = hall[method], bare[method]
        print(
            f"| {name} | {ours['rps']:.0f} | {ours['p50_ms']:.1f} | {ours['p99_ms']:.1f} | "
            f"{ceiling['rps']:.0f} | {ceiling['p99_ms']:.1f} | "
            f"{ours['rps'] / ceiling['rps']:.2f} |"
        )
    print(
        f"in process (no web layer, median of 5 × {CALLS:,} calls): hall.billing.home "
        f"{in_process['GET']:.0f} µs, hall.catalog.compose {in_process['POST']:.0f} µs"
    )
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        _serve(sys.argv[2], int(sys.argv[3]), sys.argv[4])
        sys.exit(0)
    sys.exit(main())
