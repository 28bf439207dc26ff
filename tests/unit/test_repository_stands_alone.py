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
# with pathlib (a parent joined with a "shared" folder).
OUTSIDE = re.compile(r"\.\./shared\b|[\"']shared[\"']\s*/|\bshared/tmf\b")
# A citation a reader of the clone cannot follow: a design document or mission kept outside
# the repository, a section of one, or a number in an issue tracker. Designs are explained in
# docs/explanation/ and features defined in docs/reference/features.md instead. A section of
# a public standard named on the same line ("RFC 6749 §4.4") is a citation anyone can follow.
UNREADABLE = re.compile(
    r"\b(?:ARCHITECTURE|MISSION)\.md\b|^(?!.*\bRFC\s*\d).*§\s*\d|\bissues?\s+(?:#\s*)?\d",
    re.IGNORECASE,
)
SKIPPED_SUFFIXES = {".lock", ".json", ".png", ".mo"}


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


def lines_matching(pattern: re.Pattern[str]) -> list[str]:
    """``path:line`` of every line of a tracked text file (but this one) that ``pattern`` finds."""
    offenders = []
    for path in tracked_files():
        if path == Path(__file__) or path.suffix in SKIPPED_SUFFIXES:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        offenders += [
            f"{path.relative_to(ROOT)}:{number}"
            for number, line in enumerate(text.splitlines(), 1)
            if pattern.search(line)
        ]
    return offenders


def test_no_tracked_file_reaches_outside_the_repository() -> None:
    assert lines_matching(OUTSIDE) == []


def test_no_tracked_file_cites_a_document_or_an_issue_outside_the_repository() -> None:
    """Point at docs/explanation/ or a feature ID instead of an outside design document."""
    assert lines_matching(UNREADABLE) == []


# The samples spell the outside documents' names in two pieces, so that this file itself
# cites nothing a clone cannot read.
DESIGN, MISSION = "ARCHITECTURE" + ".md", "MISSION" + ".md"


@pytest.mark.parametrize(
    "line",
    [
        f"({DESIGN} section 5)",
        f"Payments follow Kill Bill's shape ({DESIGN} §5).",
        f"the rules of {MISSION}",
        "retries, purges (§5).",
        f"as {DESIGN} says (unlike RFC-less §5)",
        "a throw-away cluster (issue 4).",
        "(F-AUTH-1..7, issue 9)",
        "Issue 12 asks for it",
        "the work of issues 3 to 9",
        "see issue #7",
    ],
)
def test_a_citation_from_outside_is_found(line: str) -> None:
    assert UNREADABLE.search(line)


@pytest.mark.parametrize(
    "line",
    [
        "E-invoices on the web: issue one for a paid item.",
        "hall.invoices.issue(token, payment.id)",
        "assert len(issued.cards) == 3",
        "docs/explanation/hexagon.md, F-PAY-3",
        "the client-credentials grant (RFC 6749 §4.4)",
        "RFC 6749 §5.1/§5.2 say; the lists",
    ],
)
def test_words_about_invoices_are_not_citations(line: str) -> None:
    assert not UNREADABLE.search(line)


def test_the_tm_forum_specifications_are_vendored() -> None:
    names = {path.name for path in (ROOT / "tests" / "specs" / "tmf").glob("*.swagger.json")}
    assert {
        "TMF620-ProductCatalog-v4.0.0.swagger.json",
        "TMF635-Usage-v4.0.0.swagger.json",
        "TMF654-PrepayBalance-v4.0.0.swagger.json",
        "TMF676-Payment-v4.0.0.swagger.json",
        "TMF678-Customer_Bill-v4.0.0.swagger.json",
    } <= names
