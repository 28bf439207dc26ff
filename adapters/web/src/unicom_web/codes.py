"""The error codes of the web adapter only (requests, settings, TM Forum lookups).

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`).
"""

from __future__ import annotations

from unicom_core.errors import ErrorCode, InvalidInput, NotFound, Refused

__all__ = [
    "BALANCE_UNKNOWN_BALANCE",
    "BALANCE_UNKNOWN_BUCKET",
    "BILLING_UNKNOWN_BILL",
    "BILLING_UNKNOWN_BILLING_RATE",
    "BILLING_UNKNOWN_BILL_ON_DEMAND",
    "OFFERING_INVALID",
    "OFFERING_PRICE",
    "OFFERING_READ_ONLY",
    "PAYMENT_NOTIFICATION_LIMIT",
    "PAYMENT_NUMBER_KIND",
    "PAYMENT_RETURN_URL",
    "REQUEST_CROSS_ORIGIN",
    "REQUEST_JSON_DEPTH",
    "SUPPORT_AGENT_KEY",
    "TMF_FILTER_ATTRIBUTE",
    "TMF_FILTER_VALUE",
    "TOPUP_INVALID",
    "USAGE_DATE",
    "USAGE_INVALID",
    "USAGE_UNKNOWN",
    "USAGE_UNKNOWN_SPECIFICATION",
    "WEB_LANGUAGE",
    "WEB_MAX_AMOUNT",
    "WEB_MAX_BODY",
    "WEB_MAX_JSON_DEPTH",
    "WEB_NOTIFICATION_LIMIT",
    "WEB_PUBLIC_ORIGINS",
    "WEB_SECRET",
    "WEB_SUPPORT_AGENT_KEYS",
    "WEB_TRUSTED_PROXIES",
]

BALANCE_UNKNOWN_BALANCE = ErrorCode(
    "balance.unknown_balance", NotFound, "no accumulated balance {id!r}", fields=("id",)
)
BALANCE_UNKNOWN_BUCKET = ErrorCode(
    "balance.unknown_bucket", NotFound, "no bucket {id!r}", fields=("id",)
)
BILLING_UNKNOWN_BILL = ErrorCode(
    "billing.unknown_bill", NotFound, "no customer bill {id!r}", fields=("id",)
)
BILLING_UNKNOWN_BILL_ON_DEMAND = ErrorCode(
    "billing.unknown_bill_on_demand", NotFound, "no customer bill on demand {id!r}", fields=("id",)
)
BILLING_UNKNOWN_BILLING_RATE = ErrorCode(
    "billing.unknown_billing_rate",
    NotFound,
    "no applied customer billing rate {id!r}",
    fields=("id",),
)
OFFERING_INVALID = ErrorCode(
    "offering.invalid",
    InvalidInput,
    "{field} is not a valid product offering attribute here",
    fields=("field",),
)
OFFERING_PRICE = ErrorCode(
    "offering.price", InvalidInput, "{field} is not a valid price", fields=("field",)
)
OFFERING_READ_ONLY = ErrorCode(
    "offering.read_only",
    InvalidInput,
    "{field} is kept by the hall: it cannot be written",
    fields=("field",),
)
PAYMENT_NOTIFICATION_LIMIT = ErrorCode(
    "payment.notification_limit",
    Refused,
    "too many notifications from this address; try again next minute",
    fields=("retry_at",),
)
PAYMENT_NUMBER_KIND = ErrorCode(
    "payment.number_kind",
    InvalidInput,
    "{field} is not a number kind: mobile, fixed_line or broadband",
    fields=("field",),
)
PAYMENT_RETURN_URL = ErrorCode(
    "payment.return_url",
    InvalidInput,
    ("a return_url is a path on this site or a URL on one of its public origins"),
    fields=("field",),
)
REQUEST_CROSS_ORIGIN = ErrorCode(
    "request.cross_origin",
    Refused,
    "a request from another origin may not use the session cookie",
    optional=("origin", "sec_fetch_site"),
)
REQUEST_JSON_DEPTH = ErrorCode(
    "request.json_depth",
    InvalidInput,
    "a JSON body is nested at most {limit} levels deep",
    fields=("limit",),
)
TOPUP_INVALID = ErrorCode(
    "topup.invalid", InvalidInput, "{field} is not a valid top-up request", fields=("field",)
)
TMF_FILTER_ATTRIBUTE = ErrorCode(
    "tmf.filter_attribute",
    InvalidInput,
    "{attribute} is not an attribute this list can filter on",
    fields=("attribute",),
)
TMF_FILTER_VALUE = ErrorCode(
    "tmf.filter_value",
    InvalidInput,
    "the value of the filter {attribute} is not of the attribute's type",
    fields=("attribute",),
)
USAGE_DATE = ErrorCode(
    "usage.date", InvalidInput, "{field} is an ISO 8601 date or date-time", fields=("field",)
)
USAGE_UNKNOWN = ErrorCode("usage.unknown", NotFound, "no usage {id!r}", fields=("id",))
USAGE_INVALID = ErrorCode(
    "usage.invalid", InvalidInput, "{field} is not a valid usage record", fields=("field",)
)
USAGE_UNKNOWN_SPECIFICATION = ErrorCode(
    "usage.unknown_specification", NotFound, "no usage specification {id!r}", fields=("id",)
)
WEB_LANGUAGE = ErrorCode(
    "web.language", InvalidInput, "{field} is not one of the supported languages", fields=("field",)
)
WEB_MAX_AMOUNT = ErrorCode(
    "web.max_amount",
    InvalidInput,
    "the maximum amount is a whole number out of range",
    fields=("field",),
)
WEB_MAX_BODY = ErrorCode(
    "web.max_body", InvalidInput, "the body size is a whole number out of range", fields=("field",)
)
WEB_MAX_JSON_DEPTH = ErrorCode(
    "web.max_json_depth",
    InvalidInput,
    "the JSON depth is a whole number out of range",
    fields=("field",),
)
WEB_NOTIFICATION_LIMIT = ErrorCode(
    "web.notification_limit",
    InvalidInput,
    "the notification limit is a whole number of at least 1 a minute",
    fields=("field",),
)
WEB_PUBLIC_ORIGINS = ErrorCode(
    "web.public_origins",
    InvalidInput,
    "with secure cookies every public origin is https",
    fields=("field",),
)
WEB_SECRET = ErrorCode(
    "web.secret",
    InvalidInput,
    "the secret that signs CSRF tokens needs at least {minimum} characters",
    fields=("field", "minimum"),
)
WEB_TRUSTED_PROXIES = ErrorCode(
    "web.trusted_proxies",
    InvalidInput,
    "a trusted proxy is an IP address or a CIDR network",
    fields=("field",),
)
WEB_SUPPORT_AGENT_KEYS = ErrorCode(
    "web.support_agent_keys",
    InvalidInput,
    "support agent keys map an agent id to the SHA-256 hex digest of its key",
    fields=("field",),
)
SUPPORT_AGENT_KEY = ErrorCode(
    "support.agent_key", Refused, "wrong agent id or key for the customer-service console"
)
