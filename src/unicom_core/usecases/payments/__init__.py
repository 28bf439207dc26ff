"""The payments area's use cases: top-ups, bill payments, cards, auto-debit, invoices.

And the reconciler that settles open attempts (F-PAY-1..3, F-QRY-6).
"""

from __future__ import annotations

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
from unicom_core.usecases.payments.charging import PaymentResult
from unicom_core.usecases.payments.engine import (
    PaymentEngine,
    ReconcileReport,
    require_purpose,
)
from unicom_core.usecases.payments.fulfilment import (
    Fulfilment,
    PurposeHooks,
    TopUpHook,
    card_order_item,
)
from unicom_core.usecases.payments.invoices import (
    InvoiceService,
)
from unicom_core.usecases.payments.needs import (
    BillPayments,
    Pricing,
)
from unicom_core.usecases.payments.others import OtherNumberPayments, Payee
from unicom_core.usecases.payments.pricing import (
    PriceAsk,
    PriceHook,
    PriceHooks,
    catalog_quote,
)
from unicom_core.usecases.payments.recharge_cards import (
    IssuedBatch,
    RechargeCardService,
    Redemption,
    RevealedCard,
    reveal_cards,
)
from unicom_core.usecases.payments.recorded import (
    RECORDED,
    RecordedPaymentRequest,
    RecordedPayments,
)
from unicom_core.usecases.payments.service import (
    PaymentsService,
)
from unicom_core.usecases.payments.settings import (
    PaymentSettings,
)

__all__ = [
    "RECORDED",
    "AutoDebitReport",
    "AutoDebitService",
    "BillPayments",
    "Fulfilment",
    "InvoiceService",
    "IssuedBatch",
    "OtherNumberPayments",
    "Payee",
    "PaymentEngine",
    "PaymentResult",
    "PaymentSettings",
    "PaymentsService",
    "PriceAsk",
    "PriceHook",
    "PriceHooks",
    "Pricing",
    "PurposeHooks",
    "RechargeCardService",
    "ReconcileReport",
    "RecordedPaymentRequest",
    "RecordedPayments",
    "Redemption",
    "RevealedCard",
    "TopUpHook",
    "bill_amount",
    "card_order_item",
    "catalog_quote",
    "check_asked",
    "check_charge",
    "collected",
    "collecting",
    "require_purpose",
    "reusable",
    "reveal_cards",
    "start",
    "stop",
]
