"""The error codes of the numbers area (the pool, its pattern classes, the reservations).

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`).
"""

from __future__ import annotations

from unicom_core.errors import Conflict, ErrorCode, InvalidInput, NotFound, Refused

__all__ = [
    "NUMBER_CLASSES",
    "NUMBER_DUPLICATE",
    "NUMBER_ENTRY",
    "NUMBER_FORMAT",
    "NUMBER_MASK",
    "NUMBER_QUERY",
    "NUMBER_RESERVATION_EXPIRED",
    "NUMBER_RESERVATION_UNKNOWN",
    "NUMBER_SETTINGS",
    "NUMBER_TAKEN",
    "NUMBER_TOO_MANY_RESERVATIONS",
    "NUMBER_UNKNOWN",
]

NUMBER_CLASSES = ErrorCode(
    "number.classes",
    InvalidInput,
    "the pattern classes and tiers are invalid at {entry}",
    fields=("entry",),
)
NUMBER_DUPLICATE = ErrorCode(
    "number.duplicate", Conflict, "the number {number} is in the pool already", fields=("number",)
)
NUMBER_ENTRY = ErrorCode(
    "number.entry", InvalidInput, "{field} of a pool entry is invalid", fields=("field",)
)
NUMBER_FORMAT = ErrorCode(
    "number.format",
    InvalidInput,
    "a pool number is 11 digits in a known mobile segment",
    fields=("field",),
)
NUMBER_MASK = ErrorCode(
    "number.mask",
    InvalidInput,
    "a mask is digits, ? (one digit) and * (any run) covering 11 digits",
    fields=("field",),
)
NUMBER_QUERY = ErrorCode(
    "number.query", InvalidInput, "{field} is not a valid search filter", fields=("field",)
)
NUMBER_RESERVATION_EXPIRED = ErrorCode(
    "number.reservation_expired", Conflict, "the reservation expired before the sale"
)
NUMBER_RESERVATION_UNKNOWN = ErrorCode(
    "number.reservation_unknown",
    NotFound,
    "there is no such reservation (it may have expired or been released)",
)
NUMBER_SETTINGS = ErrorCode(
    "number.settings", InvalidInput, "{field} of the number settings is invalid", fields=("field",)
)
NUMBER_TAKEN = ErrorCode(
    "number.taken", Conflict, "the number is reserved, sold or held back by the carrier"
)
NUMBER_TOO_MANY_RESERVATIONS = ErrorCode(
    "number.too_many_reservations",
    Refused,
    "one customer may hold at most {limit} reserved numbers at a time",
    fields=("limit",),
)
NUMBER_UNKNOWN = ErrorCode("number.unknown", NotFound, "the number is not in the pool")
