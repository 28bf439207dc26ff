"""Find the line of a TOML catalogue that a JSON path points at (``$.packs[3].fee`` -> 42).

tomllib gives values without positions, so the loader maps the path of a failure back to the
text: the *n*-th ``[[section]]`` header, then the ``key =`` line inside that table, then, for
an element of a multi-line array, the line where that element starts. This handles the layout
the catalogue files use (arrays of tables, keys with inline values); for anything else it
answers the nearest enclosing line it can tell, or None.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["line_of"]

_TABLE_HEADER = re.compile(r"\s*\[\[\s*([A-Za-z0-9_-]+)\s*\]\]\s*(?:#.*)?")
_ANY_HEADER = re.compile(r"\s*\[{1,2}\s*[A-Za-z0-9_.\"' -]+\s*\]{1,2}\s*(?:#.*)?")


def _key_line(lines: list[str], key: str, start: int, end: int) -> int | None:
    pattern = re.compile(rf"\s*(?:{re.escape(key)}|\"{re.escape(key)}\")\s*=")
    return next((i for i in range(start, end) if pattern.match(lines[i])), None)


def _table_end(lines: list[str], start: int) -> int:
    return next(
        (i for i in range(start, len(lines)) if _ANY_HEADER.fullmatch(lines[i])), len(lines)
    )


def _tokens(lines: list[str], key_line: int) -> Iterator[tuple[int, str]]:
    """The significant characters after ``key =``, with their line; a string counts as one."""
    quote = ""
    for number in range(key_line, len(lines)):
        text = lines[number]
        position = text.index("=") + 1 if number == key_line else 0
        while position < len(text):
            char = text[position]
            if quote:
                if char == "\\" and quote == '"':
                    position += 1
                elif char == quote:
                    quote = ""
            elif char == "#":
                break
            elif not char.isspace():
                quote = char if char in "\"'" else ""
                yield number, char
            position += 1


def _element_line(lines: list[str], key_line: int, index: int) -> int:
    """The line where element ``index`` of the array assigned on ``key_line`` starts."""
    depth, count = 0, 0
    for number, char in _tokens(lines, key_line):
        if char in "]}":
            depth -= 1
            if depth == 0:
                break
            continue
        if depth == 1 and count == index and char != ",":
            return number
        if char in "[{":
            depth += 1
        elif char == "," and depth == 1:
            count += 1
    return key_line


def line_of(lines: list[str], path: list[str | int]) -> int | None:
    """The 1-based line the ``path`` (``["packs", 3, "fee"]``) points at, or None."""
    if not path:
        return None
    first_header = _table_end(lines, 0)
    start, end, rest = 0, first_header, list(path)
    found: int | None = None
    if len(path) >= 2 and isinstance(path[0], str) and isinstance(path[1], int):  # noqa: PLR2004
        headers = [
            i
            for i, text in enumerate(lines)
            if (match := _TABLE_HEADER.fullmatch(text)) and match[1] == path[0]
        ]
        if path[1] < len(headers):
            start = found = headers[path[1]]
            end, rest = _table_end(lines, start + 1), list(path[2:])
    if rest and isinstance(rest[0], str):
        key_line = _key_line(lines, rest[0], start, end)
        if key_line is not None:
            found = key_line
            if len(rest) > 1 and isinstance(rest[1], int):
                found = _element_line(lines, key_line, rest[1])
    return None if found is None else found + 1
