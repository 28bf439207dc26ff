"""Business handling (業務辦理): records, acceptance forms and the changes a subscriber makes.

A handling is decided by its handler (:mod:`unicom_core.usecases.handling`) as a
:class:`Change`, accepted as a :class:`BusinessRecord` (F-QRY-5) with its acceptance form
(:func:`acceptance_form`, F-QRY-6), and takes effect now or from the next billing cycle.
"""

from __future__ import annotations

from unicom_core.domain.handling import codes, enrolment_codes
from unicom_core.domain.handling.codes import *  # noqa: F403 - the area's error codes, declared once there
from unicom_core.domain.handling.credit_limits import (
    AgeBand,
    CreditLimitRules,
    LatePenalty,
    late_bills,
    paid_late,
)
from unicom_core.domain.handling.enrolment_codes import *  # noqa: F403 - the area's error codes, declared once there
from unicom_core.domain.handling.forms import ISSUER, acceptance_form
from unicom_core.domain.handling.forwarding import (
    MAX_DELAY,
    MAX_WALK,
    MIN_DELAY,
    Forwarding,
    ForwardingCondition,
    check_no_loop,
    forwarding_target,
)
from unicom_core.domain.handling.points import (
    MAX_POINTS,
    EntryKind,
    PointsAccount,
    PointsEarned,
    PointsEntry,
    PointsExpired,
    PointsLot,
    PointsRules,
    PointsSpent,
    check_points,
)
from unicom_core.domain.handling.points_catalogue import (
    PointsCatalogue,
    PointsItem,
    points_catalogue_from_toml,
)
from unicom_core.domain.handling.records import (
    BusinessRecord,
    Change,
    Effect,
    HandlingAccepted,
    HandlingApplied,
    HandlingCancelled,
    RecordStatus,
    record_id_of,
    request_digest,
)
from unicom_core.domain.handling.services import (
    WLAN_PASSWORD_RULE,
    Data4gSwitched,
    ForwardingCancelled,
    ForwardingSet,
    RoamingRule,
    RoamingService,
    RoamingSettings,
    RoamingSwitched,
    ServiceState,
    WlanPasswordSet,
    WlanSwitched,
    check_wlan_password,
)
from unicom_core.domain.handling.shared_plans import (
    MAX_MEMBERS,
    SharedPlan,
    SharedPlanPrimaryChanged,
)
from unicom_core.domain.handling.support import (
    HUMAN_KEYWORDS,
    MAX_MESSAGES,
    MAX_TEXT,
    Author,
    Conversation,
    ConversationClosed,
    ConversationOpened,
    ConversationQueued,
    ConversationState,
    ConversationTaken,
    Message,
    asks_for_human,
    check_agent_id,
    check_text,
)

__all__ = [
    "HUMAN_KEYWORDS",
    "ISSUER",
    "MAX_DELAY",
    "MAX_MEMBERS",
    "MAX_MESSAGES",
    "MAX_POINTS",
    "MAX_TEXT",
    "MAX_WALK",
    "MIN_DELAY",
    "WLAN_PASSWORD_RULE",
    "AgeBand",
    "Author",
    "BusinessRecord",
    "Change",
    "Conversation",
    "ConversationClosed",
    "ConversationOpened",
    "ConversationQueued",
    "ConversationState",
    "ConversationTaken",
    "CreditLimitRules",
    "Data4gSwitched",
    "Effect",
    "EntryKind",
    "Forwarding",
    "ForwardingCancelled",
    "ForwardingCondition",
    "ForwardingSet",
    "HandlingAccepted",
    "HandlingApplied",
    "HandlingCancelled",
    "LatePenalty",
    "Message",
    "PointsAccount",
    "PointsCatalogue",
    "PointsEarned",
    "PointsEntry",
    "PointsExpired",
    "PointsItem",
    "PointsLot",
    "PointsRules",
    "PointsSpent",
    "RecordStatus",
    "RoamingRule",
    "RoamingService",
    "RoamingSettings",
    "RoamingSwitched",
    "ServiceState",
    "SharedPlan",
    "SharedPlanPrimaryChanged",
    "WlanPasswordSet",
    "WlanSwitched",
    "acceptance_form",
    "asks_for_human",
    "check_agent_id",
    "check_no_loop",
    "check_points",
    "check_text",
    "check_wlan_password",
    "forwarding_target",
    "late_bills",
    "paid_late",
    "points_catalogue_from_toml",
    "record_id_of",
    "request_digest",
]
__all__ += codes.__all__
__all__ += enrolment_codes.__all__
