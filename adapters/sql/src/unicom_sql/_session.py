"""One transaction's connection, shared by the repositories of a unit of work.

Why a wrapper: every statement goes through the session, which refuses use after the
``with`` block ended (``storage.transaction_closed``) and translates driver errors at the
point they happen, so a use case that catches ``Conflict`` inside its transaction sees the
error tree, never a raw ``IntegrityError``.

Two ways in, one transaction. :meth:`Session.execute` runs a SQLAlchemy Core statement on the
unit of work's :class:`~sqlalchemy.Connection`; :meth:`Session.first` and
:meth:`Session.write` send the hot statements rendered once per table
(:mod:`unicom_sql._rendered`) straight to the driver connection under it, which is several
times cheaper for a by-id read or a one-row write. The session owns the transaction, on the
driver: SQLite gets ``BEGIN IMMEDIATE`` (a writer takes the lock at once) or a deferred
``BEGIN`` (a reader), sent when the unit of work opens; psycopg opens its transaction
implicitly at the first statement (``READ ONLY`` when the storage set the connection so).
When a Core statement comes, SQLAlchemy's autobegin joins the driver's transaction (the
SQLite ``begin`` hook sends nothing when one is open) and the end commits or rolls back
through whichever layer knows of it.

It also recovers from a connection that died in the pool (a PostgreSQL restart; the engine
does not ping connections before use): when the **first** statement of a unit of work fails
because the connection was lost, nothing of the unit of work can have reached the database,
so the session takes a new connection from the storage and runs the statement again, once.
A later loss is reported (``storage.unavailable``): the work done so far is gone with the
connection and the caller decides.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import exc
from sqlalchemy.dialects import postgresql, sqlite

from unicom_core.domain.shared import STORAGE_READ_ONLY, STORAGE_TRANSACTION_CLOSED
from unicom_sql.errors import translate, translated

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import Connection, CursorResult, Executable, Table
    from sqlalchemy.sql.dml import Insert

    from unicom_sql._connections import Connections

__all__ = ["Session"]

Parameters = dict[str, Any] | list[dict[str, Any]] | None


class Session:
    """The connection of one open transaction and where it points (for messages).

    ``renew`` gives a fresh connection in place of a dead one, set up the same way: the
    storage's :class:`unicom_sql._connections.Connections`.
    """

    def __init__(
        self,
        connection: Connection,
        where: str,
        *,
        readonly: bool,
        renew: Connections,
    ) -> None:
        self.where = where
        self.readonly = readonly
        self.dialect_name: str = connection.dialect.name
        self._renew = renew
        self._open = True
        self._fresh = True  # no statement has run in this transaction yet
        self._attach(connection)

    @property
    def connection(self) -> Connection:
        """The SQLAlchemy connection of the transaction (the storage gives it back at the end)."""
        return self._connection

    def _attach(self, connection: Connection) -> None:
        """Use ``connection`` and open its transaction (SQLite: now; psycopg: implicitly)."""
        self._connection = connection
        # sqlite3 and psycopg: the DBAPI connection is the driver's (no adapter in between).
        self._driver = driver = cast("Any", connection.connection.dbapi_connection)
        if self.dialect_name == "sqlite":
            self._on_driver(driver.execute, "BEGIN" if self.readonly else "BEGIN IMMEDIATE")

    def end(self, *, commit: bool) -> None:
        """Commit or roll back the transaction (the storage calls it when the block ends)."""
        connection = self._connection
        if connection.get_transaction() is not None:  # a Core statement ran: SQLAlchemy knows
            with translated(self.where):
                if commit:
                    connection.commit()
                else:
                    connection.rollback()
            return
        driver = self._driver
        self._on_driver(driver.commit if commit else driver.rollback)

    def close(self) -> None:
        """Mark the transaction finished: later calls raise ``storage.transaction_closed``."""
        self._open = False

    def check_open(self) -> None:
        """Raise ``storage.transaction_closed`` once the ``with`` block has ended."""
        if not self._open:
            raise STORAGE_TRANSACTION_CLOSED.error(
                "this unit of work's transaction has ended; open a new one"
            )

    def execute(self, statement: Executable, parameters: Parameters = None) -> CursorResult[Any]:
        """Run one statement in this transaction, translating any driver error.

        A list of parameter sets runs the statement once per set (``executemany``). In a
        read-only unit of work an INSERT, UPDATE or DELETE raises ``storage.read_only``.
        """
        self.check_open()
        if self.readonly and statement.is_dml:
            raise STORAGE_READ_ONLY.error()
        with translated(self.where):
            try:
                result = self._connection.execute(statement, parameters)
            except exc.DBAPIError as error:
                if not (self._fresh and error.connection_invalidated):
                    raise
                self._reconnect()
                result = self._connection.execute(statement, parameters)
            self._fresh = False
            return result

    def first(self, sql: str, parameters: dict[str, Any]) -> Any:  # noqa: ANN401 - a driver row
        """The first row of a rendered query as the driver's tuple, or None."""
        self.check_open()
        return self._rendered(sql, parameters).fetchone()

    def rows(self, sql: str, parameters: dict[str, Any]) -> list[Any]:
        """Every row of a rendered query as the driver's tuples."""
        self.check_open()
        rows: list[Any] = self._rendered(sql, parameters).fetchall()
        return rows

    def write(self, sql: str, parameters: dict[str, Any]) -> int:
        """Run a rendered INSERT or UPDATE; the number of rows it changed.

        In a read-only unit of work it raises ``storage.read_only`` and sends nothing.
        """
        self.check_open()
        if self.readonly:
            raise STORAGE_READ_ONLY.error()
        count: int = self._rendered(sql, parameters).rowcount
        return count

    def _rendered(self, sql: str, parameters: dict[str, Any]) -> Any:  # noqa: ANN401 - a cursor
        """Send ``sql`` on the driver connection; a dead one is replaced at the first statement."""
        try:
            cursor = self._driver.execute(sql, parameters)
        except Exception as error:
            wrapped = self._wrapped(error, sql, parameters)
            if wrapped is None:
                raise
            if not (self._fresh and wrapped.connection_invalidated):
                raise translate(wrapped, self.where) from error
            self._reconnect()
            cursor = self._on_driver(self._driver.execute, sql, parameters)
        self._fresh = False
        return cursor

    def _on_driver(self, call: Callable[..., Any], *arguments: Any) -> Any:  # noqa: ANN401
        """Call the driver, translating its errors as SQLAlchemy's would be."""
        try:
            return call(*arguments)
        except Exception as error:
            wrapped = self._wrapped(error, str(arguments[0]) if arguments else "", None)
            if wrapped is None:
                raise
            raise translate(wrapped, self.where) from error

    def _wrapped(
        self, error: Exception, sql: str, parameters: dict[str, Any] | None
    ) -> exc.DBAPIError | None:
        """A driver error as SQLAlchemy wraps it (None for an error that is not the driver's)."""
        dialect = self._connection.dialect
        base: type[Exception] = dialect.loaded_dbapi.Error
        if not isinstance(error, base):
            return None
        lost = dialect.is_disconnect(error, self._driver, None)  # type: ignore[arg-type]
        wrapped = exc.DBAPIError.instance(
            sql, parameters, error, base, connection_invalidated=lost, dialect=dialect
        )
        return wrapped if isinstance(wrapped, exc.DBAPIError) else None

    def _reconnect(self) -> None:
        """Take a fresh connection in place of the dead one and open the transaction on it."""
        self._attach(self._renew.renew(self._connection, readonly=self.readonly))

    def insert_if_absent(self, table: Table) -> Insert:
        """``INSERT ... ON CONFLICT DO NOTHING`` for this dialect; its rowcount says if it inserted.

        Built once per table and dialect; pass the row as the parameters of :meth:`execute`
        (or call ``.values``).
        """
        return _insert_if_absent(table, self.dialect_name)


@functools.cache
def _insert_if_absent(table: Table, dialect: str) -> Insert:
    """The statement of :meth:`Session.insert_if_absent`, made once per table and dialect.

    SQLAlchemy keeps ``rowcount`` for UPDATE and DELETE only unless told to
    (``preserve_rowcount``); psycopg would otherwise report -1 here.
    """
    statement: Insert
    if dialect == "postgresql":
        statement = postgresql.insert(table).on_conflict_do_nothing()
    else:
        statement = sqlite.insert(table).on_conflict_do_nothing()
    return statement.execution_options(preserve_rowcount=True)
