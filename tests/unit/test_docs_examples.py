"""The code blocks of the docs and the README run as tests (the eventsourcing habit)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def _blocks(path: Path) -> list[str]:
    return BLOCK.findall(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "path", [p for p in DOCUMENTS if _blocks(p)], ids=lambda p: str(p.relative_to(ROOT))
)
def test_the_python_blocks_of_a_document_run_in_order(path):
    namespace: dict[str, object] = {"__name__": "docs_example"}
    for block in _blocks(path):
        exec(compile(block, str(path), "exec"), namespace)  # noqa: S102 - our own docs
