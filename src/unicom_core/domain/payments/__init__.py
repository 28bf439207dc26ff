"""The payments area: payment attempts, mandates, recharge cards and e-invoices.

Attempts and their outcomes (F-PAY-1..3), bank-card mandates and auto-debits (F-PAY-2),
recharge cards (F-PAY-1) and electronic invoices (F-QRY-6).
"""

from __future__ import annotations

from unicom_core.domain.payments import codes
from unicom_core.domain.payments.attempts import (
    PaymentAttempt,
    attempt_id,
    refund_id,
    request_digest,
)
from unicom_core.domain.payments.codes import *  # noqa: F403 - the area's error codes, declared once there
from unicom_core.domain.payments.events import (
    PaymentAttemptCreated,
    PaymentAttemptFailed,
    PaymentAttemptPending,
    PaymentAttemptSucceeded,
    PaymentFulfilled,
    PaymentNotificationRejected,
    PaymentRefunded,
    PaymentRefundFailed,
    PaymentRefundRequested,
)
from unicom_core.domain.payments.invoices import (
    INVOICE_ISSUER,
    Invoice,
    InvoiceIssued,
    InvoiceKind,
    InvoiceNumber,
    InvoiceStatus,
    invoice_id,
    red_invoice_id,
)
from unicom_core.domain.payments.mandates import (
    AutoDebit,
    AutoDebitStatus,
    Mandate,
    MandateCancelled,
    MandateSigned,
    MandateStatus,
    RetrySchedule,
    auto_debit_id,
    card_fingerprint,
    mask_card,
)
from unicom_core.domain.payments.recharge_cards import (
    SECRET_LENGTH,
    BatchKind,
    CardStatus,
    RechargeCard,
    RechargeCardBatch,
    RechargeCardRedeemed,
    RechargeCardsIssued,
    card_serial,
    check_secret,
    secret_digest,
)
from unicom_core.domain.payments.stages import (
    CANCELLED_REASON,
    EXPIRED_REASON,
    PaymentStage,
    payment_stage,
)
from unicom_core.domain.payments.values import (
    ActionKind,
    PaymentAction,
    PaymentMethod,
    PaymentOutcome,
    PaymentPurpose,
    PaymentStatus,
    Refund,
    RefundStatus,
    check_key,
    check_positive,
)

__all__ = [
    "CANCELLED_REASON",
    "EXPIRED_REASON",
    "INVOICE_ISSUER",
    "SECRET_LENGTH",
    "ActionKind",
    "AutoDebit",
    "AutoDebitStatus",
    "BatchKind",
    "CardStatus",
    "Invoice",
    "InvoiceIssued",
    "InvoiceKind",
    "InvoiceNumber",
    "InvoiceStatus",
    "Mandate",
    "MandateCancelled",
    "MandateSigned",
    "MandateStatus",
    "PaymentAction",
    "PaymentAttempt",
    "PaymentAttemptCreated",
    "PaymentAttemptFailed",
    "PaymentAttemptPending",
    "PaymentAttemptSucceeded",
    "PaymentFulfilled",
    "PaymentMethod",
    "PaymentNotificationRejected",
    "PaymentOutcome",
    "PaymentPurpose",
    "PaymentRefundFailed",
    "PaymentRefundRequested",
    "PaymentRefunded",
    "PaymentStage",
    "PaymentStatus",
    "RechargeCard",
    "RechargeCardBatch",
    "RechargeCardRedeemed",
    "RechargeCardsIssued",
    "Refund",
    "RefundStatus",
    "RetrySchedule",
    "attempt_id",
    "auto_debit_id",
    "card_fingerprint",
    "card_serial",
    "check_key",
    "check_positive",
    "check_secret",
    "invoice_id",
    "mask_card",
    "payment_stage",
    "red_invoice_id",
    "refund_id",
    "request_digest",
    "secret_digest",
]
__all__ += codes.__all__
