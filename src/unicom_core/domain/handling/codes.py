"""The error codes of the handling area (business handling, points, customer service).

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`).
"""

from __future__ import annotations

from unicom_core.errors import Conflict, ErrorCode, InvalidInput, NotFound, Refused

__all__ = [
    "HANDLING_ALREADY_4G",
    "HANDLING_ARREARS",
    "HANDLING_CREDIT_LIMIT_EXCEEDS",
    "HANDLING_CREDIT_RULES",
    "HANDLING_FORWARDING_CHAIN",
    "HANDLING_FORWARDING_DELAY",
    "HANDLING_FORWARDING_LOOP",
    "HANDLING_FORWARDING_SELF",
    "HANDLING_FORWARDING_TARGET",
    "HANDLING_KIND",
    "HANDLING_NETWORK_AGE",
    "HANDLING_NOT_4G",
    "HANDLING_NOT_ACTIVE",
    "HANDLING_NOT_MEMBER",
    "HANDLING_NOT_PENDING",
    "HANDLING_NOT_PRIMARY",
    "HANDLING_NO_BUNDLE",
    "HANDLING_NO_CHANGE",
    "HANDLING_PACK_NOT_OFFERED",
    "HANDLING_PARAMETER",
    "HANDLING_PENDING_EXISTS",
    "HANDLING_PLAN_NOT_OFFERED",
    "HANDLING_RECORD",
    "HANDLING_REQUEST_ID",
    "HANDLING_REQUEST_REUSED",
    "HANDLING_ROAMING_CREDIT",
    "HANDLING_ROAMING_DEPOSIT",
    "HANDLING_SERVICE_KIND",
    "HANDLING_SERVICE_STATE",
    "HANDLING_SHARED_PLAN",
    "HANDLING_SHARED_PRIMARY",
    "HANDLING_UNKNOWN_RECORD",
    "HANDLING_WLAN_PASSWORD",
    "POINTS_ACCOUNT",
    "POINTS_AMOUNT",
    "POINTS_CATALOGUE",
    "POINTS_INSUFFICIENT",
    "POINTS_RULES",
    "POINTS_UNKNOWN_ITEM",
    "SUPPORT_AGENT",
    "SUPPORT_BOT_ANSWER",
    "SUPPORT_CLOSED",
    "SUPPORT_CONVERSATION",
    "SUPPORT_NOT_ASSIGNED",
    "SUPPORT_NOT_WAITING",
    "SUPPORT_NOT_WITH_BOT",
    "SUPPORT_OPEN_EXISTS",
    "SUPPORT_SETTINGS",
    "SUPPORT_TEXT",
    "SUPPORT_TRANSCRIPT_FULL",
    "SUPPORT_UNKNOWN_CONVERSATION",
]

