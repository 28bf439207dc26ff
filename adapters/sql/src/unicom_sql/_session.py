"""One transaction's connection, shared by the repositories of a unit of work.

Why a wrapper: every statement goes through :meth:`Session.execute`, which refuses use after
the ``with`` block ended (``storage.transaction_closed``) and translates driver errors at the
point they happen, so a use case that catches ``Conflict`` inside its transaction sees the
error tree, never a raw ``IntegrityError``.

It also owns the database transaction, so it can recover from a connection that died in the
pool (a PostgreSQL restart; the engine does not ping connections before use): when the
**first** statement of a unit of work fails because the connection was lost, nothing of the
unit of work can have reached the database, so the session reconnects and runs the
statement again, once. A later loss is reported (``storage.unavailable``): the work done so
far is gone with the connection and the caller decides.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

from sqlalchemy import exc
from sqlalchemy.dialects import postgresql, sqlite

from unicom_core.domain.shared import STORAGE_READ_ONLY, STORAGE_TRANSACTION_CLOSED
from unicom_sql.engines import READ_ONLY_OPTIONS
from unicom_sql.errors import translated

if TYPE_CHECKING:
    from sqlalchemy import Connection, CursorResult, Executable, Table
    from sqlalchemy.sql.dml import Insert

__all__ = ["Session"]


class Session:
    """The connection of one open transaction and where it points (for messages)."""

    def __init__(self, connection: Connection, where: str, *, readonly: bool = False) -> None:
        self._connection = connection
        self.where = where
        self.readonly = readonly
        self._open = True
        self._fresh = True  # no statement has run in this transaction yet
        self._transaction = connection.begin()

    def end(self, *, commit: bool) -> None:
        """Commit or roll back the transaction (the storage calls it when the block ends)."""
        if commit:
            self._transaction.commit()
        else:
            self._transaction.rollback()

    def close(self) -> None:
        """Mark the transaction finished: later calls raise ``storage.transaction_closed``."""
        self._open = False

    def check_open(self) -> None:
        """Raise ``storage.transaction_closed`` once the ``with`` block has ended."""
        if not self._open:
            raise STORAGE_TRANSACTION_CLOSED.error(
                "this unit of work's transaction has ended; open a new one"
            )

    def execute(
        self,
        statement: Executable,
        parameters: dict[str, Any] | list[dict[str, Any]] | None = None,
    ) -> CursorResult[Any]:
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
                result = self._reconnected(statement, parameters)
            self._fresh = False
            return result

    def _reconnected(
        self,
        statement: Executable,
        parameters: dict[str, Any] | list[dict[str, Any]] | None,
    ) -> CursorResult[Any]:
        """Run the first statement again on a new connection (the pooled one was dead)."""
        self._transaction.rollback()
        if self.readonly:  # the dead connection's READ ONLY went with it
            self._connection.execution_options(**READ_ONLY_OPTIONS)
        self._transaction = self._connection.begin()
        return self._connection.execute(statement, parameters)

    def insert_if_absent(self, table: Table) -> Insert:
        """``INSERT ... ON CONFLICT DO NOTHING`` for this dialect; its rowcount says if it inserted.

        Built once per table and dialect; pass the row as the parameters of :meth:`execute`
        (or call ``.values``).
        """
        return _insert_if_absent(table, self._connection.dialect.name)


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
