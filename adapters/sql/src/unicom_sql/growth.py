"""The growth game's accounts and draws in SQL (沃之樹, F-PRO-4).

Both are aggregate rows like every other (id, version, the cattrs body) read by id only, so
they have no query columns: a growth account by its subscriber's id (``growth_accounts``),
a draw by its code (``draws``). Their tables are declared here on the one
:data:`unicom_sql.schema.metadata` (migration ``0016``). Two claims racing on one account,
or two entries racing into one draw, clash on the version (``storage.version_conflict``):
the use case re-runs the later one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.promotions import Draw, GrowthAccount
from unicom_core.ports.promotions import DrawRepository, GrowthAccountRepository
from unicom_sql.repositories import _Kind, _Repository
from unicom_sql.schema import aggregate_table

if TYPE_CHECKING:
    from unicom_sql._session import Session

__all__ = [
    "SqlDrawRepository",
    "SqlGrowthAccountRepository",
    "SqlGrowthRepositories",
    "draws",
    "growth_accounts",
]

growth_accounts = aggregate_table("growth_accounts")
"""Growth accounts by subscriber id (F-PRO-4)."""

draws = aggregate_table("draws")
"""Prize draws by code (F-PRO-4)."""


def _no_keys(_aggregate: object) -> dict[str, object]:
    return {}


ACCOUNTS = _Kind("growth_account", growth_accounts, GrowthAccount, _no_keys)
DRAWS = _Kind("draw", draws, Draw, _no_keys)


class SqlGrowthAccountRepository(_Repository[GrowthAccount], GrowthAccountRepository):
    """Growth accounts in table ``growth_accounts`` (F-PRO-4)."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, ACCOUNTS)


class SqlDrawRepository(_Repository[Draw], DrawRepository):
    """Prize draws in table ``draws`` (F-PRO-4)."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, DRAWS)


class SqlGrowthRepositories:
    """``tx.growth_accounts`` and ``tx.draws`` of a SQL unit of work (a mixin)."""

    _session: Session
    _growth_accounts: SqlGrowthAccountRepository | None
    _draws: SqlDrawRepository | None

    def _init_growth(self, _session: Session) -> None:
        self._growth_accounts = self._draws = None  # built on first use

    @property
    def growth_accounts(self) -> SqlGrowthAccountRepository:
        """The growth accounts (F-PRO-4)."""
        self._session.check_open()
        if self._growth_accounts is None:
            self._growth_accounts = SqlGrowthAccountRepository(self._session)
        return self._growth_accounts

    @property
    def draws(self) -> SqlDrawRepository:
        """The prize draws (F-PRO-4)."""
        self._session.check_open()
        if self._draws is None:
            self._draws = SqlDrawRepository(self._session)
        return self._draws
