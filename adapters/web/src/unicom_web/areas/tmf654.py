"""TMF654 Prepay Balance Management v4: buckets, accumulated balances and top-ups (F-PAY-1).

Under ``/tmf-api/prepayBalanceManagement/v4``, for the session's number and its account
(cookie or Bearer, as for the JSON API), with the spec's field names and the TMF list
conventions (``fields``, ``offset``, ``limit``, attribute filters):

* ``GET bucket`` and ``bucket/{id}``: the account's money balance (``usageType`` ``CNY``,
  id ``{account}:balance``, shared by the account's numbers) and the remaining allowances
  of the number's plan and packs this month (余量, F-QRY-2: ``usageType`` ``voice`` in
  minutes, ``sms`` in messages, ``data`` in MB; id ``{number}:{cycle}:{product}:{measure}``);
* ``GET accumulatedBalance`` and ``accumulatedBalance/{id}``: one per account (its id),
  ``totalBalance`` the balance in yuan, with a reference to the money bucket;
* ``POST topupBalance``: a fixed-denomination top-up through ``hall.payments.top_up``; 201
  with the ``TopupBalance`` and a ``Location`` header. ``amount`` (the spec's one required
  field, ``{"amount": 50, "units": "CNY"}``) picks the top-up product of that face value,
  or ``product.id`` names it; ``logicalResource.value`` names another number of the
  customer (default: the session's); ``paymentMethod.id`` is ``page`` (default) or ``app``.
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
from typing import Annotated, Any, cast

from litestar import Request, Response, Router, get, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, HeaderParameter, JSONBody

from unicom_core.domain.access.permissions import QUERY_BILL
from unicom_core.domain.payments import PaymentPurpose
from unicom_core.errors import NotFound
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_web.areas import Area, tmf676
from unicom_web.areas.tmf import TMF_ERRORS, Limit, Offset, listing, select
from unicom_web.areas.tmf654_bodies import (
    BASE_PATH,
    AccumulatedBalance,
    Bucket,
    Quantity,
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
from unicom_web.deps import Hall, Token
from unicom_web.problems import TmfError

__all__ = [
    "AREA",
    "BASE_PATH",
    "AccumulatedBalance",
    "Bucket",
    "Quantity",
    "TopupBalance",
    "TopupBalanceCreate",
]

IDEMPOTENCY_HEADER = "Idempotency-Key"

TMF_WRITE_ERRORS = {
    **TMF_ERRORS,
    **{
        status: ResponseSpec(TmfError, generate_examples=False, description=text)
        for status, text in {
            402: "Payment Required",
            409: "Conflict",
            415: "Unsupported Media Type",
        }.items()
    },
}
"""The error responses of ``POST topupBalance``: the reads' and the payment's refusals."""


# ---------------------------------------------------------------------- reads


def _base(request: Request[Any, Any, Any]) -> str:
    return str(request.base_url).rstrip("/") + BASE_PATH


def _buckets(request: Request[Any, Any, Any], hall: Hall, token: Token) -> list[dict[str, Any]]:
    base = _base(request)
    balance = hall.billing.balance(token)
    allowances = hall.billing.allowances(token)
    number = allowances.number
    return [
        money_bucket(balance, number, base),
        *(
            allowance_bucket(use, number, allowances.cycle, balance.account_id, base)
            for use in allowances.buckets
        ),
    ]


def _accumulated(request: Request[Any, Any, Any], hall: Hall, token: Token) -> dict[str, Any]:
    base = _base(request)
    balance = hall.billing.balance(token)
    number = hall.access.authorize(token, QUERY_BILL).subscriber.number.value
    bucket_id = money_bucket_id(balance.account_id)
    return {
        "id": balance.account_id,
        "href": f"{base}/accumulatedBalance/{balance.account_id}",
        "name": "账户余额",
        "description": f"available {balance.available.format_yuan()} with credit",
        "totalBalance": yuan(balance.balance),
        "bucket": [
            {
                "id": bucket_id,
                "href": f"{base}/bucket/{bucket_id}",
                "usageType": "CNY",
                "@referredType": "Bucket",
            }
        ],
        "partyAccount": account(balance.account_id),
        "logicalResource": [msisdn(number)],
        "@type": "AccumulatedBalance",
    }


def _topups(request: Request[Any, Any, Any], hall: Hall, token: Token) -> list[dict[str, Any]]:
    records = hall.payments.records(token, page=PageRequest(0, MAX_PAGE_LIMIT)).items
    base = _base(request)
    return [topup_body(a, base) for a in records if a.purpose is PaymentPurpose.TOP_UP]


# ---------------------------------------------------------------------- handlers


@get(
    "/bucket",
    summary="List or find Bucket objects",
    tags=["TMF654"],
    operation_id="listBucket",
    sync_to_thread=True,
    responses=TMF_ERRORS,
)
def list_bucket(  # noqa: PLR0913 - the spec's query parameters
    *,
    request: Request[Any, Any, Any],
    hall: Hall,
    token: Token,
    fields: FromQuery[str | None] = None,
    offset: Offset = 0,
    limit: Limit = None,
) -> Response[list[Bucket]]:
    """The account's money balance and the number's allowances left this month."""
    return listing(
        _buckets(request, hall, token),
        request.query_params,
        fields=fields,
        offset=offset,
        limit=limit,
    )


@get(
    "/bucket/{bucket_id:str}",
    summary="Retrieves a Bucket by ID",
    tags=["TMF654"],
    operation_id="retrieveBucket",
    sync_to_thread=True,
    responses=TMF_ERRORS,
)
def retrieve_bucket(
    request: Request[Any, Any, Any],
    bucket_id: FromPath[str],
    hall: Hall,
    token: Token,
    fields: FromQuery[str | None] = None,
) -> Response[Bucket]:
    """One bucket of the session's number or account; any other is not found."""
    for body in _buckets(request, hall, token):
        if body["id"] == bucket_id:
            return Response(cast("Bucket", select(body, fields)))
    raise NotFound("balance.unknown_bucket", f"no bucket {bucket_id!r}", id=bucket_id)


