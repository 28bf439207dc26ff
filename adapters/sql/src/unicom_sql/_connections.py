"""Where a unit of work's connection comes from: the thread's own (SQLite) or the pool.

Why a connection per thread on SQLite: taking a connection from SQLAlchemy's pool and giving
it back costs more than a short read itself (a checkout, the reset on return, the events).
A thread runs one unit of work at a time (the storage port's rule), so each thread keeps
one SQLite connection of its own, made by the engine (the pragmas of
:mod:`unicom_sql.engines` set) and then detached from the pool, so threads never starve the
pool that :class:`~unicom_sql.SqlNumberPool`, the metrics store and tools share. SQLite
connections cost the server nothing; the web hall's worker threads each hold one.

A unit of work opened while its thread's connection is busy (a read inside a transaction of
the same thread) gets the thread's second connection, made the first time and kept like the
first. PostgreSQL units of work take a pooled connection: a PostgreSQL connection is a
server process, so it stays pooled (and the pool's limits hold).

:meth:`Connections.close` closes every thread's connection that is idle; one in use is
closed when its unit of work ends. A thread that ended leaves its connection behind: it is
closed when the next thread makes one, or at :meth:`Connections.close`.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from unicom_core.domain.shared import STORAGE_CLOSED
from unicom_sql.engines import READ_ONLY_OPTIONS
from unicom_sql.errors import translated

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

__all__ = ["Connections"]

_NONE: list[_Own] = []  # a thread that has made no connection yet (never appended to)


class _Own:
    """One thread's SQLite connection and whether a unit of work is using it."""

    __slots__ = ("busy", "connection", "thread")

    def __init__(self, connection: Connection, thread: threading.Thread) -> None:
        self.connection = connection
        self.thread = thread
        self.busy = False


class Connections:
    """The connections of one storage: a thread's own on SQLite, pooled on PostgreSQL."""

    def __init__(self, engine: Engine, where: str) -> None:
        self.where = where
        """The database's URL without its password (for messages)."""
        self._engine = engine
        self.dialect_name: str = engine.dialect.name
        self._per_thread = self.dialect_name == "sqlite"
        self._local = threading.local()
        self._owned: dict[threading.Thread, list[_Own]] = {}
        self._lock = threading.Lock()
        self._closed = False

    def take(self, *, readonly: bool) -> Connection:
        """A connection for a unit of work; ``storage.closed`` once :meth:`close` ran.

        On SQLite the thread's first idle connection; a unit of work opened inside another
        of the same thread gets the thread's second one (made the first time).
        """
        if self._per_thread:
            owns: list[_Own] = getattr(self._local, "owns", _NONE)
            if owns:
                with self._lock:
                    self._refuse_if_closed()
                    for own in owns:
                        if not own.busy:
                            own.busy = True
                            return own.connection
        self._refuse_if_closed()
        with translated(self.where):
            if self._per_thread:
                return self._made().connection
            return self._pooled(readonly=readonly)

    def renew(self, dead: Connection, *, readonly: bool) -> Connection:
        """A fresh connection in place of ``dead`` (lost by the server), made the same way."""
        dead.invalidate()
        own = self._own_of(dead)
        with translated(self.where):
            if own is not None:
                self._drop(own)
                return self._made().connection
            dead.close()
            return self._pooled(readonly=readonly)

    def give_back(self, connection: Connection, *, clean: bool) -> None:
        """The unit of work ended (``clean``: its transaction too): keep or return the connection.

        The thread's own connection is kept for its next unit of work unless the storage
        closed meanwhile or it cannot be rolled back (as the pool resets a connection on
        return; one made while the disk refuses writes would stay read-only); a pooled one
        goes back to the pool.
        """
        own = self._own_of(connection)
        if own is None:
            with translated(self.where):
                connection.close()
            return
        clean = clean or _rolled_back(connection)
        with self._lock:
            own.busy = False
            keep = clean and not self._closed
        if not keep:
            self._drop(own)

    def close(self) -> None:
        """Close every thread's idle connection; a busy one closes when its work ends."""
        with self._lock:
            self._closed = True
            idle = [own for owns in self._owned.values() for own in owns if not own.busy]
        for own in idle:
            self._drop(own)

    def _own_of(self, connection: Connection) -> _Own | None:
        owns: list[_Own] = getattr(self._local, "owns", _NONE)
        return next((own for own in owns if own.connection is connection), None)

    def _pooled(self, *, readonly: bool) -> Connection:
        connection = self._engine.connect()
        if readonly:
            connection.execution_options(**READ_ONLY_OPTIONS)  # in place; reset on return
        return connection

    def _made(self) -> _Own:
        """A new connection of this thread, marked busy; connections of ended threads closed."""
        connection = self._engine.connect()
        connection.connection.detach()  # the thread's own: outside the pool's count
        thread = threading.current_thread()
        own = _Own(connection, thread)
        own.busy = True
        with self._lock:
            ended = [o for t, owns in self._owned.items() if not t.is_alive() for o in owns]
            closed = self._closed
            if not closed:
                self._local.owns = owns = self._owned.setdefault(thread, [])
                owns.append(own)
        for other in ended:
            self._drop(other)
        if closed:
            connection.close()
            self._refuse_if_closed()
        return own

    def _drop(self, own: _Own) -> None:
        """Close a thread's connection and forget it."""
        with self._lock:
            owns = self._owned.get(own.thread, [])
            if own in owns:
                owns.remove(own)
            if not owns:
                self._owned.pop(own.thread, None)
        with translated(self.where):
            own.connection.close()

    def _refuse_if_closed(self) -> None:
        if self._closed:
            raise STORAGE_CLOSED.error(f"the storage for {self.where} is closed", url=self.where)


def _rolled_back(connection: Connection) -> bool:
    """Whether a connection whose unit of work failed to end is fit again, rolled back."""
    try:
        if connection.get_transaction() is not None:
            connection.rollback()
        if connection.invalidated or connection.closed:
            return False
        driver: Any = connection.connection.dbapi_connection
        if driver.in_transaction:
            driver.rollback()
        fit = not driver.in_transaction
    except Exception:  # noqa: BLE001 - any failure here means: do not keep it
        return False
    return bool(fit)
