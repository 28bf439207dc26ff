"""The program `make demo` runs: the web hall on SQLite, seeded idempotently."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from unicom_core.domain.subscribers import CustomerId
from unicom_core.ports.shared import PageRequest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "business_hall"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _demo_hall():
    sys.path.insert(0, str(EXAMPLE))
    try:
        import demo_hall  # noqa: PLC0415 - the example, importable once on the path
    finally:
        sys.path.remove(str(EXAMPLE))
    return demo_hall


def test_seeding_twice_changes_nothing(tmp_path):
    """The demo enrols its numbers through ``hall.subscribers.enrol`` (F-SHOP-3), once."""
    database = tmp_path / "demo.sqlite3"
    demo_hall = _demo_hall()
    first = demo_hall.build(database, echo=lambda _line: None)
    first.hall.close()
    again = demo_hall.build(database, echo=lambda _line: None)
    try:
        assert again.numbers == first.numbers  # the same enrolments answered, same ids
        holders = {number.holder: number.customer for number in again.numbers}
        with again.hall.storage.transaction() as tx:
            held = [
                tx.subscribers.list_by_customer(CustomerId(holders[name]), PageRequest()).total
                for name in ("张三", "李四")
            ]
            zhang = [n for n in again.numbers if n.holder == "张三"]
            accounts = {tx.subscribers.get(n.subscriber).account_id for n in zhang}
            credentials = [tx.credentials.get(n.subscriber) for n in again.numbers]
        assert held == [2, 1]
        assert len(accounts) == 1  # 张三's second number joined the account of his first
        assert [c.initial for c in credentials] == [not n.ready for n in again.numbers]
        secret = database.with_suffix(".secret")
        assert oct(secret.stat().st_mode & 0o777) == "0o600"
    finally:
        again.hall.close()


def test_the_demo_serves_the_hall_on_localhost_and_prints_the_logins(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "UNICOM_DEMO_DB": str(tmp_path / "demo.sqlite3"),
        "UNICOM_DEMO_PORT": str(port),
        "COLUMNS": "200",
    }
    server = subprocess.Popen(  # noqa: S603 - our own example, run with this interpreter
        [sys.executable, str(EXAMPLE / "serve.py")],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    try:
        lines = []
        assert server.stdout is not None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            lines.append(line)
            if "open at" in line or not line:
                break
        printed = "".join(lines)
        assert f"http://127.0.0.1:{port}/" in printed, printed
        assert "18612345678" in printed
        assert "284615" in printed
        for _ in range(50):
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/login", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        assert answer.status_code == 200
        assert "用户登录" in answer.text
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout is not None:
            server.stdout.close()


def test_the_web_benchmark_runs_and_prints_its_table():
    env = {
        **os.environ,
        "BENCH_WEB_REQUESTS": "20",
        "BENCH_WEB_CONCURRENCY": "2",
        "BENCH_WEB_WORKERS": "1",
        "BENCH_WEB_CALLS": "20",
    }
    done = subprocess.run(  # noqa: S603 - our own script, this interpreter
        [sys.executable, str(ROOT / "benchmarks" / "web_overhead.py")],
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "| GET /api/v1/me |" in done.stdout
    assert "| POST /api/v1/catalog/bundles/price |" in done.stdout
    assert "in process (no web layer" in done.stdout
