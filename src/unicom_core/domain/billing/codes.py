"""The error codes of the billing area (its domain, ports and use cases).

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`).
"""

from __future__ import annotations

from unicom_core.errors import AdapterError, Conflict, ErrorCode, InvalidInput, NotFound, Refused

__all__ = [
    "BALANCE_ADJUSTMENT_KEY_REUSED",
    "BALANCE_ADJUSTMENT_UNKNOWN",
    "BALANCE_ADJUST_KIND",
    "BALANCE_ADJUST_REASON",
    "BALANCE_ADJUST_REQUEST",
    "BILLING_ADJUSTMENT",
    "BILLING_ADJUSTMENT_ID",
    "BILLING_CYCLE",
    "BILLING_CYCLE_CLOSED",
    "BILLING_CYCLE_NOT_OVER",
    "BILLING_DETAIL_KIND",
    "BILLING_DETAIL_WINDOW",
    "BILLING_DISCOUNT",
    "BILLING_DISCOUNT_ID",
    "BILLING_FUTURE_CYCLE",
    "BILLING_PACK_ALREADY_HELD",
    "BILLING_PACK_HOLDING",
    "BILLING_PACK_NOT_HELD",
    "BILLING_PAYMENT",
    "BILLING_PROFILE",
    "BILLING_QUERY_BLACKOUT",
    "BILLING_SETTINGS",
    "BILLING_UNKNOWN_ACCOUNT",
    "BILLING_UPGRADE_PAYMENT_PENDING",
    "BILLING_UPGRADE_QUERY_PENDING",
    "BILL_CYCLE",
    "BILL_ID",
    "BILL_LINES",
    "BILL_PAYMENTS",
    "BILL_POLICY",
    "BILL_RATE",
    "BILL_RUN_CLUSTER_UNAVAILABLE",
    "BILL_RUN_COUNT",
    "BILL_RUN_CYCLE",
    "BILL_RUN_ID",
    "BILL_RUN_NOT_PARTITIONED",
    "BILL_RUN_NOT_RUNNING",
    "BILL_RUN_PARTITION",
    "BILL_RUN_PARTITIONED",
    "BILL_RUN_PARTITIONS_OPEN",
    "BILL_RUN_PARTITION_COUNT",
    "BILL_RUN_PARTITION_UNKNOWN",
    "BILL_RUN_SINGLE_PROCESS",
    "CALENDAR_MONTH_INSTANT",
    "CALENDAR_PROFILE",
    "CALENDAR_SETTINGS",
    "RATING_RATE",
    "RATING_TARIFF",
    "USAGE_BATCH",
    "USAGE_DETAIL",
    "USAGE_FEE",
    "USAGE_KIND",
    "USAGE_LIMIT",
    "USAGE_NUMBER",
    "USAGE_QUANTITY",
    "USAGE_RECORD_CONFLICT",
    "USAGE_RECORD_ID",
    "USAGE_REJECTED",
    "USAGE_STARTED_AT",
]

