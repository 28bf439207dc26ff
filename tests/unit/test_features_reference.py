"""The feature reference is current: every cited ID defined, its two columns generated.

``docs/reference/features.md`` defines the feature IDs that code, tests and docs cite;
``scripts/features.py`` writes its "implemented in" and "tests" columns from the citations.
The IDs written in this file are examples for the scanner, which skips this file.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def features() -> ModuleType:
    spec = importlib.util.spec_from_file_location("features", ROOT / "scripts" / "features.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("features", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def page() -> str:
    return (ROOT / "docs" / "reference" / "features.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------- the page in the tree


def test_the_page_is_current(features, page):
    """Stale columns fail here: run ``python scripts/features.py`` and commit the page."""
    assert features.render(page, features.scan(ROOT)) == page


def test_every_cited_id_is_defined_on_the_page(features, page):
    assert features.undefined(ROOT, page) == []


def test_the_page_defines_every_feature_of_the_hall(features, page):
    counts = {"CAL": 5, "AUTH": 7, "SHOP": 4, "QRY": 7, "PAY": 3, "BIZ": 8, "NUM": 3}
    counts |= {"BUN": 4, "REAL": 3, "PRO": 5}
    expected = {f"F-{area}-{n}" for area, count in counts.items() for n in range(1, count + 1)}
    assert features.defined(page) == expected


def test_a_feature_nothing_implements_says_it_is_not_built(features, page):
    cited = {k: v for k, v in features.scan(ROOT).items() if k != "F-PRO-4"}  # as if unbuilt
    rendered = features.render(page, cited)
    row = next(line for line in rendered.splitlines() if line.startswith("| F-PRO-4 |"))
    assert row.endswith("| not built yet | none yet |")


# ---------------------------------------------------------------- the scanner


@pytest.mark.parametrize(
    ("text", "ids"),
    [
        ("(F-PAY-3)", {"F-PAY-3"}),
        ("(F-QRY-1..3)", {"F-QRY-1", "F-QRY-2", "F-QRY-3"}),
        ("F-AUTH-5 … F-AUTH-7", {"F-AUTH-5", "F-AUTH-6", "F-AUTH-7"}),
        ("F-AUTH-2 .. F-AUTH-4", {"F-AUTH-2", "F-AUTH-3", "F-AUTH-4"}),
        ("(F-CAL-1 … 3).", {"F-CAL-1", "F-CAL-2", "F-CAL-3"}),
        ("(F-AUTH-5, 6).", {"F-AUTH-5", "F-AUTH-6"}),
        ("F-CAL-3/4", {"F-CAL-3", "F-CAL-4"}),
        ("F-PAY-1, F-SHOP-4", {"F-PAY-1", "F-SHOP-4"}),
        # A number after a comma is a date, an amount or a count, not another feature.
        ("(F-SHOP-4, 2016-01-12)", {"F-SHOP-4"}),
        ("(F-SHOP-4, 10 % off)", {"F-SHOP-4"}),
        ("F-CAL-4, 8:00", {"F-CAL-4"}),
        # A range into another area is two citations, not a range.
        ("F-PAY-2 … F-QRY-3", {"F-PAY-2", "F-QRY-3"}),
        ("the F-XXX-N form", set()),
    ],
)
def test_citations_expand_ranges_and_lists(features, text, ids):
    assert features.citations(text)[0] == ids


def test_a_bare_area_is_an_area_not_a_feature(features):
    assert features.citations("(F-BUN, F-SHOP-4)") == ({"F-SHOP-4"}, {"BUN"})


PAGE = """\
| ID | what it means | implemented in | tests |
|---|---|---|---|
| F-ZZ-1 | one | old | old |
| F-ZZ-2 | two | | |
"""


def test_render_rewrites_only_the_generated_columns(features):
    cited = {
        "F-ZZ-1": {
            Path("src/unicom_core/domain/zz.py"),
            Path("adapters/sql/src/unicom_sql/zz.py"),
            Path("tests/unit/test_zz.py"),
            Path("src/unicom_core/testing/contracts/zz.py"),
        }
    }
    assert features.render(PAGE, cited).splitlines()[2:] == [
        (
            "| F-ZZ-1 | one | `unicom_core/domain/zz.py`, `unicom_sql/zz.py` "
            "| `src/unicom_core/testing/contracts/zz.py`, `tests/unit/test_zz.py` |"
        ),
        "| F-ZZ-2 | two | not built yet | none yet |",
    ]


def test_a_new_citation_makes_the_page_stale(features):
    current = features.render(PAGE, {})
    cited = {"F-ZZ-2": {Path("tests/unit/test_zz.py")}}
    assert features.render(current, cited) != current


def test_an_undefined_id_is_reported(features, tmp_path):
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "a.py").write_text('"""Cites F-ZZ-1, F-ZZ-3 and F-ZZ, F-YY."""\n')
    assert features.undefined(tmp_path, PAGE) == ["src/a.py: F-YY", "src/a.py: F-ZZ-3"]


def test_the_check_fails_on_a_stale_page(features, tmp_path, monkeypatch):
    (tmp_path / "docs" / "reference").mkdir(parents=True)
    (tmp_path / "docs" / "reference" / "features.md").write_text(PAGE)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_zz.py").write_text("# F-ZZ-2\n")
    monkeypatch.setattr(features, "ROOT", tmp_path)
    assert features.main(["--check"]) == 1
    assert features.main([]) == 0
    assert features.main(["--check"]) == 0
