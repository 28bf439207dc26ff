"""unicom_core: the domain of a carrier's online self-service business hall.

The public API is re-exported here; the modules behind it are documented in the
reference. Feature numbers (``F-AUTH-5``) refer to the project's mission.
"""

from __future__ import annotations

from unicom_core.domain.calendar import SHANGHAI, BillingCycle, add_months, to_shanghai
from unicom_core.domain.money import CNY, Money, Rate
from unicom_core.domain.phone import (
    BroadbandAccount,
    Carrier,
    EmailAddress,
    FixedLineNumber,
    LoginIdentifier,
    LoginType,
    MobileNumber,
    SegmentRule,
    classify,
    parse_login_identifier,
)
from unicom_core.domain.resident_id import ResidentId, Sex
from unicom_core.errors import (
    AdapterError,
    Conflict,
    InvalidInput,
    NotFound,
    PaymentFailed,
    Refused,
    UnicomError,
)
from unicom_core.ports.clock import Clock

__all__ = [
    "CNY",
    "SHANGHAI",
    "AdapterError",
    "BillingCycle",
    "BroadbandAccount",
    "Carrier",
    "Clock",
    "Conflict",
    "EmailAddress",
    "FixedLineNumber",
    "InvalidInput",
    "LoginIdentifier",
    "LoginType",
    "MobileNumber",
    "Money",
    "NotFound",
    "PaymentFailed",
    "Rate",
    "Refused",
    "ResidentId",
    "SegmentRule",
    "Sex",
    "UnicomError",
    "add_months",
    "classify",
    "parse_login_identifier",
    "to_shanghai",
]
