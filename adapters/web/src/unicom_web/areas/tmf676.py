"""TMF676 Payment Management v4: the session's payment records, read-only (F-PAY-2).

``GET /paymentManagement/v4/payment`` lists the payments of the session's number, newest
first, and ``.../payment/{id}`` returns one of the session's customer, with the spec's field
names (``fields``, ``offset``, ``limit`` and attribute filters as in every TMF list). The
v4.0.0 swagger's ``basePath`` is ``/paymentManagement/v4/`` (without the ``/tmf-api``
prefix the other TMF APIs carry), so the area serves that path, and the same operations
under ``/tmf-api/paymentManagement/v4`` for clients built on the TMF630 convention (that
alias is left out of the OpenAPI document). Since the spec's path is outside ``/tmf-api``,
the router renders its own errors as TMF ``Error`` objects, through the one mapping of
:func:`unicom_web.problems.problem_for`.

The mapping of a payment attempt: its id is ``id`` (and ``correlatorId``); ``name`` its
purpose (``top_up``, ``bill``, ``card_order``, ``auto_debit``); ``status`` the attempt's
(``created``, ``pending``, ``succeeded``, ``failed``, ``refunded``); ``amount`` and
``totalAmount`` what the gateway charged; ``authorizationCode`` the gateway's reference;
``paymentDate`` when it settled (else when it was made); ``account`` the billing account;
``paymentMethod`` the way it was paid (``page``, ``app``, ``mandate``); ``paymentItem``
the product a top-up or card order bought.
"""

from __future__ import annotations

import logging
import secrets
from typing import TYPE_CHECKING, Any, cast

import attrs
from litestar import MediaType, Request, Response, Router, get
from litestar.exceptions import HTTPException, ValidationException
from litestar.params import FromPath, FromQuery

from unicom_core.domain.access.permissions import QUERY_BILL
from unicom_core.errors import NotFound, UnicomError
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_web.areas import Area
from unicom_web.areas.tmf import TMF_ERRORS, Limit, Offset, listing, money, select
from unicom_web.deps import Hall, Token
from unicom_web.problems import Problem, parameter_code, problem_for

if TYPE_CHECKING:
    from litestar.types import ExceptionHandlersMap

    from unicom_core.domain.payments import PaymentAttempt
    from unicom_web.settings import WebSettings

__all__ = [
    "AREA",
    "BASE_PATH",
    "TMF_BASE_PATH",
    "Payment",
    "find_payment",
    "payment_body",
    "tmf_error_handlers",
]

BASE_PATH = "/paymentManagement/v4"
"""The ``basePath`` of TMF676-Payment-v4.0.0.swagger.json."""
TMF_BASE_PATH = "/tmf-api/paymentManagement/v4"
"""The same operations under the ``/tmf-api`` prefix of TMF630 (not in the schema)."""

logger = logging.getLogger("unicom_web")


@attrs.frozen(slots=True, kw_only=True)
class Payment:
    """The schema of a TMF676 ``Payment`` as this hall fills it (all optional)."""

    id: str | None = None
    href: str | None = None
    name: str | None = None
    description: str | None = None
    correlatorId: str | None = None  # noqa: N815 - TM Forum field names
    authorizationCode: str | None = None  # noqa: N815
    paymentDate: str | None = None  # noqa: N815
    status: str | None = None
    statusDate: str | None = None  # noqa: N815
    account: dict[str, str] | None = None
    amount: dict[str, Any] | None = None
    totalAmount: dict[str, Any] | None = None  # noqa: N815
    paymentMethod: dict[str, str] | None = None  # noqa: N815
    paymentItem: list[dict[str, Any]] | None = None  # noqa: N815


def payment_body(attempt: PaymentAttempt, base: str) -> dict[str, Any]:
    """The TMF676 ``Payment`` of a payment attempt; ``base`` is the API's URL root."""
    when = attempt.settled_at or attempt.created_at
    body: dict[str, Any] = {
        "id": attempt.id,
        "href": f"{base}/payment/{attempt.id}",
        "name": attempt.purpose.value,
        "description": attempt.subject,
        "correlatorId": attempt.id,
        "paymentDate": when.isoformat(),
        "status": attempt.status.value,
        "statusDate": (attempt.fulfilled_at or when).isoformat(),
        "account": {"id": attempt.account_id, "@referredType": "BillingAccount"},
        "amount": money(attempt.amount),
        "totalAmount": money(attempt.amount),
        "paymentMethod": {
            "id": attempt.method.value,
            "name": attempt.method.value,
            "description": attempt.gateway,
            "@type": "PaymentMethodRef",
            "@referredType": "PaymentMethod",
        },
        "@type": "Payment",
    }
    if attempt.reference is not None:
        body["authorizationCode"] = attempt.reference
    if attempt.product_code is not None:
        body["paymentItem"] = [
            {
                "amount": money(attempt.amount),
                "item": {"id": attempt.product_code, "@referredType": "ProductOffering"},
                "@type": "PaymentItem",
            }
        ]
    return body


