"""A Sphinx directive that renders the declared error codes from their declarations.

``{error-codes} unicom_core.domain.billing.codes`` writes the table of one area's ``codes``
module: the code, its class, the HTTP status the web adapter answers with, the English
message template and the data fields (optional ones in brackets). A code raised as another
class by another layer (a variant) gets a row of its own. The page is built from the
declarations themselves, so it cannot go stale.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

if TYPE_CHECKING:
    from sphinx.application import Sphinx


HEADER = ("code", "class", "HTTP", "message template", "data")


def _status(kind: type, code: str) -> str:
    """The web adapter's HTTP status for ``code`` raised as ``kind`` ("" without the adapter)."""
    try:
        problems = importlib.import_module("unicom_web.problems")
    except ImportError:  # pragma: no cover - the docs build installs the web adapter
        return ""
    refined = problems.STATUS_BY_CODE.get(code)
    if refined is not None:
        return str(refined)
    for base in kind.__mro__:
        status = problems.STATUS_BY_KIND.get(base)
        if status is not None:
            return str(status)
    return "500"


def _rows(module_name: str) -> list[list[str]]:
    from unicom_core.errors import ErrorCode  # noqa: PLC0415 - imported when the page builds

    module = importlib.import_module(module_name)
    declared = sorted(
        (value for value in vars(module).values() if isinstance(value, ErrorCode)),
        key=lambda code: (code.code, code.kind.__name__),
    )
    rows = []
    seen: set[tuple[str, str]] = set()
    for code in declared:
        if (code.code, code.kind.__name__) in seen:
            continue
        seen.add((code.code, code.kind.__name__))
        fields = [*code.fields, *(f"[{name}]" for name in code.optional)]
        rows.append(
            [
                code.code,
                code.kind.__name__,
                _status(code.kind, code.code),
                code.template,
                ", ".join(fields),
            ]
        )
    return rows


def _entry(text: str, *, literal: bool = False) -> nodes.entry:
    inline = nodes.literal(text, text) if literal and text else nodes.Text(text)
    return nodes.entry("", nodes.paragraph("", "", inline))


def _table(rows: list[list[str]]) -> nodes.table:
    """A docutils table: a header row, then one row per code (code and template literal)."""
    widths = (22, 10, 6, 44, 18)
    group = nodes.tgroup(cols=len(widths))
    group += [nodes.colspec(colwidth=width) for width in widths]
    header = nodes.row("", *(_entry(title) for title in HEADER))
    group += nodes.thead("", header)
    body = nodes.tbody()
    for row in rows:
        literal = (True, False, False, True, False)
        body += nodes.row(
            "", *(_entry(c, literal=lit) for c, lit in zip(row, literal, strict=True))
        )
    group += body
    return nodes.table("", group, classes=["error-codes"])


class ErrorCodes(SphinxDirective):
    """``{error-codes} module``: the table of the codes one ``codes`` module declares."""

    required_arguments: ClassVar[int] = 1
    has_content: ClassVar[bool] = False

    def run(self) -> list[nodes.Node]:
        """The table of the module's codes."""
        rows = _rows(self.arguments[0])
        if not rows:
            msg = f"{self.arguments[0]} declares no error code"
            raise self.error(msg)
        return [_table(rows)]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directive."""
    app.add_directive("error-codes", ErrorCodes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
