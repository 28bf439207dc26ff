"""The benchmark scripts stay runnable (their figures live in docs/performance.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_storage_overhead_script_runs_and_prints_its_ratio_table():
    env = {**os.environ, "BENCH_COUNT": "5", "BENCH_ROUNDS": "1"}
    done = subprocess.run(  # noqa: S603 - our own script, this interpreter
        [sys.executable, str(ROOT / "benchmarks" / "storage_overhead.py")],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "| SQLite save |" in done.stdout
    assert "| SQLite load |" in done.stdout
    if env.get("UNICOM_TEST_PG_URL"):
        assert "| PostgreSQL load |" in done.stdout
