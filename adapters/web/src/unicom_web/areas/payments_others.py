"""Paying for another number (代充/代缴) on the web: confirm the number, then pay (F-PAY-1).

``hall.payments.others`` does the work (:mod:`unicom_core.usecases.payments.others`): any
number of this carrier's segments may be topped up or have its bill paid by anyone logged
in; another carrier's number is refused as such (``payment.other_carrier``, "不是联通号码"),
not as an unknown one. The pages ask first and pay second: the top-up form (or the bill
form) names a number that is not the session's own, and the next page shows that number and
its holder's masked name (``张*``), never more (not what the holder owes: the payer names
the amount), with the confirm button; only that form pays, under the idempotency key drawn
when it was shown. The payer gets the receipt (the payment's page), the holder the credit.

The JSON API: ``POST /api/v1/payees`` (the lookup, counted per payer per day),
``POST /api/v1/payments/others/top-ups`` and ``POST /api/v1/payments/others/bill-payments``.
"""

from __future__ import annotations

from typing import Any

import attrs
from litestar import Request, post
from litestar.params import JSONBody
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_201_CREATED

from unicom_core.domain.catalog import ProductKind
from unicom_core.domain.payments import PaymentMethod
from unicom_core.errors import UnicomError
from unicom_core.usecases.payments import Payee
from unicom_web.amounts import FenAmount
from unicom_web.areas.forms import Form, field
from unicom_web.areas.payments_api import PAYING, IdempotencyKey, PaymentReceipt, require_key
from unicom_web.areas.payments_api import answer as paid_answer
from unicom_web.areas.payments_pages import (
    after_payment,
    confirm_page,
    offers_of,
    problem_or_raise,
    return_url,
    yuan,
)
from unicom_web.bodies import PROBLEMS, ConvertedResponse
from unicom_web.deps import Hall, Settings, Token
from unicom_web.security import checked_return_url

__all__ = ["API", "PAGES", "OtherBillPayment", "OtherTopUp", "PayeeLookup"]

_TAGS = ["payments"]


@attrs.frozen(slots=True)
class PayeeLookup:
    """A number of this carrier to pay for; the answer shows its holder's masked name."""

    number: str


@attrs.frozen(slots=True)
class OtherTopUp:
    """Top up any number of this carrier (代充) with a top-up product."""

    number: str
    product_code: str
    idempotency_key: str | None = None
    method: PaymentMethod = PaymentMethod.PAGE
    return_url: str | None = None


@attrs.frozen(slots=True)
class OtherBillPayment:
    """Pay the bill of any number of this carrier (代缴); a stranger names ``amount_fen``."""

    number: str
    amount_fen: FenAmount | None = None
    idempotency_key: str | None = None
    method: PaymentMethod = PaymentMethod.PAGE
    return_url: str | None = None


@post(
    "/payees",
    tags=_TAGS,
    summary="Look up a number to pay for: its holder's masked name",
    sync_to_thread=True,
    status_code=HTTP_201_CREATED,
    responses=PROBLEMS,
)
def lookup(data: JSONBody[PayeeLookup], hall: Hall, token: Token) -> Payee:
    """The number and its holder's masked name (张*); counted per payer per day (F-PAY-1)."""
    return hall.payments.others.payee(token, data.number)


@post(
    "/payments/others/top-ups",
    tags=_TAGS,
    summary="Top up another number of this carrier",
    sync_to_thread=True,
    status_code=HTTP_201_CREATED,
    responses=PAYING,
)
def top_up_other(
    data: JSONBody[OtherTopUp],
    hall: Hall,
    token: Token,
    web_settings: Settings,
    idempotency_key: IdempotencyKey = None,
) -> ConvertedResponse[PaymentReceipt]:
    """Top up any number of this carrier; the holder gets the face value (F-PAY-1)."""
    result = hall.payments.others.top_up(
        token,
        data.number,
        data.product_code,
        idempotency_key=require_key(idempotency_key, data.idempotency_key),
        method=data.method,
        return_url=checked_return_url(data.return_url, web_settings),
    )
    return paid_answer(result)


@post(
    "/payments/others/bill-payments",
    tags=_TAGS,
    summary="Pay the bill of another number of this carrier",
    sync_to_thread=True,
    status_code=HTTP_201_CREATED,
    responses=PAYING,
)
def pay_bill_other(
    data: JSONBody[OtherBillPayment],
    hall: Hall,
    token: Token,
    web_settings: Settings,
    idempotency_key: IdempotencyKey = None,
) -> ConvertedResponse[PaymentReceipt]:
    """Pay the bill of any number of this carrier; the holder's account gets it (F-PAY-1)."""
    result = hall.payments.others.pay_bill(
        token,
        data.number,
        idempotency_key=require_key(idempotency_key, data.idempotency_key),
        amount=None if data.amount_fen is None else data.amount_fen.money,
        method=data.method,
        return_url=checked_return_url(data.return_url, web_settings),
    )
    return paid_answer(result)


API = (lookup, top_up_other, pay_bill_other)
"""The endpoints of paying for another number, mounted under ``/api/v1``."""


@post("/top-up/others", include_in_schema=False, sync_to_thread=True)
def top_up_confirmed(
    request: Request[Any, Any, Any], data: Form, hall: Hall, token: Token, web_settings: Settings
) -> Template | Redirect:
    """The confirmed top-up of another number: on to the cashier (or the payment's page)."""
    values = {name: field(data, name) for name in ("number", "product_code", "masked_name")}
    try:
        result = hall.payments.others.top_up(
            token,
            values["number"],
            values["product_code"],
            idempotency_key=field(data, "idempotency_key"),
            return_url=return_url(request),
        )
    except UnicomError as error:
        offers = offers_of(hall, web_settings, ProductKind.TOP_UP)
        offer = next((o for o in offers if o.product.code == values["product_code"]), None)
        payee = Payee(values["number"], values["masked_name"], own=False)
        return confirm_page(
            request,
            payee,
            purpose="top_up",
            key=field(data, "idempotency_key"),
            values=values,
            offer=offer,
            problem=problem_or_raise(error),
        )
    return after_payment(result)


@post("/bill-payment/others", include_in_schema=False, sync_to_thread=True)
def bill_confirmed(
    request: Request[Any, Any, Any], data: Form, hall: Hall, token: Token
) -> Template | Redirect:
    """The confirmed bill payment of another number, for the amount the payer typed."""
    values = {name: field(data, name) for name in ("number", "amount", "masked_name")}
    try:
        result = hall.payments.others.pay_bill(
            token,
            values["number"],
            idempotency_key=field(data, "idempotency_key"),
            amount=yuan(values["amount"], request),
            return_url=return_url(request),
        )
    except UnicomError as error:
        payee = Payee(values["number"], values["masked_name"], own=False)
        return confirm_page(
            request,
            payee,
            purpose="bill",
            key=field(data, "idempotency_key"),
            values=values,
            problem=problem_or_raise(error),
        )
    return after_payment(result)


PAGES = (top_up_confirmed, bill_confirmed)
"""The confirmed payments of another number (the confirmation is shown by the forms)."""
