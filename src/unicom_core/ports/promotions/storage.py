"""The storage of campaigns and participations (F-PRO-1..3), part of the storage port.

:class:`~unicom_core.ports.storage.UnitOfWork` offers ``tx.campaigns`` (by code) and
``tx.participations`` (by id, :func:`~unicom_core.domain.promotions.participation_id`). The
quota of a campaign is not stored here: it is a counter (``tx.counters``, key
:attr:`Campaign.quota_key <unicom_core.domain.promotions.Campaign.quota_key>`), taken in the
transaction that adds the participation (F-PRO-2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from unicom_core.domain.promotions import Campaign, Participation
from unicom_core.ports.shared import Repository
from unicom_core.ports.shop import ShopUnitOfWork

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

__all__ = [
    "MAX_CAMPAIGNS",
    "CampaignRepository",
    "ParticipationRepository",
    "PromotionRepositories",
    "PromotionUnitOfWork",
]

MAX_CAMPAIGNS = 500
"""The most campaigns :meth:`CampaignRepository.listed` returns."""


class CampaignRepository(Repository[Campaign, str], Protocol):
    """Campaigns by code (F-PRO-1)."""

    def listed(self) -> Sequence[Campaign]:
        """Every campaign (at most :data:`MAX_CAMPAIGNS`), by code."""
        ...


class ParticipationRepository(Repository[Participation, str], Protocol):
    """Participations by id (F-PRO-1)."""

    def of_subscriber(self, subscriber_id: str, /) -> Sequence[Participation]:
        """The subscriber's participations, newest ``joined_at`` first, then by id."""
        ...

    def count_live(self, campaign_code: str, /) -> int:
        """How many participations of ``campaign_code`` are live (paying or active)."""
        ...

    def entitlements_due(self, now: datetime, limit: int, /) -> Sequence[Participation]:
        """At most ``limit`` (1..500) ACTIVE participations with an entitlement due by ``now``.

        Due: pending, its next try at or before ``now``; soonest first, then by id.
        """
        ...


class PromotionRepositories(Protocol):
    """The repositories of campaigns and participations, as a unit of work offers them."""

    @property
    def campaigns(self) -> CampaignRepository:
        """The campaigns."""
        ...

    @property
    def participations(self) -> ParticipationRepository:
        """The participations."""
        ...


class PromotionUnitOfWork(ShopUnitOfWork, PromotionRepositories, Protocol):
    """What one transaction offers the promotions' use cases: every area's repositories."""
