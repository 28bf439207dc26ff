"""unicom_core: the domain of a carrier's online self-service business hall.

The public API is re-exported here; the modules behind it are documented in the
reference. Feature numbers (``F-AUTH-5``) refer to the project's mission.
"""

from __future__ import annotations

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.bundle_changes import BundleChangePlan, PackChange
from unicom_core.domain.bundles import Bundle, BundleComparison
from unicom_core.domain.calendar import SHANGHAI, BillingCycle, add_months, to_shanghai
from unicom_core.domain.catalog import (
    Allowances,
    Catalog,
    CatalogId,
    ChangeKind,
    ChangePolicy,
    ChangeTiming,
    Channel,
    ComboPlan,
    EffectiveWindow,
    Goods,
    Offer,
    Pack,
    PackKind,
    Plan,
    PriceRule,
    ProductKind,
    Quote,
)
from unicom_core.domain.events import DomainEvent
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
from unicom_core.domain.subscribers import (
    Account,
    AccountId,
    Customer,
    CustomerId,
    NetworkAge,
    NetworkGeneration,
    PaymentMode,
    RealNameStatus,
    ServiceKind,
    ServiceNumber,
    Subscriber,
    SubscriberId,
    SubscriberStatus,
    new_id,
)
from unicom_core.errors import (
    AdapterError,
    Conflict,
    InvalidInput,
    NotFound,
    PaymentFailed,
    Refused,
    UnicomError,
)
from unicom_core.hall import BusinessHall
from unicom_core.ports.catalog import CatalogSource
from unicom_core.ports.clock import Clock
from unicom_core.ports.storage import Page, PageRequest, Storage, UnitOfWork

__all__ = [
    "CNY",
    "SHANGHAI",
    "Account",
    "AccountId",
    "AdapterError",
    "Allowances",
    "BillingCycle",
    "BroadbandAccount",
    "Bundle",
    "BundleChangePlan",
    "BundleComparison",
    "BusinessHall",
    "Carrier",
    "Catalog",
    "CatalogId",
    "CatalogSource",
    "ChangeKind",
    "ChangePolicy",
    "ChangeTiming",
    "Channel",
    "Clock",
    "ComboPlan",
    "Conflict",
    "Customer",
    "CustomerId",
    "DomainEvent",
    "EffectiveWindow",
    "EmailAddress",
    "FixedLineNumber",
    "Goods",
    "InvalidInput",
    "LoginIdentifier",
    "LoginType",
    "MobileNumber",
    "Money",
    "NetworkAge",
    "NetworkGeneration",
    "NotFound",
    "Offer",
    "Pack",
    "PackChange",
    "PackKind",
    "Page",
    "PageRequest",
    "PaymentFailed",
    "PaymentMode",
    "Plan",
    "PriceRule",
    "ProductKind",
    "Quote",
    "Rate",
    "RealNameStatus",
    "Refused",
    "ResidentId",
    "SegmentRule",
    "ServiceKind",
    "ServiceNumber",
    "Sex",
    "Storage",
    "Subscriber",
    "SubscriberId",
    "SubscriberStatus",
    "UnicomError",
    "UnitOfWork",
    "add_months",
    "bootstrap",
    "classify",
    "new_id",
    "parse_login_identifier",
    "to_shanghai",
]
