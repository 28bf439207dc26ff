"""Many rows in one statement with one parameter, not one per value (F-QRY-3).

The bill run writes a chunk's bills and events, and ingestion a batch of usage records, in
one ``INSERT`` each. Sent as a multi-row ``VALUES`` (SQLAlchemy's "insertmanyvalues") or an
``executemany``, every value is a bound parameter SQLAlchemy processes one by one, and on
PostgreSQL each page is a new statement text psycopg parses again (too long for its cache).
:class:`BulkInsert` sends them as one JSON document instead, so the statement text is the
same whatever the number of rows:

* PostgreSQL: ``INSERT INTO t (a, b) SELECT e->>0, (e->>1)::bigint FROM
  json_array_elements(CAST(%(rows)s AS json)) WITH ORDINALITY AS r(e, n) ORDER BY n``;
* SQLite: ``INSERT INTO t (a, b) SELECT json_extract(value, '$[0]'), ... FROM json_each(?)
  WHERE true ORDER BY key``;

the rows go as one parameter, a JSON array of arrays that the C encoder writes.

Rows are inserted in the order given (an outbox's ids follow its events). A JSON column
takes the document as :mod:`json` writes it by default, which is what SQLAlchemy's ``JSON``
type stores (SQLite keeps the text; PostgreSQL's ``jsonb`` parses it the same either way).
``if_absent`` adds ``ON CONFLICT DO NOTHING``; ``returning`` names a column to return.
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Boolean, Integer, bindparam
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.elements import ClauseElement, ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy import Table
    from sqlalchemy.sql.compiler import SQLCompiler

__all__ = ["BulkInsert", "InJson", "bulk_insert", "json_list"]

_ROWS = "rows"


class BulkInsert(Executable, ClauseElement):
    """``INSERT INTO table (columns) SELECT ...`` of rows passed by :meth:`parameters`."""

    inherit_cache = True  # the cache key is the state below: compiled once per shape
    _traverse_internals = [  # noqa: RUF012 - SQLAlchemy declares it a list
        ("table", InternalTraversal.dp_clauseelement),
        ("columns", InternalTraversal.dp_string_list),
        ("if_absent", InternalTraversal.dp_boolean),
        ("returning", InternalTraversal.dp_string),
    ]
    is_dml = True
    is_insert = True

    def __init__(
        self, table: Table, columns: Sequence[str], *, if_absent: bool, returning: str | None
    ) -> None:
        self.table = table
        self.columns = tuple(columns)
        self.if_absent = if_absent
        self.returning = returning
        self.is_json = tuple(isinstance(table.c[name].type, JSON) for name in self.columns)

    def _encoded(self, rows: Sequence[Sequence[object]]) -> Sequence[Sequence[object]]:
        """The rows with their JSON documents as text, ready for either database."""
        if not any(self.is_json):
            return rows
        return [
            [
                json.dumps(value) if is_json else value
                for value, is_json in zip(row, self.is_json, strict=True)
            ]
            for row in rows
        ]

    def parameters(self, rows: Sequence[Sequence[object]]) -> dict[str, Any]:
        """The statement's one parameter for ``rows`` (each a value per column, in order)."""
        return {_ROWS: json.dumps(self._encoded(rows))}


def _head(element: BulkInsert, compiler: SQLCompiler) -> str:
    preparer = compiler.preparer
    names = ", ".join(preparer.quote(name) for name in element.columns)
    return f"INSERT INTO {preparer.format_table(element.table)} ({names}) "


def _tail(element: BulkInsert, compiler: SQLCompiler) -> str:
    text = " ON CONFLICT DO NOTHING" if element.if_absent else ""
    if element.returning is not None:
        text += f" RETURNING {compiler.preparer.quote(element.returning)}"
    return text


def _cast(table: Table, name: str) -> str:
    kind = table.c[name].type
    if isinstance(kind, JSON):
        return "::jsonb"
    if isinstance(kind, Boolean):
        return "::boolean"
    if isinstance(kind, Integer):
        return "::bigint"
    return ""


