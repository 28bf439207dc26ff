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

The mapping of a top-up attempt: ``id`` the payment id (the TMF676 ``payment`` refers to
it); ``amount`` the face value credited, ``status`` ``requested`` (created), ``pending``,
``confirmed`` (paid; the balance is credited), ``failed`` or ``cancelled`` (refunded);
``requestedDate`` when it was made, ``confirmationDate`` when it settled.
"""

from __future__ import annotations

import secrets
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Annotated, Any, cast

import attrs
from litestar import Request, Response, Router, get, post
from litestar.exceptions import HTTPException
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, HeaderParameter, JSONBody

from unicom_core.domain.calendar import BillingCycle
from unicom_core.domain.money import Money
from unicom_core.domain.offers import ProductKind
from unicom_core.domain.payment_values import PaymentMethod, PaymentPurpose, PaymentStatus
from unicom_core.domain.permissions import QUERY_BILL
from unicom_core.domain.phone import MobileNumber
from unicom_core.domain.rating import Measure
from unicom_core.errors import InvalidInput, NotFound
from unicom_core.ports.storage import MAX_PAGE_LIMIT, PageRequest
from unicom_web.areas import Area, tmf676
from unicom_web.areas.tmf import TMF_ERRORS, Limit, Offset, listing, select
from unicom_web.deps import Hall, Token
from unicom_web.problems import TmfError

if TYPE_CHECKING:
    from unicom_core.domain.payments import PaymentAttempt
    from unicom_core.domain.rating import BucketUse
    from unicom_core.hall import BusinessHall
    from unicom_core.usecases.billing_queries import BalanceView

__all__ = [
    "AREA",
    "BASE_PATH",
    "AccumulatedBalance",
    "Bucket",
    "Quantity",
    "TopupBalance",
    "TopupBalanceCreate",
]

BASE_PATH = "/tmf-api/prepayBalanceManagement/v4"
"""The ``basePath`` of TMF654-PrepayBalance-v4.0.0.swagger.json."""
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

_STATUS = {
    PaymentStatus.CREATED: "requested",
    PaymentStatus.PENDING: "pending",
    PaymentStatus.SUCCEEDED: "confirmed",
    PaymentStatus.FAILED: "failed",
    PaymentStatus.REFUNDED: "cancelled",
}
_USAGE_TYPE = {Measure.VOICE_MINUTES: "voice", Measure.MESSAGES: "sms", Measure.DATA_KB: "data"}
_UNITS = {Measure.VOICE_MINUTES: "min", Measure.MESSAGES: "message", Measure.DATA_KB: "MB"}
_KB_PER_MB = 1024
_JSON_TYPES = ("application/json", "application/merge-patch+json")


# ---------------------------------------------------------------------- schemas


@attrs.frozen(slots=True, kw_only=True)
class Quantity:
    """A TMF ``Quantity``: an amount in a unit."""

    amount: float | None = None
    units: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class Bucket:
    """The schema of a TMF654 ``Bucket`` as this hall fills it (all optional)."""

    id: str | None = None
    href: str | None = None
    name: str | None = None
    description: str | None = None
    isShared: bool | None = None  # noqa: N815 - TM Forum field names
    remainingValueName: str | None = None  # noqa: N815
    status: str | None = None
    usageType: str | None = None  # noqa: N815
    remainingValue: Quantity | None = None  # noqa: N815
    validFor: dict[str, str] | None = None  # noqa: N815
    partyAccount: dict[str, str] | None = None  # noqa: N815
    logicalResource: list[dict[str, str]] | None = None  # noqa: N815
    product: list[dict[str, str]] | None = None


@attrs.frozen(slots=True, kw_only=True)
class AccumulatedBalance:
    """The schema of a TMF654 ``AccumulatedBalance`` as this hall fills it (all optional)."""

    id: str | None = None
    href: str | None = None
    name: str | None = None
    description: str | None = None
    totalBalance: Quantity | None = None  # noqa: N815
    bucket: list[dict[str, str]] | None = None
    partyAccount: dict[str, str] | None = None  # noqa: N815
    logicalResource: list[dict[str, str]] | None = None  # noqa: N815


@attrs.frozen(slots=True, kw_only=True)
class TopupBalance:
    """The schema of a TMF654 ``TopupBalance`` as this hall fills it (all optional)."""

    id: str | None = None
    href: str | None = None
    description: str | None = None
    status: str | None = None
    usageType: str | None = None  # noqa: N815
    requestedDate: str | None = None  # noqa: N815
    confirmationDate: str | None = None  # noqa: N815
    isAutoTopup: bool | None = None  # noqa: N815
    amount: Quantity | None = None
    bucket: dict[str, str] | None = None
    partyAccount: dict[str, str] | None = None  # noqa: N815
    payment: dict[str, str] | None = None
    paymentMethod: dict[str, str] | None = None  # noqa: N815
    product: dict[str, str] | None = None


@attrs.frozen(slots=True, kw_only=True)
class TopupBalanceCreate:
    """The schema of a TMF654 ``TopupBalance_Create`` this hall reads (``amount`` required)."""

    amount: Quantity
    description: str | None = None
    isAutoTopup: bool | None = None  # noqa: N815 - TM Forum field names
    usageType: str | None = None  # noqa: N815
    voucher: str | None = None
    product: dict[str, Any] | None = None
    logicalResource: dict[str, Any] | None = None  # noqa: N815
    paymentMethod: dict[str, Any] | None = None  # noqa: N815
    channel: dict[str, Any] | None = None


# ---------------------------------------------------------------------- mapping


def _base(request: Request[Any, Any, Any]) -> str:
    return str(request.base_url).rstrip("/") + BASE_PATH


def _quantity(amount: float, units: str) -> dict[str, Any]:
    return {"amount": amount, "units": units}


def _yuan(amount: Money) -> dict[str, Any]:
    return _quantity(amount.fen / 100, amount.currency)


def _msisdn(number: str) -> dict[str, str]:
    return {"id": number, "name": "MSISDN", "value": number, "@referredType": "LogicalResource"}


def _account(account_id: str) -> dict[str, str]:
    return {"id": account_id, "@referredType": "BillingAccount"}


def _money_bucket_id(account_id: str) -> str:
    return f"{account_id}:balance"


def _money_bucket(balance: BalanceView, number: str, base: str) -> dict[str, Any]:
    bucket_id = _money_bucket_id(balance.account_id)
    return {
        "id": bucket_id,
        "href": f"{base}/bucket/{bucket_id}",
        "name": "账户余额",
        "description": (
            f"account balance; credit limit {balance.credit_limit.format_yuan()}, "
            f"owed {balance.owed.format_yuan()}"
        ),
        "isShared": True,
        "remainingValueName": balance.balance.format_yuan(),
        "status": "active",
        "usageType": balance.balance.currency,
        "remainingValue": _yuan(balance.balance),
        "partyAccount": _account(balance.account_id),
        "logicalResource": [_msisdn(number)],
        "@type": "Bucket",
    }


def _remaining(use: BucketUse) -> tuple[float, str]:
    measure = use.bucket.measure
    if measure is Measure.DATA_KB:
        megabytes = round(use.remaining / _KB_PER_MB, 3)
        return megabytes, f"{megabytes:g} MB"
    return float(use.remaining), f"{use.remaining} {_UNITS[measure]}"


def _allowance_bucket(
    use: BucketUse, number: str, cycle: BillingCycle, account_id: str, base: str
) -> dict[str, Any]:
    measure = use.bucket.measure
    bucket_id = f"{number}:{cycle}:{use.bucket.source_code}:{measure.value}"
    amount, name = _remaining(use)
    return {
        "id": bucket_id,
        "href": f"{base}/bucket/{bucket_id}",
        "name": f"{use.bucket.source_name} {_USAGE_TYPE[measure]}",
        "description": f"{use.used} of {use.bucket.included} used ({measure.value})",
        "isShared": False,
        "remainingValueName": name,
        "status": "active",
        "usageType": _USAGE_TYPE[measure],
        "remainingValue": _quantity(amount, _UNITS[measure]),
        "validFor": {
            "startDateTime": cycle.start.isoformat(),
            "endDateTime": cycle.end.isoformat(),
        },
        "partyAccount": _account(account_id),
        "logicalResource": [_msisdn(number)],
        "product": [{"id": use.bucket.source_code, "name": use.bucket.source_name}],
        "@type": "Bucket",
    }


def _buckets(request: Request[Any, Any, Any], hall: Hall, token: Token) -> list[dict[str, Any]]:
    base = _base(request)
    balance = hall.billing.balance(token)
    allowances = hall.billing.allowances(token)
    number = allowances.number
    return [
        _money_bucket(balance, number, base),
        *(
            _allowance_bucket(use, number, allowances.cycle, balance.account_id, base)
            for use in allowances.buckets
        ),
    ]


def _accumulated(request: Request[Any, Any, Any], hall: Hall, token: Token) -> dict[str, Any]:
    base = _base(request)
    balance = hall.billing.balance(token)
    number = hall.access.authorize(token, QUERY_BILL).subscriber.number.value
    bucket_id = _money_bucket_id(balance.account_id)
    return {
        "id": balance.account_id,
        "href": f"{base}/accumulatedBalance/{balance.account_id}",
        "name": "账户余额",
        "description": f"available {balance.available.format_yuan()} with credit",
        "totalBalance": _yuan(balance.balance),
        "bucket": [
            {
                "id": bucket_id,
                "href": f"{base}/bucket/{bucket_id}",
                "usageType": "CNY",
                "@referredType": "Bucket",
            }
        ],
        "partyAccount": _account(balance.account_id),
        "logicalResource": [_msisdn(number)],
        "@type": "AccumulatedBalance",
    }


def topup_body(attempt: PaymentAttempt, base: str) -> dict[str, Any]:
    """The TMF654 ``TopupBalance`` of a top-up attempt; ``base`` is the API's URL root."""
    root = base.removesuffix(BASE_PATH)
    body: dict[str, Any] = {
        "id": attempt.id,
        "href": f"{base}/topupBalance/{attempt.id}",
        "description": attempt.subject,
        "status": _STATUS[attempt.status],
        "usageType": attempt.credit.currency,
        "requestedDate": attempt.created_at.isoformat(),
        "isAutoTopup": False,
        "amount": _yuan(attempt.credit),
        "bucket": {
            "id": _money_bucket_id(attempt.account_id),
            "href": f"{base}/bucket/{_money_bucket_id(attempt.account_id)}",
            "@referredType": "Bucket",
        },
        "partyAccount": _account(attempt.account_id),
        "payment": {
            "id": attempt.id,
            "href": f"{root}{tmf676.BASE_PATH}/payment/{attempt.id}",
            "@referredType": "Payment",
        },
        "paymentMethod": {
            "id": attempt.method.value,
            "name": attempt.method.value,
            "@referredType": "PaymentMethod",
        },
        "@type": "TopupBalance",
    }
    if attempt.settled_at is not None and attempt.status is not PaymentStatus.FAILED:
        body["confirmationDate"] = attempt.settled_at.isoformat()
    if attempt.product_code is not None:
        body["product"] = {"id": attempt.product_code, "@referredType": "ProductOffering"}
    return body


