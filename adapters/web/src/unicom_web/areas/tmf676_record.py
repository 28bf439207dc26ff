"""TMF676 ``POST payment``: operators record payments taken elsewhere (F-PAY-2, F-AUTH-6).

For an operator's Bearer token with scope ``payments.record`` (a bank counter's or a
partner's system), through ``hall.payments.recorded.record``: the payment settles the
account's bills like any other payment (oldest first; the settled-bill hook runs, so a paid
bill earns its points), what is over the bills stays as balance, and it is audited. The body
is the spec's ``Payment_Create``; the hall reads:

* ``account.id``: the billing account (404 ``billing.unknown_account``);
* ``totalAmount``: a ``Money`` of CNY, ``value`` exact yuan with at most two decimals (422
  ``payment.amount`` otherwise); at most what the account owes plus the advance a bill
  payment may carry (422 ``payment.amount_too_large``); ``amount``, when given, equals it;
* ``paymentMethod.name``: the channel the money came through, 1-40 of ``A-Za-z0-9_.-``
  (``bank_counter``), shown as the payment's ``paymentMethod.description``;
* ``paymentItem[].item.id``: the bills paid (``{account}:{YYYY-MM}``, TMF678's ids); a bill
  of another account is 422 ``payment.record_bill``;
* ``correlatorId``: the sending system's reference, **the key of exactly once**;
  ``authorizationCode``: its voucher (the payment's ``authorizationCode``).

**Exactly once.** The key is ``correlatorId``, else the ``Idempotency-Key`` header: the same
key again, retried or raced, answers **201** (the spec's one success code) with the payment
recorded first and moves no money; for another request it is 409 ``payment.key_reused``.
Without either each POST records a new payment, so a system that retries sends one.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any

import attrs
from litestar import Request, Response, post
from litestar.params import HeaderParameter, JSONBody

from unicom_core.domain.access import PAYMENTS_RECORD
from unicom_core.domain.payments import PAYMENT_RECORD_REQUEST
from unicom_core.domain.shared import Money
from unicom_core.errors import UnicomError
from unicom_core.usecases.payments import RecordedPaymentRequest
from unicom_web.amounts import YuanAmount
from unicom_web.areas.tmf676_bodies import BASE_PATH, Payment, payment_body
from unicom_web.deps import Hall, Token
from unicom_web.tmf import TMF_WRITE_ERRORS, TmfContext, unstructure

__all__ = ["MoneyIn", "PaymentCreate", "create_payment", "recorded_request"]

IDEMPOTENCY_HEADER = "Idempotency-Key"


@attrs.frozen(slots=True, kw_only=True)
class MoneyIn:
    """A TMF ``Money`` of a request: ``value`` exact yuan in ``unit`` CNY."""

    unit: str | None = None
    value: YuanAmount | None = None


@attrs.frozen(slots=True, kw_only=True)
class PaymentCreate:
    """The schema of a TMF676 ``Payment_Create`` this hall reads."""

    account: dict[str, Any]
    totalAmount: MoneyIn  # noqa: N815 - TM Forum field names
    paymentMethod: dict[str, Any]  # noqa: N815
    amount: MoneyIn | None = None
    correlatorId: str | None = None  # noqa: N815
    authorizationCode: str | None = None  # noqa: N815
    description: str | None = None
    name: str | None = None
    paymentItem: list[dict[str, Any]] | None = None  # noqa: N815
    channel: dict[str, Any] | None = None
    relatedParty: list[dict[str, Any]] | None = None  # noqa: N815


def _invalid(field: str, message: str) -> UnicomError:
    return PAYMENT_RECORD_REQUEST.error(message, field=field)


def _money(value: MoneyIn | None, field: str) -> Money | None:
    if value is None:
        return None
    if value.value is None or value.unit not in {None, "CNY"}:
        raise _invalid(field, f"{field} is a value of CNY")
    return value.value.money


def _bills(items: list[dict[str, Any]] | None) -> list[str]:
    bills = []
    for item in items or []:
        ref = item.get("item") if isinstance(item, dict) else None
        bill = ref.get("id") if isinstance(ref, dict) else None
        if not isinstance(bill, str):
            raise _invalid("paymentItem.item.id", "a payment item names a bill by its id")
        bills.append(bill)
    return bills


def recorded_request(data: PaymentCreate, key: str) -> RecordedPaymentRequest:
    """The core's request of a ``Payment_Create`` under the key of exactly once."""
    total = _money(data.totalAmount, "totalAmount")
    amount = _money(data.amount, "amount")
    if total is None or (amount is not None and amount != total):
        raise _invalid("amount", "amount, when given, equals totalAmount")
    account_id, channel = data.account.get("id"), data.paymentMethod.get("name")
    if not isinstance(account_id, str):
        raise _invalid("account.id", "account.id names the billing account")
    if not isinstance(channel, str):
        raise _invalid("paymentMethod.name", "paymentMethod.name names the channel")
    return RecordedPaymentRequest(
        correlator=key,
        account_id=account_id,
        amount=total,
        channel=channel,
        bills=_bills(data.paymentItem),
        reference=data.authorizationCode,
    )


@post(
    "/payment",
    summary="Creates a Payment",
    tags=["TMF676"],
    operation_id="createPayment",
    sync_to_thread=True,
    status_code=201,
    responses=TMF_WRITE_ERRORS,
)
def create_payment(
    request: Request[Any, Any, Any],
    data: JSONBody[PaymentCreate],
    hall: Hall,
    token: Token,
    idempotency_key: Annotated[
        str | None, HeaderParameter(name=IDEMPOTENCY_HEADER, min_length=1, max_length=64)
    ] = None,
) -> Response[Payment]:
    """Record a payment taken elsewhere (operators: ``payments.record``), exactly once.

    The same ``correlatorId`` (or ``Idempotency-Key``) again answers the first payment.
    """
    hall.access.authorize(token, PAYMENTS_RECORD)  # 401/403 before the body is read
    key = data.correlatorId or idempotency_key or secrets.token_hex(16)
    attempt, _ = hall.payments.recorded.record(token, recorded_request(data, key))
    body = payment_body(attempt, TmfContext(request, BASE_PATH).base)
    return Response(unstructure(body), status_code=201, headers={"Location": body.href})
