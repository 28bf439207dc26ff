"""The error codes of enrolment (开户), the back office's use case of the handling area.

Declared beside :mod:`unicom_core.domain.handling.codes` (which would outgrow a module with
them); each code is declared once here and a raise site reads ``raise NAME.error(**data)``.
"""

from __future__ import annotations

from unicom_core.errors import Conflict, ErrorCode, InvalidInput, NotFound, Refused

__all__ = [
    "ENROLMENT_ACCOUNT_HOLDER",
    "ENROLMENT_ACCOUNT_UNKNOWN",
    "ENROLMENT_CREDIT_LIMIT",
    "ENROLMENT_IDENTITY_DECEASED",
    "ENROLMENT_IDENTITY_MISMATCH",
    "ENROLMENT_IDENTITY_UNAVAILABLE",
    "ENROLMENT_ID_TAKEN",
    "ENROLMENT_JOINED_ON",
    "ENROLMENT_PARAMETER",
    "ENROLMENT_PAYMENT_MODE",
    "ENROLMENT_REQUEST_REUSED",
]

ENROLMENT_ACCOUNT_HOLDER = ErrorCode(
    "enrolment.account_holder",
    Refused,
    "account {account_id!r} is not held by the holder of this resident ID",
    fields=("account_id",),
)
ENROLMENT_ACCOUNT_UNKNOWN = ErrorCode(
    "enrolment.account_unknown",
    NotFound,
    "there is no account {account_id!r} to open the number on",
    fields=("account_id",),
)
ENROLMENT_CREDIT_LIMIT = ErrorCode(
    "enrolment.credit_limit",
    InvalidInput,
    "only a postpaid account has a credit limit",
    fields=("payment_mode",),
)
ENROLMENT_IDENTITY_DECEASED = ErrorCode(
    "enrolment.identity_deceased",
    Refused,
    "the identity service reports the holder of this resident ID deceased (F-REAL-1)",
)
ENROLMENT_IDENTITY_MISMATCH = ErrorCode(
    "enrolment.identity_mismatch",
    Refused,
    "the name does not match the resident ID at the identity service (F-REAL-1)",
)
ENROLMENT_IDENTITY_UNAVAILABLE = ErrorCode(
    "enrolment.identity_unavailable",
    Refused,
    "the identity service cannot answer now; nothing was enrolled, try again later",
)
ENROLMENT_ID_TAKEN = ErrorCode(
    "enrolment.id_taken",
    Conflict,
    "the {field} {id!r} is another record's",
    fields=("field", "id"),
)
ENROLMENT_JOINED_ON = ErrorCode(
    "enrolment.joined_on",
    InvalidInput,
    "a number joins on a day no later than today ({today})",
    fields=("today",),
)
ENROLMENT_PARAMETER = ErrorCode(
    "enrolment.parameter", InvalidInput, "{field} of an enrolment is malformed", fields=("field",)
)
ENROLMENT_PAYMENT_MODE = ErrorCode(
    "enrolment.payment_mode",
    Refused,
    "{plan_code} is not offered as {payment_mode}",
    fields=("plan_code", "payment_mode"),
)
ENROLMENT_REQUEST_REUSED = ErrorCode(
    "enrolment.request_reused",
    Conflict,
    "request id {request_id!r} enrolled another number",
    fields=("request_id",),
)
