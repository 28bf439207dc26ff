"""One transaction's connection, shared by the repositories of a unit of work.

Why a wrapper: every statement goes through :meth:`Session.execute`, which refuses use after
the ``with`` block ended (``storage.transaction_closed``) and translates driver errors at the
point they happen, so a use case that catches ``Conflict`` inside its transaction sees the
error tree, never a raw ``IntegrityError``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.dialects import postgresql, sqlite

from unicom_core.domain.shared import STORAGE_TRANSACTION_CLOSED
from unicom_sql.errors import translated

if TYPE_CHECKING:
    from sqlalchemy import Connection, CursorResult, Executable, Table
    from sqlalchemy.sql.dml import Insert

__all__ = ["Session"]


class Session:
    """The connection of one open transaction and where it points (for messages)."""

    def __init__(self, connection: Connection, where: str) -> None:
        self._connection = connection
        self.where = where
        self._open = True

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

        A list of parameter sets runs the statement once per set (``executemany``).
        """
        self.check_open()
        with translated(self.where):
            return self._connection.execute(statement, parameters)

    def insert_if_absent(self, table: Table) -> Insert:
        """``INSERT ... ON CONFLICT DO NOTHING`` for this dialect; its rowcount says if it inserted.

        SQLAlchemy keeps ``rowcount`` for UPDATE and DELETE only unless told to
        (``preserve_rowcount``); psycopg would otherwise report -1 here.
        """
        statement: Insert
        if self._connection.dialect.name == "postgresql":
            statement = postgresql.insert(table).on_conflict_do_nothing()
        else:
            statement = sqlite.insert(table).on_conflict_do_nothing()
        return statement.execution_options(preserve_rowcount=True)