def _base(request: Request[Any, Any, Any]) -> str:
    return str(request.base_url).rstrip("/") + BASE_PATH


def _payments(request: Request[Any, Any, Any], hall: Hall, token: Token) -> list[dict[str, Any]]:
    records = hall.payments.records(token, page=PageRequest(0, MAX_PAGE_LIMIT)).items
    return [payment_body(attempt, _base(request)) for attempt in records]


@get(
    "/payment",
    summary="List or find Payment objects",
    tags=["TMF676"],
    operation_id="listPayment",
    sync_to_thread=True,
    responses=TMF_ERRORS,
)
def list_payment(  # noqa: PLR0913 - the spec's query parameters
    *,
    request: Request[Any, Any, Any],
    hall: Hall,
    token: Token,
    fields: FromQuery[str | None] = None,
    offset: Offset = 0,
    limit: Limit = None,
) -> Response[list[Payment]]:
    """The payments of the session's number, newest first; other parameters filter."""
    return listing(
        _payments(request, hall, token),
        request.query_params,
        fields=fields,
        offset=offset,
        limit=limit,
    )


@get(
    "/payment/{payment_id:str}",
    summary="Retrieves a Payment by ID",
    tags=["TMF676"],
    operation_id="retrievePayment",
    sync_to_thread=True,
    responses=TMF_ERRORS,
)
def retrieve_payment(
    request: Request[Any, Any, Any],
    payment_id: FromPath[str],
    hall: Hall,
    token: Token,
    fields: FromQuery[str | None] = None,
) -> Response[Payment]:
    """One payment of the session's customer; another customer's is not found."""
    attempt = find_payment(hall, token, payment_id)
    return Response(cast("Payment", select(payment_body(attempt, _base(request)), fields)))


def find_payment(hall: Hall, token: Token, payment_id: str) -> PaymentAttempt:
    """A payment of the session's customer; any other id is one ``payment.unknown``.

    The session is checked first (401 before any 404). The core answers an unknown id of
    a payment's form with ``storage.not_found`` and another customer's with
    ``payment.unknown``; both become the latter, so no answer tells them apart (F-AUTH-6).
    """
    hall.access.authorize(token, QUERY_BILL)
    try:
        return hall.payments.payment(token, payment_id)
    except NotFound:
        raise NotFound("payment.unknown", "there is no such payment", id=payment_id) from None


# ---------------------------------------------------------------------- errors


def _tmf_response(request: Request[Any, Any, Any], problem: Problem) -> Response[Any]:
    settings: WebSettings = request.app.state["web_settings"]
    return Response(
        problem.tmf_body(settings.problem_base),
        status_code=problem.status,
        headers=dict(problem.headers),
        media_type=MediaType.JSON,
    )


def _domain_error(request: Request[Any, Any, Any], error: UnicomError) -> Response[Any]:
    return _tmf_response(request, problem_for(error))


def _http_error(request: Request[Any, Any, Any], error: HTTPException) -> Response[Any]:
    status = error.status_code
    code = {400: "request.invalid", 405: "http.method_not_allowed"}.get(status, f"http.{status}")
    if isinstance(error, ValidationException):
        code = parameter_code(error.extra, code)
    headers = {k: v for k, v in (error.headers or {}).items() if k.lower() == "allow"}
    return _tmf_response(request, Problem(status, code, str(error.detail), {}, headers))


def _unexpected(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    correlation_id = secrets.token_hex(8)
    logger.error(
        "unexpected error %s on %s %s",
        correlation_id,
        request.method,
        request.url.path,
        exc_info=error,
    )
    message = f"an unexpected error occurred; quote the correlation id {correlation_id}"
    return _tmf_response(request, Problem(500, "internal", message))


def tmf_error_handlers() -> ExceptionHandlersMap:
    """Handlers rendering every error as a TMF ``Error``, for a router outside ``/tmf-api``."""
    return {UnicomError: _domain_error, HTTPException: _http_error, Exception: _unexpected}


def _router() -> Router:
    return Router(
        BASE_PATH,
        route_handlers=[list_payment, retrieve_payment],
        exception_handlers=tmf_error_handlers(),
    )


def _alias() -> Router:
    return Router(
        TMF_BASE_PATH, route_handlers=[list_payment, retrieve_payment], include_in_schema=False
    )


AREA = Area(name="tmf676", requires=("access", "payments"), routers=(_router, _alias))
"""TMF676 payments, under the spec's base path (and its ``/tmf-api`` alias)."""