def _topups(request: Request[Any, Any, Any], hall: Hall, token: Token) -> list[dict[str, Any]]:
    records = hall.payments.records(token, page=PageRequest(0, MAX_PAGE_LIMIT)).items
    base = _base(request)
    return [topup_body(a, base) for a in records if a.purpose is PaymentPurpose.TOP_UP]


# ---------------------------------------------------------------------- top-up request


def _invalid(field: str, message: str) -> InvalidInput:
    return InvalidInput("topup.invalid", message, field=field)


def _product_code(hall: BusinessHall, data: TopupBalanceCreate) -> str:
    """The top-up product the request names (``product.id``) or whose face value it asks."""
    named = (data.product or {}).get("id")
    if named is not None:
        if not isinstance(named, str):
            raise _invalid("product.id", "product.id is a string")
        return named
    units, amount = data.amount.units, data.amount.amount
    if units not in {None, "CNY", "yuan", "元"}:
        raise _invalid("amount.units", "a top-up amount is in CNY")
    try:
        fen = Decimal(str(amount)) * 100
    except InvalidOperation:
        fen = Decimal(-1)
    denominations = sorted(
        (goods.price.fen, goods.code)
        for goods in hall.catalog.catalog().goods
        if goods.kind is ProductKind.TOP_UP
    )
    for price, code in denominations:
        if fen.is_finite() and Decimal(price) == fen:
            return code
    offered = ", ".join(f"{price / 100:g}" for price, _ in denominations)
    raise _invalid("amount.amount", f"a top-up is one of these amounts in CNY: {offered}")


