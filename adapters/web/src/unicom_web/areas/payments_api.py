"""The JSON endpoints of top-ups, bill payments, payment records and notifications (F-PAY).

Every payment is ``hall.payments``': it checks the session (F-AUTH-5, F-AUTH-6), prices a
top-up from the catalogue (F-SHOP-4), refuses a bill payment before 08:00 on the 2nd in a
4G upgrade month (F-CAL-4, a 403 problem with ``retry_at``) and warns about one in a
bill-generation window (F-CAL-2, the receipt's ``warning``). Each call carries the caller's
**idempotency key**, in the ``Idempotency-Key`` header or the body's ``idempotency_key``:
the same key again answers the first call's payment (``duplicate: true``) and never charges
twice (F-PAY-3).

The gateway's asynchronous notification is a form post from the gateway itself: it carries
no session and no CSRF token, and counts only once the gateway's signature verifies
(``hall.payments.handle_notification``); a forged one is a 403 problem and changes nothing.
It is deliberately outside the API's JSON-and-origin rule (:mod:`unicom_web.security`), and
each source address may post only so many a minute (:mod:`unicom_web.limits`).

A ``return_url`` is checked before the use case runs: a path on this site or a URL on one of
the public origins, else 400 ``payment.return_url`` (no ``javascript:`` link ever reaches a
cashier page).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

import attrs
from litestar import MediaType, Request, Response, get, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, HeaderParameter, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from unicom_core.domain.billing import PaymentAdvice
from unicom_core.domain.payments import PAYMENT_KEY, PaymentAttempt, PaymentMethod
from unicom_core.domain.shared import BroadbandAccount, FixedLineNumber, MobileNumber
from unicom_core.ports.shared import MAX_PAGE_LIMIT, Page, PageRequest
from unicom_core.usecases.payments import PaymentResult
from unicom_web.amounts import FenAmount
from unicom_web.areas.forms import Form
from unicom_web.bodies import PROBLEMS, ConvertedResponse, Offset
from unicom_web.codes import PAYMENT_NUMBER_KIND
from unicom_web.deps import Client, Hall, Settings, Token
from unicom_web.limits import take_notification_slot
from unicom_web.security import checked_return_url

__all__ = [
    "API",
    "PAYING",
    "BillPaymentRequest",
    "IdempotencyKey",
    "PaymentReceipt",
    "PaymentWarning",
    "TopUpRequest",
    "answer",
    "number_of",
    "receipt_of",
    "require_key",
    "warning_of",
]

_TAGS = ["payments"]
Limit = Annotated[int, QueryParameter(ge=1, le=MAX_PAGE_LIMIT)]
IdempotencyKey = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        required=False,
        description="The caller's idempotency key (or the body's idempotency_key)",
    ),
]
"""The ``Idempotency-Key`` header of a paying request."""

_NUMBER_KINDS: dict[str, Callable[[str], MobileNumber | FixedLineNumber | BroadbandAccount]] = {
    "mobile": MobileNumber.parse,
    "fixed_line": FixedLineNumber.parse,
    "broadband": BroadbandAccount.parse,
}
LATE_POSTING = "billing.payment_may_post_late"
"""The code of the F-CAL-2 warning."""


def number_of(
    text: str | None, kind: str | None = None
) -> MobileNumber | FixedLineNumber | BroadbandAccount | None:
    """The number a request names (``kind``: mobile, fixed_line, broadband), or None."""
    if not text:
        return None
    parser = _NUMBER_KINDS.get(kind or "mobile")
    if parser is None:
        raise PAYMENT_NUMBER_KIND.error(
            f"a number kind is one of {', '.join(_NUMBER_KINDS)}", field="number_kind"
        )
    return parser(text)


def require_key(header: str | None, body: str | None) -> str:
    """The request's idempotency key: the body's, else the header's (``payment.key``)."""
    key = body or header
    if not key:
        raise PAYMENT_KEY.error(
            "a paying request carries an Idempotency-Key header or an idempotency_key field",
            field="idempotency_key",
        )
    return key


@attrs.frozen(slots=True)
class TopUpRequest:
    """Top up a mobile or data-card number (default: the session's) with a top-up product."""

    product_code: str
    number: str | None = None
    idempotency_key: str | None = None
    method: PaymentMethod = PaymentMethod.PAGE
    return_url: str | None = None


@attrs.frozen(slots=True)
class BillPaymentRequest:
    """Pay what a number's account owes (``amount_fen`` None: everything owed now).

    ``amount_fen`` is a JSON integer of fen, positive and at most the web maximum
    (:mod:`unicom_web.amounts`): anything else is 422 ``payment.amount``.
    """

    number: str | None = None
    number_kind: str | None = None
    amount_fen: FenAmount | None = None
    idempotency_key: str | None = None
    method: PaymentMethod = PaymentMethod.PAGE
    return_url: str | None = None


@attrs.frozen(slots=True)
class PaymentWarning:
    """The F-CAL-2 notice: a payment made in a bill-generation window may post late."""

    code: str
    detail: str
    posts_from: datetime


@attrs.frozen(slots=True)
class PaymentReceipt:
    """A payment as it stands after the call; ``duplicate`` for a retried key."""

    payment: PaymentAttempt
    duplicate: bool = False
    warning: PaymentWarning | None = None


PAYING = {
    **PROBLEMS,
    HTTP_200_OK: ResponseSpec(
        PaymentReceipt,
        generate_examples=False,
        description="The answer to a retried idempotency key: the first call's payment",
    ),
}
"""The responses of a paying request: 201 for a new payment, 200 for a retried key."""