BILL_CYCLE = ErrorCode("bill.cycle", InvalidInput, "{field} has the wrong type", fields=("field",))
BILL_ID = ErrorCode(
    "bill.id", InvalidInput, "a bill's id is '<account id>:<YYYY-MM>'", fields=("field",)
)
BILL_LINES = ErrorCode(
    "bill.lines", InvalidInput, "lines is a tuple of BillLine", fields=("field",)
)
BILL_PAYMENTS = ErrorCode(
    "bill.payments", InvalidInput, "payments is a tuple of BillPayment", fields=("field",)
)
BILL_POLICY = ErrorCode("bill.policy", InvalidInput, "due_day is None or 1..28", fields=("field",))
BILL_RATE = ErrorCode("bill.rate", InvalidInput, "{field} has the wrong type", fields=("field",))
BILL_RUN_COUNT = ErrorCode("bill_run.count", InvalidInput, "{field} is >= 0", fields=("field",))
BILL_RUN_CYCLE = ErrorCode(
    "bill_run.cycle", InvalidInput, "{field} has the wrong type", fields=("field",)
)
BILL_RUN_ID = ErrorCode(
    "bill_run.id", InvalidInput, "a bill run's id is its cycle", fields=("field",)
)
BILL_RUN_NOT_RUNNING = ErrorCode(
    "bill_run.not_running", Refused, "only a running bill run advances"
)
BILL_RUN_PARTITION = ErrorCode(
    "bill_run.partition",
    InvalidInput,
    "{field} of a bill-run partition is invalid",
    fields=("field",),
)
BILL_RUN_PARTITION_COUNT = ErrorCode(
    "bill_run.partition_count",
    InvalidInput,
    "a bill run is split into 1..{maximum} partitions",
    fields=("maximum",),
)
BILL_RUN_PARTITION_UNKNOWN = ErrorCode(
    "bill_run.partition_unknown",
    NotFound,
    "the bill run of {billing_cycle} has no partition {partition_id!r}",
    fields=("billing_cycle", "partition_id"),
)
BILL_RUN_PARTITIONED = ErrorCode(
    "bill_run.partitioned",
    Refused,
    "the bill run of {billing_cycle} is split into partitions: bill them, then finish it",
    fields=("billing_cycle",),
)
BILL_RUN_NOT_PARTITIONED = ErrorCode(
    "bill_run.not_partitioned",
    Refused,
    "the bill run of {billing_cycle} is not split into partitions",
    fields=("billing_cycle",),
)
BILL_RUN_PARTITIONS_OPEN = ErrorCode(
    "bill_run.partitions_open",
    Refused,
    "{open} partitions of the bill run of {billing_cycle} are not billed yet",
    fields=("billing_cycle", "open"),
)
BILL_RUN_SINGLE_PROCESS = ErrorCode(
    "bill_run.single_process",
    Conflict,
    "the bill run of {billing_cycle} has begun in one process; finish it with close_cycle",
    fields=("billing_cycle",),
)
BILL_RUN_CLUSTER_UNAVAILABLE = ErrorCode(
    "bill_run.cluster_unavailable",
    AdapterError,
    "the cluster of the bill run at {address} cannot be reached",
    fields=("address",),
)
BILLING_ADJUSTMENT = ErrorCode(
    "billing.adjustment", InvalidInput, "{field} has the wrong type", fields=("field",)
)
BILLING_ADJUSTMENT_ID = ErrorCode(
    "billing.adjustment_id", Conflict, "this adjustment id is used", fields=("id",)
)
BILLING_CYCLE = ErrorCode("billing.cycle", InvalidInput, "expected a BillingCycle")
BILLING_DISCOUNT = ErrorCode(
    "billing.discount", InvalidInput, "{field} of the fee discount is invalid", fields=("field",)
)
BILLING_DISCOUNT_ID = ErrorCode(
    "billing.discount_id", Conflict, "this fee discount id is used", fields=("id",)
)
BILLING_CYCLE_CLOSED = ErrorCode(
    "billing.cycle_closed",
    Refused,
    "the bill run of {billing_cycle} has begun; it takes no more usage",
    fields=("billing_cycle",),
)
BILLING_CYCLE_NOT_OVER = ErrorCode(
    "billing.cycle_not_over",
    Refused,
    "cycle {billing_cycle} is not over; its bill run can start at {retry_at}",
    fields=("billing_cycle", "retry_at"),
)
BILLING_DETAIL_KIND = ErrorCode(
    "billing.detail_kind", InvalidInput, "not a kind of detailed record"
)
BILLING_DETAIL_WINDOW = ErrorCode(
    "billing.detail_window",
    Refused,
    "{kind} records can be queried for {earliest} to {latest} only, not for {billing_cycle}",
    fields=("billing_cycle", "earliest", "kind", "latest"),
)
BILLING_FUTURE_CYCLE = ErrorCode(
    "billing.future_cycle", InvalidInput, "{billing_cycle} has not begun", fields=("billing_cycle",)
)
BILLING_PACK_ALREADY_HELD = ErrorCode(
    "billing.pack_already_held",
    Conflict,
    "pack {pack_code} is already held then",
    fields=("pack_code",),
)
BILLING_PACK_HOLDING = ErrorCode(
    "billing.pack_holding", InvalidInput, "a pack is held until after it starts", fields=("field",)
)
BILLING_PACK_NOT_HELD = ErrorCode(
    "billing.pack_not_held",
    NotFound,
    "no open holding of pack {pack_code} started before that instant",
    fields=("pack_code",),
)
BILLING_PAYMENT = ErrorCode(
    "billing.payment", InvalidInput, "a payment is a positive amount", fields=("field",)
)
BILLING_PROFILE = ErrorCode(
    "billing.profile", InvalidInput, "packs is a tuple of PackHolding", fields=("field",)
)
BILLING_SETTINGS = ErrorCode(
    "billing.settings", InvalidInput, "{field} has the wrong type", fields=("field",)
)
CALENDAR_MONTH_INSTANT = ErrorCode(
    "calendar.month_instant", InvalidInput, "{field} is an integer out of range", fields=("field",)
)
CALENDAR_PROFILE = ErrorCode(
    "calendar.profile", InvalidInput, "{field} has the wrong type", fields=("field",)
)
CALENDAR_SETTINGS = ErrorCode(
    "calendar.settings", InvalidInput, "{field} is an integer out of range", fields=("field",)
)
RATING_RATE = ErrorCode("rating.rate", InvalidInput, "{field} is Money >= 0", fields=("field",))
RATING_TARIFF = ErrorCode(
    "rating.tariff", InvalidInput, "{field} has the wrong type", fields=("field",)
)
USAGE_BATCH = ErrorCode(
    "usage.batch", InvalidInput, "a batch holds UsageRecord values", optional=("field",)
)
USAGE_DETAIL = ErrorCode(
    "usage.detail", InvalidInput, "{field} has the wrong type", fields=("field",)
)
USAGE_FEE = ErrorCode("usage.fee", InvalidInput, "a fee is Money or None", fields=("field",))
USAGE_KIND = ErrorCode("usage.kind", InvalidInput, "{field} has the wrong type", fields=("field",))
USAGE_LIMIT = ErrorCode("usage.limit", InvalidInput, "a limit is >= 1")
USAGE_NUMBER = ErrorCode(
    "usage.number", InvalidInput, "{field} has the wrong type", fields=("field",)
)
USAGE_QUANTITY = ErrorCode(
    "usage.quantity", InvalidInput, "{field} has the wrong type", fields=("field",)
)
USAGE_RECORD_ID = ErrorCode(
    "usage.record_id", InvalidInput, "{field} has the wrong type", fields=("field",)
)
USAGE_STARTED_AT = ErrorCode(
    "usage.started_at", InvalidInput, "{field} has the wrong type", fields=("field",)
)
BILLING_QUERY_BLACKOUT = ErrorCode(
    "billing.query_blackout",
    Refused,
    "the bill run (days 1-2) is under way: 2G/3G postpaid charges of this and last month "
    "can be queried again once it ends",
    fields=("retry_at",),
    optional=("billing_cycle",),
)
BILLING_UPGRADE_QUERY_PENDING = ErrorCode(
    "billing.upgrade_query_pending",
    Refused,
    "after the upgrade to 4G, charges and usage can be queried again later this month",
    fields=("retry_at",),
    optional=("billing_cycle",),
)
BILLING_UPGRADE_PAYMENT_PENDING = ErrorCode(
    "billing.upgrade_payment_pending",
    Refused,
    "after the upgrade to 4G, the number can be paid for again later this month",
    fields=("retry_at",),
    optional=("billing_cycle",),
)

