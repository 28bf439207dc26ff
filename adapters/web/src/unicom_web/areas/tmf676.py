"""TMF676 Payment Management v4: the session's payment records, read-only (F-PAY-2).

``GET /paymentManagement/v4/payment`` lists the payments of the session's number, newest
first, and ``.../payment/{id}`` returns one of the session's customer, with the spec's field
names (``fields``, ``offset``, ``limit`` and attribute filters as in every TMF list). The
v4.0.0 swagger's ``basePath`` is ``/paymentManagement/v4/`` (without the ``/tmf-api``
prefix the other TMF APIs carry), so the area serves that path, and the same operations
under ``/tmf-api/paymentManagement/v4`` for clients built on the TMF630 convention (that
alias is left out of the OpenAPI document). Both answer errors as TMF ``Error`` objects:
the app's one error mapping (:mod:`unicom_web.http_errors`) counts the spec's path among
the TMF paths.

The mapping of a payment attempt: its id is ``id`` (and ``correlatorId``); ``name`` its
purpose (``top_up``, ``bill``, ``card_order``, ``auto_debit``); ``status`` the attempt's
(``created``, ``pending``, ``succeeded``, ``failed``, ``refunded``); ``amount`` and
``totalAmount`` what the gateway charged; ``authorizationCode`` the gateway's reference;
``paymentDate`` when it settled (else when it was made); ``account`` the billing account;
``paymentMethod`` the way it was paid (``page``, ``app``, ``mandate``); ``paymentItem``
the product a top-up or card order bought.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import attrs
from litestar import Router

from unicom_core.domain.access import QUERY_BILL
from unicom_core.domain.payments import PAYMENT_UNKNOWN, PaymentAttempt
from unicom_core.domain.shared import Money
from unicom_core.errors import NotFound, UnicomError
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_web.areas import Area
from unicom_web.tmf import Ref, TmfApi, TmfContext, TmfResource, tmf_shape

if TYPE_CHECKING:
    from unicom_core.hall import BusinessHall

__all__ = [
    "API",
    "AREA",
    "BASE_PATH",
    "TMF_BASE_PATH",
    "Payment",
    "PaymentItem",
    "find_payment",
    "payment_body",
]

BASE_PATH = "/paymentManagement/v4"
"""The ``basePath`` of TMF676-Payment-v4.0.0.swagger.json."""
TMF_BASE_PATH = "/tmf-api/paymentManagement/v4"
"""The same operations under the ``/tmf-api`` prefix of TMF630 (not in the schema)."""


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class PaymentItem:
    """What a TMF676 ``Payment`` paid for: the amount and the product offering."""

    amount: Money
    item: Ref
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


def payment_body(attempt: PaymentAttempt, base: str) -> Payment:
    """The TMF676 ``Payment`` of a payment attempt; ``base`` is the API's URL root."""
    when = attempt.settled_at or attempt.created_at
    item = None
    if attempt.product_code is not None:
        product = Ref(id=attempt.product_code, referred_type="ProductOffering")
        item = [PaymentItem(amount=attempt.amount, item=product)]
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
        payment_item=item,
    )


def find_payment(hall: BusinessHall, token: str, payment_id: str) -> PaymentAttempt:
    """A payment of the session's customer; any other id is one ``payment.unknown``.

    The session is checked first (401 before any 404). The core answers an unknown id of
    a payment's form with ``storage.not_found`` and another customer's with
    ``payment.unknown``; both become the latter, so no answer tells them apart (F-AUTH-6).
    """
    hall.access.authorize(token, QUERY_BILL)
    try:
        return hall.payments.payment(token, payment_id)
    except NotFound:
        raise _missing(payment_id) from None


def _missing(payment_id: str) -> UnicomError:
    return PAYMENT_UNKNOWN.error(id=payment_id)


def _payments(context: TmfContext) -> tuple[PaymentAttempt, ...]:
    page = PageRequest(0, MAX_PAGE_LIMIT)
    return tuple(context.hall.payments.records(context.token, page=page).items)


PAYMENT: TmfResource[PaymentAttempt, Payment] = TmfResource(
    path="payment",
    body=Payment,
    load=_payments,
    to_body=lambda attempt, context: payment_body(attempt, context.base),
    find=lambda context, payment_id: find_payment(context.hall, context.token, payment_id),
    missing=_missing,
    list_doc="The payments of the session's number, newest first; other parameters filter.",
    get_doc="One payment of the session's customer; another customer's is not found.",
)

API = TmfApi(tag="TMF676", base_path=BASE_PATH, resources=(PAYMENT,))
"""TMF676: the payments, under the spec's base path."""


def _alias() -> Router:
    return API.router(TMF_BASE_PATH, include_in_schema=False)


AREA = Area(name="tmf676", routers=(API.router, _alias))
"""TMF676 payments, under the spec's base path (and its ``/tmf-api`` alias)."""
