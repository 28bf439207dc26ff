"""The number pool benchmark stays runnable (its figures live in docs/performance.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_f_num_1_the_pool_benchmark_runs_and_checks_its_pages_against_the_scan():
    env = {
        **os.environ,
        "BENCH_POOL": "3000",
        "BENCH_QUERIES": "10",
        "BENCH_SCANS": "3",
        "BENCH_BACKENDS": "sqlite",
    }
    done = subprocess.run(  # noqa: S603 - our own script, this interpreter
        [sys.executable, str(ROOT / "benchmarks" / "number_pool.py")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    for kind in ("mask", "tail", "contains", "class"):
        assert f"| SQLite {kind} |" in done.stdout
