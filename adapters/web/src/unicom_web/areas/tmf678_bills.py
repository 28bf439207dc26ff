"""The TMF678 ``CustomerBill`` bodies and what they are made of: bills and interim bills.

A :class:`CustomerBill` is written from an issued :class:`~unicom_core.domain.billing.Bill`
(``category`` ``normal``, ``runType`` ``onCycle``) or from an :class:`Interim` bill, the
cycle so far of a billing account asked for on demand (``category`` ``interim``,
``runType`` ``offCycle``, ``state`` ``new``: computed with the billing area's charges-so-far
query, never issued nor stored; F-QRY-1, F-QRY-3). ``state`` is one of the spec's
``CustomerBillStateType``: ``settled``, ``partiallyPaid`` (something paid, something owed)
or ``new``. Every bill has its ``billDocument``: the reference of its PDF,
``.../customerBill/{id}/document`` (:mod:`unicom_web.areas.tmf678_document`).

Who sees what: a subscriber session the bills of its account (its own number's charges
for an interim bill); an operator token with scope ``tmf.read`` those of the whole carrier
(F-AUTH-6).
"""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import QUERY_BILL
from unicom_core.domain.billing import BILLING_UNKNOWN_ACCOUNT, Bill, BillLine, bill_id
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.errors import NotFound
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_web.areas.oauth import is_operator, operator_accounts, operator_numbers
from unicom_web.codes import BILLING_UNKNOWN_BILL
from unicom_web.tmf import Ref, TimePeriod, tmf_shape

if TYPE_CHECKING:
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_web.tmf import TmfContext

__all__ = [
    "ON_DEMAND",
    "AppliedPayment",
    "AttachmentRef",
    "CustomerBill",
    "Interim",
    "bill_state",
    "customer_bill",
    "find_bill",
    "interim_bill",
    "interim_id",
    "visible_bills",
]

ON_DEMAND = "onDemand"
"""The last part of an interim bill's id: ``<account>:<YYYY-MM>:onDemand``."""
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
class AttachmentRef:
    """A TMF ``AttachmentRefOrValue`` by reference: the bill's document and where to get it."""

    id: str
    href: str
    url: str
    name: str
    mime_type: str = "application/pdf"
    attachment_type: str = "bill"
    description: str | None = None


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
    bill_document: list[AttachmentRef] | None = None
    applied_payment: list[AppliedPayment] | None = None
    type_: str = "CustomerBill"


@attrs.frozen(slots=True, kw_only=True)
class Interim:
    """The cycle so far of a billing account, asked for on demand: never issued."""

    account_id: str
    cycle: BillingCycle
    lines: tuple[BillLine, ...]
    at: datetime

    @property
    def id(self) -> str:
        """``<account>:<YYYY-MM>:onDemand``."""
        return interim_id(self.account_id, self.cycle)

    @property
    def total(self) -> Money:
        """The sum of the lines so far."""
        return Money.total(line.amount for line in self.lines)


def interim_id(account_id: str, cycle: BillingCycle) -> str:
    """The id of the interim bill of ``account_id`` for ``cycle``."""
    return f"{bill_id(account_id, cycle)}:{ON_DEMAND}"


def bill_state(bill: Bill) -> str:
    """The spec's ``CustomerBillStateType`` of ``bill``: settled, partiallyPaid or new."""
    if bill.settled_at is not None:
        return "settled"
    return "partiallyPaid" if bill.paid.is_positive else "new"


def _document(bill_id_: str, context: TmfContext) -> list[AttachmentRef]:
    url = f"{context.base}/customerBill/{bill_id_}/document"
    return [AttachmentRef(id=f"{bill_id_}:document", href=url, url=url, name=f"{bill_id_}.pdf")]


def _account(account_id: str) -> Ref:
    return Ref(id=account_id, referred_type="BillingAccount")


def _period(cycle: BillingCycle) -> TimePeriod:
    return TimePeriod(start_date_time=cycle.start, end_date_time=cycle.end)


