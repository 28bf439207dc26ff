"""Use cases of billing: usage, the bill run, arrears and charge queries (F-CAL, F-QRY-1..3)."""

from __future__ import annotations

from unicom_core.usecases.billing.profiles import (
    BillingProfiles,
)
from unicom_core.usecases.billing.queries import (
    AllowancesView,
    Authorizer,
    BalanceView,
    BillingQueries,
    ChargesView,
    Granted,
)
from unicom_core.usecases.billing.service import (
    ArrearsReport,
    BillingService,
    BillRunReport,
    IngestReport,
    PaymentReceipt,
)

__all__ = [
    "AllowancesView",
    "ArrearsReport",
    "Authorizer",
    "BalanceView",
    "BillRunReport",
    "BillingProfiles",
    "BillingQueries",
    "BillingService",
    "ChargesView",
    "Granted",
    "IngestReport",
    "PaymentReceipt",
]
