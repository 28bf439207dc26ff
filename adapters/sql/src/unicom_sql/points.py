"""Points accounts in SQL (積分, F-QRY-4).

An account is an aggregate row like every other (id = the subscriber's id, version, the
cattrs body) with one query column: ``next_expiry_us``, when its next lot with points left
expires (UTC microseconds, :func:`unicom_sql.repositories.micros`; NULL when nothing is left),
the worklist of the scheduled expiry job. Concurrent spenders of one account clash on the
version (``storage.version_conflict``), so the later one re-reads: points are spent once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.handling import PointsAccount
from unicom_core.domain.shared import to_shanghai
from unicom_core.ports.handling import PointsAccountRepository
from unicom_core.ports.shared import check_limit
from unicom_sql import schema
from unicom_sql.repositories import _Kind, _Listing, micros

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_sql._session import Session

__all__ = ["SqlPointsAccountRepository", "SqlPointsRepositories"]


def _account_keys(account: PointsAccount) -> dict[str, object]:
    expiry = account.next_expiry
    return {"next_expiry_us": None if expiry is None else micros(expiry)}


ACCOUNTS = _Kind("points_account", schema.points_accounts, PointsAccount, _account_keys)


class SqlPointsAccountRepository(_Listing, PointsAccountRepository):
    """Points accounts in table ``points_accounts`` (F-QRY-4)."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, ACCOUNTS)

    def expiring(self, until: datetime, limit: int, /) -> list[PointsAccount]:
        """Accounts with a lot left expiring at or before ``until``, soonest first."""
        count, at = check_limit(limit), micros(to_shanghai(until, field="until"))
        t = self._table
        query = self._bodies(t.c.next_expiry_us.is_not(None), t.c.next_expiry_us <= at)
        return self._rows(query.order_by(t.c.next_expiry_us, t.c.id).limit(count))


class SqlPointsRepositories:
    """``tx.points_accounts`` of a SQL unit of work (mixed into ``SqlUnitOfWork``)."""

    _session: Session
    _points_accounts: SqlPointsAccountRepository | None

    def _init_points(self, _session: Session) -> None:
        self._points_accounts = None  # built on first use

    @property
    def points_accounts(self) -> SqlPointsAccountRepository:
        """The points accounts (F-QRY-4)."""
        self._session.check_open()
        if self._points_accounts is None:
            self._points_accounts = SqlPointsAccountRepository(self._session)
        return self._points_accounts
