"""Promotions: campaigns as data, quotas, benefits, the growth game 沃之樹 and its draw (F-PRO).

Campaigns, eligibility and participations (F-PRO-1..3), the growth game and its draw
(F-PRO-4); the error codes of the area, the campaign metrics' (F-PRO-5) among them, are
declared once in :mod:`unicom_core.domain.promotions.codes`.
"""

from __future__ import (
    annotations,
)

from unicom_core.domain.promotions import codes
from unicom_core.domain.promotions.campaigns import (
    Benefits,
    Campaign,
    CampaignEnded,
    CampaignPublished,
    CampaignState,
    Eligibility,
    Entitlement,
    PackTrial,
    PlanDiscount,
    TopUpDiscount,
)
from unicom_core.domain.promotions.campaigns_toml import (
    campaigns_from_toml,
)
from unicom_core.domain.promotions.codes import *  # noqa: F403 - the area's error codes, declared once there
from unicom_core.domain.promotions.draw import (
    MAX_ENTRIES,
    MAX_WINNERS,
    Draw,
    DrawClosed,
    DrawCommitted,
    DrawEntry,
    DrawRevealed,
    DrawState,
    check_seed,
    commitment_of,
    draw_winners,
)
from unicom_core.domain.promotions.eligibility import (
    RULES,
    Applicant,
    Verdict,
    require_eligible,
    verdicts,
)
from unicom_core.domain.promotions.growth import (
    Claim,
    Earning,
    EarningSource,
    GrowthAccount,
    GrowthEarned,
    RewardClaimed,
    check_request_id,
)
from unicom_core.domain.promotions.growth_rules import (
    MAX_CYCLES,
    GrowthRules,
    Reward,
    RewardKind,
    Stage,
    growth_rules_from_toml,
)
from unicom_core.domain.promotions.participations import (
    EntitlementIssue,
    EntitlementIssued,
    Grant,
    GrantKind,
    Joined,
    JoinFailed,
    Participation,
    ParticipationCancelled,
    ParticipationState,
    participation_id,
)

__all__ = [
    "MAX_CYCLES",
    "MAX_ENTRIES",
    "MAX_WINNERS",
    "RULES",
    "Applicant",
    "Benefits",
    "Campaign",
    "CampaignEnded",
    "CampaignPublished",
    "CampaignState",
    "Claim",
    "Draw",
    "DrawClosed",
    "DrawCommitted",
    "DrawEntry",
    "DrawRevealed",
    "DrawState",
    "Earning",
    "EarningSource",
    "Eligibility",
    "Entitlement",
    "EntitlementIssue",
    "EntitlementIssued",
    "Grant",
    "GrantKind",
    "GrowthAccount",
    "GrowthEarned",
    "GrowthRules",
    "JoinFailed",
    "Joined",
    "PackTrial",
    "Participation",
    "ParticipationCancelled",
    "ParticipationState",
    "PlanDiscount",
    "Reward",
    "RewardClaimed",
    "RewardKind",
    "Stage",
    "TopUpDiscount",
    "Verdict",
    "annotations",
    "campaigns_from_toml",
    "check_request_id",
    "check_seed",
    "commitment_of",
    "draw_winners",
    "growth_rules_from_toml",
    "participation_id",
    "require_eligible",
    "verdicts",
]
__all__ += codes.__all__
