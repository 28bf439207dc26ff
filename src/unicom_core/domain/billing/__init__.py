"""The billing area: the billing calendar, usage, rating, bills and bill runs.

The windows of F-CAL-2..4, usage records and allowances, rating and fees, bills and the
monthly bill run (F-QRY-1..3).
"""

from __future__ import annotations

from unicom_core.domain.billing import codes
from unicom_core.domain.billing.bill_runs import (
    BillRun,
    BillRunCompleted,
    BillRunStarted,
    RunStatus,
)
from unicom_core.domain.billing.billing_calendar import (
    BillingCalendar,
    CalendarProfile,
    CalendarSettings,
    MonthInstant,
    PaymentAdvice,
    TimeWindow,
)
from unicom_core.domain.billing.bills import (
    Bill,
    BillIssued,
    BillLine,
    BillPaid,
    BillPayment,
    BillPolicy,
    LineKind,
    bill_id,
    bill_lines,
    compose_bill,
)
from unicom_core.domain.billing.codes import *  # noqa: F403 - the area's error codes, declared once there
from unicom_core.domain.billing.discounts import (
    DiscountGranted,
    DiscountLine,
    DiscountWithdrawn,
    FeeDiscount,
)
from unicom_core.domain.billing.fees import (
    Fee,
    SubscriberCharges,
    charge_cycle,
    discount_lines,
    prorated,
)
from unicom_core.domain.billing.profiles import (
    Adjustment,
    AdjustmentRecorded,
    BillingProfile,
    PackHeld,
    PackHolding,
    PackReleased,
    UpgradeRecorded,
    UpgradeWithdrawn,
)
from unicom_core.domain.billing.rating import (
    Bucket,
    BucketUse,
    ChargeKind,
    DefaultRates,
    Measure,
    OverageTariff,
    RatedUsage,
    Tariff,
    UsageCharge,
    rate,
    tariff_for,
)
from unicom_core.domain.billing.record_fees import RatedEntry, rated_entries
from unicom_core.domain.billing.usage import (
    BYTES_PER_KB,
    KB_PER_MB,
    DetailKind,
    Rejection,
    RejectReason,
    ServiceUse,
    UsageEntry,
    UsageKind,
    UsageRecord,
    UsageSum,
    UsageTotals,
    billable_units,
    check_record,
    detail_window,
    require_detail_window,
)

__all__ = [
    "BYTES_PER_KB",
    "KB_PER_MB",
    "Adjustment",
    "AdjustmentRecorded",
    "Bill",
    "BillIssued",
    "BillLine",
    "BillPaid",
    "BillPayment",
    "BillPolicy",
    "BillRun",
    "BillRunCompleted",
    "BillRunStarted",
    "BillingCalendar",
    "BillingProfile",
    "Bucket",
    "BucketUse",
    "CalendarProfile",
    "CalendarSettings",
    "ChargeKind",
    "DefaultRates",
    "DetailKind",
    "DiscountGranted",
    "DiscountLine",
    "DiscountWithdrawn",
    "Fee",
    "FeeDiscount",
    "LineKind",
    "Measure",
    "MonthInstant",
    "OverageTariff",
    "PackHeld",
    "PackHolding",
    "PackReleased",
    "PaymentAdvice",
    "RatedEntry",
    "RatedUsage",
    "RejectReason",
    "Rejection",
    "RunStatus",
    "ServiceUse",
    "SubscriberCharges",
    "Tariff",
    "TimeWindow",
    "UpgradeRecorded",
    "UpgradeWithdrawn",
    "UsageCharge",
    "UsageEntry",
    "UsageKind",
    "UsageRecord",
    "UsageSum",
    "UsageTotals",
    "bill_id",
    "bill_lines",
    "billable_units",
    "charge_cycle",
    "check_record",
    "compose_bill",
    "detail_window",
    "discount_lines",
    "prorated",
    "rate",
    "rated_entries",
    "require_detail_window",
    "tariff_for",
]
__all__ += codes.__all__
