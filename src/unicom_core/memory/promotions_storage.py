"""Campaigns and participations in memory (F-PRO-1..3).

:class:`PromotionTables` holds the committed rows inside a
:class:`~unicom_core.memory.storage.MemoryStorage`; :class:`MemoryPromotionRepositories`
mixes ``tx.campaigns`` and ``tx.participations`` into the memory unit of work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.promotions import Campaign, Participation
from unicom_core.domain.shared import to_shanghai
from unicom_core.memory._repositories import MemoryRepository, Table
from unicom_core.ports.promotions import (
    MAX_CAMPAIGNS,
    CampaignRepository,
    ParticipationRepository,
)
from unicom_core.ports.shared import check_limit

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable
    from datetime import datetime

__all__ = [
    "MemoryCampaignRepository",
    "MemoryParticipationRepository",
    "MemoryPromotionRepositories",
    "PromotionTables",
]


class PromotionTables:
    """The committed campaigns and participations of one memory store."""

    def __init__(self) -> None:
        self.campaigns = Table[Campaign]("campaign")
        self.participations = Table[Participation]("participation")


class MemoryCampaignRepository(MemoryRepository[Campaign], CampaignRepository):
    """Campaigns in memory (F-PRO-1)."""

    def listed(self) -> list[Campaign]:
        """Every campaign (at most 500), by code."""
        return sorted(self._merged(lambda _c: True), key=lambda c: c.code)[:MAX_CAMPAIGNS]


class MemoryParticipationRepository(MemoryRepository[Participation], ParticipationRepository):
    """Participations in memory (F-PRO-1)."""

    def of_subscriber(self, subscriber_id: str, /) -> list[Participation]:
        """The subscriber's participations, newest first, then by id."""
        found = sorted(self._merged(lambda p: p.subscriber_id == subscriber_id), key=lambda p: p.id)
        return sorted(found, key=lambda p: p.joined_at, reverse=True)

    def count_live(self, campaign_code: str, /) -> int:
        """How many participations of ``campaign_code`` are live."""
        return len(self._merged(lambda p: p.campaign_code == campaign_code and p.state.live))

    def entitlements_due(self, now: datetime, limit: int, /) -> list[Participation]:
        """ACTIVE participations with an entitlement due by ``now``, soonest first."""
        count, at = check_limit(limit), to_shanghai(now, field="now")

        def due(p: Participation) -> bool:
            return p.next_entitlement_at is not None and p.next_entitlement_at <= at

        found = self._merged(due)
        return sorted(found, key=lambda p: (p.next_entitlement_at, p.id))[:count]


class MemoryPromotionRepositories:
    """``tx.campaigns`` and ``tx.participations`` of a memory unit of work."""

    _campaigns: MemoryCampaignRepository
    _participations: MemoryParticipationRepository

    def _check_open(self) -> None:
        raise NotImplementedError

    def _init_promotions(
        self, tables: PromotionTables, lock: threading.Lock, check_open: Callable[[], None]
    ) -> None:
        self._campaigns = MemoryCampaignRepository(tables.campaigns, lock, check_open)
        self._participations = MemoryParticipationRepository(
            tables.participations, lock, check_open
        )

    @property
    def campaigns(self) -> MemoryCampaignRepository:
        """The campaigns (F-PRO-1)."""
        self._check_open()
        return self._campaigns

    @property
    def participations(self) -> MemoryParticipationRepository:
        """The participations (F-PRO-1)."""
        self._check_open()
        return self._participations
