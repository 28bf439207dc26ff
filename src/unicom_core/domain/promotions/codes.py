"""The error codes of the promotions area: campaigns, joining, the growth game, the draw.

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`). F-PRO-1..5.
"""

from __future__ import annotations

from unicom_core.errors import AdapterError, Conflict, ErrorCode, InvalidInput, NotFound, Refused

__all__: list[str] = []

# ---------------------------------------------------------------- campaigns (F-PRO-1..3)

PROMOTION_CAMPAIGN = ErrorCode(
    "promotion.campaign", InvalidInput, "{field} of the campaign is invalid", fields=("field",)
)
PROMOTION_TOML = ErrorCode(
    "promotion.toml",
    InvalidInput,
    "the campaign file is invalid at {field}",
    fields=("field",),
)
PROMOTION_PARTICIPATION = ErrorCode(
    "promotion.participation",
    InvalidInput,
    "{field} of the participation is invalid",
    fields=("field",),
)
PROMOTION_SETTINGS = ErrorCode(
    "promotion.settings",
    InvalidInput,
    "{field} of the promotion settings is invalid",
    fields=("field",),
)
PROMOTION_REQUEST_ID = ErrorCode(
    "promotion.request_id",
    InvalidInput,
    "a request id is 1 to 64 letters, digits, '_', '.', ':' or '-'",
)
PROMOTION_UNKNOWN_CAMPAIGN = ErrorCode(
    "promotion.unknown_campaign", NotFound, "there is no campaign {code}", fields=("code",)
)
PROMOTION_CAMPAIGN_EXISTS = ErrorCode(
    "promotion.campaign_exists", Conflict, "the campaign {code} exists already", fields=("code",)
)
PROMOTION_TRANSITION = ErrorCode(
    "promotion.transition",
    Conflict,
    "the campaign {code} is {state}: it cannot {action}",
    fields=("code", "state", "action"),
)
PROMOTION_NOT_ELIGIBLE = ErrorCode(
    "promotion.not_eligible",
    Refused,
    "this number may not join the campaign: rule {rule}",
    fields=("rule",),
    optional=("detail",),
)
PROMOTION_SOLD_OUT = ErrorCode(
    "promotion.sold_out", Refused, "the quota of the campaign {code} is used up", fields=("code",)
)
PROMOTION_ALREADY_JOINED = ErrorCode(
    "promotion.already_joined",
    Conflict,
    "this number has joined the campaign {code} already",
    fields=("code",),
)
PROMOTION_NOT_JOINED = ErrorCode(
    "promotion.not_joined",
    NotFound,
    "this number has not joined the campaign {code}",
    fields=("code",),
)
PROMOTION_NOT_CANCELLABLE = ErrorCode(
    "promotion.not_cancellable",
    Refused,
    "the participation can no longer be cancelled: {reason}",
    fields=("reason",),
)
PROMOTION_ISSUER_UNAVAILABLE = ErrorCode(
    "promotion.issuer_unavailable",
    AdapterError,
    "the entitlement issuer did not issue {entitlement}; it is retried",
    fields=("entitlement",),
)

__all__ += [
    "PROMOTION_ALREADY_JOINED",
    "PROMOTION_CAMPAIGN",
    "PROMOTION_CAMPAIGN_EXISTS",
    "PROMOTION_ISSUER_UNAVAILABLE",
    "PROMOTION_NOT_CANCELLABLE",
    "PROMOTION_NOT_ELIGIBLE",
    "PROMOTION_NOT_JOINED",
    "PROMOTION_PARTICIPATION",
    "PROMOTION_REQUEST_ID",
    "PROMOTION_SETTINGS",
    "PROMOTION_SOLD_OUT",
    "PROMOTION_TOML",
    "PROMOTION_TRANSITION",
    "PROMOTION_UNKNOWN_CAMPAIGN",
]

# ---------------------------------------------------------------- the growth game (F-PRO-4)