BALANCE_ADJUST_KIND = ErrorCode(
    "balance.adjust_kind", InvalidInput, "adjustType is credit or debit", fields=("field",)
)

BALANCE_ADJUST_REASON = ErrorCode(
    "balance.adjust_reason",
    InvalidInput,
    "an adjustment needs a reason: 1-200 printable characters",
    fields=("field",),
)

BALANCE_ADJUST_REQUEST = ErrorCode(
    "balance.adjust_request", InvalidInput, "{field} is invalid", fields=("field",)
)

BALANCE_ADJUSTMENT_KEY_REUSED = ErrorCode(
    "balance.adjustment_key_reused",
    Conflict,
    "this key was used for another adjustment; choose a new key",
    fields=("id",),
)

BALANCE_ADJUSTMENT_UNKNOWN = ErrorCode(
    "balance.adjustment_unknown", NotFound, "no balance adjustment {id!r}", fields=("id",)
)

USAGE_RECORD_CONFLICT = ErrorCode(
    "usage.record_conflict",
    Conflict,
    "usage record {record_id} is stored already with other values",
    fields=("record_id",),
)

USAGE_REJECTED = ErrorCode(
    "usage.rejected",
    InvalidInput,
    "usage record {record_id} is refused: {reason}",
    fields=("record_id", "reason"),
)

BILLING_UNKNOWN_ACCOUNT = ErrorCode(
    "billing.unknown_account", NotFound, "no account {id!r}", fields=("id",)
)
