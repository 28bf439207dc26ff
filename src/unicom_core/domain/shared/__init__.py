"""Values every area shares: money in fen, numbers, resident ids, the calendar, domain events.

Also the validators aggregates share (``aggregates``). The bottom of the house: it imports
no other area.
"""

from __future__ import annotations

from unicom_core.domain.shared import codes, hub_codes, storage_codes
from unicom_core.domain.shared.aggregates import (
    check_id,
    check_version,
    guarded,
    instance_of,
    new_id,
    require_aware,
    require_date,
    tuple_of,
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
from unicom_core.domain.shared.codes import *  # noqa: F403 - the area's error codes, declared once there
from unicom_core.domain.shared.documents import Document, DocumentSection
from unicom_core.domain.shared.events import (
    DomainEvent,
    domain_event,
    event_class,
    event_types,
    new_event_id,
)
from unicom_core.domain.shared.hub_codes import *  # noqa: F403 - the area's error codes, declared once there
from unicom_core.domain.shared.hub_query import MAX_CALLBACK, MAX_QUERY, HubQuery, check_callback
from unicom_core.domain.shared.hubs import (
    SIGNATURE_HEADER,
    Delivery,
    HubSubscription,
    SubscriptionState,
    delivery_id,
    new_secret,
    signature,
    signature_header,
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
from unicom_core.domain.shared.storage_codes import *  # noqa: F403 - the area's error codes, declared once there

__all__ = [
    "CNY",
    "MAX_CALLBACK",
    "MAX_FEN",
    "MAX_QUERY",
    "MAX_YEAR",
    "MIN_FEN",
    "MIN_YEAR",
    "PROVINCE_CODES",
    "SEGMENT_RULES",
    "SHANGHAI",
    "SIGNATURE_HEADER",
    "BillingCycle",
    "BroadbandAccount",
    "Carrier",
    "Delivery",
    "Document",
    "DocumentSection",
    "DomainEvent",
    "EmailAddress",
    "FixedLineNumber",
    "HubQuery",
    "HubSubscription",
    "LoginIdentifier",
    "LoginType",
    "MobileNumber",
    "Money",
    "Rate",
    "ResidentId",
    "SegmentRule",
    "Sex",
    "SubscriptionState",
    "add_months",
    "check_callback",
    "check_character",
    "check_id",
    "check_version",
    "classify",
    "delivery_id",
    "domain_event",
    "event_class",
    "event_types",
    "guarded",
    "instance_of",
    "new_event_id",
    "new_id",
    "new_secret",
    "parse_login_identifier",
    "require_aware",
    "require_date",
    "signature",
    "signature_header",
    "to_shanghai",
    "tuple_of",
    "update",
]
__all__ += codes.__all__
__all__ += hub_codes.__all__
__all__ += storage_codes.__all__