def _number(data: TopupBalanceCreate) -> MobileNumber | None:
    value = (data.logicalResource or {}).get("value")
    if value is None:
        return None
    if not isinstance(value, str):
        raise _invalid("logicalResource.value", "logicalResource.value is a number")
    return MobileNumber.parse(value)


def _method(data: TopupBalanceCreate) -> PaymentMethod:
    asked = data.paymentMethod or {}
    value = asked.get("id", asked.get("name", PaymentMethod.PAGE.value))
    if value not in {PaymentMethod.PAGE.value, PaymentMethod.APP.value}:
        raise _invalid("paymentMethod.id", "a top-up is paid on a page or in an app")
    return PaymentMethod(value)


async def _require_json(request: Request[Any, Any, Any]) -> None:
    """Refuse a POST whose body is not JSON (415): no cross-site form posts a top-up."""
    if request.method != "POST":
        return
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in _JSON_TYPES:
        raise HTTPException(
            status_code=415, detail=f"a request body must be application/json, not {media_type}"
        )


# ---------------------------------------------------------------------- handlers


@get("/bucket", summary="List or find Bucket objects", tags=["TMF654"],
     operation_id="listBucket", sync_to_thread=True, responses=TMF_ERRORS)  # fmt: skip
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


@get("/bucket/{bucket_id:str}", summary="Retrieves a Bucket by ID", tags=["TMF654"],
     operation_id="retrieveBucket", sync_to_thread=True, responses=TMF_ERRORS)  # fmt: skip
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


