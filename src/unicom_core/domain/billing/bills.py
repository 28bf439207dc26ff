"""Bills: one per account per cycle, their lines, payments, late fees and arrears (F-QRY-1, 3).

A :class:`Bill` is issued by the bill run for an account and a closed cycle; its id is
``"<account id>:<YYYY-MM>"`` (:func:`bill_id`), so a store holds at most one bill per account
per cycle and a bill run that runs twice, or resumes after a crash, can never issue two.

**Due date and late fees** (:class:`BillPolicy`, all configurable). A bill for cycle *M* is
due by the end of the last day of month *M+1* (or of day ``due_day``). For every day after
that, the principal still unpaid at the start of the day accrues a late fee (滞纳金) of
``late_fee_rate`` (default 3‰), rounded to the fen each day; the same amount every day, so
the fee never depends on how often it is looked at. A payment goes to the principal first,
then to the late fees; once the principal is paid no more fee accrues, so nobody pays a fee
on a fee.

**Arrears** (欠费): a bill is in arrears while anything is owed after its due date; after
``suspend_after_days`` (default 30) days of arrears a postpaid number of the account is
suspended, and paying what is owed reactivates it (the use cases do both).
"""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.billing.codes import (
    BILL_CYCLE,
    BILL_ID,
    BILL_LINES,
    BILL_PAYMENTS,
    BILL_POLICY,
    BILL_RATE,
)
from unicom_core.domain.shared import (
    BillingCycle,
    DomainEvent,
    Money,
    Rate,
    check_version,
    domain_event,
    guarded,
    instance_of,
    to_shanghai,
    tuple_of,
    update,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from unicom_core.domain.billing.fees import SubscriberCharges

__all__ = [
    "Bill",
    "BillIssued",
    "BillLine",
    "BillPaid",
    "BillPayment",
    "BillPolicy",
    "LineDetail",
    "LineKind",
    "bill_id",
    "bill_lines",
    "compose_bill",
]

_MAX_DUE_DAY = 28


def bill_id(account_id: str, cycle: BillingCycle) -> str:
    """The id of the one bill of ``account_id`` for ``cycle``: ``"<account>:<YYYY-MM>"``."""
    return f"{account_id}:{cycle}"


class LineKind(enum.Enum):
    """What a bill line charges for."""

    PLAN_FEE = "plan_fee"
    PACK_FEE = "pack_fee"
    USAGE = "usage"
    ADJUSTMENT = "adjustment"
    DISCOUNT = "discount"
    """A fee discount (F-PRO-3): negative, next to the fee it discounts."""


@attrs.frozen(slots=True)
class LineDetail:
    """The facts a bill line's words are made of, so a page words it in its language (F-QRY-1).

    ``subject`` is the product code a fee or discount line charges for, or the service of a
    value-added use; ``quantity`` and ``unit_price`` the units used beyond the allowances and
    their price (usage lines; the unit is the line's ``code``); ``days`` of ``cycle_days`` the
    days a fee or discount counts. Zero, empty or None where a line has no such fact.
    """

    subject: str = ""
    quantity: int = 0
    unit_price: Money | None = None
    days: int = 0
    cycle_days: int = 0


@attrs.frozen(slots=True)
class BillLine:
    """One line of a bill: a fee, a usage charge or an adjustment of one number.

    ``description`` is the line in Chinese, as issued; ``detail`` the facts it is made of
    (None on a line issued before lines carried them, and on an adjustment: its reason is
    the operator's text).
    """

    subscriber_id: str
    number: str
    kind: LineKind
    code: str
    description: str
    amount: Money
    detail: LineDetail | None = None


@attrs.frozen(slots=True)
class BillPayment:
    """A payment applied to a bill (``amount`` as applied, never more than was owed)."""

    payment_id: str
    at: datetime
    amount: Money


def _check_due_day(_instance: object, _attribute: attrs.Attribute[int | None], v: object) -> None:
    if v is not None and (isinstance(v, bool) or not isinstance(v, int) or not 1 <= v <= 28):  # noqa: PLR2004
        raise BILL_POLICY.error(field="due_day")


def _check_days(_instance: object, _attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise BILL_POLICY.error("suspend_after_days is >= 1", field="suspend_after_days")


@attrs.frozen(slots=True, kw_only=True)
class BillPolicy:
    """Due date, late fee and arrears suspension of bills (configurable; defaults as published)."""

    due_day: int | None = attrs.field(default=None, validator=_check_due_day)
    late_fee_rate: Rate = attrs.field(
        factory=lambda: Rate.per_mille(3), validator=instance_of(Rate, BILL_POLICY)
    )
    suspend_after_days: int = attrs.field(default=30, validator=_check_days)

    def due_date(self, cycle: BillingCycle) -> date:
        """The last day to pay the bill of ``cycle``, in the following month."""
        following = cycle.next()
        return (
            following.last_day
            if self.due_day is None
            else following.first_day.replace(day=self.due_day)
        )


@domain_event("bill.issued")
@attrs.frozen(slots=True, kw_only=True)
class BillIssued(DomainEvent):
    """The bill run issued a bill (F-QRY-3)."""

    account_id: str
    cycle: BillingCycle
    total: Money
    due_date: date


@domain_event("bill.paid")
@attrs.frozen(slots=True, kw_only=True)
class BillPaid(DomainEvent):
    """A payment went to a bill; ``owed`` is what is left (zero: the bill is settled)."""

    payment_id: str
    amount: Money
    owed: Money


def _lines(values: object) -> tuple[BillLine, ...]:
    return tuple_of(values, BillLine, BILL_LINES, "lines")


def _payments(values: object) -> tuple[BillPayment, ...]:
    return tuple_of(values, BillPayment, BILL_PAYMENTS, "payments")


@attrs.define(slots=True)
class Bill:
    """The bill of one account for one cycle (F-QRY-1, F-QRY-3); see the module docstring."""

    id: str = attrs.field(on_setattr=guarded)
    account_id: str = attrs.field(on_setattr=guarded)
    cycle: BillingCycle = attrs.field(
        validator=instance_of(BillingCycle, BILL_CYCLE), on_setattr=guarded
    )
    issued_at: datetime = attrs.field(on_setattr=guarded)
    due_date: date = attrs.field(on_setattr=guarded)
    late_fee_rate: Rate = attrs.field(validator=instance_of(Rate, BILL_RATE), on_setattr=guarded)
    lines: tuple[BillLine, ...] = attrs.field(converter=_lines, on_setattr=guarded)
    payments: tuple[BillPayment, ...] = attrs.field(
        default=(), converter=_payments, on_setattr=guarded
    )
    settled_at: datetime | None = attrs.field(default=None, on_setattr=guarded)
    version: int = attrs.field(default=0, validator=check_version)

    def __attrs_post_init__(self) -> None:
        """The id is the account's and the cycle's."""
        if self.id != bill_id(self.account_id, self.cycle):
            raise BILL_ID.error(field="id")

    @property
    def total(self) -> Money:
        """The sum of the lines (the principal; may be negative after a credit)."""
        return Money.total(line.amount for line in self.lines)

    @property
    def principal(self) -> Money:
        """What the bill asks for before late fees: the total, or zero for a credit."""
        return max(self.total, Money.zero())

    @property
    def paid(self) -> Money:
        """The sum of the payments applied."""
        return Money.total(payment.amount for payment in self.payments)

    def lines_of(self, subscriber_id: str) -> tuple[BillLine, ...]:
        """The lines of one number."""
        return tuple(line for line in self.lines if line.subscriber_id == subscriber_id)

    def _unpaid_principal_before(self, day: date) -> Money:
        paid = Money.total(p.amount for p in self.payments if to_shanghai(p.at).date() < day)
        return max(self.principal - paid, Money.zero())

    def late_fee_through(self, day: date) -> Money:
        """Late fees accrued for every day after the due date up to ``day`` (included)."""
        fee = Money.zero()
        current = self.due_date + timedelta(days=1)
        while current <= day:
            unpaid = self._unpaid_principal_before(current)
            if not unpaid:
                break  # a principal paid stays paid: no later day accrues
            fee += unpaid.apply(self.late_fee_rate)
            current += timedelta(days=1)
        return fee

    def owed_at(self, at: datetime) -> Money:
        """What is owed at ``at``: unpaid principal plus late fees to that day, less payments."""
        day = to_shanghai(at, field="at").date()
        return max(self.principal + self.late_fee_through(day) - self.paid, Money.zero())

    def days_in_arrears(self, at: datetime) -> int:
        """Whole days since the due date with something owed (0 if nothing is, or not yet due)."""
        day = to_shanghai(at, field="at").date()
        if day <= self.due_date or not self.owed_at(at):
            return 0
        return (day - self.due_date).days

    def pay(
        self, payment_id: str, amount: Money, *, at: datetime
    ) -> tuple[Money, tuple[DomainEvent, ...]]:
        """Apply up to ``amount`` at ``at``; return what was applied and the events.

        A payment id already applied applies nothing again (idempotent); the bill takes no
        more than is owed, the caller keeps the rest.
        """
        if any(p.payment_id == payment_id for p in self.payments) or not amount.is_positive:
            return Money.zero(), ()
        applied = min(amount, self.owed_at(at))
        if not applied:
            return Money.zero(), ()
        payments = (*self.payments, BillPayment(payment_id, to_shanghai(at), applied))
        update(self, payments=payments)
        owed = self.owed_at(at)
        if not owed:
            update(self, settled_at=to_shanghai(at))
        event = BillPaid(
            aggregate_id=self.id, occurred_at=at, payment_id=payment_id, amount=applied, owed=owed
        )
        return applied, (event,)


def bill_lines(charges: SubscriberCharges) -> list[BillLine]:
    """The lines of one number's charges: plan fee, pack fees, discounts, usage, adjustments."""
    sid, number = charges.subscriber_id, charges.number
    fees = [(LineKind.PLAN_FEE, f) for f in charges.plan_fees]
    fees += [(LineKind.PACK_FEE, f) for f in charges.pack_fees]
    lines = [
        BillLine(
            sid,
            number,
            kind,
            f.code,
            f"{f.name} ({f.days}/{f.cycle_days}天)",
            f.amount,
            LineDetail(f.code, days=f.days, cycle_days=f.cycle_days),
        )
        for kind, f in fees
    ]
    lines += [
        BillLine(
            sid,
            number,
            LineKind.DISCOUNT,
            d.id,
            f"{d.description} ({d.days}/{d.cycle_days}天)",
            d.amount,
            LineDetail(d.code, days=d.days, cycle_days=d.cycle_days),
        )
        for d in charges.discounts
    ]
    lines += [
        BillLine(
            sid,
            number,
            LineKind.USAGE,
            c.kind.value,
            c.description,
            c.amount,
            LineDetail(c.service, c.units, c.price),
        )
        for c in charges.usage.charges
    ]
    lines += [
        BillLine(sid, number, LineKind.ADJUSTMENT, a.id, a.reason, a.amount)
        for a in charges.adjustments
    ]
    return lines


def compose_bill(
    account_id: str,
    cycle: BillingCycle,
    charges: Sequence[SubscriberCharges],
    policy: BillPolicy,
    *,
    at: datetime,
) -> tuple[Bill, tuple[DomainEvent, ...]]:
    """The bill of ``account_id`` for ``cycle`` from its numbers' charges, and its event."""
    lines = [line for item in sorted(charges, key=lambda c: c.number) for line in bill_lines(item)]
    issued = to_shanghai(at, field="at")
    bill = Bill(
        bill_id(account_id, cycle),
        account_id,
        cycle,
        issued,
        policy.due_date(cycle),
        policy.late_fee_rate,
        tuple(lines),
    )
    total = bill.total  # summed once: the principal is the total when positive
    if not total.is_positive:
        update(bill, settled_at=issued)
    event = BillIssued(
        aggregate_id=bill.id,
        occurred_at=issued,
        account_id=account_id,
        cycle=cycle,
        total=total,
        due_date=bill.due_date,
    )
    return bill, (event,)
