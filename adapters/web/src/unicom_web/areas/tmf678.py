"""TMF678 Customer Bill Management v4: the session's bills, read-only (F-QRY-1, F-QRY-3).

``GET /tmf-api/customerBillManagement/v4/customerBill`` lists the bills of the account of
the session's number, newest first, and ``.../customerBill/{id}`` returns one, with the
spec's field names (``fields``, ``offset``, ``limit`` and attribute filters as in every TMF
list). The session comes as for the JSON API (cookie or Bearer); the query is the billing
area's, so a random-password session may read bills (F-AUTH-5) and the bill-run blackout
of F-CAL-3 applies. The mapping: the bill's id is ``id`` and ``billNo``; its cycle is the
``billingPeriod``; ``amountDue`` and ``taxIncludedAmount`` are its total (prices include
tax), ``remainingAmount`` what it owes today with late fees; ``state`` is ``settled``,
``partiallySettled`` or ``new``; payments are ``appliedPayment``.
"""

from __future__ import annotations

from typing import Any, cast

import attrs
from litestar import Request, Response, Router, get
from litestar.params import FromPath, FromQuery

from unicom_core.domain.billing import Bill
from unicom_core.errors import NotFound
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_web.areas import Area
from unicom_web.areas.tmf import TMF_ERRORS, Limit, Offset, listing, money, select
from unicom_web.deps import Hall, Token

__all__ = ["AREA", "BASE_PATH", "CustomerBill"]

BASE_PATH = "/tmf-api/customerBillManagement/v4"


@attrs.frozen(slots=True, kw_only=True)
class CustomerBill:
    """The schema of a TMF678 ``CustomerBill`` as this hall fills it (all optional)."""

    id: str | None = None
    href: str | None = None
    billNo: str | None = None  # noqa: N815 - TM Forum field names
    billDate: str | None = None  # noqa: N815
    paymentDueDate: str | None = None  # noqa: N815
    category: str | None = None
    runType: str | None = None  # noqa: N815
    state: str | None = None
    billingPeriod: dict[str, str] | None = None  # noqa: N815
    amountDue: dict[str, Any] | None = None  # noqa: N815
    remainingAmount: dict[str, Any] | None = None  # noqa: N815
    taxIncludedAmount: dict[str, Any] | None = None  # noqa: N815
    billingAccount: dict[str, str] | None = None  # noqa: N815
    appliedPayment: list[dict[str, Any]] | None = None  # noqa: N815


def _state(bill: Bill) -> str:
    if bill.settled_at is not None:
        return "settled"
    return "partiallySettled" if bill.paid.is_positive else "new"


def _customer_bill(bill: Bill, hall: Hall, base: str) -> dict[str, Any]:
    return {
        "id": bill.id,
        "href": f"{base}/customerBill/{bill.id}",
        "billNo": bill.id,
        "billDate": bill.issued_at.isoformat(),
        "paymentDueDate": f"{bill.due_date.isoformat()}T23:59:59+08:00",
        "category": "normal",
        "runType": "onCycle",
        "state": _state(bill),
        "billingPeriod": {
            "startDateTime": bill.cycle.start.isoformat(),
            "endDateTime": bill.cycle.end.isoformat(),
        },
        "amountDue": money(bill.total),
        "remainingAmount": money(bill.owed_at(hall.clock.now())),
        "taxIncludedAmount": money(bill.total),
        "billingAccount": {"id": bill.account_id, "@referredType": "BillingAccount"},
        "appliedPayment": [
            {"appliedAmount": money(payment.amount), "payment": {"id": payment.payment_id}}
            for payment in bill.payments
        ],
        "@type": "CustomerBill",
    }


def _bills(request: Request[Any, Any, Any], hall: Hall, token: Token) -> list[dict[str, Any]]:
    base = str(request.base_url).rstrip("/") + BASE_PATH
    bills = hall.billing.bills(token, PageRequest(0, MAX_PAGE_LIMIT)).items
    return [_customer_bill(bill, hall, base) for bill in bills]


@get(
    "/customerBill",
    summary="List or find CustomerBill objects",
    tags=["TMF678"],
    operation_id="listCustomerBill",
    sync_to_thread=True,
    responses=TMF_ERRORS,
)
def list_customer_bill(  # noqa: PLR0913 - the spec's query parameters
    *,
    request: Request[Any, Any, Any],
    hall: Hall,
    token: Token,
    fields: FromQuery[str | None] = None,
    offset: Offset = 0,
    limit: Limit = None,
) -> Response[list[CustomerBill]]:
    """The bills of the session's account, newest first; other parameters filter."""
    return listing(
        _bills(request, hall, token),
        request.query_params,
        fields=fields,
        offset=offset,
        limit=limit,
    )


@get(
    "/customerBill/{bill_id:str}",
    summary="Retrieves a CustomerBill by ID",
    tags=["TMF678"],
    operation_id="retrieveCustomerBill",
    sync_to_thread=True,
    responses=TMF_ERRORS,
)
def retrieve_customer_bill(
    request: Request[Any, Any, Any],
    bill_id: FromPath[str],
    hall: Hall,
    token: Token,
    fields: FromQuery[str | None] = None,
) -> Response[CustomerBill]:
    """One bill of the session's account by id; another account's is not found."""
    for body in _bills(request, hall, token):
        if body["id"] == bill_id:
            return Response(cast("CustomerBill", select(body, fields)))
    raise NotFound("billing.unknown_bill", f"no customer bill {bill_id!r}", id=bill_id)


def _router() -> Router:
    return Router(BASE_PATH, route_handlers=[list_customer_bill, retrieve_customer_bill])


AREA = Area(name="tmf678", requires=("access", "billing"), routers=(_router,))
"""TMF678 customer bills, under the spec's base path."""
