"""The growth game's accounts and draws in memory (F-PRO-4).

:class:`GrowthTables` holds the committed growth accounts and draws inside a
:class:`~unicom_core.memory.storage.MemoryStorage`; :class:`MemoryGrowthRepositories` mixes
``tx.growth_accounts`` and ``tx.draws`` into the memory unit of work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from unicom_core.domain.promotions import Draw, GrowthAccount
from unicom_core.memory._repositories import MemoryRepository, Table
from unicom_core.ports.promotions import DrawRepository, GrowthAccountRepository

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

__all__ = [
    "GrowthTables",
    "MemoryDrawRepository",
    "MemoryGrowthAccountRepository",
    "MemoryGrowthRepositories",
]


class GrowthTables:
    """The committed growth accounts and draws of one memory store (the store's lock)."""

    def __init__(self) -> None:
        self.accounts = Table[GrowthAccount]("growth_account")
        self.draws = Table[Draw]("draw")


class MemoryGrowthAccountRepository(MemoryRepository[GrowthAccount], GrowthAccountRepository):
    """Growth accounts in memory (F-PRO-4)."""


class MemoryDrawRepository(MemoryRepository[Draw], DrawRepository):
    """Prize draws in memory (F-PRO-4)."""


class MemoryGrowthRepositories:
    """``tx.growth_accounts`` and ``tx.draws`` of a memory unit of work (a mixin)."""

    _growth_accounts: MemoryGrowthAccountRepository
    _draws: MemoryDrawRepository

    def _check_open(self) -> None:
        raise NotImplementedError

    def _init_growth(
        self, tables: GrowthTables, lock: threading.Lock, check_open: Callable[[], None]
    ) -> None:
        self._growth_accounts = MemoryGrowthAccountRepository(tables.accounts, lock, check_open)
        self._draws = MemoryDrawRepository(tables.draws, lock, check_open)

    def _growth_repositories(self) -> tuple[MemoryRepository[Any], ...]:
        return (self._growth_accounts, self._draws)

    @property
    def growth_accounts(self) -> MemoryGrowthAccountRepository:
        """The growth accounts (F-PRO-4)."""
        self._check_open()
        return self._growth_accounts

    @property
    def draws(self) -> MemoryDrawRepository:
        """The prize draws (F-PRO-4)."""
        self._check_open()
        return self._draws
