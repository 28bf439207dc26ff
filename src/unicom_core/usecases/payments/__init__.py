"""The payments area's use cases: top-ups, bill payments, cards, auto-debit, invoices.

And the reconciler that settles open attempts (F-PAY-1..3, F-QRY-6).
"""

from __future__ import annotations

from unicom_core.usecases.payments.areas import (
    PaymentAreas,
    payment_areas,
)
from unicom_core.usecases.payments.auto_debit import (
    AutoDebitReport,
    AutoDebitService,
)
from unicom_core.usecases.payments.bill_collection import (
    bill_amount,
    check_asked,
    check_charge,
    collected,
    collecting,
    reusable,
    start,
    stop,
)
from unicom_core.usecases.payments.engine import (
    PaymentEngine,
    ReconcileReport,
    require_purpose,
)
from unicom_core.usecases.payments.fulfilment import (
    Fulfilment,
    card_order_item,
)
from unicom_core.usecases.payments.invoices import (
    InvoiceService,
)
from unicom_core.usecases.payments.recharge_cards import (
    IssuedBatch,
    RechargeCardService,
    Redemption,
    RevealedCard,
)
from unicom_core.usecases.payments.service import (
    PaymentResult,
    PaymentsService,
    catalog_quote,
)

__all__ = [
    "AutoDebitReport",
    "AutoDebitService",
    "Fulfilment",
    "InvoiceService",
    "IssuedBatch",
    "PaymentAreas",
    "PaymentEngine",
    "PaymentResult",
    "PaymentsService",
    "RechargeCardService",
    "ReconcileReport",
    "Redemption",
    "RevealedCard",
    "bill_amount",
    "card_order_item",
    "catalog_quote",
    "check_asked",
    "check_charge",
    "collected",
    "collecting",
    "payment_areas",
    "require_purpose",
    "reusable",
    "start",
    "stop",
]
