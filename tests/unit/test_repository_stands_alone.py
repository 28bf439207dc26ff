"""The repository stands alone: no file reads or links to anything beside the clone.

A carrier's engineer clones the repository and runs ``make test`` with nothing beside it, so
every specification, fixture and script a test or a build step needs lives inside the tree
(the TM Forum specifications are vendored in ``tests/specs/tmf/``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
# A path that climbs out of the repository into a sibling folder, written as text or built
# with pathlib (``parents[3] / "shared"``).
OUTSIDE = re.compile(r"\.\./shared\b|[\"']shared[\"']\s*/|\bshared/tmf\b")


def tracked_files() -> list[Path]:
    git = shutil.which("git")
    if git is None:
        pytest.skip("git is not installed")
    try:
        listed = subprocess.run(  # noqa: S603 - a fixed git command, no input
            [git, "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [ROOT / name for name in listed.decode().split("\0") if name]


def test_no_tracked_file_reaches_outside_the_repository() -> None:
    offenders = []
    for path in tracked_files():
        if path == Path(__file__) or path.suffix in {".lock", ".json", ".png", ".mo"}:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        offenders += [
            f"{path.relative_to(ROOT)}:{number}"
            for number, line in enumerate(text.splitlines(), 1)
            if OUTSIDE.search(line)
        ]
    assert offenders == []


def test_the_tm_forum_specifications_are_vendored() -> None:
    names = {path.name for path in (ROOT / "tests" / "specs" / "tmf").glob("*.swagger.json")}
    assert {
        "TMF620-ProductCatalog-v4.0.0.swagger.json",
        "TMF635-Usage-v4.0.0.swagger.json",
        "TMF654-PrepayBalance-v4.0.0.swagger.json",
        "TMF676-Payment-v4.0.0.swagger.json",
        "TMF678-Customer_Bill-v4.0.0.swagger.json",
    } <= names
