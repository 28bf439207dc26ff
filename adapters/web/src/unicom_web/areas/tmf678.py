"""TMF678 Customer Bill Management v4: bills, their rated lines, bills on demand (F-QRY-1, 3).

The goal: serve each resource as the v4 specification in the repository
(``tests/specs/tmf/TMF678-Customer_Bill-v4.0.0.swagger.json``) defines it, for operator
clients (the whole carrier) and subscriber sessions (their own), so that a client written
to the specification works unchanged on every operation served. Under
``/tmf-api/customerBillManagement/v4``:

* ``GET customerBill`` and ``customerBill/{id}``: the bills, newest first
  (:mod:`unicom_web.areas.tmf678_bills`: ``state`` ``new``/``partiallyPaid``/``settled``,
  ``billDocument``); ``{id}`` also returns an interim bill made on demand;
* ``GET customerBill/{id}/document``: the bill's PDF (:mod:`unicom_web.areas.tmf678_document`);
* ``GET appliedCustomerBillingRate`` and ``.../{id}``: the bills' rated lines
  (:mod:`unicom_web.areas.tmf678_rates`; ``?bill.id=``);
* ``POST``/``GET customerBillOnDemand`` and ``.../{id}``: the cycle so far of a billing
  account, never issued (:mod:`unicom_web.areas.tmf678_on_demand`);
* ``POST hub`` / ``DELETE hub/{id}`` for operators, as every TMF API.

Every list takes ``fields``, ``offset``, ``limit`` and the TMF630 filters (nested,
compared, typed: ``billingAccount.id=aa``, ``amountDue.value.gt=10``,
``billDate.lt=2026-09-01``, ``state=new,partiallyPaid``). The session comes as for the JSON
API (cookie or Bearer); an operator's Bearer token needs scope ``tmf.read``. The queries are
the billing area's, so a random-password session may read bills (F-AUTH-5) and the
bill-run blackout of F-CAL-3 applies. The mapping: the bill's id is ``id`` and ``billNo``;
its cycle is the ``billingPeriod``; ``amountDue`` and ``taxIncludedAmount`` are its total
(prices include tax), ``remainingAmount`` what it owes today with late fees; payments are
``appliedPayment``.
"""

from __future__ import annotations

from unicom_core.domain.billing import Bill
from unicom_core.errors import UnicomError
from unicom_web.areas import Area
from unicom_web.areas.tmf678_bills import (
    CustomerBill,
    Interim,
    customer_bill,
    find_bill,
    visible_bills,
)
from unicom_web.areas.tmf678_document import document_handler
from unicom_web.areas.tmf678_on_demand import BILL_ON_DEMAND, create_on_demand
from unicom_web.areas.tmf678_rates import APPLIED_RATE
from unicom_web.codes import BILLING_UNKNOWN_BILL
from unicom_web.tmf import TmfApi, TmfResource

__all__ = ["API", "AREA", "BASE_PATH", "CUSTOMER_BILL"]

BASE_PATH = "/tmf-api/customerBillManagement/v4"


def _missing(bill_id: str) -> UnicomError:
    return BILLING_UNKNOWN_BILL.error(id=bill_id)


CUSTOMER_BILL: TmfResource[Bill | Interim, CustomerBill] = TmfResource(
    path="customerBill",
    body=CustomerBill,
    load=visible_bills,
    to_body=customer_bill,
    missing=_missing,
    find=find_bill,
    list_doc="The bills of the session's account (an operator token with scope tmf.read: "
    "of the whole carrier), newest first; other parameters filter.",
    get_doc="One bill by id (also an interim bill <account>:<YYYY-MM>:onDemand); another "
    "account's is not found.",
)

API = TmfApi(
    tag="TMF678",
    base_path=BASE_PATH,
    resources=(CUSTOMER_BILL, APPLIED_RATE, BILL_ON_DEMAND),
    operations=(create_on_demand(BASE_PATH), document_handler(BASE_PATH)),
)
"""TMF678: customer bills, their rated lines and bills on demand."""

AREA = Area(name="tmf678", routers=(API.router,))
"""TMF678 customer bills, under the spec's base path."""
