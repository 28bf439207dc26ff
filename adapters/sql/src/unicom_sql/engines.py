"""Engines for the two supported databases, configured the one way unicom_sql needs.

SQLite (the embedded default): every connection runs in WAL mode with foreign keys on, a
busy timeout and ``synchronous = FULL``, and transactions are opened by unicom_sql, not by
the ``sqlite3`` module, straight on the driver connection: a writer sends ``BEGIN
IMMEDIATE`` and takes the write lock when its transaction starts, so concurrent threads
queue on the busy timeout instead of failing half-way with "database is locked" when a
deferred transaction tries to upgrade its read lock (SQLAlchemy's documented pysqlite
recipe); a read-only unit of work sends a plain deferred ``BEGIN``: in WAL mode it reads its
snapshot and never waits for a writer. A unit of work sends its ``BEGIN`` itself
(:mod:`unicom_sql._session`); SQLAlchemy's ``begin`` hook sends one for any other use of the
engine (tools, :class:`~unicom_sql.SqlNumberPool`) and nothing when one is already open.
Each thread keeps one SQLite connection of its own for its units of work
(:mod:`unicom_sql._connections`).

Why ``FULL`` and not WAL's usual ``NORMAL``: under ``NORMAL`` a commit returns before the WAL
is synced, so a power loss or an OS crash can drop the last acknowledged transactions (a paid
bill, a spent recharge card) although the database stays consistent. ``FULL`` syncs the WAL
on every commit: each commit costs one ``fsync`` more (see ``docs/how-to/own-database.md``).

PostgreSQL: ``postgresql+psycopg://`` (psycopg 3) pooled by SQLAlchemy's own
:class:`~sqlalchemy.pool.QueuePool` **without** pre-ping (a ping is one more round trip
per transaction, a third of a short read): a connection that died in the pool (a server
restart) fails the first statement of its unit of work, SQLAlchemy invalidates it and every
older pooled connection, and :class:`unicom_sql._session.Session` runs that statement again
on a fresh connection (pass ``pool_pre_ping=True`` to ping instead). A read-only unit of work runs
``BEGIN READ ONLY`` (SQLAlchemy's ``postgresql_readonly`` option, reset when the connection
goes back to the pool). Why not psycopg_pool: SQLAlchemy's engine
needs a pool it controls (checkout events, invalidation of broken connections, reset on
return); feeding it from psycopg_pool would stack two pools that each think they own the
connection.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import Engine, event, exc
from sqlalchemy import create_engine as sa_create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError

from unicom_core.domain.shared import STORAGE_UNAVAILABLE
from unicom_sql.errors import UPGRADE_HINT, bad_url, translated

if TYPE_CHECKING:
    from unicom_core.errors import AdapterError

__all__ = [
    "BUSY_TIMEOUT_MS",
    "READ_ONLY_OPTIONS",
    "SQLITE_SYNCHRONOUS",
    "create_engine",
    "parse_url",
    "printable",
    "require_existing_file",
    "sqlite_path",
]

SQLITE_SYNCHRONOUS: Final = "FULL"
"""SQLite's ``synchronous`` level: every commit is on disk before it returns (durability)."""

BUSY_TIMEOUT_MS: Final = 5000
"""How long a SQLite writer waits for the lock before ``storage.busy`` (milliseconds)."""

_SQLITE_PRAGMAS: Final = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode = WAL",
    "PRAGMA foreign_keys = ON",
    f"PRAGMA synchronous = {SQLITE_SYNCHRONOUS}",
)
_POSTGRES_DRIVERS: Final = frozenset({"psycopg"})
_READ_ONLY: Final = "unicom_read_only"

READ_ONLY_OPTIONS: Final = {_READ_ONLY: True, "postgresql_readonly": True}
"""Execution options of a read-only unit of work's connection (both databases)."""


def printable(url: URL | str) -> str:
    """The URL with its password hidden, for messages and logs."""
    if isinstance(url, str):
        try:
            url = make_url(url)
        except SQLAlchemyError:
            return "<unreadable URL>"
    return url.render_as_string(hide_password=True)


def parse_url(url: str | URL) -> URL:
    """Parse and check a database URL, or raise ``storage.bad_url``."""
    if isinstance(url, URL):
        parsed = url
    else:
        try:
            parsed = make_url(url)
        except SQLAlchemyError as error:
            raise bad_url(repr(url), "it is not a URL of the form dialect+driver://...") from error
    backend, driver = parsed.get_backend_name(), parsed.get_driver_name()
    if backend == "sqlite":
        if parsed.database in {None, "", ":memory:"}:
            raise bad_url(
                printable(parsed),
                "an in-memory SQLite database lives in one connection; name a file "
                "(or use unicom_core.memory.MemoryStorage)",
            )
        return parsed
    if backend == "postgresql":
        if driver not in _POSTGRES_DRIVERS:
            raise bad_url(printable(parsed), f"use the psycopg 3 driver, not {driver!r}")
        return parsed
    raise bad_url(printable(parsed), f"the {backend!r} database is not supported")


def sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite URL (None for other databases or a ``file:`` URI)."""
    if url.get_backend_name() != "sqlite" or url.database is None:
        return None
    if url.database.startswith("file:"):
        return None
    return Path(url.database)


def require_existing_file(url: URL) -> None:
    """Refuse a SQLite URL whose file does not exist yet: SQLite would make an empty one."""
    path = sqlite_path(url)
    if path is not None and not path.is_file():
        raise _missing_file(url, path)


def _missing_file(url: URL, path: Path) -> AdapterError:
    return STORAGE_UNAVAILABLE.error(
        f"there is no SQLite database file at {path.resolve()}; {UPGRADE_HINT}", url=printable(url)
    )


def _on_sqlite_connect(dbapi_connection: Any, _record: object) -> None:  # noqa: ANN401 - DBAPI
    # Hand transaction control to SQLAlchemy (the `begin` hook below) and set the pragmas
    # outside any transaction, as journal_mode requires.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        for pragma in _SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Any) -> None:  # noqa: ANN401 - SQLAlchemy Connection
    # Straight on the driver connection: SQLAlchemy's execute path would cost more than the
    # BEGIN itself. Driver errors (a busy database) are wrapped as SQLAlchemy would. A unit
    # of work opens its transaction on the driver first (unicom_sql._session): then
    # SQLAlchemy's autobegin joins it and nothing is sent.
    driver = connection.connection.dbapi_connection
    if driver.in_transaction:
        return
    statement = "BEGIN" if connection.get_execution_options().get(_READ_ONLY) else "BEGIN IMMEDIATE"
    try:
        driver.execute(statement)
    except sqlite3.Error as error:
        raise exc.DBAPIError.instance(statement, None, error, sqlite3.Error) from error


def _sqlite_engine(url: URL, **options: Any) -> Engine:  # noqa: ANN401 - create_engine kwargs
    engine = sa_create_engine(url, **options)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def create_engine(url: str | URL, **options: Any) -> Engine:  # noqa: ANN401 - create_engine kwargs
    """An engine for ``url`` with the pragmas, pool and transaction rules described above.

    Raises:
        AdapterError: ``storage.bad_url`` for an unusable URL or a missing driver.
    """
    parsed = parse_url(url)
    with translated(printable(parsed)):
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed, **options)
        options.setdefault("pool_pre_ping", False)  # recovery: unicom_sql._session.Session
        return sa_create_engine(parsed, **options)
