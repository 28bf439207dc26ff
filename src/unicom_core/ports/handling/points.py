"""The points storage (積分, F-QRY-4): one points account per subscriber.

Part of the storage port (:class:`~unicom_core.ports.storage.UnitOfWork` offers
``tx.points_accounts``). An account's id is its subscriber's id; it is versioned like every
aggregate, so two transactions spending the same points clash (``storage.version_conflict``)
and the later one re-runs against what the first committed: points are never spent twice.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from unicom_core.domain.handling import PointsAccount
from unicom_core.ports.shared import Repository

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

__all__ = ["PointsAccountRepository", "PointsRepositories"]


class PointsAccountRepository(Repository[PointsAccount, str], Protocol):
    """Points accounts by subscriber id (F-QRY-4)."""

    def expiring(self, until: datetime, limit: int, /) -> Sequence[PointsAccount]:
        """At most ``limit`` (1..500) accounts with a lot left that expires at or before ``until``.

        Ordered by that lot's expiry (:attr:`PointsAccount.next_expiry`), then id: the
        worklist of the scheduled expiry job.
        """
        ...


class PointsRepositories(Protocol):
    """The points storage, as a unit of work offers it."""

    @property
    def points_accounts(self) -> PointsAccountRepository:
        """The points accounts."""
        ...
