"""Use cases of billing: usage, the bill run, arrears and charge queries (F-CAL, F-QRY-1..3).

:class:`BillingService` (``hall.billing``) is composed of :class:`UsageIntake`,
:class:`BillRunner`, :class:`BillingAccounts`, :class:`BillingProfiles` and
:class:`BillingQueries`.
"""

from __future__ import annotations

from unicom_core.usecases.billing.accounts import (
    ArrearsReport,
    BillingAccounts,
    PaymentReceipt,
)
from unicom_core.usecases.billing.adjustments import (
    AdjustKind,
    AdjustmentRequest,
    BalanceAdjustment,
    BalanceAdjustments,
    account_holder,
    unknown_adjustment,
)
from unicom_core.usecases.billing.balances import (
    BalanceReads,
    NumberBalance,
)
from unicom_core.usecases.billing.bill_run import (
    BillRunner,
    BillRunReport,
)
from unicom_core.usecases.billing.details import DetailsView
from unicom_core.usecases.billing.history import (
    HISTORY_MONTHS,
    MOST_MONTHS,
    BillingHistory,
    ChargesHistory,
    MonthCharges,
)
from unicom_core.usecases.billing.home import (
    BillingHome,
    HomeView,
)
from unicom_core.usecases.billing.partitions import (
    PartitionedRun,
    PartitionPlan,
    PartitionReport,
)
from unicom_core.usecases.billing.profiles import (
    BillingProfiles,
)
from unicom_core.usecases.billing.queries import (
    AllowancesView,
    BalanceView,
    BillingQueries,
    BillingReader,
    ChargesView,
    SubscriberFigures,
)
from unicom_core.usecases.billing.service import (
    BillingService,
)
from unicom_core.usecases.billing.settings import (
    BillingSettings,
)
from unicom_core.usecases.billing.usage import (
    IngestReport,
    UsageIntake,
)
from unicom_core.usecases.billing.usage_posting import (
    PostedUsage,
    UsagePosting,
    audit_operator,
)
from unicom_core.usecases.billing.usage_window import (
    UsageWindow,
    UsageWindows,
)

__all__ = [
    "HISTORY_MONTHS",
    "MOST_MONTHS",
    "AdjustKind",
    "AdjustmentRequest",
    "AllowancesView",
    "ArrearsReport",
    "BalanceAdjustment",
    "BalanceAdjustments",
    "BalanceReads",
    "BalanceView",
    "BillRunReport",
    "BillRunner",
    "BillingAccounts",
    "BillingHistory",
    "BillingHome",
    "BillingProfiles",
    "BillingQueries",
    "BillingReader",
    "BillingService",
    "BillingSettings",
    "ChargesHistory",
    "ChargesView",
    "DetailsView",
    "HomeView",
    "IngestReport",
    "MonthCharges",
    "NumberBalance",
    "PartitionPlan",
    "PartitionReport",
    "PartitionedRun",
    "PaymentReceipt",
    "PostedUsage",
    "SubscriberFigures",
    "UsageIntake",
    "UsagePosting",
    "UsageWindow",
    "UsageWindows",
    "account_holder",
    "audit_operator",
    "unknown_adjustment",
]