def warning_of(advice: PaymentAdvice | None) -> PaymentWarning | None:
    """The F-CAL-2 warning of the calendar's advice, when a payment now may post late."""
    if advice is None or advice.window is None or not advice.may_post_late:
        return None
    return PaymentWarning(
        LATE_POSTING,
        "the bill is being generated: this payment may post only after the window ends",
        advice.window.ends,
    )


def receipt_of(result: PaymentResult) -> PaymentReceipt:
    """The receipt of a use case's result, with the F-CAL-2 warning when it applies."""
    return PaymentReceipt(result.payment, result.duplicate, warning_of(result.advice))


def answer(result: PaymentResult) -> ConvertedResponse[PaymentReceipt]:
    """201 for a new payment, 200 for the answer to a retried key."""
    status = HTTP_200_OK if result.duplicate else HTTP_201_CREATED
    return ConvertedResponse(receipt_of(result), status_code=status)


@post(
    "/payments/top-ups",
    tags=_TAGS,
    summary="Top up a mobile or data-card number",
    sync_to_thread=True,
    status_code=HTTP_201_CREATED,
    responses=PAYING,
)
def top_up(
    data: JSONBody[TopUpRequest],
    hall: Hall,
    token: Token,
    web_settings: Settings,
    idempotency_key: IdempotencyKey = None,
) -> ConvertedResponse[PaymentReceipt]:
    """Top up with a product of the catalogue at its effective price (F-PAY-1, F-SHOP-4).

    A page payment the gateway has not finished is ``pending`` with the buyer's next step
    in ``payment.action``; the face value is credited once the gateway confirms.
    """
    result = hall.payments.top_up(
        token,
        data.product_code,
        idempotency_key=require_key(idempotency_key, data.idempotency_key),
        number=number_of(data.number),
        method=data.method,
        return_url=checked_return_url(data.return_url, web_settings),
    )
    return answer(result)


@post(
    "/payments/bill-payments",
    tags=_TAGS,
    summary="Pay a number's bills",
    sync_to_thread=True,
    status_code=HTTP_201_CREATED,
    responses=PAYING,
)
def pay_bill(
    data: JSONBody[BillPaymentRequest],
    hall: Hall,
    token: Token,
    web_settings: Settings,
    idempotency_key: IdempotencyKey = None,
) -> ConvertedResponse[PaymentReceipt]:
    """Pay a fixed-line, broadband or mobile account's bills (F-PAY-1, F-CAL-2, F-CAL-4)."""
    amount = None if data.amount_fen is None else data.amount_fen.money
    result = hall.payments.pay_bill(
        token,
        idempotency_key=require_key(idempotency_key, data.idempotency_key),
        number=number_of(data.number, data.number_kind),
        amount=amount,
        method=data.method,
        return_url=checked_return_url(data.return_url, web_settings),
    )
    return answer(result)


@get(
    "/payments",
    tags=_TAGS,
    summary="Payment records, newest first",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def records(  # noqa: PLR0913 - the query's parameters
    *,
    hall: Hall,
    token: Token,
    offset: Offset = 0,
    limit: Limit = 20,
    number: FromQuery[str | None] = None,
    number_kind: FromQuery[str | None] = None,
) -> Page[PaymentAttempt]:
    """The number's payments (交费记录): top-ups, bill payments, card orders, debits."""
    return hall.payments.records(token, number_of(number, number_kind), PageRequest(offset, limit))


@get(
    "/payments/{payment_id:str}",
    tags=_TAGS,
    summary="One of my payments",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def payment(payment_id: FromPath[str], hall: Hall, token: Token) -> PaymentAttempt:
    """A payment of the session's customer; another customer's is 404 ``payment.unknown``."""
    return hall.payments.payment(token, payment_id)


@post(
    "/payments/{payment_id:str}/cancel",
    tags=_TAGS,
    summary="Cancel a payment not paid yet",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def cancel(payment_id: FromPath[str], hall: Hall, token: Token) -> PaymentAttempt:
    """Cancel a payment still open (its ``failure_reason`` becomes ``cancelled``, F-PAY-3).

    A settled payment is answered as it stands; another customer's is 404 ``payment.unknown``.
    """
    return hall.payments.cancel(token, payment_id)


async def _gateway_form(_request: Request[Any, Any, Any]) -> None:
    """The notification is a form post from the gateway: no JSON, no session, no CSRF."""


@post(
    "/payments/notifications",
    tags=_TAGS,
    summary="The gateway's asynchronous notification",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    before_request=_gateway_form,
    responses={
        **PROBLEMS,
        200: ResponseSpec(
            str,
            description="``success``, as Alipay expects",
            media_type=MediaType.TEXT,
            generate_examples=False,
        ),
    },
)
def notification(data: Form, hall: Hall, web_settings: Settings, client: Client) -> Response[str]:
    """Apply a verified notification (``application/x-www-form-urlencoded``); ``success``.

    A forged notification is 403 ``payment.notification_forged``; one about an unknown trade
    404; a wrong amount 409; each is recorded and changes nothing. A duplicate changes nothing.
    Beyond the per-address limit, 429 ``payment.notification_limit`` and nothing is recorded.
    """
    take_notification_slot(hall, web_settings, client)
    payload = {str(name): _last(value) for name, value in dict(data).items()}
    hall.payments.handle_notification(payload)
    return Response("success", media_type=MediaType.TEXT, status_code=HTTP_200_OK)


def _last(value: object) -> str:
    if isinstance(value, list):
        return str(value[-1]) if value else ""
    return str(value)


API = (top_up, pay_bill, records, payment, cancel, notification)
"""The payment endpoints, mounted under ``/api/v1``."""
