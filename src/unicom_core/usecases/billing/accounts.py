"""Payments in and arrears out: crediting accounts, settling bills, suspending (F-QRY-1).

:meth:`BillingAccounts.record_payment` credits an account once per payment id, settles its
bills oldest first and reactivates numbers suspended for arrears once nothing is overdue;
:meth:`BillingAccounts.enforce_arrears` suspends postpaid numbers 30 days in arrears.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import attrs

from unicom_core.domain.billing import BILLING_PAYMENT
from unicom_core.domain.shared import Money
from unicom_core.domain.subscribers import PaymentMode, SubscriberStatus
from unicom_core.usecases.billing.lookups import subscribers_of
from unicom_core.usecases.shared import publish, run

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from unicom_core.domain.billing import Bill
    from unicom_core.domain.subscribers import Account
    from unicom_core.ports.billing import BillingStorage, BillingUnitOfWork
    from unicom_core.ports.shared import Clock
    from unicom_core.usecases.billing.settings import BillingSettings

__all__ = ["ArrearsReport", "BillingAccounts", "PaymentReceipt"]

_T = TypeVar("_T")
_PAYMENT_ID_MAX = 150
_ARREARS_PAGE = 100


@attrs.frozen(slots=True)
class PaymentReceipt:
    """A payment recorded: what went to bills, the balance after, numbers reactivated."""

    payment_id: str
    account_id: str
    amount: Money
    applied_to_bills: Money
    balance: Money
    reactivated: tuple[str, ...]
    duplicate: bool = False


@attrs.frozen(slots=True)
class ArrearsReport:
    """What an arrears pass found: bills in arrears and the numbers it suspended."""

    bills_in_arrears: int
    suspended: tuple[str, ...]


class BillingAccounts:
    """Payments credited to accounts, and the arrears pass (``hall.billing``)."""

    def __init__(self, storage: BillingStorage, clock: Clock, settings: BillingSettings) -> None:
        self._storage, self._clock, self._settings = storage, clock, settings
        self._rule = settings.retry_rule
        self._settled: list[Callable[[BillingUnitOfWork, Bill, datetime], object]] = []

    def when_settled(self, hook: Callable[[BillingUnitOfWork, Bill, datetime], object]) -> None:
        """Call ``hook(tx, bill, now)`` in the transaction of each payment settling a bill.

        Hooks run in the order added, after the bill is saved and before the transaction
        commits: what a hook writes commits with the payment, and a hook that raises rolls
        the payment back. The composition root wires the points of paid bills here (F-QRY-4),
        so this area never imports the areas above it.
        """
        self._settled.append(hook)

    def _run(self, work: Callable[[BillingUnitOfWork, datetime], _T]) -> _T:
        return run(self._storage, self._clock, work, self._rule)

    def record_payment(self, account_id: str, amount: Money, *, payment_id: str) -> PaymentReceipt:
        """Credit a payment once per ``payment_id``, settle bills, reactivate (F-PAY, F-QRY-1).

        The account is credited with ``amount``; its unsettled bills are then paid from the
        balance, oldest first; once none is in arrears, its numbers suspended for arrears are
        reactivated. The same ``payment_id`` again changes nothing (``duplicate=True``).

        Raises:
            InvalidInput: ``billing.payment`` for a non-positive amount or a bad payment id.
            NotFound: ``storage.not_found`` for an unknown account.
        """
        if not isinstance(amount, Money) or not amount.is_positive:
            raise BILLING_PAYMENT.error(field="amount")
        if not isinstance(payment_id, str) or not 1 <= len(payment_id) <= _PAYMENT_ID_MAX:
            raise BILLING_PAYMENT.error(
                f"a payment id is 1-{_PAYMENT_ID_MAX} characters", field="payment_id"
            )
        return self._run(lambda tx, now: self._pay(tx, now, account_id, amount, payment_id))

    def _pay(
        self, tx: BillingUnitOfWork, now: datetime, account_id: str, amount: Money, payment_id: str
    ) -> PaymentReceipt:
        account = tx.accounts.get(account_id)  # type: ignore[arg-type]  # an AccountId
        if not tx.counters.try_take(f"billing.payment:{payment_id}", 1, 1):
            return PaymentReceipt(
                payment_id, account.id, amount, Money.zero(), account.balance, (), duplicate=True
            )
        events = list(account.credit(amount, at=now, reference=payment_id))
        applied = Money.zero()
        for bill in tx.bills.unsettled_of_account(account.id):
            paid, bill_events = bill.pay(payment_id, account.balance, at=now)
            if paid:
                events += [*bill_events, *account.debit(paid, at=now)]
                applied += paid
                tx.bills.save(bill)
                if bill.settled_at is not None:
                    for hook in self._settled:
                        hook(tx, bill, now)
        tx.accounts.save(account)
        publish(tx, events)
        reactivated = self._reactivate_if_clear(tx, now, account)
        return PaymentReceipt(payment_id, account.id, amount, applied, account.balance, reactivated)

    def _reactivate_if_clear(
        self, tx: BillingUnitOfWork, now: datetime, account: Account
    ) -> tuple[str, ...]:
        if any(bill.days_in_arrears(now) for bill in tx.bills.unsettled_of_account(account.id)):
            return ()
        reactivated = []
        for subscriber in subscribers_of(tx, account):
            if subscriber.status is SubscriberStatus.SUSPENDED_ARREARS:
                publish(tx, subscriber.reactivate(at=now))
                tx.subscribers.save(subscriber)
                reactivated.append(subscriber.id)
        return tuple(reactivated)

    def enforce_arrears(self) -> ArrearsReport:
        """Suspend the postpaid numbers of accounts in arrears for the configured days (F-QRY-1).

        Late fees need no pass: a bill computes them for any day
        (:mod:`~unicom_core.domain.billing.bills`).
        """
        cursor: list[str | None] = [None]
        in_arrears, suspended = 0, list[str]()
        while True:
            found = self._run(lambda tx, now: self._arrears_page(tx, now, cursor[0]))
            if found is None:
                return ArrearsReport(in_arrears, tuple(suspended))
            cursor[0], count, numbers = found
            in_arrears += count
            suspended += numbers

    def _arrears_page(
        self, tx: BillingUnitOfWork, now: datetime, after: str | None
    ) -> tuple[str, int, list[str]] | None:
        bills = tx.bills.unsettled_after(after, _ARREARS_PAGE)
        if not bills:
            return None
        limit = self._settings.bills.suspend_after_days
        overdue = [bill for bill in bills if bill.days_in_arrears(now)]
        due_for_suspension = {b.account_id for b in overdue if b.days_in_arrears(now) >= limit}
        suspended: list[str] = []
        for account_id in sorted(due_for_suspension):
            account = tx.accounts.find(account_id)  # type: ignore[arg-type]  # an AccountId
            for subscriber in subscribers_of(tx, account) if account is not None else ():
                if (
                    subscriber.payment_mode is PaymentMode.POSTPAID
                    and subscriber.status is SubscriberStatus.ACTIVE
                ):
                    publish(tx, subscriber.suspend_for_arrears(at=now))
                    tx.subscribers.save(subscriber)
                    suspended.append(subscriber.id)
        return bills[-1].id, len(overdue), suspended
