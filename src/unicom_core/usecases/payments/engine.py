"""The payment engine: open an attempt, charge, apply outcomes, fulfil once, refund (F-PAY-3).

Every payment use case goes through :class:`PaymentEngine`, so every path that learns an
outcome (the charge's answer, a notification, the reconciler's query) applies it the same
way, in one transaction with the attempt's optimistic version:

* a TOP_UP credits the account, and a CARD_ORDER sells its reserved cards, **in the very
  transaction** that records the success; a concurrent second path finds the attempt
  SUCCEEDED (or clashes on its version, re-runs and finds it so) and does nothing;
* a BILL or AUTO_DEBIT payment is handed to the billing area after the commit
  (``record_payment`` is idempotent by payment id), then marked fulfilled; a crash between
  the two is healed by the reconciler, which hands it over again.

A crash between the charge and the transaction that records its outcome leaves the attempt
CREATED or PENDING: the reconciler (:meth:`PaymentEngine.reconcile`) asks the gateway with the
same key and applies the answer, so the credit happens once, whatever crashed where.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import attrs

from unicom_core.domain.payments import (
    PAYMENT_METHOD,
    PAYMENT_WRONG_PURPOSE,
    PaymentMethod,
    PaymentOutcome,
    PaymentPurpose,
    RefundStatus,
)
from unicom_core.errors import AdapterError, UnicomError
from unicom_core.ports.payments import GatewayResult, RefundRequest
from unicom_core.usecases.payments.bill_collection import check_charge
from unicom_core.usecases.payments.fulfilment import Fulfilment, PurposeHooks
from unicom_core.usecases.payments.pricing import PriceHooks
from unicom_core.usecases.shared import publish, run

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from unicom_core.domain.payments import PaymentAttempt
    from unicom_core.domain.shared import DomainEvent
    from unicom_core.ports.payments import (
        ChargeRequest,
        PaymentGateway,
        PaymentStorage,
        PaymentUnitOfWork,
    )
    from unicom_core.ports.shared import Clock
    from unicom_core.usecases.payments.needs import BillPayments
    from unicom_core.usecases.payments.settings import PaymentSettings

__all__ = ["PaymentEngine", "ReconcileReport", "require_purpose"]

_T = TypeVar("_T")
Events = tuple["DomainEvent", ...]
_PAGE = 100


@attrs.frozen(slots=True)
class ReconcileReport:
    """What a reconciler pass did: attempts looked at, settled by it, still open after it.

    ``errors`` names the attempts whose step failed, with the error's code (a gateway
    reporting another amount, ``payment.amount_mismatch``): they stay open for a person to
    look at, and the pass goes on with the others.
    """

    examined: int
    settled: tuple[str, ...]
    open: tuple[str, ...]
    errors: tuple[tuple[str, str], ...] = ()


class PaymentEngine:
    """Charges, outcomes, fulfilment, refunds and the reconciler, shared by every payment area."""

    def __init__(
        self,
        storage: PaymentStorage,
        clock: Clock,
        gateway: PaymentGateway,
        settings: PaymentSettings,
        *,
        bills: BillPayments,
    ) -> None:
        self.storage, self.clock, self.gateway, self.settings = storage, clock, gateway, settings
        self.fulfilment = Fulfilment(settings, bills)
        self.price_hooks = PriceHooks()
        """Prices an area above offers a buyer (:mod:`~unicom_core.usecases.payments.pricing`)."""
        self._rule = settings.retry_rule
        self._refund_handlers: list[Callable[[str], object]] = []

    def when_paid(self, purpose: PaymentPurpose, hooks: PurposeHooks) -> None:
        """Deliver payments of ``purpose`` (a shop order) through an area above this one.

        ``hooks.paid`` runs in the transaction that records the success (exactly once per
        attempt, as a top-up's credit does), ``hooks.failed`` in the one that records the
        failure (a declined, expired or never-paid attempt; the reconciler finds those);
        a refund of such a payment takes nothing from an account, and the area learns of
        its success through :meth:`when_refunded`.

        Raises:
            InvalidInput: ``payment.purpose`` for a purpose this area delivers itself, or one
                hooked already.
        """
        self.fulfilment.register(purpose, hooks)

    def when_refunded(self, handler: Callable[[str], object]) -> None:
        """Call ``handler`` with the payment id after a refund's success is committed.

        Handlers run in the order they were added, after the transaction that recorded the
        success; a handler that fails leaves the refund recorded (the reconciler does not
        run it again), so a handler is idempotent and its own retries are its business.
        """
        self._refund_handlers.append(handler)

    def run(
        self,
        work: Callable[[PaymentUnitOfWork, datetime], _T | UnicomError],
        *,
        readonly: bool = False,
    ) -> _T:
        """Run ``work`` through the transaction kernel with ``settings.retry_rule``.

        ``readonly``: a query, run in a read-only unit of work.
        """
        return run(self.storage, self.clock, work, self._rule, readonly=readonly)

    # ------------------------------------------------------------------ open and charge

    def open(  # noqa: PLR0913 - the request, how to make it, and what it holds
        self,
        payment_id: str,
        digest: str,
        make: Callable[[PaymentUnitOfWork, datetime], tuple[PaymentAttempt, Events]],
        reserve: Callable[[PaymentUnitOfWork, PaymentAttempt, datetime], None] | None = None,
        reuse: Callable[[PaymentUnitOfWork], PaymentAttempt | None] | None = None,
        *,
        recorded: bool = False,
    ) -> tuple[PaymentAttempt, bool]:
        """Find the attempt ``payment_id`` names, or store the one ``make`` builds.

        Returns the attempt and whether it is new. A found attempt must have been made for
        the same request (``digest``; ``Conflict`` ``payment.key_reused`` otherwise) and is
        returned as it stands, without pricing anything again. Else ``reuse`` may name
        another live attempt made for the same request under another key (a bill payment
        open in another tab), returned as found. ``reserve`` runs for a new attempt only, in
        the same transaction (an order reserves its stock there, a bill payment its account).

        ``recorded``: the attempt records money taken elsewhere (``PaymentMethod.RECORDED``,
        an operator's, F-PAY-2); no other attempt may name that method.

        Raises:
            InvalidInput: ``payment.amount_too_large`` above ``settings.max_charge``;
                ``payment.method`` for a ``RECORDED`` method a buyer chose.
        """

        def work(tx: PaymentUnitOfWork, now: datetime) -> tuple[PaymentAttempt, bool]:
            found = tx.payment_attempts.find(payment_id)
            if found is not None:
                found.require_same_request(digest)
                return found, False
            shared = reuse(tx) if reuse is not None else None
            if shared is not None:
                return shared, False
            attempt, events = make(tx, now)
            if (attempt.method is PaymentMethod.RECORDED) is not recorded:
                raise PAYMENT_METHOD.error("money taken elsewhere is recorded by an operator")
            check_charge(attempt.amount, self.settings.max_charge)
            if reserve is not None:
                reserve(tx, attempt, now)
            tx.payment_attempts.add(attempt)
            publish(tx, events)
            return attempt, True

        return self.run(work)

    def charge(self, request: ChargeRequest) -> PaymentAttempt:
        """Charge through the gateway and apply its answer; a lost answer is UNKNOWN."""
        try:
            result = self.gateway.charge(request)
        except AdapterError as error:  # recorded on the attempt as UNKNOWN, never dropped
            result = GatewayResult(
                idempotency_key=request.idempotency_key,
                outcome=PaymentOutcome.UNKNOWN,
                reason=error.code,
            )
        return self.apply(result)

    def apply(self, result: GatewayResult) -> PaymentAttempt:
        """Apply a gateway's answer about a charge to its attempt, fulfilling once (F-PAY-3)."""

        def work(tx: PaymentUnitOfWork, now: datetime) -> PaymentAttempt:
            attempt = tx.payment_attempts.get(result.idempotency_key)
            was_open = attempt.is_open
            events = list(
                attempt.record_outcome(
                    result.outcome,
                    at=now,
                    reference=result.reference,
                    amount=result.amount,
                    reason=result.reason,
                )
            )
            attempt.record_action(result.action)
            if was_open and not attempt.is_open and attempt.last_outcome is PaymentOutcome.FAILED:
                self.fulfilment.failed(tx, attempt, now)
            events += self.fulfilment.in_transaction(tx, attempt, now)
            tx.payment_attempts.save(attempt)
            publish(tx, events)
            return attempt

        attempt = self.run(work)
        return self.finish(attempt)

    def finish(self, attempt: PaymentAttempt) -> PaymentAttempt:
        """Hand a succeeded BILL or AUTO_DEBIT payment to billing, then mark it fulfilled."""
        if not attempt.awaits_fulfilment or not self.fulfilment.after_commit(attempt):
            return attempt

        def work(tx: PaymentUnitOfWork, now: datetime) -> PaymentAttempt:
            stored = tx.payment_attempts.get(attempt.id)
            if stored.awaits_fulfilment:
                events = [*stored.fulfil(at=now), *self.fulfilment.fulfilled(tx, stored, now)]
                tx.payment_attempts.save(stored)
                publish(tx, events)
            return stored

        return self.run(work)

    def current(self, payment_id: str) -> PaymentAttempt:
        """The stored attempt (``NotFound`` ``storage.not_found`` if none)."""
        return self.run(lambda tx, _now: tx.payment_attempts.get(payment_id), readonly=True)

    # ------------------------------------------------------------------ the reconciler

    def settle(self, payment_id: str) -> PaymentAttempt:
        """Bring one attempt as far as the gateway's answers allow (the janitor's step)."""
        attempt = self.current(payment_id)
        now = self.clock.now()
        if attempt.is_open and now - attempt.created_at >= self.settings.reconcile_after:
            attempt = self._query(attempt, now)
        if attempt.awaits_fulfilment:
            attempt = self.apply(
                GatewayResult(
                    idempotency_key=attempt.id,
                    outcome=PaymentOutcome.SUCCEEDED,
                    reference=attempt.reference,
                    amount=attempt.amount,
                )
            )
        if attempt.refund is not None and attempt.refund.status is RefundStatus.PENDING:
            attempt = self._ask_refund(attempt)
        return attempt

    def _query(self, attempt: PaymentAttempt, now: datetime) -> PaymentAttempt:
        try:
            answer = self.gateway.query(attempt.id)
        except AdapterError:
            return attempt  # still open; the next pass asks again
        if not answer.exists:
            if now < attempt.expires_at:
                return attempt
            answer = attrs.evolve(answer, outcome=PaymentOutcome.FAILED, reason="never_paid")
        if answer.outcome is PaymentOutcome.UNKNOWN:
            return attempt
        return self.apply(answer)

    def reconcile(self) -> ReconcileReport:
        """Settle every attempt not settled: query open ones, fulfil, finish refunds (F-PAY-3)."""
        cursor: str | None = None
        examined, settled, still_open = 0, list[str](), list[str]()
        errors: list[tuple[str, str]] = []
        while True:
            page = self._unsettled(cursor)
            if not page:
                return ReconcileReport(examined, tuple(settled), tuple(still_open), tuple(errors))
            for attempt in page:
                examined += 1
                try:
                    after_step = self.settle(attempt.id)
                except UnicomError as error:  # reported, and the pass goes on
                    errors.append((attempt.id, error.code))
                    still_open.append(attempt.id)
                    continue
                (settled if after_step.is_settled else still_open).append(attempt.id)
            cursor = page[-1].id

    def _unsettled(self, after: str | None) -> list[PaymentAttempt]:
        return self.run(
            lambda tx, _now: list(tx.payment_attempts.unsettled_after(after, _PAGE)), readonly=True
        )

    # ------------------------------------------------------------------ refunds

    def refund(self, payment_id: str, refund_key: str) -> PaymentAttempt:
        """Refund a fulfilled payment in full once per ``refund_key`` (F-PAY-3).

        The account is debited in the transaction that records the request (so the money
        cannot be spent while the gateway refunds); a refused refund gives it back.
        """

        def work(tx: PaymentUnitOfWork, now: datetime) -> PaymentAttempt:
            attempt = tx.payment_attempts.get(payment_id)
            events = list(attempt.request_refund(refund_key, at=now))
            if events:
                events += self.fulfilment.hold_refund(tx, attempt, now)
                tx.payment_attempts.save(attempt)
                publish(tx, events)
            return attempt

        return self._ask_refund(self.run(work))

    def _ask_refund(self, attempt: PaymentAttempt) -> PaymentAttempt:
        refund = attempt.refund
        if refund is None or refund.status is not RefundStatus.PENDING:
            return attempt
        request = RefundRequest(
            idempotency_key=refund.id, payment_key=attempt.id, amount=refund.amount
        )
        try:
            outcome = self.gateway.refund(request).outcome
        except AdapterError:
            return attempt

        def work(tx: PaymentUnitOfWork, now: datetime) -> PaymentAttempt:
            stored = tx.payment_attempts.get(attempt.id)
            events = list(stored.record_refund(outcome, at=now))
            if events and outcome is PaymentOutcome.FAILED:
                events += self.fulfilment.release_refund(tx, stored, now)
            if events:
                tx.payment_attempts.save(stored)
                publish(tx, events)
            return stored

        settled = self.run(work)
        refunded = settled.refund is not None and settled.refund.status is RefundStatus.SUCCEEDED
        if refunded:
            for handler in self._refund_handlers:
                handler(settled.id)
        return settled


def require_purpose(attempt: PaymentAttempt, *purposes: PaymentPurpose) -> None:
    """Refuse an attempt of another purpose (``payment.wrong_purpose``)."""
    if attempt.purpose not in purposes:
        raise PAYMENT_WRONG_PURPOSE.error(
            f"payment {attempt.id} is a {attempt.purpose.value} payment"
        )
