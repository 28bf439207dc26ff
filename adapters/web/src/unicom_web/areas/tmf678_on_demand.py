"""TMF678 ``customerBillOnDemand``: the cycle so far of a billing account, on request.

``POST .../customerBillOnDemand`` with ``{"billingAccount": {"id": "aa"}}`` computes the
account's interim bill, the current cycle so far, with the billing area's charges query
(the charges so far of each number, F-QRY-1): nothing is issued, stored or charged, and the
calendar's windows apply (``billing.query_blackout``, F-CAL-3). The answer is 201 with the
``CustomerBillOnDemand`` (``state`` ``done``) whose ``customerBill`` names the interim
``CustomerBill`` (``<account>:<YYYY-MM>:onDemand``, ``category`` ``interim``), which
``GET .../customerBill/{id}`` returns (computed again when read) with its PDF.

An on-demand bill is not stored: ``GET .../customerBillOnDemand`` lists the one of each
account the principal sees for the current cycle (an operator with scope ``tmf.read``: the
whole carrier; a subscriber: its own account) and ``GET .../{id}`` returns one. An
unknown or foreign account is 404 ``billing.unknown_account``; a body without
``billingAccount.id`` is 400.
"""

from __future__ import annotations

from typing import Any

import attrs
from litestar import Request, Response, post
from litestar.params import JSONBody

from unicom_core.domain.access import QUERY_BILL
from unicom_core.domain.shared import BillingCycle
from unicom_core.errors import UnicomError
from unicom_web.areas.oauth import is_operator, operator_accounts
from unicom_web.areas.tmf678_bills import interim_bill, interim_id
from unicom_web.codes import BILLING_UNKNOWN_BILL_ON_DEMAND
from unicom_web.tmf import TMF_WRITE_ERRORS, Ref, TmfContext, TmfResource, tmf_shape, unstructure

__all__ = [
    "BILL_ON_DEMAND",
    "BillingAccountRef",
    "CustomerBillOnDemand",
    "CustomerBillOnDemandCreate",
    "create_on_demand",
]


@attrs.frozen(slots=True, kw_only=True)
class BillingAccountRef:
    """The ``BillingAccountRef`` of a request: the account's ``id`` (required)."""

    id: str
    href: str | None = None
    name: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class CustomerBillOnDemandCreate:
    """The TMF678 ``CustomerBillOnDemand_Create`` this hall reads: ``billingAccount``."""

    billingAccount: BillingAccountRef  # noqa: N815 - TM Forum field names
    name: str | None = None
    description: str | None = None


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class CustomerBillOnDemand:
    """A TMF678 ``CustomerBillOnDemand``: done, naming the interim bill it made.

    A ``fields`` selection may leave out all but ``id``, ``href`` and ``@type`` (TMF630).
    """

    id: str
    href: str
    name: str | None = None
    state: str | None = None
    billing_account: Ref | None = None
    customer_bill: Ref | None = None
    description: str | None = None
    type_: str = "CustomerBillOnDemand"


@attrs.frozen(slots=True)
class _Asked:
    account_id: str
    cycle: BillingCycle


def _body(asked: _Asked, context: TmfContext) -> CustomerBillOnDemand:
    bill = interim_id(asked.account_id, asked.cycle)
    return CustomerBillOnDemand(
        id=bill,
        href=f"{context.base}/customerBillOnDemand/{bill}",
        name=f"{asked.account_id} {asked.cycle}",
        state="done",
        billing_account=Ref(id=asked.account_id, referred_type="BillingAccount"),
        customer_bill=Ref(
            id=bill, href=f"{context.base}/customerBill/{bill}", referred_type="CustomerBill"
        ),
    )


def _asked(context: TmfContext) -> list[_Asked]:
    hall, token = context.hall, context.token
    cycle = BillingCycle.containing(hall.clock.now())
    if is_operator(token):
        return [_Asked(s.account_id, cycle) for s in operator_accounts(hall, token)]
    return [_Asked(hall.access.authorize(token, QUERY_BILL).subscriber.account_id, cycle)]


def _missing(request_id: str) -> UnicomError:
    return BILLING_UNKNOWN_BILL_ON_DEMAND.error(id=request_id)


BILL_ON_DEMAND: TmfResource[_Asked, CustomerBillOnDemand] = TmfResource(
    path="customerBillOnDemand",
    body=CustomerBillOnDemand,
    load=_asked,
    to_body=_body,
    missing=_missing,
    list_doc="The on-demand bill of this cycle of each account the principal sees (an "
    "operator token with scope tmf.read: the whole carrier).",
    get_doc="One on-demand bill by id (<account>:<YYYY-MM>:onDemand).",
)


def create_on_demand(base_path: str) -> Any:  # noqa: ANN401 - a Litestar route handler
    """The ``POST customerBillOnDemand`` operation of the API at ``base_path``."""

    @post(
        "/customerBillOnDemand",
        summary="Creates a CustomerBillOnDemand",
        tags=["TMF678"],
        operation_id="createCustomerBillOnDemand",
        status_code=201,
        sync_to_thread=True,
        responses=TMF_WRITE_ERRORS,
    )
    def create_customer_bill_on_demand(
        request: Request[Any, Any, Any], data: JSONBody[CustomerBillOnDemandCreate]
    ) -> Response[CustomerBillOnDemand]:
        """Compute the interim bill of a billing account: its cycle so far, never issued."""
        context = TmfContext(request, base_path)
        interim = interim_bill(context, data.billingAccount.id)
        body = _body(_Asked(interim.account_id, interim.cycle), context)
        location = body.href
        written = attrs.evolve(body, description=f"{interim.total} so far")
        return Response(unstructure(written), status_code=201, headers={"Location": location})

    return create_customer_bill_on_demand