GROWTH_RULES = ErrorCode(
    "growth.rules", InvalidInput, "{field} of the growth game's rules is invalid", fields=("field",)
)
GROWTH_ACCOUNT = ErrorCode(
    "growth.account", InvalidInput, "{field} of the growth account is invalid", fields=("field",)
)
GROWTH_NOT_RUNNING = ErrorCode(
    "growth.not_running", Refused, "the growth game {game} is not running now", fields=("game",)
)
GROWTH_UNKNOWN_REWARD = ErrorCode(
    "growth.unknown_reward",
    NotFound,
    "the growth game has no reward {reward_code}",
    fields=("reward_code",),
)
GROWTH_STAGE_NOT_REACHED = ErrorCode(
    "growth.stage_not_reached",
    Refused,
    "the reward {reward_code} needs {threshold} growth points; {points} earned so far",
    fields=("reward_code", "threshold", "points"),
)
GROWTH_ALREADY_CLAIMED = ErrorCode(
    "growth.already_claimed",
    Refused,
    "the reward {reward_code} was claimed already",
    fields=("reward_code",),
)
GROWTH_REQUEST_ID = ErrorCode(
    "growth.request_id",
    InvalidInput,
    "a request id is 1 to 64 letters, digits, '_', '.', ':' or '-'",
)
GROWTH_REQUEST_REUSED = ErrorCode(
    "growth.request_reused",
    Conflict,
    "the request id {request_id} claimed another reward",
    fields=("request_id",),
)
DRAW_DATA = ErrorCode(
    "draw.data", InvalidInput, "{field} of the draw is invalid", fields=("field",)
)
DRAW_UNKNOWN = ErrorCode("draw.unknown", NotFound, "there is no draw {code}", fields=("code",))
DRAW_EXISTS = ErrorCode("draw.exists", Conflict, "the draw {code} exists already", fields=("code",))
DRAW_STATE = ErrorCode(
    "draw.state",
    Refused,
    "the draw {code} is {state}: it cannot {action}",
    fields=("code", "state", "action"),
)
DRAW_NOT_COMMITTED = ErrorCode(
    "draw.not_committed",
    Refused,
    "the draw {code} has no commitment: commit sha256(seed) before closing its entries",
    fields=("code",),
)
DRAW_COMMITMENT_MISMATCH = ErrorCode(
    "draw.commitment_mismatch",
    Refused,
    "sha256 of the revealed seed is not the commitment of the draw {code}",
    fields=("code",),
)

__all__ += [
    "DRAW_COMMITMENT_MISMATCH",
    "DRAW_DATA",
    "DRAW_EXISTS",
    "DRAW_NOT_COMMITTED",
    "DRAW_STATE",
    "DRAW_UNKNOWN",
    "GROWTH_ACCOUNT",
    "GROWTH_ALREADY_CLAIMED",
    "GROWTH_NOT_RUNNING",
    "GROWTH_REQUEST_ID",
    "GROWTH_REQUEST_REUSED",
    "GROWTH_RULES",
    "GROWTH_STAGE_NOT_REACHED",
    "GROWTH_UNKNOWN_REWARD",
]

_ = ErrorCode

# ---------------------------------------------------------------- the metrics, F-PRO-5

METRICS_CAMPAIGN = ErrorCode(
    "metrics.campaign",
    InvalidInput,
    "a campaign code is 1 to 64 letters, digits, '_' or '-', starting with a letter or digit",
)
METRICS_COUNT = ErrorCode(
    "metrics.count", InvalidInput, "{field} of a campaign count is invalid", fields=("field",)
)
METRICS_SETTINGS = ErrorCode(
    "metrics.settings",
    InvalidInput,
    "{field} of the metrics settings is invalid",
    fields=("field",),
)
METRICS_RANGE = ErrorCode(
    "metrics.range",
    InvalidInput,
    "a report runs from a start date to an end date on or after it; {field} is invalid",
    fields=("field",),
)
METRICS_RANGE_TOO_LONG = ErrorCode(
    "metrics.range_too_long",
    InvalidInput,
    "a report covers at most {maximum} days",
    fields=("maximum",),
)

__all__ += [
    "METRICS_CAMPAIGN",
    "METRICS_COUNT",
    "METRICS_RANGE",
    "METRICS_RANGE_TOO_LONG",
    "METRICS_SETTINGS",
]
