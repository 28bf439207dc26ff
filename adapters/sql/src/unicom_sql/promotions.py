"""Campaigns and participations in SQL (F-PRO-1..3).

Two aggregate tables, defined here on :data:`unicom_sql.schema.metadata` (migration
``0015``): ``campaigns`` (id: the code) and ``participations``, whose query columns are the
campaign, the subscriber, the state, when it joined and when its next pending entitlement is
due (UTC microseconds, :func:`unicom_sql.repositories.micros`; NULL when none is pending).
A campaign's quota is a counter of the ``counters`` table, not a column here (F-PRO-2).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, Column, Index, String, func, select

from unicom_core.domain.promotions import Campaign, Participation, ParticipationState
from unicom_core.domain.shared import to_shanghai
from unicom_core.ports.promotions import (
    MAX_CAMPAIGNS,
    CampaignRepository,
    ParticipationRepository,
)
from unicom_core.ports.shared import check_limit
from unicom_sql.repositories import _Kind, _Listing, micros
from unicom_sql.schema import Id, aggregate_table

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_sql._session import Session

__all__ = [
    "SqlCampaignRepository",
    "SqlParticipationRepository",
    "SqlPromotionRepositories",
    "campaigns",
    "participations",
]

campaigns = aggregate_table(
    "campaigns",
    Column("state", String(16), nullable=False),
)
"""Campaigns by code (F-PRO-1)."""

participations = aggregate_table(
    "participations",
    Column("campaign_code", String(64), nullable=False),
    Column("subscriber_id", Id, nullable=False),
    Column("state", String(16), nullable=False),
    Column("joined_at_us", BigInteger, nullable=False),
    Column("entitlement_due_us", BigInteger, nullable=True),
    Index("ix_participations_subscriber_id", "subscriber_id", "joined_at_us"),
    Index("ix_participations_campaign_code", "campaign_code", "state"),
    Index("ix_participations_entitlement_due_us", "entitlement_due_us", "id"),
)
"""Participations: by subscriber, live ones by campaign, the entitlement worklist (F-PRO-1)."""

_LIVE = [s.value for s in ParticipationState if s.live]


def _campaign_keys(campaign: Campaign) -> dict[str, object]:
    return {"state": campaign.state.value}


def _participation_keys(item: Participation) -> dict[str, object]:
    due = item.next_entitlement_at
    return {
        "campaign_code": item.campaign_code,
        "subscriber_id": item.subscriber_id,
        "state": item.state.value,
        "joined_at_us": micros(item.joined_at),
        "entitlement_due_us": None if due is None else micros(due),
    }


CAMPAIGNS = _Kind("campaign", campaigns, Campaign, _campaign_keys)
PARTICIPATIONS = _Kind("participation", participations, Participation, _participation_keys)


class SqlCampaignRepository(_Listing, CampaignRepository):
    """Campaigns in table ``campaigns`` (F-PRO-1)."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, CAMPAIGNS)

    def listed(self) -> list[Campaign]:
        """Every campaign (at most 500), by code."""
        return self._rows(self._bodies().order_by(self._table.c.id).limit(MAX_CAMPAIGNS))


class SqlParticipationRepository(_Listing, ParticipationRepository):
    """Participations in table ``participations`` (F-PRO-1)."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, PARTICIPATIONS)

    def of_subscriber(self, subscriber_id: str, /) -> list[Participation]:
        """The subscriber's participations, newest first, then by id."""
        t = self._table
        query = self._bodies(t.c.subscriber_id == subscriber_id)
        return self._rows(query.order_by(t.c.joined_at_us.desc(), t.c.id))

    def count_live(self, campaign_code: str, /) -> int:
        """How many participations of ``campaign_code`` are live."""
        t = self._table
        query = select(func.count()).where(t.c.campaign_code == campaign_code, t.c.state.in_(_LIVE))
        return int(self._session.execute(query).scalar_one())

    def entitlements_due(self, now: datetime, limit: int, /) -> list[Participation]:
        """ACTIVE participations with an entitlement due by ``now``, soonest first."""
        count, at = check_limit(limit), micros(to_shanghai(now, field="now"))
        t = self._table
        query = self._bodies(t.c.entitlement_due_us.is_not(None), t.c.entitlement_due_us <= at)
        return self._rows(query.order_by(t.c.entitlement_due_us, t.c.id).limit(count))


class SqlPromotionRepositories:
    """``tx.campaigns`` and ``tx.participations`` of a SQL unit of work."""

    _session: Session
    _campaigns: SqlCampaignRepository | None
    _participations: SqlParticipationRepository | None

    def _init_promotions(self, _session: Session) -> None:
        self._campaigns = None  # built on first use
        self._participations = None

    @property
    def campaigns(self) -> SqlCampaignRepository:
        """The campaigns (F-PRO-1)."""
        self._session.check_open()
        if self._campaigns is None:
            self._campaigns = SqlCampaignRepository(self._session)
        return self._campaigns

    @property
    def participations(self) -> SqlParticipationRepository:
        """The participations (F-PRO-1)."""
        self._session.check_open()
        if self._participations is None:
            self._participations = SqlParticipationRepository(self._session)
        return self._participations
