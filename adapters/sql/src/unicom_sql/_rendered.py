"""The hot statements of the aggregate repositories as SQL text, rendered once per table.

Why: a get by id, a find by key, an ``add`` and a ``save`` are most of what use cases send,
and SQLAlchemy's execution path (parameter processing, the execution context, the result
proxy) cost several times SQLite's own work for them. :class:`unicom_sql._session.Session`
sends these strings straight to the driver connection of the unit of work, in the same
transaction as every other statement, and decodes the row from the driver's tuple.

The SQL is the statement SQLAlchemy would send: ``SELECT body, version ... WHERE id = ?``,
``INSERT ... ON CONFLICT DO NOTHING`` (the rowcount says whether it inserted) and the
optimistic ``UPDATE ... WHERE id = ? AND version = ?`` whose unique-key check is a ``NOT
EXISTS`` on the same table. A table whose key columns need SQLAlchemy's own conversion of a
value (a ``Boolean`` or a ``Date`` on SQLite) has no rendered ``INSERT``/``UPDATE``: its
writes keep SQLAlchemy's path (:func:`writable` is False).
"""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import JSON
from sqlalchemy.dialects import postgresql, sqlite

if TYPE_CHECKING:
    from sqlalchemy import Select, Table
    from sqlalchemy.engine import Dialect

__all__ = [
    "BODY",
    "EXPECTED",
    "by_id",
    "by_key",
    "decoded",
    "encoded",
    "insert",
    "query",
    "update",
    "writable",
]

_DIALECTS: Final[dict[str, Dialect]] = {
    "sqlite": sqlite.dialect(),
    "postgresql": postgresql.psycopg.dialect(),  # type: ignore[no-untyped-call]
}
_NAMED: Final[dict[str, Dialect]] = {
    "sqlite": sqlite.dialect(paramstyle="named"),  # ``:name``, as sqlite3 takes a dict
    "postgresql": _DIALECTS["postgresql"],  # ``%(name)s``
}
BODY: Final = "body"
EXPECTED: Final = "expected_version"
"""The parameter holding the version ``save`` expects to find (no column has this name)."""


def _marker(name: str, dialect: str) -> str:
    """The driver's named parameter: ``:name`` for ``sqlite3``, ``%(name)s`` for psycopg."""
    if dialect == "postgresql":
        return f"CAST(%({name})s AS JSONB)" if name == BODY else f"%({name})s"
    return f":{name}"


@functools.cache
def query(statement: Select[Any], dialect: str) -> tuple[str, dict[str, Any]]:
    """A hot query's text for the driver and the values of its literals, compiled once.

    ``statement`` is a module-level constant with named ``bindparam`` s; pass their values
    with the literals' (``{**literals, **values}``). Only for a query whose parameters and
    result columns the driver takes and gives as they are (text, integers, a JSON body
    :func:`decoded` reads): no SQLAlchemy type processing runs on the way.
    """
    compiled = statement.compile(dialect=_NAMED[dialect])
    return str(compiled), dict(compiled.params)


@functools.cache
def by_id(table: Table, dialect: str) -> str:
    """``SELECT body, version FROM table WHERE id = :id``."""
    return f"SELECT body, version FROM {table.name} WHERE id = {_marker('id', dialect)}"  # noqa: S608 - names from the schema


@functools.cache
def by_key(table: Table, column: str, dialect: str) -> str | None:
    """``SELECT body, version FROM table WHERE column = :column LIMIT 1`` (None: use SQLAlchemy)."""
    if not _plain(table, (column,), dialect):
        return None
    where = f"{table.c[column].name} = {_marker(column, dialect)}"
    return f"SELECT body, version FROM {table.name} WHERE {where} LIMIT 1"  # noqa: S608 - names from the schema


@functools.cache
def writable(table: Table, dialect: str) -> bool:
    """Whether every column but the body takes the driver's value as it is."""
    return _plain(table, tuple(c.name for c in table.columns if c.name != BODY), dialect)


@functools.cache
def insert(table: Table, dialect: str) -> str:
    """``INSERT INTO table (...) VALUES (...) ON CONFLICT DO NOTHING``, every column named."""
    names = [column.name for column in table.columns]
    values = ", ".join(_marker(name, dialect) for name in names)
    return f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({values}) ON CONFLICT DO NOTHING"  # noqa: S608 - names from the schema


@functools.cache
def update(table: Table, unique: tuple[str, ...], dialect: str) -> str:
    """The optimistic ``UPDATE``: the expected version, and no other row holding ``unique``."""
    id_ = _marker("id", dialect)
    columns = ", ".join(
        f"{column.name} = {_marker(column.name, dialect)}"
        for column in table.columns
        if column.name != "id"
    )
    where = [f"id = {id_}", f"version = {_marker(EXPECTED, dialect)}"]
    where += [
        f"NOT EXISTS (SELECT 1 FROM {table.name} AS other WHERE other.{name} = "  # noqa: S608 - names from the schema
        f"{_marker(name, dialect)} AND other.id <> {id_})"
        for name in unique
    ]
    return f"UPDATE {table.name} SET {columns} WHERE {' AND '.join(where)}"  # noqa: S608 - names from the schema


def encoded(row: dict[str, Any]) -> dict[str, Any]:
    """The row's parameters for the driver: the body as JSON text (both databases)."""
    row[BODY] = json.dumps(row[BODY])
    return row


def decoded(body: str | dict[str, Any], version: int) -> dict[str, Any]:
    """A row's body as a dict with its version: SQLite gives JSON text, psycopg a dict."""
    document = json.loads(body) if isinstance(body, str) else body
    document["version"] = version
    return document


def _plain(table: Table, columns: tuple[str, ...], dialect: str) -> bool:
    """Whether the driver stores these columns' Python values unconverted (no bind processor)."""
    engine_dialect = _DIALECTS[dialect]
    for name in columns:
        kind = table.c[name].type.dialect_impl(engine_dialect)
        if isinstance(kind, JSON) or kind.bind_processor(engine_dialect) is not None:
            return False
    return True
