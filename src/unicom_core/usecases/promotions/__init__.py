"""Promotions' use cases: campaigns and joining, the growth game and its draw (F-PRO-1..5)."""

from __future__ import annotations

from unicom_core.usecases.promotions.draws import DrawDesk, DrawView, PublishedEntry
from unicom_core.usecases.promotions.growth import (
    DEFAULT_GROWTH_RESOURCE,
    GrowthService,
    GrowthSettings,
    RewardState,
    RewardView,
    TreeView,
    default_growth_rules,
)
from unicom_core.usecases.promotions.growth_rewards import (
    COUPON_ALPHABET,
    COUPON_LENGTH,
    RewardGiver,
    masked_number,
)
from unicom_core.usecases.promotions.metrics import (
    BufferedMetrics,
    MetricsSettings,
    MetricsStats,
    TeeMetrics,
    check_count,
)
from unicom_core.usecases.promotions.metrics_report import (
    MAX_REPORT_DAYS,
    MetricsDay,
    MetricsReport,
    MetricsService,
)

__all__: list[str] = []

# ---------------------------------------------------------------- campaigns (F-PRO-1..3)
from unicom_core.usecases.promotions.benefits import (
    apply_benefits,
    end_of_day,
    top_up_price,
    withdraw_benefits,
)
from unicom_core.usecases.promotions.campaigns import CampaignAdmin, CampaignStanding
from unicom_core.usecases.promotions.entitlements import (
    EntitlementJob,
    EntitlementReport,
    issue_key,
)
from unicom_core.usecases.promotions.joining import Joining, JoinResult, Offer
from unicom_core.usecases.promotions.service import PromotionsService
from unicom_core.usecases.promotions.settings import PromotionSettings

__all__ += [
    "CampaignAdmin",
    "CampaignStanding",
    "EntitlementJob",
    "EntitlementReport",
    "JoinResult",
    "Joining",
    "Offer",
    "PromotionSettings",
    "PromotionsService",
    "apply_benefits",
    "end_of_day",
    "fee_hooks",
    "issue_key",
    "top_up_price",
    "withdraw_benefits",
]

# The campaign metrics, F-PRO-5.
__all__ += [
    "MAX_REPORT_DAYS",
    "BufferedMetrics",
    "MetricsDay",
    "MetricsReport",
    "MetricsService",
    "MetricsSettings",
    "MetricsStats",
    "TeeMetrics",
    "check_count",
]

# the growth game and its draw (F-PRO-4)
__all__ += [
    "COUPON_ALPHABET",
    "COUPON_LENGTH",
    "DEFAULT_GROWTH_RESOURCE",
    "DrawDesk",
    "DrawView",
    "GrowthService",
    "GrowthSettings",
    "PublishedEntry",
    "RewardGiver",
    "RewardState",
    "RewardView",
    "TreeView",
    "default_growth_rules",
    "masked_number",
]
