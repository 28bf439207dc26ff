"""Values every area shares: money in fen, numbers, resident ids, the calendar, domain events.

Also the validators aggregates share (``aggregates``). The bottom of the house: it imports
no other area.
"""

from __future__ import annotations

from unicom_core.domain.shared.aggregates import (
    check_id,
    check_version,
    guarded,
    instance_of,
    new_id,
    require_aware,
    require_date,
    update,
)
from unicom_core.domain.shared.calendar import (
    MAX_YEAR,
    MIN_YEAR,
    SHANGHAI,
    BillingCycle,
    add_months,
    to_shanghai,
)
from unicom_core.domain.shared.events import (
    DomainEvent,
    domain_event,
    event_class,
    event_types,
    new_event_id,
)
from unicom_core.domain.shared.money import (
    CNY,
    MAX_FEN,
    MIN_FEN,
    Money,
    Rate,
)
from unicom_core.domain.shared.phone import (
    SEGMENT_RULES,
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
from unicom_core.domain.shared.resident_id import (
    PROVINCE_CODES,
    ResidentId,
    Sex,
    check_character,
)

__all__ = [
    "CNY",
    "MAX_FEN",
    "MAX_YEAR",
    "MIN_FEN",
    "MIN_YEAR",
    "PROVINCE_CODES",
    "SEGMENT_RULES",
    "SHANGHAI",
    "BillingCycle",
    "BroadbandAccount",
    "Carrier",
    "DomainEvent",
    "EmailAddress",
    "FixedLineNumber",
    "LoginIdentifier",
    "LoginType",
    "MobileNumber",
    "Money",
    "Rate",
    "ResidentId",
    "SegmentRule",
    "Sex",
    "add_months",
    "check_character",
    "check_id",
    "check_version",
    "classify",
    "domain_event",
    "event_class",
    "event_types",
    "guarded",
    "instance_of",
    "new_event_id",
    "new_id",
    "parse_login_identifier",
    "require_aware",
    "require_date",
    "to_shanghai",
    "update",
]
