"""The account (账户): a balance in :class:`Money` and a credit limit (信用额度).

Invariant (F-QRY-1, F-BIZ-7): ``balance >= -credit_limit`` always, and the credit limit is
never negative; so :attr:`Account.available` (``balance + credit_limit``) is never negative.
A debit that would break it is refused (``account.insufficient_funds``); lowering the limit
below the money already owed is refused (``account.credit_limit_below_debt``).

The ledger (F-PAY-1, F-QRY-1): every credit and debit appends a :class:`LedgerEntry` (the
signed amount, the instant, and the ``reference`` of what moved the money: a payment id, a
refund id, a recharge card id, a bill id), so ``balance == opening_balance + sum(ledger)``
always holds; an account built or loaded otherwise is refused (``account.ledger``).
``opening_balance`` is the balance the account was created with (or had when it was stored
before it kept a ledger). The ledger lives in the account's stored body: one entry per
posting.

At most one bill payment is collected for an account at a time (F-PAY-3):
:attr:`Account.collecting` names it while it is open, so two "pay what is owed" requests
(two browser tabs, a hand payment and an auto-debit) never both take the money;
:meth:`Account.start_collecting` refuses a second one with ``Conflict``
``payment.bill_payment_open``.
"""

from __future__ import annotations

from datetime import datetime
from typing import NewType

import attrs

from unicom_core.domain.shared import (
    DomainEvent,
    Money,
    check_id,
    check_version,
    domain_event,
    guarded,
    instance_of,
    require_aware,
    update,
)
from unicom_core.domain.subscribers.codes import (
    ACCOUNT_AMOUNT,
    ACCOUNT_BALANCE,
    ACCOUNT_CREDIT_LIMIT,
    ACCOUNT_CREDIT_LIMIT_BELOW_DEBT,
    ACCOUNT_CURRENCY,
    ACCOUNT_INSUFFICIENT_FUNDS,
    ACCOUNT_LEDGER,
    ACCOUNT_REFERENCE,
    PAYMENT_BILL_PAYMENT_OPEN,
)
from unicom_core.domain.subscribers.customers import CustomerId

__all__ = [
    "Account",
    "AccountCreditLimitChanged",
    "AccountCredited",
    "AccountDebited",
    "AccountId",
    "AccountMoved",
    "LedgerEntry",
]

AccountId = NewType("AccountId", str)
"""The store's id of an account (a uuid4 hex made by the caller)."""


@domain_event("account.moved")
@attrs.frozen(slots=True, kw_only=True)
class AccountMoved(DomainEvent):
    """The account followed its number to another customer (F-REAL-2)."""

    previous: str
    customer_id: str


@domain_event("account.credited")
@attrs.frozen(slots=True, kw_only=True)
class AccountCredited(DomainEvent):
    """Money was added to an account (a top-up, a refund; F-PAY-1)."""

    amount: Money
    balance: Money


@domain_event("account.debited")
@attrs.frozen(slots=True, kw_only=True)
class AccountDebited(DomainEvent):
    """Money was taken from an account (a fee, a purchase; F-QRY-1)."""

    amount: Money
    balance: Money


@domain_event("account.credit_limit_changed")
@attrs.frozen(slots=True, kw_only=True)
class AccountCreditLimitChanged(DomainEvent):
    """The account's credit limit was adjusted (F-BIZ-7)."""

    previous: Money
    credit_limit: Money


