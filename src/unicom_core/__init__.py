"""unicom_core: the domain of a carrier's online self-service business hall.

The public API is re-exported here; the modules behind it are documented in the
reference. Feature numbers (``F-AUTH-5``) refer to the project's mission.
"""

from __future__ import annotations

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.bill_runs import BillRun, RunStatus
from unicom_core.domain.billing_calendar import (
    BillingCalendar,
    CalendarProfile,
    CalendarSettings,
    MonthInstant,
    PaymentAdvice,
    TimeWindow,
)
from unicom_core.domain.billing_profiles import Adjustment, BillingProfile, PackHolding
from unicom_core.domain.bills import Bill, BillLine, BillPolicy, LineKind
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
from unicom_core.domain.credentials import (
    CodePolicy,
    CodePurpose,
    LockoutPolicy,
    LoginCredential,
    ServicePassword,
    Session,
    SessionPolicy,
    ThirdParty,
    WeakRule,
)
from unicom_core.domain.events import DomainEvent
from unicom_core.domain.invoices import Invoice, InvoiceKind, InvoiceNumber
from unicom_core.domain.mandates import AutoDebit, Mandate, RetrySchedule
from unicom_core.domain.money import CNY, Money, Rate
from unicom_core.domain.payment_values import (
    PaymentAction,
    PaymentMethod,
    PaymentOutcome,
    PaymentPurpose,
    PaymentStatus,
)
from unicom_core.domain.payments import PaymentAttempt
from unicom_core.domain.permissions import (
    DEFAULT_POLICY,
    Capability,
    CredentialKind,
    Grant,
    PolicyTable,
    authorize,
)
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
from unicom_core.domain.rating import DefaultRates, RatedUsage, Tariff
from unicom_core.domain.recharge_cards import BatchKind, RechargeCard, RechargeCardBatch
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
from unicom_core.domain.usage import (
    DetailKind,
    Rejection,
    RejectReason,
    UsageEntry,
    UsageKind,
    UsageRecord,
    UsageTotals,
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
from unicom_core.hall import BillCycleReport, BusinessHall
from unicom_core.ports.captcha import Captcha, CaptchaAnswer, CaptchaChallenge
from unicom_core.ports.catalog import CatalogSource
from unicom_core.ports.clock import Clock
from unicom_core.ports.hashing import PasswordHasher
from unicom_core.ports.invoicing import Invoicing
from unicom_core.ports.messaging import MessageSender
from unicom_core.ports.oauth import OAuthProvider
from unicom_core.ports.payments import (
    ChargeRequest,
    GatewayNotification,
    GatewayResult,
    PaymentGateway,
    RefundRequest,
)
from unicom_core.ports.storage import Page, PageRequest, Storage, UnitOfWork
from unicom_core.ports.usage import UsageBatch, UsageFeed
from unicom_core.usecases.access import (
    AccessService,
    AccessSettings,
    Authorized,
    CodeSent,
    LoginResult,
)
from unicom_core.usecases.billing import (
    ArrearsReport,
    BillingService,
    BillingSettings,
    BillRunReport,
    IngestReport,
    PaymentReceipt,
)
from unicom_core.usecases.billing_queries import AllowancesView, BalanceView, ChargesView
from unicom_core.usecases.payment_areas import PaymentSettings
from unicom_core.usecases.payments import PaymentResult
from unicom_core.usecases.profile import BasicInfo, ProfileService

__all__ = [
    "CNY",
    "DEFAULT_POLICY",
    "SHANGHAI",
    "AccessService",
    "AccessSettings",
    "Account",
    "AccountId",
    "AdapterError",
    "Adjustment",
    "Allowances",
    "AllowancesView",
    "ArrearsReport",
    "Authorized",
    "AutoDebit",
    "BalanceView",
    "BasicInfo",
    "BatchKind",
    "Bill",
    "BillCycleReport",
    "BillLine",
    "BillPolicy",
    "BillRun",
    "BillRunReport",
    "BillingCalendar",
    "BillingCycle",
    "BillingProfile",
    "BillingService",
    "BillingSettings",
    "BroadbandAccount",
    "Bundle",
    "BundleChangePlan",
    "BundleComparison",
    "BusinessHall",
    "CalendarProfile",
    "CalendarSettings",
    "Capability",
    "Captcha",
    "CaptchaAnswer",
    "CaptchaChallenge",
    "Carrier",
    "Catalog",
    "CatalogId",
    "CatalogSource",
    "ChangeKind",
    "ChangePolicy",
    "ChangeTiming",
    "Channel",
    "ChargeRequest",
    "ChargesView",
    "Clock",
    "CodePolicy",
    "CodePurpose",
    "CodeSent",
    "ComboPlan",
    "Conflict",
    "CredentialKind",
    "Customer",
    "CustomerId",
    "DefaultRates",
    "DetailKind",
    "DomainEvent",
    "EffectiveWindow",
    "EmailAddress",
    "FixedLineNumber",
    "GatewayNotification",
    "GatewayResult",
    "Goods",
    "Grant",
    "IngestReport",
    "InvalidInput",
    "Invoice",
    "InvoiceKind",
    "InvoiceNumber",
    "Invoicing",
    "LineKind",
    "LockoutPolicy",
    "LoginCredential",
    "LoginIdentifier",
    "LoginResult",
    "LoginType",
    "Mandate",
    "MessageSender",
    "MobileNumber",
    "Money",
    "MonthInstant",
    "NetworkAge",
    "NetworkGeneration",
    "NotFound",
    "OAuthProvider",
    "Offer",
    "Pack",
    "PackChange",
    "PackHolding",
    "PackKind",
    "Page",
    "PageRequest",
    "PasswordHasher",
    "PaymentAction",
    "PaymentAdvice",
    "PaymentAttempt",
    "PaymentFailed",
    "PaymentGateway",
    "PaymentMethod",
    "PaymentMode",
    "PaymentOutcome",
    "PaymentPurpose",
    "PaymentReceipt",
    "PaymentResult",
    "PaymentSettings",
    "PaymentStatus",
    "Plan",
    "PolicyTable",
    "PriceRule",
    "ProductKind",
    "ProfileService",
    "Quote",
    "Rate",
    "RatedUsage",
    "RealNameStatus",
    "RechargeCard",
    "RechargeCardBatch",
    "RefundRequest",
    "Refused",
    "RejectReason",
    "Rejection",
    "ResidentId",
    "RetrySchedule",
    "RunStatus",
    "SegmentRule",
    "ServiceKind",
    "ServiceNumber",
    "ServicePassword",
    "Session",
    "SessionPolicy",
    "Sex",
    "Storage",
    "Subscriber",
    "SubscriberId",
    "SubscriberStatus",
    "Tariff",
    "ThirdParty",
    "TimeWindow",
    "UnicomError",
    "UnitOfWork",
    "UsageBatch",
    "UsageEntry",
    "UsageFeed",
    "UsageKind",
    "UsageRecord",
    "UsageTotals",
    "WeakRule",
    "add_months",
    "authorize",
    "bootstrap",
    "classify",
    "new_id",
    "parse_login_identifier",
    "to_shanghai",
]
