"""Use cases of business handling (業務辦理, F-BIZ): one engine, a handler per kind.

:class:`HandlingEngine` (``hall.handling``) runs every :class:`Handler` the same way
(authorize, validate, decide when, apply, record, publish; idempotent per request id).
"""

from __future__ import annotations

from unicom_core.usecases.handling.bundle import BundleChange, held_bundle
from unicom_core.usecases.handling.call_forwarding import CallForwarding
from unicom_core.usecases.handling.credit_limit import (
    CreditLimitChange,
    CreditLimitQuote,
    quote_credit_limit,
)
from unicom_core.usecases.handling.data_pack import DataPackOrder, orderable_pack, term_end
from unicom_core.usecases.handling.defaults import default_handlers
from unicom_core.usecases.handling.engine import HandledHook, HandlingEngine
from unicom_core.usecases.handling.enrolment import Enrolled, SubscribersService
from unicom_core.usecases.handling.enrolment_checks import offered_packs, stored_catalog
from unicom_core.usecases.handling.enrolment_input import EnrolmentIds
from unicom_core.usecases.handling.handlers import (
    Field,
    Handler,
    HandlingContext,
    optional_param,
    param,
)
from unicom_core.usecases.handling.plan_change import PlanChange, move_to_plan, plan_label
from unicom_core.usecases.handling.plan_queries import (
    PlanQueries,
    SharedPlanView,
    UpgradeState,
    UpgradeStatus,
)
from unicom_core.usecases.handling.plans_by_age import NetworkAgeUpgrade, OptionalPacks
from unicom_core.usecases.handling.points import (
    DEFAULT_POINTS_RESOURCE,
    PointsService,
    PointsSettings,
    PointsView,
    default_points_catalogue,
    points_account_of,
)
from unicom_core.usecases.handling.points_redeem import PointsRedemption
from unicom_core.usecases.handling.primary_number import PrimaryNumberChange, masked
from unicom_core.usecases.handling.realname import ATTEMPTS_PER_DAY, RealNameRegistration
from unicom_core.usecases.handling.roaming import RoamingSwitch, Switch4g
from unicom_core.usecases.handling.services_query import ServicesQuery, ServicesView
from unicom_core.usecases.handling.support import (
    ConversationView,
    SupportService,
    SupportSettings,
)
from unicom_core.usecases.handling.upgrade_4g import UPGRADE_KIND, Upgrade4G
from unicom_core.usecases.handling.wlan import WlanHandling, new_wlan_password

__all__ = [
    "ATTEMPTS_PER_DAY",
    "DEFAULT_POINTS_RESOURCE",
    "UPGRADE_KIND",
    "BundleChange",
    "CallForwarding",
    "ConversationView",
    "CreditLimitChange",
    "CreditLimitQuote",
    "DataPackOrder",
    "Enrolled",
    "EnrolmentIds",
    "Field",
    "HandledHook",
    "Handler",
    "HandlingContext",
    "HandlingEngine",
    "NetworkAgeUpgrade",
    "OptionalPacks",
    "PlanChange",
    "PlanQueries",
    "PointsRedemption",
    "PointsService",
    "PointsSettings",
    "PointsView",
    "PrimaryNumberChange",
    "RealNameRegistration",
    "RoamingSwitch",
    "ServicesQuery",
    "ServicesView",
    "SharedPlanView",
    "SubscribersService",
    "SupportService",
    "SupportSettings",
    "Switch4g",
    "Upgrade4G",
    "UpgradeState",
    "UpgradeStatus",
    "WlanHandling",
    "default_handlers",
    "default_points_catalogue",
    "held_bundle",
    "masked",
    "move_to_plan",
    "new_wlan_password",
    "offered_packs",
    "optional_param",
    "orderable_pack",
    "param",
    "plan_label",
    "points_account_of",
    "quote_credit_limit",
    "stored_catalog",
    "term_end",
]
