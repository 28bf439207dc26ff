"""TMF678 ``appliedCustomerBillingRate``: the rated lines of the issued bills (F-QRY-3).

Each line of a bill (:class:`~unicom_core.domain.billing.LineKind`: plan fee, pack fee,
usage, adjustment, discount) is one ``AppliedCustomerBillingRate``, id
``<bill id>:<n>`` (its place on the bill, from 1), ``isBilled`` true, with its ``bill``,
``billingAccount``, the cycle as ``periodCoverage`` and its amount as ``taxIncludedAmount``
(prices include tax). ``appliedBillingRateType`` is the spec's: ``appliedBillingCharge``
for a fee, a usage charge or a positive adjustment, ``appliedBillingCredit`` for a
discount or a negative adjustment. ``name`` is the kind (``planFee``, ``packFee``,
``usage``, ``adjustment``, ``discount``), ``description`` the line's text, and the
``characteristic`` list names the number, the kind and the code. ``bill.id=`` and every
other TMF630 filter work as on every list. Who sees what is as for the bills.
"""

from __future__ import annotations

from datetime import datetime

import attrs

from unicom_core.domain.billing import Bill, BillLine, LineKind
from unicom_core.domain.shared import Money
from unicom_core.errors import UnicomError
from unicom_web.areas.tmf678_bills import visible_bills
from unicom_web.codes import BILLING_UNKNOWN_BILLING_RATE
from unicom_web.tmf import Characteristic, Ref, TimePeriod, TmfContext, TmfResource, tmf_shape

__all__ = ["APPLIED_RATE", "AppliedCustomerBillingRate", "RatedLine"]

_NAMES = {
    LineKind.PLAN_FEE: "planFee",
    LineKind.PACK_FEE: "packFee",
    LineKind.USAGE: "usage",
    LineKind.ADJUSTMENT: "adjustment",
    LineKind.DISCOUNT: "discount",
}


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class AppliedCustomerBillingRate:
    """A TMF678 ``AppliedCustomerBillingRate``: one rated line of a bill.

    Only ``id``, ``href`` and ``@type`` always come: a ``fields`` selection leaves out the
    rest, the spec's mandatory ``appliedBillingRateType`` included (TMF630).
    """

    id: str
    href: str
    name: str | None = None
    description: str | None = None
    applied_billing_rate_type: str | None = None
    date: datetime | None = None
    is_billed: bool | None = None
    bill: Ref | None = None
    billing_account: Ref | None = None
    period_coverage: TimePeriod | None = None
    tax_included_amount: Money | None = None
    characteristic: list[Characteristic] | None = None
    type_: str = "AppliedCustomerBillingRate"


@attrs.frozen(slots=True)
class RatedLine:
    """A line of a bill and its place on it (from 1)."""

    bill: Bill
    place: int
    line: BillLine

    @property
    def id(self) -> str:
        """``<bill id>:<place>``."""
        return f"{self.bill.id}:{self.place}"


def _rate_type(line: BillLine) -> str:
    credit = line.kind is LineKind.DISCOUNT or (
        line.kind is LineKind.ADJUSTMENT and line.amount.is_negative
    )
    return "appliedBillingCredit" if credit else "appliedBillingCharge"


def _body(rated: RatedLine, context: TmfContext) -> AppliedCustomerBillingRate:
    bill, line = rated.bill, rated.line
    return AppliedCustomerBillingRate(
        id=rated.id,
        href=f"{context.base}/appliedCustomerBillingRate/{rated.id}",
        name=_NAMES[line.kind],
        description=line.description,
        applied_billing_rate_type=_rate_type(line),
        date=bill.issued_at,
        is_billed=True,
        bill=Ref(
            id=bill.id, href=f"{context.base}/customerBill/{bill.id}", referred_type="CustomerBill"
        ),
        billing_account=Ref(id=bill.account_id, referred_type="BillingAccount"),
        period_coverage=TimePeriod(start_date_time=bill.cycle.start, end_date_time=bill.cycle.end),
        tax_included_amount=line.amount,
        characteristic=[
            Characteristic(name="number", value=line.number, value_type="string"),
            Characteristic(name="kind", value=line.kind.value, value_type="string"),
            Characteristic(name="code", value=line.code, value_type="string"),
        ],
    )


def _lines(context: TmfContext) -> list[RatedLine]:
    return [
        RatedLine(bill, place, line)
        for bill in visible_bills(context)
        for place, line in enumerate(bill.lines, start=1)
    ]


def _find(context: TmfContext, wanted: str) -> RatedLine:
    bill_id, _, place = wanted.rpartition(":")
    for bill in visible_bills(context):
        if bill.id == bill_id and place.isdigit() and 1 <= int(place) <= len(bill.lines):
            return RatedLine(bill, int(place), bill.lines[int(place) - 1])
    raise _missing(wanted)


def _missing(rate_id: str) -> UnicomError:
    return BILLING_UNKNOWN_BILLING_RATE.error(id=rate_id)


APPLIED_RATE: TmfResource[RatedLine, AppliedCustomerBillingRate] = TmfResource(
    path="appliedCustomerBillingRate",
    body=AppliedCustomerBillingRate,
    load=_lines,
    to_body=_body,
    missing=_missing,
    find=_find,
    list_doc="The rated lines of the bills of the session's account (an operator token with "
    "scope tmf.read: of the whole carrier), newest bill first; filter with bill.id=.",
    get_doc="One rated line by id (<bill id>:<n>); another account's is not found.",
)
