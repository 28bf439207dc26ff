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

from datetime import datetime, time

import attrs

from unicom_core.domain.billing import Bill
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.errors import UnicomError
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_web.areas import Area
from unicom_web.codes import BILLING_UNKNOWN_BILL
from unicom_web.tmf import Ref, TimePeriod, TmfApi, TmfContext, TmfResource, tmf_shape

__all__ = ["API", "AREA", "BASE_PATH", "AppliedPayment", "CustomerBill"]

BASE_PATH = "/tmf-api/customerBillManagement/v4"
_DUE_BY = time(23, 59, 59)
"""A bill is due by the end of its due date, Beijing time."""


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class AppliedPayment:
    """A payment applied to a TMF678 ``CustomerBill``: the amount and the payment."""

    applied_amount: Money
    payment: Ref


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class CustomerBill:
    """A TMF678 ``CustomerBill`` as this hall fills it."""

    id: str
    href: str
    bill_no: str | None = None
    bill_date: datetime | None = None
    payment_due_date: datetime | None = None
    category: str | None = None
    run_type: str | None = None
    state: str | None = None
    billing_period: TimePeriod | None = None
    amount_due: Money | None = None
    remaining_amount: Money | None = None
    tax_included_amount: Money | None = None
    billing_account: Ref | None = None
    applied_payment: list[AppliedPayment] | None = None
    type_: str = "CustomerBill"


def _state(bill: Bill) -> str:
    if bill.settled_at is not None:
        return "settled"
    return "partiallySettled" if bill.paid.is_positive else "new"


def _customer_bill(bill: Bill, context: TmfContext) -> CustomerBill:
    return CustomerBill(
        id=bill.id,
        href=f"{context.base}/customerBill/{bill.id}",
        bill_no=bill.id,
        bill_date=bill.issued_at,
        payment_due_date=datetime.combine(bill.due_date, _DUE_BY, tzinfo=SHANGHAI),
        category="normal",
        run_type="onCycle",
        state=_state(bill),
        billing_period=TimePeriod(start_date_time=bill.cycle.start, end_date_time=bill.cycle.end),
        amount_due=bill.total,
        remaining_amount=bill.owed_at(context.hall.clock.now()),
        tax_included_amount=bill.total,
        billing_account=Ref(id=bill.account_id, referred_type="BillingAccount"),
        applied_payment=[
            AppliedPayment(applied_amount=payment.amount, payment=Ref(id=payment.payment_id))
            for payment in bill.payments
        ],
    )


def _bills(context: TmfContext) -> tuple[Bill, ...]:
    return tuple(context.hall.billing.bills(context.token, PageRequest(0, MAX_PAGE_LIMIT)).items)


def _missing(bill_id: str) -> UnicomError:
    return BILLING_UNKNOWN_BILL.error(id=bill_id)


CUSTOMER_BILL: TmfResource[Bill, CustomerBill] = TmfResource(
    path="customerBill",
    body=CustomerBill,
    load=_bills,
    to_body=_customer_bill,
    missing=_missing,
    list_doc="The bills of the session's account, newest first; other parameters filter.",
    get_doc="One bill of the session's account by id; another account's is not found.",
)

API = TmfApi(tag="TMF678", base_path=BASE_PATH, resources=(CUSTOMER_BILL,))
"""TMF678: the customer bills."""

AREA = Area(name="tmf678", routers=(API.router,))
"""TMF678 customer bills, under the spec's base path."""