@compiles(BulkInsert, "postgresql")
def _postgresql(element: BulkInsert, compiler: SQLCompiler, **kw: Any) -> str:  # noqa: ANN401
    values = ", ".join(
        f"(e->>{i}){_cast(element.table, name)}" for i, name in enumerate(element.columns)
    )
    rows = compiler.process(bindparam(_ROWS), **kw)
    select = (  # names quoted by the dialect, values bound: nothing of the caller's is spliced
        f"SELECT {values} FROM json_array_elements(CAST({rows} AS json)) "  # noqa: S608
        "WITH ORDINALITY AS r(e, n) ORDER BY n"
    )
    return _head(element, compiler) + select + _tail(element, compiler)


@compiles(BulkInsert, "sqlite")
def _sqlite(element: BulkInsert, compiler: SQLCompiler, **kw: Any) -> str:  # noqa: ANN401
    values = ", ".join(f"json_extract(value, '$[{i}]')" for i in range(len(element.columns)))
    rows = compiler.process(bindparam(_ROWS), **kw)
    # "WHERE true": SQLite's parser needs it before ON CONFLICT after a SELECT.
    select = f"SELECT {values} FROM json_each({rows}) WHERE true ORDER BY key"  # noqa: S608
    return _head(element, compiler) + select + _tail(element, compiler)


@functools.cache
def bulk_insert(
    table: Table, columns: tuple[str, ...], *, if_absent: bool, returning: str | None = None
) -> BulkInsert:
    """The :class:`BulkInsert` of ``columns`` of ``table``, made once per shape."""
    return BulkInsert(table, columns, if_absent=if_absent, returning=returning)


class InJson(ColumnElement[bool]):
    """``column`` is one of the strings of a JSON array bound as ``name``: one parameter.

    SQLAlchemy's ``in_`` binds one parameter per value and renders the statement again for
    each length; psycopg then parses it again (a long text is not in its cache). Pass
    ``{name: json.dumps(values)}`` (:func:`json_list`).
    """

    inherit_cache = True  # the cache key is the state below: compiled once per shape
    _traverse_internals = [  # noqa: RUF012 - SQLAlchemy declares it a list
        ("column", InternalTraversal.dp_clauseelement),
        ("name", InternalTraversal.dp_string),
    ]
    _is_implicitly_boolean = True  # a condition as it is: no "= 1" on SQLite
    type = Boolean()

    def __init__(self, column: ColumnElement[Any], name: str) -> None:
        self.column = column
        self.name = name


def json_list(values: Sequence[str]) -> str:
    """The parameter of an :class:`InJson`."""
    return json.dumps(list(values))


@compiles(InJson, "postgresql")
def _in_json_postgresql(element: InJson, compiler: SQLCompiler, **kw: Any) -> str:  # noqa: ANN401
    impl = element.column.type.dialect_impl(compiler.dialect)
    collation = getattr(impl, "collation", None)
    collate = f' COLLATE "{collation}"' if collation else ""  # the index's (ids: "C")
    values = compiler.process(bindparam(element.name), **kw)
    # = ANY(ARRAY(...)): an index condition, as for a list of values (an IN subquery may
    # become a join the planner answers with a scan of the whole table).
    return (
        f"{compiler.process(element.column, **kw)} = ANY(ARRAY(SELECT value{collate} "  # noqa: S608
        f"FROM json_array_elements_text(CAST({values} AS json)) AS value))"
    )


@compiles(InJson, "sqlite")
def _in_json_sqlite(element: InJson, compiler: SQLCompiler, **kw: Any) -> str:  # noqa: ANN401
    values = compiler.process(bindparam(element.name), **kw)
    column = compiler.process(element.column, **kw)
    return f"{column} IN (SELECT value FROM json_each({values}))"  # noqa: S608