HANDLING_ALREADY_4G = ErrorCode(
    "handling.already_4g",
    Refused,
    "the number is already on 4G: only a 2G/3G number upgrades (F-BIZ-4)",
    fields=("generation",),
)
HANDLING_ARREARS = ErrorCode(
    "handling.arrears",
    Refused,
    "the number's account is in arrears ({balance}); pay first",
    fields=("balance",),
)
HANDLING_CREDIT_LIMIT_EXCEEDS = ErrorCode(
    "handling.credit_limit_exceeds",
    Refused,
    "the rules allow a credit limit of at most {allowed} for this number (F-BIZ-7)",
    fields=("allowed",),
    optional=("requested",),
)
HANDLING_CREDIT_RULES = ErrorCode(
    "handling.credit_rules",
    InvalidInput,
    "{field} of the credit-limit rules is malformed",
    fields=("field",),
)
HANDLING_FORWARDING_CHAIN = ErrorCode(
    "handling.forwarding_chain",
    Refused,
    "the forwardings from that number run through more than {maximum} numbers (F-BIZ-1)",
    fields=("maximum",),
)
HANDLING_FORWARDING_DELAY = ErrorCode(
    "handling.forwarding_delay",
    InvalidInput,
    "a no-reply forwarding waits {minimum}-{maximum} seconds; other conditions have no delay",
    fields=("minimum", "maximum"),
)
HANDLING_FORWARDING_LOOP = ErrorCode(
    "handling.forwarding_loop",
    Refused,
    "calls forwarded to that number would be forwarded back to this one (F-BIZ-1)",
)
HANDLING_FORWARDING_SELF = ErrorCode(
    "handling.forwarding_self", InvalidInput, "a number cannot forward its calls to itself"
)
HANDLING_FORWARDING_TARGET = ErrorCode(
    "handling.forwarding_target",
    InvalidInput,
    "calls are forwarded to a mobile number or a fixed-line number (without its area code)",
)
HANDLING_KIND = ErrorCode(
    "handling.kind", NotFound, "there is no business handling {kind!r}", fields=("kind",)
)
HANDLING_NETWORK_AGE = ErrorCode(
    "handling.network_age",
    Refused,
    "the plan needs {required_months} months of network age; the number has {months}",
    fields=("required_months", "months"),
)
HANDLING_NOT_4G = ErrorCode(
    "handling.not_4g",
    Refused,
    "only a 4G SIM number has the 4G data switch (this one: {generation}; F-BIZ-2)",
    fields=("generation",),
)
HANDLING_NOT_ACTIVE = ErrorCode(
    "handling.not_active",
    Refused,
    "the number is {status}: only an active number can change its services",
    fields=("status",),
)
HANDLING_NO_BUNDLE = ErrorCode(
    "handling.no_bundle",
    Refused,
    "the number's plan {plan_code} is not a combination plan: there is no bundle to change",
    fields=("plan_code",),
)
HANDLING_NO_CHANGE = ErrorCode(
    "handling.no_change", InvalidInput, "the request changes nothing", fields=("field",)
)
HANDLING_NOT_MEMBER = ErrorCode(
    "handling.not_member",
    Refused,
    "{number} is not a secondary card of this shared plan",
    fields=("number",),
)
HANDLING_NOT_PENDING = ErrorCode(
    "handling.not_pending",
    Refused,
    "only a change still waiting for its cycle can be cancelled (this one is {status})",
    fields=("status",),
)
HANDLING_NOT_PRIMARY = ErrorCode(
    "handling.not_primary",
    Refused,
    "only the primary number of a 4G shared plan changes its primary number (F-BIZ-3)",
)
HANDLING_PACK_NOT_OFFERED = ErrorCode(
    "handling.pack_not_offered",
    Refused,
    "{pack_code} cannot be ordered for this number (F-BIZ-2)",
    fields=("pack_code",),
    optional=("generation",),
)
HANDLING_PARAMETER = ErrorCode(
    "handling.parameter", InvalidInput, "{field} is missing or malformed", fields=("field",)
)
HANDLING_PENDING_EXISTS = ErrorCode(
    "handling.pending_exists",
    Conflict,
    "a {kind} change already waits for the next cycle; cancel it first",
    fields=("kind", "record_id"),
)
HANDLING_PLAN_NOT_OFFERED = ErrorCode(
    "handling.plan_not_offered",
    Refused,
    "{plan_code} is not a plan this number can change to",
    fields=("plan_code",),
    optional=("generation",),
)
HANDLING_RECORD = ErrorCode(
    "handling.record", InvalidInput, "{field} of a business record is malformed", fields=("field",)
)
HANDLING_REQUEST_ID = ErrorCode(
    "handling.request_id",
    InvalidInput,
    "a request id is 8-64 letters, digits, '-' or '_'",
    fields=("field",),
)
HANDLING_REQUEST_REUSED = ErrorCode(
    "handling.request_reused",
    Conflict,
    "request id {request_id!r} was used for a different request",
    fields=("request_id",),
)
HANDLING_ROAMING_CREDIT = ErrorCode(
    "handling.roaming_credit",
    Refused,
    "{service} needs a credit limit of at least {required}",
    fields=("service", "required"),
)
HANDLING_ROAMING_DEPOSIT = ErrorCode(
    "handling.roaming_deposit",
    Refused,
    "{service} needs {required} available on the account as a deposit",
    fields=("service", "required"),
)
HANDLING_SERVICE_KIND = ErrorCode(
    "handling.service_kind",
    Refused,
    "a {kind} number has no {service}",
    fields=("kind", "service"),
)
HANDLING_SERVICE_STATE = ErrorCode(
    "handling.service_state",
    InvalidInput,
    "{field} of a number's services is malformed",
    fields=("field",),
)
HANDLING_SHARED_PLAN = ErrorCode(
    "handling.shared_plan", InvalidInput, "{field} of a shared plan is malformed", fields=("field",)
)
HANDLING_SHARED_PRIMARY = ErrorCode(
    "handling.shared_primary",
    Conflict,
    "this number is already the primary number of a shared plan",
    optional=("kind", "field"),
)
HANDLING_UNKNOWN_RECORD = ErrorCode(
    "handling.unknown_record",
    NotFound,
    "there is no business record {record_id!r}",
    fields=("record_id",),
)
HANDLING_WLAN_PASSWORD = ErrorCode(
    "handling.wlan_password",
    InvalidInput,
    "a WLAN password is 8-16 letters and digits, at least one of each",
)
SUPPORT_AGENT = ErrorCode(
    "support.agent", InvalidInput, "an agent id is 1-32 letters, digits, '.', '-' or '_'"
)
SUPPORT_BOT_ANSWER = ErrorCode(
    "support.bot_answer",
    InvalidInput,
    "{field} of a support bot's answer is malformed",
    fields=("field",),
)
SUPPORT_CLOSED = ErrorCode(
    "support.closed",
    Refused,
    "this conversation is closed; start a new one",
    fields=("conversation_id",),
)
SUPPORT_CONVERSATION = ErrorCode(
    "support.conversation",
    InvalidInput,
    "{field} of a conversation is malformed",
    fields=("field",),
)
SUPPORT_NOT_ASSIGNED = ErrorCode(
    "support.not_assigned",
    Refused,
    "this conversation is not with this agent",
    fields=("conversation_id",),
)
SUPPORT_NOT_WAITING = ErrorCode(
    "support.not_waiting",
    Conflict,
    "this conversation is not waiting in the queue ({state})",
    fields=("conversation_id", "state"),
)
SUPPORT_NOT_WITH_BOT = ErrorCode(
    "support.not_with_bot",
    Conflict,
    "the robot answers only before a human is asked for",
    fields=("conversation_id",),
)
SUPPORT_OPEN_EXISTS = ErrorCode(
    "support.open_exists",
    Conflict,
    "this number already has an open conversation",
    optional=("kind", "field"),
)
SUPPORT_SETTINGS = ErrorCode(
    "support.settings",
    InvalidInput,
    "{field} of the support settings is malformed",
    fields=("field",),
)
SUPPORT_TEXT = ErrorCode(
    "support.text", InvalidInput, "a message is 1-{maximum} characters", fields=("maximum",)
)
SUPPORT_TRANSCRIPT_FULL = ErrorCode(
    "support.transcript_full",
    Refused,
    "this conversation has {maximum} messages, the most it keeps; start a new one",
    fields=("maximum",),
)
SUPPORT_UNKNOWN_CONVERSATION = ErrorCode(
    "support.unknown_conversation",
    NotFound,
    "there is no conversation {conversation_id!r}",
    fields=("conversation_id",),
)
POINTS_ACCOUNT = ErrorCode(
    "points.account", InvalidInput, "{field} of a points account is malformed", fields=("field",)
)
POINTS_AMOUNT = ErrorCode(
    "points.amount",
    InvalidInput,
    "points are a whole number from 1 to {maximum}",
    fields=("maximum",),
)
POINTS_CATALOGUE = ErrorCode(
    "points.catalogue",
    InvalidInput,
    "{field} of the points catalogue is malformed",
    fields=("field",),
)
POINTS_INSUFFICIENT = ErrorCode(
    "points.insufficient",
    Refused,
    "{points} points are needed but only {balance} are available",
    fields=("balance", "points"),
)
POINTS_RULES = ErrorCode(
    "points.rules", InvalidInput, "{field} of the points rules is malformed", fields=("field",)
)
POINTS_UNKNOWN_ITEM = ErrorCode(
    "points.unknown_item",
    NotFound,
    "the points catalogue has no item {code!r}",
    fields=("code",),
)
