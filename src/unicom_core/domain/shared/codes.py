"""The error codes of the shared values (money, numbers, resident ids, calendar, events).

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`).
"""

from __future__ import annotations

from unicom_core.errors import AdapterError, ErrorCode, InvalidInput, NotFound, Refused

__all__ = [
    "AGGREGATE_VERSION",
    "BILLING_CYCLE_DATE_OUTSIDE",
    "BILLING_CYCLE_FORMAT",
    "BILLING_CYCLE_MONTH",
    "BILLING_CYCLE_YEAR",
    "BOOTSTRAP_ARGON2_MISSING",
    "BOOTSTRAP_UNSAFE_FOR_PRODUCTION",
    "BROADBAND_FORMAT",
    "DOCUMENT_CONTENT",
    "DOCUMENT_MEDIA_TYPE",
    "EMAIL_FORMAT",
    "EVENTS_FAIL_BATCHES",
    "EVENTS_UNAVAILABLE",
    "EVENT_FIELD",
    "EVENT_OCCURRED_AT",
    "EVENT_UNKNOWN_TYPE",
    "FIXED_LINE_FORMAT",
    "ID_FORMAT",
    "LOGIN_TYPE",
    "MOBILE_FORMAT",
    "MOBILE_SEGMENT",
    "MOBILE_SEGMENT_RULE",
    "MONEY_ALLOCATE_WEIGHTS",
    "MONEY_AMOUNT",
    "MONEY_CURRENCY",
    "MONEY_CURRENCY_MISMATCH",
    "MONEY_FEN",
    "MONEY_FORMAT",
    "MONEY_OUT_OF_RANGE",
    "MONEY_PRECISION",
    "MONEY_QUANTITY",
    "MONEY_RATE",
    "MONEY_TYPE",
    "RATE_VALUE",
    "RELAY_ATTEMPTS",
    "RELAY_SETTINGS",
    "RESIDENT_ID_AGE_DATE",
    "RESIDENT_ID_BIRTH_DATE",
    "RESIDENT_ID_CHECK_DIGIT",
    "RESIDENT_ID_FORMAT",
    "RESIDENT_ID_REGION",
    "SERIALIZATION_INVALID",
    "SERIALIZATION_TYPE",
    "TIME_MONTHS",
    "TIME_NAIVE",
    "TIME_NOT_A_DATE",
    "TIME_NOT_A_DATETIME",
    "TIME_NOT_A_TIMEDELTA",
    "TIME_OUT_OF_RANGE",
    "TRANSACTION_RETRY_RULE",
]

