"""The account (账户): a balance in :class:`Money` and a credit limit (信用额度).

Invariant (F-QRY-1, F-BIZ-7): ``balance >= -credit_limit`` always, and the credit limit is
never negative; so :attr:`Account.available` (``balance + credit_limit``) is never negative.
A debit that would break it is refused (``account.insufficient_funds``); lowering the limit
below the money already owed is refused (``account.credit_limit_below_debt``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NewType

import attrs

from unicom_core.domain._aggregate import (
    check_id,
    check_version,
    guarded,
    instance_of,
    require_aware,
    update,
)
from unicom_core.domain.customers import CustomerId
from unicom_core.domain.events import DomainEvent, domain_event
from unicom_core.domain.money import Money
from unicom_core.errors import InvalidInput, Refused

if TYPE_CHECKING:
    from datetime import datetime

__all__ = [
    "Account",
    "AccountCreditLimitChanged",
    "AccountCredited",
    "AccountDebited",
    "AccountId",
]

AccountId = NewType("AccountId", str)
"""The store's id of an account (a uuid4 hex made by the caller)."""


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


def _require_positive(amount: object) -> Money:
    if not isinstance(amount, Money) or not amount.is_positive:
        raise InvalidInput(
            "account.amount", f"an amount must be positive money, not {amount!r}", field="amount"
        )
    return amount


@attrs.define(slots=True)
class Account:
    """An account paying for subscribers: balance and credit limit (F-QRY-1, F-BIZ-7)."""

    id: AccountId = attrs.field(validator=check_id, on_setattr=guarded)
    customer_id: CustomerId = attrs.field(validator=check_id, on_setattr=guarded)
    balance: Money = attrs.field(
        factory=Money.zero, validator=instance_of(Money, "account.balance"), on_setattr=guarded
    )
    credit_limit: Money = attrs.field(
        factory=Money.zero,
        validator=instance_of(Money, "account.credit_limit"),
        on_setattr=guarded,
    )
    version: int = attrs.field(default=0, validator=check_version)

    def __attrs_post_init__(self) -> None:
        """Check the invariant across fields: one currency, limit >= 0, balance >= -limit."""
        if self.credit_limit.currency != self.balance.currency:
            raise InvalidInput(
                "account.currency", "balance and credit limit share one currency", field="balance"
            )
        if self.credit_limit.is_negative:
            raise InvalidInput(
                "account.credit_limit", "a credit limit is never negative", field="credit_limit"
            )
        if self.balance < -self.credit_limit:
            raise InvalidInput(
                "account.balance", "the balance is below minus the credit limit", field="balance"
            )

    @property
    def available(self) -> Money:
        """What can still be spent: balance plus credit limit, never negative (F-QRY-1)."""
        return self.balance + self.credit_limit

    def credit(self, amount: Money, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Add a positive ``amount`` (``account.amount`` otherwise; F-PAY-1)."""
        balance = self.balance + _require_positive(amount)
        event = AccountCredited(
            aggregate_id=self.id, occurred_at=require_aware(at), amount=amount, balance=balance
        )
        update(self, balance=balance)
        return (event,)

    def debit(self, amount: Money, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Take a positive ``amount`` if available (``account.insufficient_funds`` otherwise)."""
        balance = self.balance - _require_positive(amount)
        if balance < -self.credit_limit:
            raise Refused(
                "account.insufficient_funds",
                f"{amount} is more than the {self.available} available",
                amount=amount,
                available=self.available,
            )
        event = AccountDebited(
            aggregate_id=self.id, occurred_at=require_aware(at), amount=amount, balance=balance
        )
        update(self, balance=balance)
        return (event,)

    def change_credit_limit(self, credit_limit: Money, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Set a new credit limit >= 0 that still covers what is owed (F-BIZ-7)."""
        if not isinstance(credit_limit, Money) or credit_limit.is_negative:
            raise InvalidInput(
                "account.credit_limit",
                f"a credit limit is money >= 0, not {credit_limit!r}",
                field="credit_limit",
            )
        if self.balance < -credit_limit:
            raise Refused(
                "account.credit_limit_below_debt",
                f"a limit of {credit_limit} does not cover the balance of {self.balance}",
                balance=self.balance,
                credit_limit=credit_limit,
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