def customer_bill(item: Bill | Interim, context: TmfContext) -> CustomerBill:
    """The ``CustomerBill`` of an issued bill or of an interim one."""
    if isinstance(item, Interim):
        return CustomerBill(
            id=item.id,
            href=f"{context.base}/customerBill/{item.id}",
            bill_no=item.id,
            bill_date=item.at,
            category="interim",
            run_type="offCycle",
            state="new",
            billing_period=_period(item.cycle),
            amount_due=item.total,
            tax_included_amount=item.total,
            billing_account=_account(item.account_id),
            bill_document=_document(item.id, context),
        )
    return CustomerBill(
        id=item.id,
        href=f"{context.base}/customerBill/{item.id}",
        bill_no=item.id,
        bill_date=item.issued_at,
        payment_due_date=datetime.combine(item.due_date, _DUE_BY, tzinfo=SHANGHAI),
        category="normal",
        run_type="onCycle",
        state=bill_state(item),
        billing_period=_period(item.cycle),
        amount_due=item.total,
        remaining_amount=item.owed_at(context.hall.clock.now()),
        tax_included_amount=item.total,
        billing_account=_account(item.account_id),
        bill_document=_document(item.id, context),
        applied_payment=[
            AppliedPayment(applied_amount=payment.amount, payment=Ref(id=payment.payment_id))
            for payment in item.payments
        ],
    )


def visible_bills(context: TmfContext) -> tuple[Bill, ...]:
    """The issued bills the principal may see, newest first (the carrier's for operators)."""
    hall, token, page = context.hall, context.token, PageRequest(0, MAX_PAGE_LIMIT)
    if is_operator(token):  # the whole carrier, for scope tmf.read (F-AUTH-6)
        numbers = operator_accounts(hall, token)  # bills are the account's
        found = [
            b for s in numbers for b in hall.billing.bills(token, page, s.number.identifier).items
        ]
        return tuple(sorted(found, key=lambda bill: (bill.issued_at, bill.id), reverse=True))
    return tuple(hall.billing.bills(token, page).items)


def _numbers_of(context: TmfContext, account_id: str) -> list[NumberIdentifier]:
    hall, token = context.hall, context.token
    if is_operator(token):
        walk = operator_numbers(hall, token)
        return [s.number.identifier for s in walk if s.account_id == account_id]
    own = hall.access.authorize(token, QUERY_BILL).subscriber
    return [own.number.identifier] if own.account_id == account_id else []


def interim_bill(context: TmfContext, account_id: str) -> Interim:
    """The cycle so far of ``account_id``: its numbers' charges so far (F-QRY-1).

    An operator's covers every number of the account; a subscriber's its own number.

    Raises:
        NotFound: ``billing.unknown_account`` (also another customer's account).
        Refused: as the charges query (``billing.query_blackout``, F-CAL-3, ...).
    """
    numbers = _numbers_of(context, account_id)
    if not numbers:
        raise BILLING_UNKNOWN_ACCOUNT.error(id=account_id)
    views = sorted(
        (context.hall.billing.charges(context.token, None, number) for number in numbers),
        key=lambda view: view.number,
    )
    lines = tuple(line for view in views for line in view.lines)
    return Interim(
        account_id=account_id, cycle=views[0].cycle, lines=lines, at=context.hall.clock.now()
    )


def find_bill(context: TmfContext, wanted: str) -> Bill | Interim:
    """The issued bill of id ``wanted``, or the interim bill of this cycle it names.

    Raises:
        NotFound: ``billing.unknown_bill`` (also another account's).
    """
    account_id, _, rest = wanted.partition(":")
    cycle_text, _, kind = rest.partition(":")
    if kind == ON_DEMAND:
        current = BillingCycle.containing(context.hall.clock.now())
        if cycle_text != str(current):
            raise BILLING_UNKNOWN_BILL.error(id=wanted)
        try:
            return interim_bill(context, account_id)
        except NotFound as error:
            if error.code == BILLING_UNKNOWN_ACCOUNT.code:
                raise BILLING_UNKNOWN_BILL.error(id=wanted) from None
            raise
    for bill in visible_bills(context):
        if bill.id == wanted:
            return bill
    raise BILLING_UNKNOWN_BILL.error(id=wanted)