@get(
    "/accumulatedBalance",
    summary="List or find AccumulatedBalance objects",
    tags=["TMF654"],
    operation_id="listAccumulatedBalance",
    sync_to_thread=True,
    responses=TMF_ERRORS,
)
def list_accumulated_balance(  # noqa: PLR0913 - the spec's query parameters
    *,
    request: Request[Any, Any, Any],
    hall: Hall,
    token: Token,
    fields: FromQuery[str | None] = None,
    offset: Offset = 0,
    limit: Limit = None,
) -> Response[list[AccumulatedBalance]]:
    """The balance of the session's account (one item)."""
    return listing(
        [_accumulated(request, hall, token)],
        request.query_params,
        fields=fields,
        offset=offset,
        limit=limit,
    )


@get(
    "/accumulatedBalance/{balance_id:str}",
    summary="Retrieves an AccumulatedBalance by ID",
    tags=["TMF654"],
    operation_id="retrieveAccumulatedBalance",
    sync_to_thread=True,
    responses=TMF_ERRORS,
)
def retrieve_accumulated_balance(
    request: Request[Any, Any, Any],
    balance_id: FromPath[str],
    hall: Hall,
    token: Token,
    fields: FromQuery[str | None] = None,
) -> Response[AccumulatedBalance]:
    """The balance of the session's account by its id; another account's is not found."""
    body = _accumulated(request, hall, token)
    if body["id"] != balance_id:
        raise NotFound(
            "balance.unknown_balance", f"no accumulated balance {balance_id!r}", id=balance_id
        )
    return Response(cast("AccumulatedBalance", select(body, fields)))


@get(
    "/topupBalance",
    summary="List or find TopupBalance objects",
    tags=["TMF654"],
    operation_id="listTopupBalance",
    sync_to_thread=True,
    responses=TMF_ERRORS,
)
def list_topup_balance(  # noqa: PLR0913 - the spec's query parameters
    *,
    request: Request[Any, Any, Any],
    hall: Hall,
    token: Token,
    fields: FromQuery[str | None] = None,
    offset: Offset = 0,
    limit: Limit = None,
) -> Response[list[TopupBalance]]:
    """The top-ups of the session's number, newest first; other parameters filter."""
    return listing(
        _topups(request, hall, token),
        request.query_params,
        fields=fields,
        offset=offset,
        limit=limit,
    )


@get(
    "/topupBalance/{topup_id:str}",
    summary="Retrieves a TopupBalance by ID",
    tags=["TMF654"],
    operation_id="retrieveTopupBalance",
    sync_to_thread=True,
    responses=TMF_ERRORS,
)
def retrieve_topup_balance(
    request: Request[Any, Any, Any],
    topup_id: FromPath[str],
    hall: Hall,
    token: Token,
    fields: FromQuery[str | None] = None,
) -> Response[TopupBalance]:
    """One top-up of the session's customer; another customer's is not found."""
    attempt = tmf676.find_payment(hall, token, topup_id)
    if attempt.purpose is not PaymentPurpose.TOP_UP:
        raise NotFound("payment.unknown", "there is no such top-up", id=topup_id)
    return Response(cast("TopupBalance", select(topup_body(attempt, _base(request)), fields)))


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
    """
    if data.isAutoTopup:
        raise invalid("isAutoTopup", "auto top-ups are not offered; sign a mandate instead")
    if data.voucher is not None:
        raise invalid("voucher", "redeem a recharge card through the recharge-card service")
    number, method = number_of(data), method_of(data)
    code = product_code(hall, data)
    key = idempotency_key if idempotency_key is not None else secrets.token_hex(16)
    result = hall.payments.top_up(token, code, idempotency_key=key, number=number, method=method)
    body = topup_body(result.payment, _base(request))
    return Response(cast("TopupBalance", body), status_code=201, headers={"Location": body["href"]})


def _router() -> Router:
    return Router(
        BASE_PATH,
        route_handlers=[
            list_bucket,
            retrieve_bucket,
            list_accumulated_balance,
            retrieve_accumulated_balance,
            list_topup_balance,
            retrieve_topup_balance,
            create_topup_balance,
        ],
    )  # unsafe requests pass unicom_web.security.guard_api_request, as the API's do


AREA = Area(name="tmf654", requires=("access", "billing", "payments"), routers=(_router,))
"""TMF654 buckets, accumulated balances and top-ups, under the spec's base path."""
