"""What each payment purpose delivers once paid, and undoes when failed or refunded (F-PAY-1, 2).

==============  =====================================  ==================================
purpose         on success (exactly once)              on failure / on refund
==============  =====================================  ==================================
TOP_UP          credit the face value, in the          - / debit it when the refund is
                transaction that records the success   asked, credit it back if refused
CARD_ORDER      sell the reserved cards, in that       put the reserved cards back in
                transaction                            stock / not refundable
BILL            ``billing.record_payment`` after the   - / not refundable
                commit, idempotent by payment id
AUTO_DEBIT      as BILL, then the debit is PAID        the debit is retried per schedule
SHOP_ORDER      the shop's ``paid`` hook, in that      the shop's ``failed`` hook / the
                transaction                            money back, the shop told after
CAMPAIGN        promotions' ``paid`` hook (benefits    promotions' ``failed`` hook (the
                applied), in that transaction          quota unit back) / the money back
==============  =====================================  ==================================

A purpose an area above this one delivers (the shop's orders) registers its
:class:`PurposeHooks` (:meth:`PaymentEngine.when_paid
<unicom_core.usecases.payments.PaymentEngine.when_paid>`), so this area never imports it:
``paid`` runs in the transaction that records the success, ``failed`` in the one that records
the failure; its refund takes nothing back from an account (the hall credited none).

A BILL or AUTO_DEBIT payment holds its account while it is collected
(:mod:`~unicom_core.usecases.payments.bill_collection`); the account is let go when it fails or once
it is fulfilled (billing has it), so a second "pay what is owed" finds nothing owed. Every
credit and debit made here is posted to the account's ledger with the payment's id (a
refund's with the refund's id).

A card order's ``item_id`` is ``"<face value in fen>x<quantity>"``: should a late success
find its cards released, it reserves as many again from stock.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.payments import (
    PAYMENT_NOT_REFUNDABLE,
    PAYMENT_PURPOSE,
    CardStatus,
    PaymentAttempt,
    PaymentPurpose,
)
from unicom_core.domain.shared import DomainEvent, Money
from unicom_core.ports.payments import PaymentUnitOfWork
from unicom_core.usecases.payments.bill_collection import stop as stop_collecting

if TYPE_CHECKING:
    from unicom_core.usecases.payments.needs import BillPayments
    from unicom_core.usecases.payments.settings import PaymentSettings

__all__ = ["Fulfilment", "PurposeHooks", "TopUpHook", "card_order_item"]

_IN_TRANSACTION = frozenset({PaymentPurpose.TOP_UP, PaymentPurpose.CARD_ORDER})
_BY_BILLING = frozenset({PaymentPurpose.BILL, PaymentPurpose.AUTO_DEBIT})
_HOOKED = frozenset({PaymentPurpose.SHOP_ORDER, PaymentPurpose.CAMPAIGN})
"""The purposes an area above this one delivers through its registered hooks."""


@attrs.frozen(slots=True)
class PurposeHooks:
    """What an area above payments does when a payment of its purpose succeeds or fails.

    ``paid(tx, attempt, now)`` runs in the transaction that records the success and returns
    the events to publish with it; ``failed(tx, attempt, now)`` runs in the one that records
    the failure (it publishes its own events). Both run again if the transaction is re-run
    (a version clash), so they act on what ``tx`` shows, never on what they did before.
    """

    paid: Callable[[PaymentUnitOfWork, PaymentAttempt, datetime], Iterable[DomainEvent]]
    failed: Callable[[PaymentUnitOfWork, PaymentAttempt, datetime], object]


TopUpHook = Callable[[PaymentUnitOfWork, PaymentAttempt, datetime], Iterable[DomainEvent]]
"""What an area above payments does in the transaction crediting a paid top-up (F-PRO-4)."""


def card_order_item(face_value: Money, quantity: int) -> str:
    """The ``item_id`` of a card order: ``"<face value in fen>x<quantity>"``."""
    return f"{face_value.fen}x{quantity}"


def _card_order(item_id: str | None) -> tuple[Money, int]:
    face, _, quantity = (item_id or "0x0").partition("x")
    return Money(int(face)), int(quantity)


class Fulfilment:
    """Delivers and undoes what each purpose buys (see the module docstring)."""

    def __init__(self, settings: PaymentSettings, bills: BillPayments) -> None:
        self._settings, self._bills = settings, bills
        self._hooks: dict[PaymentPurpose, PurposeHooks] = {}
        self._topped_up: list[TopUpHook] = []

    def when_topped_up(self, hook: TopUpHook) -> None:
        """Call ``hook(tx, attempt, now)`` in the transaction that credits each paid TOP_UP.

        Hooks run in the order added, after the credit, exactly once per attempt that is
        fulfilled (again if that transaction is re-run); the events a hook returns are
        published with the credit's, and a hook that raises rolls the credit back. The
        composition root wires the growth game's earning here (F-PRO-4).
        """
        self._topped_up.append(hook)

    def register(self, purpose: PaymentPurpose, hooks: PurposeHooks) -> None:
        """Deliver payments of ``purpose`` through ``hooks`` (``payment.purpose`` if built in)."""
        if purpose not in _HOOKED or purpose in self._hooks:
            raise PAYMENT_PURPOSE.error(
                f"{purpose.value} payments are delivered by this area or hooked already",
                field="purpose",
            )
        self._hooks[purpose] = hooks

    def in_transaction(
        self, tx: PaymentUnitOfWork, attempt: PaymentAttempt, now: datetime
    ) -> list[DomainEvent]:
        """Deliver a succeeded TOP_UP, CARD_ORDER or hooked purpose in the transaction."""
        hooks = self._hooks.get(attempt.purpose)
        if attempt.awaits_fulfilment and hooks is not None:
            return [*hooks.paid(tx, attempt, now), *attempt.fulfil(at=now)]
        if not attempt.awaits_fulfilment or attempt.purpose not in _IN_TRANSACTION:
            return []
        if attempt.purpose is PaymentPurpose.TOP_UP:
            account = tx.accounts.get(attempt.account_id)  # type: ignore[arg-type]  # AccountId
            events = list(account.credit(attempt.credit, at=now, reference=attempt.id))
            tx.accounts.save(account)
            for hook in self._topped_up:
                events += hook(tx, attempt, now)
            return [*events, *attempt.fulfil(at=now)]
        if not self._sell_cards(tx, attempt, now):
            return []  # out of stock after a late success: the reconciler tries again
        return list(attempt.fulfil(at=now))

    def _sell_cards(self, tx: PaymentUnitOfWork, attempt: PaymentAttempt, now: datetime) -> bool:
        face_value, quantity = _card_order(attempt.item_id)
        held = [
            c for c in tx.recharge_cards.of_order(attempt.id) if c.status is not CardStatus.STOCK
        ]
        missing = quantity - len(held)
        if missing > 0:
            fresh = list(tx.recharge_cards.in_stock(face_value, missing))
            if len(fresh) < missing:
                return False
            for card in fresh:
                card.reserve(attempt.id, at=now)
            held += fresh
        for card in held:
            if card.status is CardStatus.RESERVED:
                card.sell(attempt.id)
                tx.recharge_cards.save(card)
        return True

    def failed(self, tx: PaymentUnitOfWork, attempt: PaymentAttempt, now: datetime) -> None:
        """Undo what an order held while it was paid: reserved cards, a debit's try, the account."""
        stop_collecting(tx, attempt)
        hooks = self._hooks.get(attempt.purpose)
        if hooks is not None:
            hooks.failed(tx, attempt, now)
        elif attempt.purpose is PaymentPurpose.CARD_ORDER:
            for card in tx.recharge_cards.of_order(attempt.id):
                if card.status is CardStatus.RESERVED:
                    card.release(attempt.id)
                    tx.recharge_cards.save(card)
        elif attempt.purpose is PaymentPurpose.AUTO_DEBIT and attempt.item_id is not None:
            debit = tx.auto_debits.get(attempt.item_id)
            debit.declined(self._settings.retries, attempt.failure_reason or "declined")
            tx.auto_debits.save(debit)
        del now

    def after_commit(self, attempt: PaymentAttempt) -> bool:
        """Hand a succeeded BILL or AUTO_DEBIT payment to billing; True once handed over."""
        if attempt.purpose not in _BY_BILLING:
            return False
        self._bills.record_payment(attempt.account_id, attempt.amount, payment_id=attempt.id)
        return True

    def fulfilled(
        self, tx: PaymentUnitOfWork, attempt: PaymentAttempt, now: datetime
    ) -> list[DomainEvent]:
        """Let the account go (billing has the payment); note a fulfilled auto-debit's debit."""
        stop_collecting(tx, attempt)
        if attempt.purpose is PaymentPurpose.AUTO_DEBIT and attempt.item_id is not None:
            debit = tx.auto_debits.get(attempt.item_id)
            debit.succeeded()
            tx.auto_debits.save(debit)
        del now
        return []

    def hold_refund(
        self, tx: PaymentUnitOfWork, attempt: PaymentAttempt, now: datetime
    ) -> list[DomainEvent]:
        """Take back what a refunded TOP_UP credited (``account.insufficient_funds`` if spent).

        A hooked purpose (a shop order) credited no account: nothing is taken back.

        Raises:
            Refused: ``payment.not_refundable`` for any other purpose.
        """
        if attempt.purpose in self._hooks:
            return []
        if attempt.purpose is not PaymentPurpose.TOP_UP:
            raise PAYMENT_NOT_REFUNDABLE.error(
                f"a {attempt.purpose.value} payment is not refunded through the hall",
                payment_id=attempt.id,
            )
        account = tx.accounts.get(attempt.account_id)  # type: ignore[arg-type]  # AccountId
        events = list(account.debit(attempt.credit, at=now, reference=_refund_reference(attempt)))
        tx.accounts.save(account)
        return events

    def release_refund(
        self, tx: PaymentUnitOfWork, attempt: PaymentAttempt, now: datetime
    ) -> list[DomainEvent]:
        """Give back what :meth:`hold_refund` took when the gateway refused the refund."""
        if attempt.purpose in self._hooks:
            return []
        account = tx.accounts.get(attempt.account_id)  # type: ignore[arg-type]  # AccountId
        reference = _refund_reference(attempt)
        events = list(account.credit(attempt.credit, at=now, reference=reference))
        tx.accounts.save(account)
        return events


def _refund_reference(attempt: PaymentAttempt) -> str:
    return attempt.refund.id if attempt.refund is not None else attempt.id
