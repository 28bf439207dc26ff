"""The import rules that keep the public surface deliberate (docs/reference/api.md).

Two rules, checked on the syntax tree of every Python file in ``src/``, ``adapters/*/src/``,
``tests/``, ``examples/`` and ``benchmarks/``, and of every ``python`` block of the README
and the docs (they run as tests too):

* a ``_private`` module or name is imported only from inside the package that holds it
  (``unicom_core.testing.contracts._storage_base`` from ``unicom_core.testing.contracts.*``,
  ``unicom_sql.repositories._Kind`` from ``unicom_sql.*``);
* a module of an area (``unicom_core.<domain|ports|usecases>.<area>.<module>``) is imported
  only from inside that area package; everyone else, the area's own tests included, imports
  the area package (``from unicom_core.domain.catalog import Channel``). A test that needs a
  module itself reaches it through a public name (``inspect.getmodule(BillingCalendar)``).

import-linter cannot say either rule for tests, examples and benchmarks (they are not
packages), so this test says it for the whole tree; pyproject.toml keeps the contracts it
can express.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import unicom_core
import unicom_core.memory
import unicom_core.memory.clocks
from unicom_core.clock import SystemClock
from unicom_core.ports.shared import Clock
from unicom_core.testing import contracts

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "src", *sorted((ROOT / "adapters").glob("*/src"))]
CHECKED = [*SOURCES, ROOT / "tests", ROOT / "examples", ROOT / "benchmarks"]
LAYERS = ("domain", "ports", "usecases")
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)
# A third party's private module with no public name for what we need, and why.
ALLOWED_PRIVATE = {
    # Litestar's own plugin protocol types ``to_openapi_schema``'s argument with it.
    "litestar._openapi.schema_generation",
}


def _path_of(dotted: str) -> Path | None:
    """The file or package directory of a first-party module, or None."""
    for base in SOURCES:
        candidate = base.joinpath(*dotted.split("."))
        if (candidate / "__init__.py").is_file():
            return candidate
        if candidate.with_suffix(".py").is_file():
            return candidate.with_suffix(".py")
    return None


def _is_first_party(dotted: str) -> bool:
    return _path_of(dotted.split(".", maxsplit=1)[0]) is not None


def _is_package(dotted: str) -> bool:
    path = _path_of(dotted)
    if path is None:  # a third party's module: private components are modules there
        return not _is_first_party(dotted)
    return path.is_dir()


def _module_name(path: Path) -> str | None:
    """The dotted name of a file under a source root; None for tests, examples, benchmarks."""
    for base in SOURCES:
        if path.is_relative_to(base):
            parts = list(path.relative_to(base).with_suffix("").parts)
            return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    return None


def _inside(importer: str | None, package: str) -> bool:
    return importer is not None and (importer == package or importer.startswith(package + "."))


def _imported(node: ast.AST) -> list[str]:
    """Every dotted name an import statement reaches, with ``from`` names appended."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
        return [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
    return []


def _is_private(component: str) -> bool:
    return component.startswith("_") and not component.endswith("__")


def _private_owner(dotted: str) -> tuple[str, str] | None:
    """The first ``_private`` name in ``dotted`` and the package it belongs to, if any."""
    parts = dotted.split(".")
    for index, component in enumerate(parts):
        if index and _is_private(component):
            holder = ".".join(parts[:index])
            # ``pkg._module`` belongs to ``pkg``; ``pkg.module._name`` belongs to ``pkg`` too.
            owner = holder if _is_package(holder) else ".".join(parts[: index - 1])
            return ".".join(parts[: index + 1]), owner
    return None


def _deep_area(dotted: str) -> tuple[str, str] | None:
    """The module inside an area that ``dotted`` reaches, and the area package, if any."""
    parts = dotted.split(".")
    if len(parts) < 4 or parts[0] != "unicom_core" or parts[1] not in LAYERS:
        return None
    area, module = ".".join(parts[:3]), ".".join(parts[:4])
    area_path = _path_of(area)
    if area_path is None or not area_path.is_dir() or _path_of(module) is None:
        return None
    return module, area


def violations(source: str, importer: str | None, where: str = "<source>") -> list[str]:
    """The broken rules of one file's imports, as ``where:line: message`` lines."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        for dotted in _imported(node):
            line = f"{where}:{getattr(node, 'lineno', 0)}"
            private = _private_owner(dotted)
            if private is not None and not _inside(importer, private[1]):
                name, owner = private
                if not any(_inside(dotted, allowed) for allowed in ALLOWED_PRIVATE):
                    found.append(f"{line}: {name} is private to {owner}")
            deep = _deep_area(dotted)
            if deep is not None and not _inside(importer, deep[1]):
                found.append(f"{line}: {deep[0]} is inside {deep[1]}; import {deep[1]}")
    return sorted(set(found))


def _checked_files() -> list[Path]:
    return sorted(path for base in CHECKED for path in base.rglob("*.py"))


# ------------------------------------------------------------------ the rules on the tree


def test_no_file_imports_a_private_module_or_an_area_module_from_outside():
    found = [
        problem
        for path in _checked_files()
        for problem in violations(
            path.read_text(encoding="utf-8"), _module_name(path), str(path.relative_to(ROOT))
        )
    ]
    assert found == []


def test_no_code_block_of_the_docs_imports_a_private_module_or_an_area_module():
    documents = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
    found = [
        problem
        for path in documents
        if "_build" not in path.parts
        for block in BLOCK.findall(path.read_text(encoding="utf-8"))
        for problem in violations(block, None, str(path.relative_to(ROOT)))
    ]
    assert found == []


# ------------------------------------------------------------------ the checker can fail


@pytest.mark.parametrize(
    ("source", "importer"),
    [
        ("from unicom_core.testing.contracts._storage_base import AT", None),
        ("from unicom_core.usecases.billing._support import BillingSettings", "unicom_core"),
        ("import unicom_core.catalog_data._lines", "unicom_core.domain.catalog"),
        ("from unicom_sql.repositories import _Kind", "unicom_web.app"),
        ("from unicom_web.pages import _anything", None),
        ("from unicom_core.domain.catalog.catalogs import Catalog", None),
        ("from unicom_core.domain.access.permissions import PAY", "unicom_core.usecases.payments"),
        ("from unicom_core.domain.billing import billing_calendar", None),
        ("import unicom_core.ports.payments.gateway", "unicom_core.ports.billing.usage"),
    ],
)
def test_the_checker_reports_a_private_or_deep_import_from_outside(source, importer):
    assert violations(source, importer) != []


@pytest.mark.parametrize(
    ("source", "importer"),
    [
        (
            "from unicom_core.testing.contracts._storage_base import AT",
            "unicom_core.testing.contracts.storage",
        ),
        ("from unicom_sql.repositories import _Kind", "unicom_sql.access_repositories"),
        ("from unicom_core.domain.catalog.catalogs import Catalog", "unicom_core.domain.catalog"),
        ("from unicom_core.domain.access import PAY, Capability", None),
        ("from unicom_core.ports.storage import Storage", None),
        ("from unicom_core.memory.clocks import SettableClock", None),
        ("from __future__ import annotations", None),
        ("from unicom_core import bootstrap", "unicom_web.app"),
    ],
)
def test_the_checker_lets_a_public_or_inside_import_pass(source, importer):
    assert violations(source, importer) == []


# ------------------------------------------------------------------ the public surface

TOP_LEVEL = {
    "bootstrap",
    "BusinessHall",
    *("UnicomError", "InvalidInput", "NotFound", "Conflict", "Refused", "PaymentFailed"),
    "AdapterError",
    *("Money", "Rate", "MobileNumber", "FixedLineNumber", "BroadbandAccount", "EmailAddress"),
    *("ResidentId", "BillingCycle", "Capability"),
}


def test_the_top_level_exports_what_an_embedder_starts_from_and_nothing_more():
    assert set(unicom_core.__all__) == TOP_LEVEL
    assert all(hasattr(unicom_core, name) for name in unicom_core.__all__)


def test_the_error_tree_is_exported_whole():
    tree = ["InvalidInput", "NotFound", "Conflict", "Refused", "PaymentFailed", "AdapterError"]
    for name in tree:
        assert issubclass(getattr(unicom_core, name), unicom_core.UnicomError)


def test_the_system_clock_is_the_real_clock_not_a_memory_double():
    assert SystemClock.__module__ == "unicom_core.clock"
    assert Clock in SystemClock.__mro__
    assert "SystemClock" not in unicom_core.memory.__all__
    assert not hasattr(unicom_core.memory, "SystemClock")
    assert not hasattr(unicom_core.memory.clocks, "SystemClock")
    assert "SettableClock" in unicom_core.memory.__all__


def test_the_storage_contract_helpers_have_a_public_home():
    assert {"AT", "InjectedFailure", "StorageContract", "StorageContractBase"} <= set(
        contracts.__all__
    )
    assert all(hasattr(contracts, name) for name in contracts.__all__)