@get("/accumulatedBalance", summary="List or find AccumulatedBalance objects",
     tags=["TMF654"], operation_id="listAccumulatedBalance", sync_to_thread=True,
     responses=TMF_ERRORS)  # fmt: skip
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


@get("/accumulatedBalance/{balance_id:str}", summary="Retrieves an AccumulatedBalance by ID",
     tags=["TMF654"], operation_id="retrieveAccumulatedBalance", sync_to_thread=True,
     responses=TMF_ERRORS)  # fmt: skip
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


@get("/topupBalance", summary="List or find TopupBalance objects", tags=["TMF654"],
     operation_id="listTopupBalance", sync_to_thread=True, responses=TMF_ERRORS)  # fmt: skip
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


@get("/topupBalance/{topup_id:str}", summary="Retrieves a TopupBalance by ID",
     tags=["TMF654"], operation_id="retrieveTopupBalance", sync_to_thread=True,
     responses=TMF_ERRORS)  # fmt: skip
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


@post("/topupBalance", summary="Creates a TopupBalance", tags=["TMF654"],
      operation_id="createTopupBalance", sync_to_thread=True, status_code=201,
      responses=TMF_WRITE_ERRORS)  # fmt: skip
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
        raise _invalid("isAutoTopup", "auto top-ups are not offered; sign a mandate instead")
    if data.voucher is not None:
        raise _invalid("voucher", "redeem a recharge card through the recharge-card service")
    number, method = _number(data), _method(data)
    product_code = _product_code(hall, data)
    key = idempotency_key if idempotency_key is not None else secrets.token_hex(16)
    result = hall.payments.top_up(
        token, product_code, idempotency_key=key, number=number, method=method
    )
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
        before_request=_require_json,
    )


AREA = Area(name="tmf654", requires=("access", "billing", "payments"), routers=(_router,))
"""TMF654 buckets, accumulated balances and top-ups, under the spec's base path."""
