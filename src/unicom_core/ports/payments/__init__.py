"""What payments need from outside: the payment gateway, invoicing, and payment storage (F-PAY)."""

from __future__ import annotations

from unicom_core.ports.payments.gateway import (
    ChargeRequest,
    GatewayNotification,
    GatewayResult,
    PaymentGateway,
    RefundRequest,
)
from unicom_core.ports.payments.invoicing import (
    InvoiceRequest,
    Invoicing,
)
from unicom_core.ports.payments.storage import (
    AutoDebitRepository,
    InvoiceRepository,
    MandateRepository,
    PaymentAttemptRepository,
    PaymentRepositories,
    PaymentStorage,
    PaymentUnitOfWork,
    RechargeCardBatchRepository,
    RechargeCardRepository,
)

__all__ = [
    "AutoDebitRepository",
    "ChargeRequest",
    "GatewayNotification",
    "GatewayResult",
    "InvoiceRepository",
    "InvoiceRequest",
    "Invoicing",
    "MandateRepository",
    "PaymentAttemptRepository",
    "PaymentGateway",
    "PaymentRepositories",
    "PaymentStorage",
    "PaymentUnitOfWork",
    "RechargeCardBatchRepository",
    "RechargeCardRepository",
    "RefundRequest",
]
