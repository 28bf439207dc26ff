"""The partitions of split bill runs and the account split they come from, in SQL (F-QRY-3).

``bill_run_partitions``: one row per account range of a cycle's run (``2026-11/0003``), the
cycle a real, indexed column. :class:`SqlSplitAccountRepository` is the SQL unit of work's
account repository: :class:`~unicom_sql.repositories.SqlAccountRepository` with the query
behind ``tx.accounts.split_points``, one pass over the accounts' primary key that numbers the
ids in order (``row_number()``, on SQLite and PostgreSQL alike) and keeps those at the cut
positions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Column, Index, String, func, select

from unicom_core.domain.billing import BillRunPartition, split_positions
from unicom_core.domain.subscribers import Account, AccountId
from unicom_core.ports.billing import BillRunPartitionRepository
from unicom_core.ports.shared import check_limit
from unicom_sql import schema
from unicom_sql.repositories import SqlAccountRepository, _Kind, _Listing

if TYPE_CHECKING:
    from unicom_core.domain.shared import BillingCycle
    from unicom_sql._session import Session

__all__ = ["SqlBillRunPartitionRepository", "SqlSplitAccountRepository", "bill_run_partitions"]

bill_run_partitions = schema.aggregate_table(
    "bill_run_partitions",
    Column("cycle", String(7), nullable=False),
    Index("ix_bill_run_partitions_cycle", "cycle", "id"),
)
"""The account ranges of split bill runs, by ``<cycle>/<NNNN>``, findable by cycle."""


def _partition_keys(partition: BillRunPartition) -> dict[str, object]:
    return {"cycle": str(partition.cycle)}


PARTITIONS = _Kind("bill_run_partition", bill_run_partitions, BillRunPartition, _partition_keys)


class SqlBillRunPartitionRepository(_Listing, BillRunPartitionRepository):
    """Partitions in table ``bill_run_partitions``."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, PARTITIONS)

    def of_cycle(self, cycle: BillingCycle, /) -> list[BillRunPartition]:
        """Every partition of the run of ``cycle``, by id."""
        t = self._table
        return self._rows(self._bodies(t.c.cycle == str(cycle)).order_by(t.c.id))


class SqlSplitAccountRepository(SqlAccountRepository):
    """Accounts in table ``accounts``, and where to cut them into ranges (F-QRY-3)."""

    def list_between(
        self, after: AccountId | None, upto: AccountId | None, limit: int, /
    ) -> tuple[Account, ...]:
        """At most ``limit`` accounts with an id in ``(after, upto]``, by id (F-QRY-3)."""
        t = self._table
        query = select(t.c.body, t.c.version)
        if after is not None:
            query = query.where(t.c.id > after)
        if upto is not None:
            query = query.where(t.c.id <= upto)
        rows = self._session.execute(query.order_by(t.c.id).limit(check_limit(limit)))
        return tuple(self._load(row) for row in rows)

    def split_points(self, count: int, /) -> tuple[AccountId, ...]:
        """The last account id of each near-equal range of accounts by id, but the last one."""
        t = self._table
        total = int(self._session.execute(select(func.count()).select_from(t)).scalar_one())
        positions = split_positions(total, count)
        if not positions:
            return ()
        numbered = select(t.c.id, func.row_number().over(order_by=t.c.id).label("n")).subquery()
        query = select(numbered.c.id).where(numbered.c.n.in_(positions)).order_by(numbered.c.id)
        return tuple(AccountId(row.id) for row in self._session.execute(query))
