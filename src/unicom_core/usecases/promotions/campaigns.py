"""The operator's side of campaigns: define, publish, end, read (F-PRO-1).

These methods take no subscriber token: they are plain trusted methods, and the operator's
authorization comes from whoever calls them (the web adapter checks an operator token with
scope ``promotions.manage``, the command line runs on the carrier's host). Each change
names its ``actor`` (an operator client id or ``cli:<name>``) and writes an audit entry in
its own transaction (F-AUTH-6): a refused change records nothing. A campaign is checked
against the installed catalogue when defined (its plan and pack codes must exist), so a
join never meets an unknown product.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import attrs

from unicom_core.domain.catalog import CATALOG_NOT_INSTALLED, DEFAULT_CATALOG_ID
from unicom_core.domain.promotions import (
    PROMOTION_CAMPAIGN_EXISTS,
    PROMOTION_UNKNOWN_CAMPAIGN,
    Campaign,
)
from unicom_core.usecases.access import audit_by, audited
from unicom_core.usecases.catalog import catalog_cache
from unicom_core.usecases.shared import publish, run

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from unicom_core.domain.catalog import Catalog
    from unicom_core.ports.promotions import PromotionUnitOfWork
    from unicom_core.ports.shared import Clock
    from unicom_core.ports.storage import Storage
    from unicom_core.usecases.promotions.settings import PromotionSettings

__all__ = ["CampaignAdmin", "CampaignStanding", "installed_catalog", "require_campaign"]

_T = TypeVar("_T")


def installed_catalog(storage: object, tx: PromotionUnitOfWork) -> Catalog:
    """The installed catalogue as ``tx`` sees it (``catalog.not_installed`` if none)."""
    catalog = catalog_cache(storage).find(tx, DEFAULT_CATALOG_ID)
    if catalog is None:
        raise CATALOG_NOT_INSTALLED.error("no catalogue is installed (bootstrap does)")
    return catalog


def require_campaign(tx: PromotionUnitOfWork, code: str) -> Campaign:
    """The campaign ``code`` (``promotion.unknown_campaign`` if none)."""
    found = tx.campaigns.find(code) if isinstance(code, str) else None
    if found is None:
        raise PROMOTION_UNKNOWN_CAMPAIGN.error(code=str(code))
    return found


@attrs.frozen(slots=True)
class CampaignStanding:
    """A campaign with its live participations and the units left of its quota (None: none)."""

    campaign: Campaign
    participations: int
    quota_left: int | None


class CampaignAdmin:
    """define / publish / end / campaign / campaigns (module docstring)."""

    def __init__(self, storage: Storage, clock: Clock, settings: PromotionSettings) -> None:
        self._storage, self._clock, self._settings = storage, clock, settings

    def _run(
        self, work: Callable[[PromotionUnitOfWork, datetime], _T], *, readonly: bool = False
    ) -> _T:
        return run(self._storage, self._clock, work, self._settings.retry_rule, readonly=readonly)

    def define(self, campaign: Campaign, *, actor: str) -> Campaign:
        """Store a new campaign as a DRAFT; audited as ``campaign.defined`` by ``actor``.

        Raises:
            InvalidInput: ``operator.actor``; ``promotion.campaign`` for a campaign not
                DRAFT or not new.
            NotFound: ``catalog.unknown_product`` for a plan or pack the catalogue lacks.
            Conflict: ``promotion.campaign_exists``.
        """
        audited(actor)
        if not isinstance(campaign, Campaign):
            raise PROMOTION_UNKNOWN_CAMPAIGN.error("define takes a Campaign", code=str(campaign))

        def work(tx: PromotionUnitOfWork, now: datetime) -> Campaign:
            catalog = installed_catalog(self._storage, tx)
            for plan in campaign.benefits.plan_discounts:
                for code in plan.plans:
                    catalog.plan(code)
            for trial in campaign.benefits.pack_trials:
                catalog.pack(trial.pack_code)
            if tx.campaigns.find(campaign.code) is not None:
                raise PROMOTION_CAMPAIGN_EXISTS.error(code=campaign.code)
            fresh = Campaign(
                code=campaign.code,
                name=campaign.name,
                starts=campaign.starts,
                ends=campaign.ends,
                channels=campaign.channels,
                benefits=campaign.benefits,
                eligibility=campaign.eligibility,
                quota=campaign.quota,
                joining_fee=campaign.joining_fee,
            )
            tx.campaigns.add(fresh)
            audit_by(tx, actor, "campaign.defined", now, parameters={"code": fresh.code})
            return fresh

        return self._run(work)

    def publish(self, code: str, *, actor: str) -> Campaign:
        """DRAFT -> PUBLISHED, audited as ``campaign.published``.

        Raises ``operator.actor``, ``promotion.transition``, ``promotion.unknown_campaign``.
        """
        return self._change(code, "publish", actor)

    def end(self, code: str, *, actor: str) -> Campaign:
        """-> ENDED: no longer offered nor joined; participations keep their benefits.

        Audited as ``campaign.ended`` (``operator.actor``, ``promotion.transition``).
        """
        return self._change(code, "end", actor)

    def _change(self, code: str, action: str, actor: str) -> Campaign:
        audited(actor)

        def work(tx: PromotionUnitOfWork, now: datetime) -> Campaign:
            campaign = require_campaign(tx, code)
            events = campaign.publish(at=now) if action == "publish" else campaign.end(at=now)
            tx.campaigns.save(campaign)
            publish(tx, events)
            done = "campaign.published" if action == "publish" else "campaign.ended"
            audit_by(tx, actor, done, now, parameters={"code": campaign.code})
            return campaign

        return self._run(work)

    def campaign(self, code: str) -> Campaign:
        """The campaign ``code`` (``promotion.unknown_campaign``)."""
        return self._run(lambda tx, _now: require_campaign(tx, code), readonly=True)

    def standing(self, code: str) -> CampaignStanding:
        """The campaign ``code``, its live participations and quota left (F-PRO-2)."""

        def work(tx: PromotionUnitOfWork, _now: datetime) -> CampaignStanding:
            campaign = require_campaign(tx, code)
            left = None
            if campaign.quota is not None:
                left = max(campaign.quota - tx.counters.taken(campaign.quota_key), 0)
            return CampaignStanding(campaign, tx.participations.count_live(campaign.code), left)

        return self._run(work, readonly=True)

    def campaigns(self) -> tuple[Campaign, ...]:
        """Every campaign, by code."""
        return self._run(lambda tx, _now: tuple(tx.campaigns.listed()), readonly=True)
