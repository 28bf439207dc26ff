"""Helpers for testing :class:`~unicom_sql.SqlStorage`: scratch schemas, emptying, racers.

Why in the package: the contract suite of :mod:`unicom_core.testing.contracts` is shipped to
embedders, and binding it to SQL needs the same few moves everywhere (a migrated database per
test class, emptied between tests). The racers are module-level functions so that a
``spawn`` :mod:`multiprocessing` child can import them by name.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import tempfile
import threading
import uuid
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Final, Protocol

from sqlalchemy import delete
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool
from sqlalchemy.schema import CreateSchema, DropSchema

from unicom_sql.engines import create_engine
from unicom_sql.migrate import upgrade
from unicom_sql.schema import metadata
from unicom_sql.storage import SqlStorage, create_storage

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import datetime

__all__ = [
    "PG_URL_VARIABLE",
    "empty",
    "postgres_url",
    "race_join",
    "race_reserve",
    "race_try_take",
    "scratch_schema",
    "sqlite_database",
]

PG_URL_VARIABLE: Final = "UNICOM_TEST_PG_URL"
"""The environment variable holding the test server's URL (``.ci/postgres.sh start``)."""

_START_TIMEOUT: Final = 60.0


def postgres_url() -> str | None:
    """The PostgreSQL URL tests should use, or None when ``UNICOM_TEST_PG_URL`` is unset."""
    return os.environ.get(PG_URL_VARIABLE) or None


_TEMPLATE_LOCK: Final = threading.Lock()
_template: Path | None = None


def _migrated_template() -> Path:
    """This process's SQLite file made by the migrations (made on first use, removed at exit)."""
    global _template  # noqa: PLW0603 - one template a process
    with _TEMPLATE_LOCK:
        if _template is None:
            folder = tempfile.mkdtemp(prefix="unicom-sqlite-template-")
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            made = Path(folder) / "template.sqlite3"
            upgrade(f"sqlite:///{made}")
            _template = made
        return _template


def sqlite_database(path: os.PathLike[str] | str) -> str:
    """Create a SQLite database at ``path`` through the migrations; return its URL.

    The migrations run once a process, into a template; each new database is a copy of it
    made by SQLite's online backup (what the migrations made, without running them again).
    An existing file at ``path`` is migrated in place.
    """
    target = Path(path)
    url = f"sqlite:///{os.fspath(target)}"
    if target.exists():
        upgrade(url)
        return url
    with (
        closing(sqlite3.connect(_migrated_template())) as source,
        closing(sqlite3.connect(target)) as copy,
    ):
        source.backup(copy)
    return url


@contextmanager
def scratch_schema(server_url: str, *, migrated: bool = True) -> Iterator[str]:
    """A new PostgreSQL schema for the duration of the block (migrated unless told); its URL.

    The URL pins ``search_path`` to the schema (libpq ``options``), so every table, the
    Alembic version table included, lives there; the schema is dropped afterwards.
    """
    name = f"unicom_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url, poolclass=NullPool)
    try:
        with admin.begin() as connection:
            connection.execute(CreateSchema(name))
        url = make_url(server_url).update_query_dict({"options": f"-csearch_path={name}"})
        rendered = url.render_as_string(hide_password=False)
        if migrated:
            upgrade(rendered)
        yield rendered
    finally:
        with admin.begin() as connection:
            connection.execute(DropSchema(name, cascade=True, if_exists=True))
        admin.dispose()


def empty(storage: SqlStorage) -> None:
    """Delete every row of every unicom table (fast: no schema is dropped or migrated).

    On PostgreSQL the deletes go as one text, one round trip (the simple query protocol
    takes several statements); SQLite's driver takes one statement a call.
    """
    tables = reversed(metadata.sorted_tables)
    with storage.engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            quote = connection.dialect.identifier_preparer.format_table
            script = "; ".join(f"DELETE FROM {quote(table)}" for table in tables)  # noqa: S608 - our table names, quoted
            with connection.connection.driver_connection.cursor() as cursor:  # type: ignore[union-attr]
                cursor.execute(script)
            return
        for table in tables:
            connection.execute(delete(table))


class _Barrier(Protocol):
    def wait(self, timeout: float | None = None) -> object: ...


def race_try_take(
    url: str, key: str, limit: int, attempts: int, start: _Barrier | None = None
) -> int:
    """Open the storage at ``url`` and try to take 1 of ``key`` ``attempts`` times; count wins.

    Each attempt is its own transaction, as a use case's would be. With ``start`` (a
    barrier shared by the racers), every racer connects first and all start together.
    """
    storage = create_storage(url, pool_size=1)
    wins = 0
    try:
        with storage.transaction() as tx:
            tx.counters.taken(key)  # connect before the start signal
        if start is not None:
            start.wait(_START_TIMEOUT)
        for _ in range(attempts):
            with storage.transaction() as tx:
                wins += tx.counters.try_take(key, 1, limit)
    finally:
        storage.close()
    return wins


def race_reserve(url: str, number: str, holder: str, start: _Barrier | None = None) -> bool:
    """Open a number pool at ``url`` and try once to reserve ``number``; whether it won.

    With ``start``, every racer connects first and all try together (F-NUM-3).
    """
    from datetime import UTC, datetime, timedelta  # noqa: PLC0415 - a child process's own

    from unicom_core.domain.numbers import Reservation  # noqa: PLC0415
    from unicom_core.errors import Conflict  # noqa: PLC0415
    from unicom_sql.number_pool import SqlNumberPool  # noqa: PLC0415

    pool = SqlNumberPool.from_url(url, pool_size=1)
    try:
        pool.find(number)  # connect before the start signal
        if start is not None:
            start.wait(_START_TIMEOUT)
        at = datetime(2026, 12, 5, 2, 0, tzinfo=UTC)
        reservation = Reservation(f"r-{holder}", number, holder, at, at + timedelta(minutes=30))
        try:
            pool.reserve(reservation)
        except Conflict:
            return False
        return True
    finally:
        pool.close()


def race_join(  # noqa: PLR0913, PLR0917 - a racer's whole world, by value (a spawn child's arguments)
    url: str,
    at: datetime,
    token: str,
    code: str,
    request_id: str,
    start: _Barrier | None = None,
) -> str:
    """A hall of its own on ``url`` at ``at`` joins campaign ``code`` once (F-PRO-2).

    Returns ``"joined"`` or the refusal's code. With ``start``, every racer has its hall
    and connection before all join together.
    """
    from unicom_core.bootstrap import bootstrap  # noqa: PLC0415 - a child process's own
    from unicom_core.domain.catalog import Channel  # noqa: PLC0415
    from unicom_core.errors import UnicomError  # noqa: PLC0415
    from unicom_core.memory import SettableClock  # noqa: PLC0415

    hall = bootstrap(storage=create_storage(url, pool_size=1), clock=SettableClock(at))
    try:
        hall.promotions.offers(token)  # connect, and see the campaign, before the start
        if start is not None:
            start.wait(_START_TIMEOUT)
        try:
            hall.promotions.join(token, code, request_id=request_id, channel=Channel.ONLINE_HALL)
        except UnicomError as refused:
            return refused.code
        return "joined"
    finally:
        hall.close()
