"""One bill payment collected per account at a time, and the bounds of a charge (F-PAY-1..3).

Two "pay what is owed" requests under different idempotency keys (two browser tabs), or a
payment by hand while the auto-debit collects the same bill, must not both take the money.
The account names the bill payment it collects
(:attr:`~unicom_core.domain.subscribers.accounts.Account.
collecting`), set in the transaction that opens the attempt and cleared in the one that
settles it (failed, or handed to billing and fulfilled). The account is saved with its
optimistic version, so of two racing openers on SQLite or PostgreSQL one clashes, re-runs,
and finds the other's payment:

* the same request (same number, method and amount asked) gets that payment back
  (``duplicate=True``);
* any other is refused: ``Conflict`` ``payment.bill_payment_open`` with its ``payment_id``.

A payment that is neither open nor awaiting its hand-over to billing no longer holds the
account (a stale name is taken over), so a failed or expired payment never blocks a new one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.payments import (
    PAYMENT_AMOUNT,
    PAYMENT_AMOUNT_NOT_POSITIVE,
    PAYMENT_AMOUNT_TOO_LARGE,
    PAYMENT_NOTHING_OWED,
    PaymentPurpose,
)
from unicom_core.domain.shared import STORAGE_VERSION_CONFLICT, Money
from unicom_core.domain.subscribers import PAYMENT_BILL_PAYMENT_OPEN

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.payments import PaymentAttempt
    from unicom_core.domain.subscribers import Account, Subscriber
    from unicom_core.errors import Conflict
    from unicom_core.ports.payments import PaymentUnitOfWork

__all__ = [
    "bill_amount",
    "check_asked",
    "check_charge",
    "collected",
    "collecting",
    "reusable",
    "start",
    "stop",
]

_COLLECTED = frozenset({PaymentPurpose.BILL, PaymentPurpose.AUTO_DEBIT})


def collecting(tx: PaymentUnitOfWork, account_id: str) -> PaymentAttempt | None:
    """The bill payment the account is collecting now, if it is still live."""
    account = tx.accounts.find(account_id)  # type: ignore[arg-type]  # an AccountId
    return None if account is None else _live(tx, account)


def _live(tx: PaymentUnitOfWork, account: Account) -> PaymentAttempt | None:
    if account.collecting is None:
        return None
    found = tx.payment_attempts.find(account.collecting)
    if found is not None and (found.is_open or found.awaits_fulfilment):
        return found
    return None


def _open_conflict(attempt: PaymentAttempt) -> Conflict:
    return PAYMENT_BILL_PAYMENT_OPEN.error(
        "a bill payment for this account is under way; finish it or wait until it settles",
        payment_id=attempt.id,
    )


def reusable(tx: PaymentUnitOfWork, account_id: str, digest: str) -> PaymentAttempt | None:
    """The live bill payment a new request fingerprinted ``digest`` gets back, or None.

    Raises:
        Conflict: ``payment.bill_payment_open`` when another request's payment is live.
    """
    live = collecting(tx, account_id)
    if live is None:
        return None
    if live.purpose is PaymentPurpose.BILL and live.request_digest == digest:
        return live
    raise _open_conflict(live)


def start(tx: PaymentUnitOfWork, attempt: PaymentAttempt) -> None:
    """Name ``attempt`` as the account's bill payment, in the transaction that stores it.

    Raises:
        Conflict: ``storage.version_conflict`` when another one became live since the caller
            looked (:func:`reusable`, :func:`collecting`): the transaction runner re-runs.
    """
    account = tx.accounts.get(attempt.account_id)  # type: ignore[arg-type]  # an AccountId
    live = _live(tx, account)
    if live is not None and live.id != attempt.id:
        # Another payment committed after :func:`reusable` looked (READ COMMITTED reads the
        # newest row at each statement): re-run the transaction, whose :func:`reusable`
        # then returns that payment to the same request or refuses naming it.
        raise STORAGE_VERSION_CONFLICT.error(
            "the account began collecting another bill payment meanwhile", payment_id=live.id
        )
    if account.collecting is not None and live is None:
        account.stop_collecting(account.collecting)  # a settled payment's stale name
    account.start_collecting(attempt.id)
    tx.accounts.save(account)


def stop(tx: PaymentUnitOfWork, attempt: PaymentAttempt) -> None:
    """Clear ``attempt`` as the account's bill payment (it failed, or billing has it)."""
    if attempt.purpose not in _COLLECTED:
        return
    account = tx.accounts.find(attempt.account_id)  # type: ignore[arg-type]  # an AccountId
    if account is not None and account.stop_collecting(attempt.id):
        tx.accounts.save(account)


def collected(attempt: PaymentAttempt) -> bool:
    """True for a purpose collected one at a time per account (bill payment, auto-debit)."""
    return attempt.purpose in _COLLECTED


def check_charge(amount: Money, max_charge: Money) -> None:
    """Refuse a charge above ``max_charge`` (``InvalidInput`` ``payment.amount_too_large``)."""
    if amount > max_charge:
        raise PAYMENT_AMOUNT_TOO_LARGE.error(
            f"{amount} is more than the {max_charge} one payment may charge; pay in parts",
            field="amount",
            limit=max_charge,
        )


def check_asked(amount: Money | None) -> None:
    """Refuse an amount asked that is not positive Money (``payment.amount_not_positive``)."""
    if amount is None:
        return
    if not isinstance(amount, Money):
        raise PAYMENT_AMOUNT.error(field="amount")
    if not amount.is_positive:
        raise PAYMENT_AMOUNT_NOT_POSITIVE.error(
            f"a payment is a positive amount, not {amount}", field="amount"
        )


def bill_amount(
    tx: PaymentUnitOfWork,
    subscriber: Subscriber,
    now: datetime,
    asked: Money | None,
    advance: Money,
) -> Money:
    """What a bill payment charges: ``asked``, at most owed + ``advance``; default all owed."""
    bills = tx.bills.unsettled_of_account(subscriber.account_id)
    owed = Money.total(bill.owed_at(now) for bill in bills)
    if asked is None:
        if not owed.is_positive:
            raise PAYMENT_NOTHING_OWED.error()
        return owed
    most = max(owed, Money.zero()) + advance
    if asked > most:
        raise PAYMENT_AMOUNT_TOO_LARGE.error(
            f"{asked} is more than the {most} owed plus the advance a payment may carry",
            field="amount",
            limit=most,
        )
    return asked
