"""TMF654 Prepay Balance Management v4: buckets, balances, top-ups, adjustments (F-PAY-1).

Under ``/tmf-api/prepayBalanceManagement/v4``, for the session's number and its account
(cookie or Bearer, as for the JSON API), with the spec's field names and the TMF list
conventions (``fields``, ``offset``, ``limit``, attribute filters). An operator's Bearer
token with scope ``tmf.read`` lists and reads the buckets, balances, top-ups and
adjustments of the whole carrier (F-AUTH-6); its ``adjustBalance`` (scope
``balance.adjust``) is :mod:`unicom_web.areas.tmf654_adjust`.

* ``GET bucket`` and ``bucket/{id}``: the account's money balance (``usageType`` ``CNY``,
  id ``{account}:balance``, shared by the account's numbers) and the remaining allowances
  of the number's plan and packs this month (余量, F-QRY-2: ``usageType`` ``voice`` in
  minutes, ``sms`` in messages, ``data`` in MB; id ``{number}:{cycle}:{product}:{measure}``);
* ``GET accumulatedBalance`` and ``accumulatedBalance/{id}``: one per account (its id),
  ``totalBalance`` the balance in yuan, with a reference to the money bucket;
* ``POST topupBalance``: a fixed-denomination top-up through ``hall.payments.top_up``; 201
  with the ``TopupBalance`` and a ``Location`` header. ``amount`` (the spec's one required
  field, ``{"amount": 50, "units": "CNY"}``) picks the top-up product of that face value,
  or ``product.id`` names it; ``logicalResource.id`` (the MSISDN; or ``.value``) names
  another number of the customer (default: the session's; the answer echoes it);
  ``paymentMethod.id`` is ``page`` (default) or ``app``.
  The price is the hall's channel's (a request's ``channel`` is not trusted for pricing).
  Auto top-ups and vouchers are refused (422).
* ``GET topupBalance`` and ``topupBalance/{id}``: the top-up attempts of the session's
  number, and one of the customer's by id.

**Idempotency.** ``TopupBalance_Create`` has no client-chosen ``id`` or ``externalId``, so the
key travels in the ``Idempotency-Key`` request header (1-64 printable ASCII characters): the
same key again answers the same ``TopupBalance`` (same ``id``) and credits once (F-PAY-3);
the same key for another request is a 409. Without the header each POST is a new top-up
(as an existing TMF client expects), so a client that retries should send one.

The answers' schemas and mapping are :mod:`unicom_web.areas.tmf654_bodies`; the top-up
request (and its exact ``amount``) is :mod:`unicom_web.areas.tmf654_topup`.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from litestar import Request, Response, post
from litestar.params import HeaderParameter, JSONBody

from unicom_core.domain.access import QUERY_BILL, TOP_UP
from unicom_core.domain.payments import PAYMENT_UNKNOWN, PaymentAttempt, PaymentPurpose
from unicom_core.domain.subscribers import NumberIdentifier
from unicom_core.errors import UnicomError
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_core.usecases.billing import BalanceView
from unicom_web.areas import Area, tmf676
from unicom_web.areas.oauth import is_operator, operator_accounts, operator_numbers
from unicom_web.areas.tmf654_adjust import ADJUST_BALANCE, create_adjust_balance
from unicom_web.areas.tmf654_bodies import (
    BASE_PATH,
    AccumulatedBalance,
    Bucket,
    BucketRef,
    TopupBalance,
    account,
    allowance_bucket,
    money_bucket,
    money_bucket_id,
    msisdn,
    topup_body,
    yuan,
)
from unicom_web.areas.tmf654_topup import (
    TopupBalanceCreate,
    invalid,
    method_of,
    number_of,
    product_code,
)
from unicom_web.codes import BALANCE_UNKNOWN_BALANCE, BALANCE_UNKNOWN_BUCKET
from unicom_web.deps import Hall, Token
from unicom_web.tmf import TMF_WRITE_ERRORS, TmfApi, TmfContext, TmfResource, unstructure

__all__ = [
    "API",
    "AREA",
    "BASE_PATH",
    "AccumulatedBalance",
    "Bucket",
    "TopupBalance",
    "TopupBalanceCreate",
]

IDEMPOTENCY_HEADER = "Idempotency-Key"


# ---------------------------------------------------------------------- resources


def _buckets(context: TmfContext) -> list[Bucket]:
    if is_operator(context.token):  # the whole carrier, for scope tmf.read (F-AUTH-6)
        numbers = operator_numbers(context.hall, context.token)
        found = [b for s in numbers for b in _buckets_of(context, s.number.identifier)]
        return list({bucket.id: bucket for bucket in found}.values())  # an account's once
    return _buckets_of(context, None)


def _buckets_of(context: TmfContext, asked: NumberIdentifier | None) -> list[Bucket]:
    balance, allowances = context.hall.billing.buckets(context.token, asked)  # one transaction
    number, base = allowances.number, context.base
    return [
        money_bucket(balance, number, base),
        *(
            allowance_bucket(use, number, allowances.cycle, balance.account_id, base)
            for use in allowances.buckets
        ),
    ]


def _accumulated(balance: tuple[BalanceView, str], context: TmfContext) -> AccumulatedBalance:
    view, number = balance
    base, bucket_id = context.base, money_bucket_id(view.account_id)
    return AccumulatedBalance(
        id=view.account_id,
        href=f"{base}/accumulatedBalance/{view.account_id}",
        name="账户余额",
        description=f"available {view.available.format_yuan()} with credit",
        total_balance=yuan(view.balance),
        bucket=[BucketRef(id=bucket_id, href=f"{base}/bucket/{bucket_id}", usage_type="CNY")],
        party_account=account(view.account_id),
        logical_resource=[msisdn(number)],
    )


def _balances(context: TmfContext) -> list[tuple[BalanceView, str]]:
    hall, token = context.hall, context.token
    if is_operator(token):  # the whole carrier, for scope tmf.read (F-AUTH-6)
        numbers = operator_accounts(hall, token)  # a balance is the account's
        return [(hall.billing.balance(token, s.number.identifier), s.number.value) for s in numbers]
    found = hall.billing.balance_of(token)  # the balance and its number, one transaction
    return [(found.balance, found.number)]


_Topup = tuple[PaymentAttempt, str | None]
"""A top-up with the number it credited, when this request knows it (``logicalResource``)."""


def _own_number(context: TmfContext) -> tuple[str, str]:
    """The session's subscriber id and number."""
    subscriber = context.hall.access.authorize(context.token, QUERY_BILL).subscriber
    return subscriber.id, subscriber.number.value


