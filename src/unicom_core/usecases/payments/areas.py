"""The payment areas of the hall, wired together (F-PAY-1..3, F-QRY-6).

:func:`payment_areas` builds the four areas around one
:class:`~unicom_core.usecases.payments.engine.PaymentEngine`: ``payments`` (top-ups, bill
payments, notifications, the reconciler), ``recharge_cards``, ``invoices`` and
``auto_debit``; a refund that succeeds cancels the payment's invoice by a red-letter one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from unicom_core.usecases.payments._support import PaymentSettings
from unicom_core.usecases.payments.auto_debit import AutoDebitService
from unicom_core.usecases.payments.engine import PaymentEngine
from unicom_core.usecases.payments.invoices import InvoiceService
from unicom_core.usecases.payments.recharge_cards import RechargeCardService
from unicom_core.usecases.payments.service import PaymentsService

if TYPE_CHECKING:
    from unicom_core.ports.payments import Invoicing, PaymentGateway, PaymentStorage
    from unicom_core.ports.shared import Clock
    from unicom_core.usecases.payments._support import Authorizer, BillPayments

__all__ = ["PaymentAreas", "payment_areas"]


@attrs.frozen(slots=True)
class PaymentAreas:
    """The four payment areas of a hall."""

    payments: PaymentsService
    recharge_cards: RechargeCardService
    invoices: InvoiceService
    auto_debit: AutoDebitService


def payment_areas(  # noqa: PLR0913 - the ports of the payment areas, by keyword
    storage: PaymentStorage,
    clock: Clock,
    gateway: PaymentGateway,
    invoicing: Invoicing,
    *,
    authorizer: Authorizer,
    bills: BillPayments | None = None,
    settings: PaymentSettings | None = None,
) -> PaymentAreas:
    """Wire the payment areas to their ports; ``bills`` is the billing area (``hall.billing``)."""
    chosen = settings if settings is not None else PaymentSettings()
    plain = PaymentEngine(storage, clock, gateway, chosen)
    invoices = InvoiceService(plain, invoicing, authorizer=authorizer)
    engine = PaymentEngine(
        storage, clock, gateway, chosen, bills=bills, on_refunded=invoices.red_letter
    )
    return PaymentAreas(
        payments=PaymentsService(engine, authorizer=authorizer, bills=bills),
        recharge_cards=RechargeCardService(engine, authorizer=authorizer, bills=bills),
        invoices=invoices,
        auto_debit=AutoDebitService(engine, authorizer=authorizer),
    )