def _reference(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or len(value) > _REFERENCE_MAX:
        raise ACCOUNT_REFERENCE.error(
            f"a ledger reference is text of at most {_REFERENCE_MAX} characters", field="reference"
        )


_REFERENCE_MAX = 64


def _aware(_instance: object, _attribute: attrs.Attribute[datetime], value: object) -> None:
    require_aware(value)


@attrs.frozen(slots=True)
class LedgerEntry:
    """One posting to an account: ``amount`` (positive credit, negative debit), when, why.

    ``reference`` names what moved the money: a payment attempt's id for a top-up or a bill
    payment, a refund's id, a recharge card's id, a bill's id ("" when the caller gave none).
    """

    amount: Money = attrs.field(validator=instance_of(Money, ACCOUNT_AMOUNT))
    at: datetime = attrs.field(validator=_aware)
    reference: str = attrs.field(default="", validator=_reference)


def _require_positive(amount: object) -> Money:
    if not isinstance(amount, Money) or not amount.is_positive:
        raise ACCOUNT_AMOUNT.error(
            f"an amount must be positive money, not {amount!r}", field="amount"
        )
    return amount


@attrs.define(slots=True)
class Account:
    """An account paying for subscribers: balance and credit limit (F-QRY-1, F-BIZ-7)."""

    id: AccountId = attrs.field(validator=check_id, on_setattr=guarded)
    customer_id: CustomerId = attrs.field(validator=check_id, on_setattr=guarded)
    balance: Money = attrs.field(
        factory=Money.zero, validator=instance_of(Money, ACCOUNT_BALANCE), on_setattr=guarded
    )
    credit_limit: Money = attrs.field(
        factory=Money.zero,
        validator=instance_of(Money, ACCOUNT_CREDIT_LIMIT),
        on_setattr=guarded,
    )
    version: int = attrs.field(default=0, validator=check_version)
    collecting: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(check_id), on_setattr=guarded
    )
    opening_balance: Money = attrs.field(
        validator=instance_of(Money, ACCOUNT_BALANCE), on_setattr=guarded
    )
    ledger: tuple[LedgerEntry, ...] = attrs.field(default=(), converter=tuple, on_setattr=guarded)

    @opening_balance.default
    def _opening(self) -> Money:
        return self.balance

    def __attrs_post_init__(self) -> None:
        """Check the invariants: one currency, limit >= 0, balance >= -limit, the ledger."""
        if self.credit_limit.currency != self.balance.currency:
            raise ACCOUNT_CURRENCY.error(field="balance")
        if self.credit_limit.is_negative:
            raise ACCOUNT_CREDIT_LIMIT.error(field="credit_limit")
        if self.balance < -self.credit_limit:
            raise ACCOUNT_BALANCE.error(field="balance")
        posted = Money.total((entry.amount for entry in self.ledger), self.balance.currency)
        if self.opening_balance + posted != self.balance:
            raise ACCOUNT_LEDGER.error(field="ledger")

    @property
    def available(self) -> Money:
        """What can still be spent: balance plus credit limit, never negative (F-QRY-1)."""
        return self.balance + self.credit_limit

    def credit(
        self, amount: Money, *, at: datetime, reference: str = ""
    ) -> tuple[DomainEvent, ...]:
        """Add a positive ``amount`` (``account.amount`` otherwise; F-PAY-1), posted to the ledger.

        ``reference`` names what brings the money (a payment id, a card id).
        """
        balance = self.balance + _require_positive(amount)
        event = AccountCredited(
            aggregate_id=self.id, occurred_at=require_aware(at), amount=amount, balance=balance
        )
        self._post(amount, at, reference, balance)
        return (event,)

    def debit(self, amount: Money, *, at: datetime, reference: str = "") -> tuple[DomainEvent, ...]:
        """Take a positive ``amount`` if available (``account.insufficient_funds`` otherwise).

        ``reference`` names what takes the money (a bill id, a refund id).
        """
        balance = self.balance - _require_positive(amount)
        if balance < -self.credit_limit:
            raise ACCOUNT_INSUFFICIENT_FUNDS.error(amount=amount, available=self.available)
        event = AccountDebited(
            aggregate_id=self.id, occurred_at=require_aware(at), amount=amount, balance=balance
        )
        self._post(-amount, at, reference, balance)
        return (event,)

    def _post(self, amount: Money, at: datetime, reference: str, balance: Money) -> None:
        entry = LedgerEntry(amount, at, reference)
        update(self, balance=balance, ledger=(*self.ledger, entry))

    # ------------------------------------------------------------------ bill collection

    def start_collecting(self, payment_id: str) -> None:
        """Note the bill payment collected now; at most one at a time (F-PAY-3).

        Raises:
            Conflict: ``payment.bill_payment_open`` (``payment_id``: the open one) when
                another bill payment is being collected.
        """
        if self.collecting is not None and self.collecting != payment_id:
            raise PAYMENT_BILL_PAYMENT_OPEN.error(payment_id=self.collecting)
        update(self, collecting=payment_id)

    def stop_collecting(self, payment_id: str) -> bool:
        """Forget ``payment_id`` as the bill payment collected now; False if it was not."""
        if self.collecting != payment_id:
            return False
        update(self, collecting=None)
        return True

    def change_credit_limit(self, credit_limit: Money, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Set a new credit limit >= 0 that still covers what is owed (F-BIZ-7)."""
        if not isinstance(credit_limit, Money) or credit_limit.is_negative:
            raise ACCOUNT_CREDIT_LIMIT.error(
                f"a credit limit is money >= 0, not {credit_limit!r}", field="credit_limit"
            )
        if self.balance < -credit_limit:
            raise ACCOUNT_CREDIT_LIMIT_BELOW_DEBT.error(
                balance=self.balance, credit_limit=credit_limit
            )
        if credit_limit == self.credit_limit:
            return ()
        event = AccountCreditLimitChanged(
            aggregate_id=self.id,
            occurred_at=require_aware(at),
            previous=self.credit_limit,
            credit_limit=credit_limit,
        )
        update(self, credit_limit=credit_limit)
        return (event,)

    def move_to(self, customer_id: CustomerId, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Follow the number it pays for to another customer (F-REAL-2; no-op if the same)."""
        if customer_id == self.customer_id:
            return ()
        previous = self.customer_id
        update(self, customer_id=customer_id)
        event = AccountMoved(
            aggregate_id=self.id,
            occurred_at=require_aware(at),
            previous=previous,
            customer_id=self.customer_id,
        )
        return (event,)