def _topups(context: TmfContext) -> list[_Topup]:
    hall, token, page = context.hall, context.token, PageRequest(0, MAX_PAGE_LIMIT)
    if is_operator(token):  # the whole carrier, for scope tmf.read (F-AUTH-6)
        found = [
            (attempt, s.number.value)
            for s in operator_numbers(hall, token)
            for attempt in hall.payments.records(token, s.number.identifier, page).items
            if attempt.purpose is PaymentPurpose.TOP_UP
        ]
        return sorted(found, key=lambda t: (t[0].created_at, t[0].id), reverse=True)
    number, records = hall.payments.numbered_records(token, page=page)  # one transaction
    return [(a, number) for a in records.items if a.purpose is PaymentPurpose.TOP_UP]


def _unknown_topup(topup_id: str) -> UnicomError:
    return PAYMENT_UNKNOWN.error("there is no such top-up", id=topup_id)


def _topup(context: TmfContext, topup_id: str) -> _Topup:
    if is_operator(context.token):
        for found in _topups(context):
            if found[0].id == topup_id:
                return found
        raise _unknown_topup(topup_id)
    attempt = tmf676.find_payment(context.hall, context.token, topup_id)
    if attempt.purpose is not PaymentPurpose.TOP_UP:
        raise _unknown_topup(topup_id)
    subscriber_id, number = _own_number(context)
    return attempt, number if attempt.subscriber_id == subscriber_id else None


BUCKET: TmfResource[Bucket, Bucket] = TmfResource(
    path="bucket",
    body=Bucket,
    load=_buckets,
    to_body=lambda bucket, _: bucket,
    missing=lambda bucket_id: BALANCE_UNKNOWN_BUCKET.error(id=bucket_id),
    list_doc="The account's money balance and the number's allowances left this month.",
    get_doc="One bucket of the session's number or account; any other is not found.",
)
ACCUMULATED_BALANCE: TmfResource[tuple[BalanceView, str], AccumulatedBalance] = TmfResource(
    path="accumulatedBalance",
    body=AccumulatedBalance,
    load=_balances,
    to_body=_accumulated,
    missing=lambda balance_id: BALANCE_UNKNOWN_BALANCE.error(id=balance_id),
    list_doc="The balance of the session's account (one item).",
    get_doc="The balance of the session's account by its id; another account's is not found.",
)
TOPUP_BALANCE: TmfResource[_Topup, TopupBalance] = TmfResource(
    path="topupBalance",
    body=TopupBalance,
    load=_topups,
    to_body=lambda topup, context: topup_body(*topup, base=context.base),
    find=_topup,
    missing=_unknown_topup,
    list_doc="The top-ups of the session's number, newest first; other parameters filter.",
    get_doc="One top-up of the session's customer; another customer's is not found.",
)


# ---------------------------------------------------------------------- create


@post(
    "/topupBalance",
    summary="Creates a TopupBalance",
    tags=["TMF654"],
    operation_id="createTopupBalance",
    sync_to_thread=True,
    status_code=201,
    responses=TMF_WRITE_ERRORS,
)
def create_topup_balance(
    request: Request[Any, Any, Any],
    data: JSONBody[TopupBalanceCreate],
    hall: Hall,
    token: Token,
    idempotency_key: Annotated[
        str | None, HeaderParameter(name=IDEMPOTENCY_HEADER, min_length=1, max_length=64)
    ] = None,
) -> Response[TopupBalance]:
    """Top up the session's number (or another of the customer's) with a fixed denomination.

    The same ``Idempotency-Key`` again answers the first top-up and never credits twice.
    Its body is JSON: the app's :func:`unicom_web.security.guard_api_request` checks it.
    """
    if data.isAutoTopup:
        raise invalid("isAutoTopup", "auto top-ups are not offered; sign a mandate instead")
    if data.voucher is not None:
        raise invalid("voucher", "redeem a recharge card through the recharge-card service")
    number, method = number_of(data), method_of(data)
    code = product_code(hall, data)
    key = idempotency_key if idempotency_key is not None else secrets.token_hex(16)
    result = hall.payments.top_up(token, code, idempotency_key=key, number=number, method=method)
    credited = hall.access.authorize(token, TOP_UP, number).subscriber.number.value
    body = topup_body(result.payment, credited, base=TmfContext(request, BASE_PATH).base)
    return Response(unstructure(body), status_code=201, headers={"Location": body.href})


API = TmfApi(
    tag="TMF654",
    base_path=BASE_PATH,
    resources=(BUCKET, ACCUMULATED_BALANCE, TOPUP_BALANCE, ADJUST_BALANCE),
    operations=(create_topup_balance, create_adjust_balance),
)
"""TMF654: buckets, accumulated balances, top-ups and balance adjustments."""

AREA = Area(name="tmf654", routers=(API.router,))
"""TMF654 buckets, accumulated balances and top-ups, under the spec's base path."""