AGGREGATE_VERSION = ErrorCode(
    "aggregate.version", InvalidInput, "{field} is a version: an integer >= 0", fields=("field",)
)
BILLING_CYCLE_DATE_OUTSIDE = ErrorCode(
    "billing_cycle.date_outside",
    InvalidInput,
    "the {field} is not a day of billing cycle {billing_cycle}",
    fields=("billing_cycle", "field"),
)
BILLING_CYCLE_FORMAT = ErrorCode(
    "billing_cycle.format",
    InvalidInput,
    "a billing cycle is written YYYY-MM, such as 2026-11",
    fields=("field",),
)
BILLING_CYCLE_MONTH = ErrorCode(
    "billing_cycle.month",
    InvalidInput,
    "a billing cycle's month is an integer 1..12",
    fields=("field",),
)
BILLING_CYCLE_YEAR = ErrorCode(
    "billing_cycle.year",
    InvalidInput,
    "the shifted billing cycle would leave the years 1..9999",
    fields=("field",),
)
BOOTSTRAP_ARGON2_MISSING = ErrorCode(
    "bootstrap.argon2_missing",
    Refused,
    (
        "a persistent storage hashes passwords with argon2id: install "
        "unicom-core[argon2] (argon2-cffi), or pass hasher= explicitly"
    ),
)
BOOTSTRAP_UNSAFE_FOR_PRODUCTION = ErrorCode(
    "bootstrap.unsafe_for_production",
    Refused,
    "a production hall needs real adapters and its own secrets; missing: {missing}",
    fields=("missing",),
)
DOCUMENT_CONTENT = ErrorCode(
    "document.content", InvalidInput, "{field} of a document is malformed", fields=("field",)
)
DOCUMENT_MEDIA_TYPE = ErrorCode(
    "document.media_type",
    Refused,
    "this renderer cannot render {media_type}; it renders {supported}",
    fields=("media_type", "supported"),
)
BROADBAND_FORMAT = ErrorCode(
    "broadband.format",
    InvalidInput,
    (
        "a broadband account is 4-32 letters, digits, '.', '_', '-' or '@',"
        " starting with a letter or digit"
    ),
    fields=("field",),
)
EMAIL_FORMAT = ErrorCode(
    "email.format", InvalidInput, "{field} is not an e-mail address", fields=("field",)
)
EVENT_FIELD = ErrorCode(
    "event.field", InvalidInput, "{field} must be a non-empty string", fields=("field",)
)
EVENT_OCCURRED_AT = ErrorCode(
    "event.occurred_at",
    InvalidInput,
    "a change happens at an aware datetime",
    fields=("field",),
)
EVENT_UNKNOWN_TYPE = ErrorCode(
    "event.unknown_type",
    NotFound,
    "no domain event is registered as {event_type!r}",
    fields=("event_type",),
)
EVENTS_FAIL_BATCHES = ErrorCode("events.fail_batches", InvalidInput, "n is an integer >= 0")
EVENTS_UNAVAILABLE = ErrorCode(
    "events.unavailable", AdapterError, "the memory publisher was told to fail"
)
FIXED_LINE_FORMAT = ErrorCode(
    "fixed_line.format",
    InvalidInput,
    "{field} is not a fixed-line number with its area code",
    fields=("field",),
)
ID_FORMAT = ErrorCode(
    "id.format",
    InvalidInput,
    ("{field} is 1-64 letters, digits or _.:- starting with a letter or digit"),
    fields=("field",),
)
LOGIN_TYPE = ErrorCode(
    "login.type",
    InvalidInput,
    "choose a login type: mobile, email, fixed_line or broadband",
    fields=("field",),
)
MOBILE_FORMAT = ErrorCode(
    "mobile.format", InvalidInput, "a mobile number is 11 digits starting with 1", fields=("field",)
)
MOBILE_SEGMENT = ErrorCode(
    "mobile.segment",
    InvalidInput,
    "no carrier owns the mobile segment {segment}",
    fields=("field", "segment"),
)
MOBILE_SEGMENT_RULE = ErrorCode(
    "mobile.segment_rule",
    InvalidInput,
    "a segment prefix is 3 to 7 digits starting with 1",
    fields=("field",),
)
MONEY_ALLOCATE_WEIGHTS = ErrorCode(
    "money.allocate_weights",
    InvalidInput,
    "weights must be non-negative integers with a positive sum: {value!r}",
    fields=("value",),
)
MONEY_AMOUNT = ErrorCode(
    "money.amount",
    InvalidInput,
    "a finite decimal number, not a float or bool, not {value!r}",
    fields=("value",),
)
MONEY_CURRENCY = ErrorCode(
    "money.currency",
    InvalidInput,
    "a currency is a three-letter ISO 4217 code such as CNY",
    fields=("field",),
)
MONEY_CURRENCY_MISMATCH = ErrorCode(
    "money.currency_mismatch",
    InvalidInput,
    "cannot combine {left} with {right}",
    fields=("left", "right"),
)
MONEY_FEN = ErrorCode(
    "money.fen", InvalidInput, "{field} is an integer number of fen", fields=("field",)
)
MONEY_FORMAT = ErrorCode(
    "money.format",
    InvalidInput,
    "not an amount of money: {value!r} (write ¥12.34 or 12.34元)",
    fields=("value",),
)
MONEY_OUT_OF_RANGE = ErrorCode(
    "money.out_of_range",
    InvalidInput,
    "an amount must fit a signed 64-bit count of fen",
    fields=("field",),
)
MONEY_PRECISION = ErrorCode(
    "money.precision", InvalidInput, "{value} yuan is not a whole number of fen", fields=("value",)
)
MONEY_QUANTITY = ErrorCode(
    "money.quantity",
    InvalidInput,
    ("money is multiplied by a whole quantity; use apply() for rates: {value!r}"),
    fields=("value",),
)
MONEY_RATE = ErrorCode(
    "money.rate", InvalidInput, "expected a Rate, got {value!r}", fields=("value",)
)
MONEY_TYPE = ErrorCode(
    "money.type",
    InvalidInput,
    "money combines only with money, not with {value!r}",
    fields=("value",),
)
RATE_VALUE = ErrorCode(
    "rate.value",
    InvalidInput,
    "a rate is a finite, non-negative Decimal",
    optional=("field", "value"),
)
RELAY_ATTEMPTS = ErrorCode("relay.attempts", InvalidInput, "attempts is an integer >= 0")
RELAY_SETTINGS = ErrorCode(
    "relay.settings", InvalidInput, "a lease or retention out of range", optional=("field",)
)
RESIDENT_ID_AGE_DATE = ErrorCode(
    "resident_id.age_date",
    InvalidInput,
    "an age is asked for a date before the holder's birth",
    fields=("field",),
)
RESIDENT_ID_BIRTH_DATE = ErrorCode(
    "resident_id.birth_date",
    InvalidInput,
    ("digits 7 to 14 of a resident ID number must be a real date (YYYYMMDD) from 1900 on"),
    fields=("field",),
)
RESIDENT_ID_CHECK_DIGIT = ErrorCode(
    "resident_id.check_digit",
    InvalidInput,
    ("the check character of the resident ID number does not match (mistyped?)"),
    fields=("field",),
)
RESIDENT_ID_FORMAT = ErrorCode(
    "resident_id.format",
    InvalidInput,
    "a resident ID number is 17 digits followed by a digit or an upper-case X",
    fields=("field",),
)
RESIDENT_ID_REGION = ErrorCode(
    "resident_id.region",
    InvalidInput,
    "the first two digits of a resident ID number must be a province code",
    fields=("field",),
)
SERIALIZATION_INVALID = ErrorCode(
    "serialization.invalid", InvalidInput, "cannot read the data: {errors}", fields=("errors",)
)
SERIALIZATION_TYPE = ErrorCode(
    "serialization.type", InvalidInput, "expected {expected}", fields=("expected",)
)
TIME_MONTHS = ErrorCode(
    "time.months", InvalidInput, "{field} is a whole number of months", fields=("field",)
)
TIME_NAIVE = ErrorCode(
    "time.naive",
    InvalidInput,
    "give the instant its offset (+08:00 for Beijing)",
    optional=("field", "value"),
)
TIME_NOT_A_DATE = ErrorCode(
    "time.not_a_date", InvalidInput, "{field} is a calendar date", fields=("field",)
)
TIME_NOT_A_DATETIME = ErrorCode(
    "time.not_a_datetime", InvalidInput, "{field} is an aware datetime", fields=("field",)
)
TIME_NOT_A_TIMEDELTA = ErrorCode(
    "time.not_a_timedelta", InvalidInput, "advance takes a timedelta", fields=("field",)
)
TIME_OUT_OF_RANGE = ErrorCode(
    "time.out_of_range",
    InvalidInput,
    "{field} has no Beijing-time equivalent within years 1..9999",
    fields=("field",),
)
TRANSACTION_RETRY_RULE = ErrorCode(
    "transaction.retry_rule", InvalidInput, "{field} is an integer >= 1", fields=("field",)
)
