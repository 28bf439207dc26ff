"""TMF676 bodies as this hall writes them: payments and their mapping (F-PAY-2).

The mapping of a payment attempt: its id is ``id`` (and ``correlatorId``); ``name`` its
purpose (``top_up``, ``bill``, ``card_order``, ``auto_debit``); ``status`` the attempt's
(``created``, ``pending``, ``succeeded``, ``failed``, ``refunded``); ``amount`` and
``totalAmount`` what was paid; ``authorizationCode`` the gateway's reference (a recorded
payment's: the voucher its system sent); ``paymentDate`` when it settled (else when it was
made); ``account`` the billing account; ``paymentMethod`` the way it was paid (``page``,
``app``, ``mandate``, or ``recorded`` for money taken elsewhere, the channel in its
``description``); ``paymentItem`` the product a top-up or card order bought, or the bills
a recorded payment named.
"""

from __future__ import annotations

from datetime import datetime

import attrs

from unicom_core.domain.payments import PaymentAttempt, PaymentMethod
from unicom_core.domain.shared import Money
from unicom_web.tmf import Ref, tmf_shape

__all__ = ["BASE_PATH", "TMF_BASE_PATH", "Payment", "PaymentItem", "payment_body"]

BASE_PATH = "/paymentManagement/v4"
"""The ``basePath`` of TMF676-Payment-v4.0.0.swagger.json."""
TMF_BASE_PATH = "/tmf-api/paymentManagement/v4"
"""The same operations under the ``/tmf-api`` prefix of TMF630 (not in the schema)."""


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class PaymentItem:
    """What a TMF676 ``Payment`` paid for: the amount and the product offering."""

    item: Ref
    amount: Money | None = None
    type_: str = "PaymentItem"


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class Payment:
    """A TMF676 ``Payment`` as this hall fills it."""

    id: str
    href: str
    name: str | None = None
    description: str | None = None
    correlator_id: str | None = None
    authorization_code: str | None = None
    payment_date: datetime | None = None
    status: str | None = None
    status_date: datetime | None = None
    account: Ref | None = None
    amount: Money | None = None
    total_amount: Money | None = None
    payment_method: Ref | None = None
    payment_item: list[PaymentItem] | None = None
    type_: str = "Payment"


def _items(attempt: PaymentAttempt) -> list[PaymentItem] | None:
    """What a payment paid for: a product bought, or the bills a recorded payment named."""
    if attempt.product_code is not None:
        product = Ref(id=attempt.product_code, referred_type="ProductOffering")
        return [PaymentItem(amount=attempt.amount, item=product)]
    if attempt.method is PaymentMethod.RECORDED and attempt.item_id:
        bills = attempt.item_id.split(",")
        return [PaymentItem(item=Ref(id=bill, referred_type="CustomerBill")) for bill in bills]
    return None


def payment_body(attempt: PaymentAttempt, base: str) -> Payment:
    """The TMF676 ``Payment`` of a payment attempt; ``base`` is the API's URL root."""
    when = attempt.settled_at or attempt.created_at
    return Payment(
        id=attempt.id,
        href=f"{base}/payment/{attempt.id}",
        name=attempt.purpose.value,
        description=attempt.subject,
        correlator_id=attempt.id,
        authorization_code=attempt.reference,
        payment_date=when,
        status=attempt.status.value,
        status_date=attempt.fulfilled_at or when,
        account=Ref(id=attempt.account_id, referred_type="BillingAccount"),
        amount=attempt.amount,
        total_amount=attempt.amount,
        payment_method=Ref(
            id=attempt.method.value,
            name=attempt.method.value,
            description=attempt.gateway,
            type_="PaymentMethodRef",
            referred_type="PaymentMethod",
        ),
        payment_item=_items(attempt),
    )
