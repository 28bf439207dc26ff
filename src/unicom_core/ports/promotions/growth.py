"""The storage of the growth game 沃之樹 and its draw (F-PRO-4): accounts and draws by id.

Part of the storage port (:class:`~unicom_core.ports.storage.UnitOfWork` offers
``tx.growth_accounts`` and ``tx.draws``). A growth account's id is its subscriber's id, a
draw's id its code. Both are versioned like every aggregate: two claims racing on one
account, or two entries racing into one draw, clash (``storage.version_conflict``) and the
later one re-runs on what the first committed, so a reward is claimed once and no entry is
lost.
"""

from __future__ import annotations

from typing import Protocol

from unicom_core.domain.promotions import Draw, GrowthAccount
from unicom_core.ports.shared import Repository
from unicom_core.ports.shop import ShopUnitOfWork

__all__ = [
    "DrawRepository",
    "GrowthAccountRepository",
    "GrowthRepositories",
    "GrowthUnitOfWork",
]


class GrowthAccountRepository(Repository[GrowthAccount, str], Protocol):
    """Growth accounts by subscriber id (F-PRO-4)."""


class DrawRepository(Repository[Draw, str], Protocol):
    """Prize draws by code (F-PRO-4)."""


class GrowthRepositories(Protocol):
    """The growth game's repositories, as a unit of work offers them."""

    @property
    def growth_accounts(self) -> GrowthAccountRepository:
        """The growth accounts."""
        ...

    @property
    def draws(self) -> DrawRepository:
        """The prize draws."""
        ...


class GrowthUnitOfWork(ShopUnitOfWork, GrowthRepositories, Protocol):
    """What one transaction offers the growth game: every area's repositories and its own."""
