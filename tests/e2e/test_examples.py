"""The examples run in the tests: what `make demo` shows must keep working."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WALKTHROUGH = ROOT / "examples" / "business_hall" / "walkthrough.py"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own example, run with this interpreter
        [sys.executable, str(WALKTHROUGH), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={"COLUMNS": "160", "PATH": "", "PYTHONIOENCODING": "utf-8"},
    )


def test_the_walkthrough_shows_the_leap_day_cycle_and_an_exact_proration():
    """F-CAL-5 at the edge: the last day of a leap February, a pack added that day."""
    done = _run("2024-02-29T23:30:00+08:00")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "2024-02: 2024-02-01 to 2024-02-29, 29 days" in out
    assert "29 of 29" in out
    # 800 fen over 29 days with 1 day charged: 800 * 1 / 29 = 27.6 -> 28 fen, the rest 772.
    assert "¥0.28" in out
    assert "¥7.72" in out
    assert "¥98.50" in out  # F-SHOP-4
    assert "186****5678" in out
    assert "11010519491231002X" not in out  # F-REAL-3: never shown in full
    assert "mobile.segment" in out
    assert "resident_id.format" in out


def test_the_walkthrough_converts_any_offset_to_shanghai_time():
    """2026-01-31 16:30 UTC is 00:30 on 1 February in Asia/Shanghai (F-CAL-5)."""
    done = _run("2026-01-31T16:30:00+00:00")
    assert done.returncode == 0, done.stderr
    assert "2026-02: 2026-02-01 to 2026-02-28, 28 days" in done.stdout


def test_the_walkthrough_refuses_a_naive_instant():
    done = _run("2024-02-29T23:30:00")
    assert done.returncode == 2
    assert "not an aware ISO 8601 instant" in done.stdout
