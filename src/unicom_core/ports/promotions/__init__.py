"""What promotions need from outside: their storage and the issuer of entitlements (F-PRO-1..5)."""

from __future__ import annotations

from unicom_core.ports.promotions.growth import (
    DrawRepository,
    GrowthAccountRepository,
    GrowthRepositories,
    GrowthUnitOfWork,
)
from unicom_core.ports.promotions.issuer import EntitlementIssuer
from unicom_core.ports.promotions.metrics import (
    CAMPAIGN_CODE,
    CampaignMetric,
    MetricIncrement,
    Metrics,
    MetricsExposition,
    MetricsSink,
    MetricsStore,
    MetricTotal,
    check_campaign,
)
from unicom_core.ports.promotions.storage import (
    MAX_CAMPAIGNS,
    CampaignRepository,
    ParticipationRepository,
    PromotionRepositories,
    PromotionUnitOfWork,
)

__all__ = [
    "CAMPAIGN_CODE",
    "MAX_CAMPAIGNS",
    "CampaignMetric",
    "CampaignRepository",
    "DrawRepository",
    "EntitlementIssuer",
    "GrowthAccountRepository",
    "GrowthRepositories",
    "GrowthUnitOfWork",
    "MetricIncrement",
    "MetricTotal",
    "Metrics",
    "MetricsExposition",
    "MetricsSink",
    "MetricsStore",
    "ParticipationRepository",
    "PromotionRepositories",
    "PromotionUnitOfWork",
    "check_campaign",
]
