"""Points accounts in memory (積分, F-QRY-4).

:class:`PointsTables` holds the committed accounts inside a
:class:`~unicom_core.memory.storage.MemoryStorage`; :class:`MemoryPointsRepositories` mixes
``tx.points_accounts`` into the memory unit of work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.handling import PointsAccount
from unicom_core.domain.shared import to_shanghai
from unicom_core.memory._repositories import MemoryRepository, Table
from unicom_core.ports.handling import PointsAccountRepository
from unicom_core.ports.shared import check_limit

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable
    from datetime import datetime

__all__ = ["MemoryPointsAccountRepository", "MemoryPointsRepositories", "PointsTables"]


class PointsTables:
    """The committed points accounts of one memory store (guarded by the store's lock)."""

    def __init__(self) -> None:
        self.accounts = Table[PointsAccount]("points_account")


class MemoryPointsAccountRepository(MemoryRepository[PointsAccount], PointsAccountRepository):
    """Points accounts in memory (F-QRY-4)."""

    def expiring(self, until: datetime, limit: int, /) -> list[PointsAccount]:
        """Accounts with a lot left expiring at or before ``until``, soonest first."""
        count, at = check_limit(limit), to_shanghai(until, field="until")
        found = self._merged(lambda a: a.next_expiry is not None and a.next_expiry <= at)
        return sorted(found, key=lambda a: (a.next_expiry, a.id))[:count]


class MemoryPointsRepositories:
    """``tx.points_accounts`` of a memory unit of work (mixed into ``MemoryUnitOfWork``)."""

    _points: MemoryPointsAccountRepository

    def _check_open(self) -> None:
        raise NotImplementedError

    def _init_points(
        self, tables: PointsTables, lock: threading.Lock, check_open: Callable[[], None]
    ) -> None:
        self._points = MemoryPointsAccountRepository(tables.accounts, lock, check_open)

    @property
    def points_accounts(self) -> MemoryPointsAccountRepository:
        """The points accounts (F-QRY-4)."""
        self._check_open()
        return self._points
