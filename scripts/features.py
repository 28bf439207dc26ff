"""Keep the feature reference in step with the code: who cites which feature ID.

``docs/reference/features.md`` lists every feature ID (``F-AUTH-5``, ``F-CAL-3``, ...) with
what it means, written by hand, and two columns written by this script: the modules that cite
the ID ("implemented in") and the tests that do ("tests"). The script scans ``src/``,
``adapters/`` and ``tests/`` for citations and rewrites those two columns of every feature row;
nothing else on the page changes.

A citation is an ID (``F-PAY-3``), a range (``F-QRY-1..3``, ``F-AUTH-1 … F-AUTH-7``,
``F-CAL-2 .. 5``) or a short list (``F-AUTH-5, 6``, ``F-CAL-3/4``). A bare area
(``F-BUN``) names the whole area and is not counted for any one feature.

Usage::

    python scripts/features.py          # rewrite the two columns of the page
    python scripts/features.py --check  # exit 1 if the page is stale or an ID is undefined

``tests/unit/test_features_reference.py`` runs the same check on every ``make test``.
"""

# ruff: noqa: INP001 - a script run by path, like those beside it, not a package

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = Path("docs/reference/features.md")
# Where citations are counted for the two columns.
ATTRIBUTED = ("src", "adapters", "tests")
# Where a cited ID must also be one the page defines.
CHECKED = (*ATTRIBUTED, "examples", "benchmarks", "docs", "README.md")
SUFFIXES = frozenset(
    {".py", ".toml", ".md", ".html", ".sh", ".txt", ".cfg", ".ini", ".yaml", ".yml", ".css"}
)
SKIPPED_DIRS = frozenset({"__pycache__", "_build", ".venv", "node_modules", ".mypy_cache"})
# The page defines the IDs, and the page's own test writes citations as examples.
SKIPPED_FILES = frozenset({PAGE, Path("tests/unit/test_features_reference.py")})

NOT_BUILT = "not built yet"
NO_TESTS = "none yet"

_NUMBER = r"(\d{1,2})(?![\d%-]|[.:]\d|\s*%)"
_RANGE = re.compile(r"\s*(?:\.\.|…|–)\s*(?:F-([A-Z]+)-)?" + _NUMBER)
_LIST = re.compile(r"\s*[,/]\s*" + _NUMBER)
_ID = re.compile(r"\bF-([A-Z]+)(?:-(\d+))?\b")
_ROW = re.compile(r"^\|\s*(F-[A-Z]+-\d+)\s*\|")


def citations(text: str) -> tuple[set[str], set[str]]:
    """The feature IDs a text cites (ranges and lists expanded), and the bare areas it names."""
    ids: set[str] = set()
    areas: set[str] = set()
    for match in _ID.finditer(text):
        area, first = match.group(1), match.group(2)
        if first is None:
            if not text.startswith("-", match.end()):
                areas.add(area)
            continue
        numbers = [int(first)]
        rest = match.end()
        ranged = _RANGE.match(text, rest)
        if ranged and ranged.group(1) in {None, area}:
            numbers = list(range(int(first), int(ranged.group(2)) + 1))
            rest = ranged.end()
        while listed := _LIST.match(text, rest):
            numbers.append(int(listed.group(1)))
            rest = listed.end()
        ids.update(f"F-{area}-{number}" for number in numbers)
    return ids, areas


def _files(root: Path, places: tuple[str, ...]) -> list[Path]:
    found: list[Path] = []
    for place in places:
        top = root / place
        candidates = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in candidates:
            relative = path.relative_to(root)
            if (
                path.is_file()
                and path.suffix in SUFFIXES
                and relative not in SKIPPED_FILES
                and not SKIPPED_DIRS.intersection(relative.parts)
            ):
                found.append(path)
    return found


def scan(root: Path, places: tuple[str, ...] = ATTRIBUTED) -> dict[str, set[Path]]:
    """Every cited feature ID (and bare area, as ``F-AREA``) -> the files citing it."""
    cited: dict[str, set[Path]] = defaultdict(set)
    for path in _files(root, places):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        ids, areas = citations(text)
        for name in ids | {f"F-{area}" for area in areas}:
            cited[name].add(path.relative_to(root))
    return dict(cited)


def is_test(path: Path) -> bool:
    """Whether a citing file is a test (or a contract suite, state machine or strategy)."""
    return path.parts[0] == "tests" or "testing" in path.parts


def shown(path: Path) -> str:
    """A path as the page shows it: the importable path for a module, else from the root."""
    parts = path.parts
    if "src" in parts and not is_test(path):
        parts = parts[parts.index("src") + 1 :]
    return "`" + "/".join(parts) + "`"


def _cell(paths: list[Path], empty: str) -> str:
    return ", ".join(sorted(shown(path) for path in paths)) if paths else empty


def render(page: str, cited: dict[str, set[Path]]) -> str:
    """The page with the two generated cells of every feature row rewritten from ``cited``."""
    return "\n".join(_row(line, cited) for line in page.splitlines()) + "\n"


def _row(line: str, cited: dict[str, set[Path]]) -> str:
    row = _ROW.match(line)
    if row is None:
        return line
    meaning = line.strip().strip("|").split("|")[1].strip()
    files = cited.get(row.group(1), set())
    implemented = _cell([path for path in files if not is_test(path)], NOT_BUILT)
    tests = _cell([path for path in files if is_test(path)], NO_TESTS)
    return f"| {row.group(1)} | {meaning} | {implemented} | {tests} |"


def defined(page: str) -> set[str]:
    """The feature IDs the page defines (one table row each)."""
    return {row.group(1) for line in page.splitlines() if (row := _ROW.match(line))}


def undefined(root: Path, page: str) -> list[str]:
    """``file: ID`` for every citation, anywhere checked, of an ID or area the page lacks."""
    known = defined(page)
    areas = {name.rsplit("-", 1)[0] for name in known}
    return sorted(
        f"{path}: {name}"
        for name, paths in scan(root, CHECKED).items()
        if name not in known and name not in areas
        for path in paths
    )


def main(argv: list[str]) -> int:
    """Rewrite the page, or with ``--check`` report whether it is current."""
    page = (ROOT / PAGE).read_text(encoding="utf-8")
    current = render(page, scan(ROOT))
    problems = undefined(ROOT, page)
    for problem in problems:
        sys.stderr.write(f"cites an ID {PAGE} does not define: {problem}\n")
    if "--check" in argv:
        if current != page:
            sys.stderr.write(f"{PAGE} is stale: run python scripts/features.py\n")
            return 1
        return 1 if problems else 0
    if current != page:
        (ROOT / PAGE).write_text(current, encoding="utf-8")
        sys.stdout.write(f"{PAGE} rewritten\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
