"""The payments area of the hall: top-ups, bill payments, notifications, the reconciler (F-PAY).

:class:`PaymentsService` is ``hall.payments``. Every use case takes the caller's
**idempotency key**: the same key again (a double click, a retry after a timeout) returns
the attempt the first call made and never charges twice (F-PAY-3). The flows:

* :meth:`~PaymentsService.top_up` a mobile or data-card number with a fixed-denomination
  top-up, priced by the catalogue's effective-dated rules (98.5 % of face value until
  2016-01-11, face value from 2016-01-12; F-SHOP-4); the face value is credited exactly once
  (F-PAY-1);
* :meth:`~PaymentsService.pay_bill` of any number (fixed line, broadband, mobile), refused
  before 08:00 on the 2nd in the month a 4G upgrade takes effect (F-CAL-4) and warned about in
  a bill-generation window (F-CAL-2);
* :meth:`~PaymentsService.handle_notification`: a gateway's asynchronous notification, which
  counts only once verified; a forged one, one with a wrong amount or about an unknown trade
  is rejected and recorded (a ``payment.notification_rejected`` event in the outbox);
* :meth:`~PaymentsService.reconcile`: the janitor; run it every few minutes;
* :meth:`~PaymentsService.refund` a top-up (back office), :meth:`~PaymentsService.records`;
* ``hall.payments.others``: anyone logged in tops up or pays the bill of any number of this
  carrier (代充/代缴, :mod:`~unicom_core.usecases.payments.others`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.access import PAY, QUERY_BILL, TOP_UP
from unicom_core.domain.payments import (
    CANCELLED_REASON,
    PAYMENT_AMOUNT_MISMATCH,
    PAYMENT_METHOD,
    PAYMENT_NOT_TOP_UP_NUMBER,
    PAYMENT_UNKNOWN,
    PAYMENT_UNKNOWN_TRADE,
    PaymentAttempt,
    PaymentMethod,
    PaymentNotificationRejected,
    PaymentOutcome,
    attempt_id,
    refund_id,
)
from unicom_core.domain.subscribers import ServiceKind
from unicom_core.errors import InvalidInput, Refused
from unicom_core.ports.payments import GatewayResult
from unicom_core.ports.shared import PageRequest
from unicom_core.usecases.access import GrantedReads
from unicom_core.usecases.payments import bill_collection as collection
from unicom_core.usecases.payments.charging import (
    PaymentResult,
    bill_request,
    charge_opened,
    top_up_request,
)
from unicom_core.usecases.payments.others import OtherNumberPayments
from unicom_core.usecases.payments.recorded import RecordedPayments
from unicom_core.usecases.shared import publish

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from unicom_core.domain.catalog import Channel
    from unicom_core.domain.shared import Money
    from unicom_core.domain.subscribers import NumberIdentifier, Subscriber
    from unicom_core.errors import UnicomError
    from unicom_core.ports.access import ScopedAuthorizer
    from unicom_core.ports.payments import PaymentUnitOfWork
    from unicom_core.ports.shared import Granted, Page
    from unicom_core.usecases.payments.engine import PaymentEngine, ReconcileReport
    from unicom_core.usecases.payments.needs import BillPayments

__all__ = ["PaymentsService"]


_TOP_UP_KINDS = frozenset({ServiceKind.MOBILE, ServiceKind.DATA_CARD})


class PaymentsService:
    """Top-ups, bill payments, notifications, refunds and the reconciler (F-PAY-1, F-PAY-3).

    Args:
        engine: the payment engine (storage, clock, gateway, settings) shared by the areas.
        authorizer: the permission check (``hall.access``).
        bills: the billing area (``hall.billing``).
    """

    def __init__(
        self, engine: PaymentEngine, *, authorizer: ScopedAuthorizer, bills: BillPayments
    ) -> None:
        self._engine, self._authorizer, self._bills = engine, authorizer, bills
        self._reads = GrantedReads(
            engine.storage, engine.clock, authorizer, engine.settings.retry_rule
        )
        self.recorded = RecordedPayments(engine, authorizer=authorizer)
        """Payments taken elsewhere that operators record (TMF676 ``POST payment``, F-PAY-2)."""
        self.others = OtherNumberPayments(engine, authorizer=authorizer, bills=bills)
        """Top-ups and bill payments of other customers' numbers (代充/代缴, F-PAY-1)."""

    @property
    def engine(self) -> PaymentEngine:
        """The payment engine (the other payment areas share it)."""
        return self._engine

    # ------------------------------------------------------------------ top-up, F-PAY-1

    def top_up(  # noqa: PLR0913 - the form's fields
        self,
        token: str,
        product_code: str,
        *,
        idempotency_key: str,
        number: NumberIdentifier | None = None,
        method: PaymentMethod = PaymentMethod.PAGE,
        return_url: str | None = None,
        channel: Channel | None = None,
    ) -> PaymentResult:
        """Top up a mobile or data-card number with a fixed denomination (F-PAY-1, F-SHOP-4).

        The buyer pays the catalogue's price now on ``channel`` (default: the settings'; a
        campaign may discount one channel, F-PRO-3); the face value is credited once the
        gateway says the money moved, exactly once whatever is retried (F-PAY-3).

        Topping up is paying (交费充值): a number upgraded to 4G tops up only from 08:00 on
        the 2nd of the month its 4G plan takes effect, as :meth:`pay_bill` (F-CAL-4).

        Raises:
            Refused: ``access.*`` (F-AUTH-5/6), ``payment.not_top_up_number`` for a fixed
                line or broadband account, ``payment.not_top_up_product``,
                ``billing.upgrade_payment_pending`` with ``retry_at`` (F-CAL-4).
            NotFound: ``catalog.unknown_product``; Conflict: ``payment.key_reused``.
        """
        subscriber = self._authorizer.authorize(token, TOP_UP, number).subscriber
        if subscriber.number.kind not in _TOP_UP_KINDS:
            raise PAYMENT_NOT_TOP_UP_NUMBER.error(kind=subscriber.number.kind.value)
        self._bills.payment_advice(subscriber.id)  # F-CAL-4: refused before 08:00 on the 2nd
        if method is PaymentMethod.MANDATE:
            raise PAYMENT_METHOD.error()
        payment_id = attempt_id(subscriber.id, idempotency_key)
        make, digest = top_up_request(
            self._engine, payment_id, subscriber, product_code, method=method, channel=channel
        )
        attempt, new = self._engine.open(payment_id, digest, make)
        return charge_opened(self._engine, attempt, new=new, method=method, return_url=return_url)

    # ------------------------------------------------------------------ bills, F-PAY-1

    def pay_bill(  # noqa: PLR0913 - the form's fields
        self,
        token: str,
        *,
        idempotency_key: str,
        number: NumberIdentifier | None = None,
        amount: Money | None = None,
        method: PaymentMethod = PaymentMethod.PAGE,
        return_url: str | None = None,
    ) -> PaymentResult:
        """Pay what a fixed-line, broadband or mobile account owes (F-PAY-1, F-CAL-2, F-CAL-4).

        ``amount`` defaults to everything the account's bills owe now (late fees included);
        a payment above it, up to ``settings.max_bill_advance`` more, is kept as balance by
        the billing area. One bill payment is collected per account at a time (F-PAY-3):
        while one is open, the same request under another key gets it back
        (``duplicate=True``) and any other is refused.

        Raises:
            Refused: ``access.*``; ``billing.upgrade_payment_pending`` with ``retry_at``
                (F-CAL-4); ``payment.nothing_owed`` when no amount is given and none is owed.
            InvalidInput: ``payment.amount_not_positive``; ``payment.amount_too_large``
                above what is owed plus ``max_bill_advance``, or above ``max_charge``.
            Conflict: ``payment.bill_payment_open`` (``payment_id``: the open payment).
        """
        subscriber = self._authorizer.authorize(token, PAY, number).subscriber
        collection.check_asked(amount)
        advice = self._bills.payment_advice(subscriber.id)
        payment_id = attempt_id(subscriber.id, idempotency_key)
        make, digest = bill_request(self._engine, payment_id, subscriber, amount, method=method)
        attempt, new = self._engine.open(
            payment_id,
            digest,
            make,
            lambda tx, attempt, _now: collection.start(tx, attempt),
            lambda tx: collection.reusable(tx, subscriber.account_id, digest),
        )
        return charge_opened(
            self._engine, attempt, new=new, method=method, return_url=return_url, advice=advice
        )

    # ------------------------------------------------------------------ notifications

    def handle_notification(self, payload: Mapping[str, str]) -> PaymentAttempt:
        """Apply a gateway's asynchronous notification once verified (F-PAY-3).

        A duplicate or out-of-order notification changes nothing it should not.

        Raises:
            Refused: ``payment.notification_forged`` (recorded).
            InvalidInput: ``payment.notification_malformed`` (recorded).
            NotFound: ``payment.unknown_trade`` (recorded).
            Conflict: ``payment.amount_mismatch`` (recorded).
        """
        named = str(payload.get("out_trade_no", "unknown"))[:64] or "unknown"
        try:
            notice = self._engine.gateway.verify_notification(payload)
        except (Refused, InvalidInput) as refusal:
            self._reject(named, "bad_signature" if isinstance(refusal, Refused) else "malformed")
            raise
        found = self._engine.run(
            lambda tx, _now: tx.payment_attempts.find(notice.payment_key), readonly=True
        )
        if found is None:
            self._reject(named, "unknown_trade")
            raise PAYMENT_UNKNOWN_TRADE.error()
        if notice.amount is not None and notice.amount != found.amount:
            self._reject(found.id, "wrong_amount", f"{notice.amount} for {found.amount}")
            raise PAYMENT_AMOUNT_MISMATCH.error(
                f"the notification reports {notice.amount} for a payment of {found.amount}",
                payment_id=found.id,
            )
        if notice.outcome is PaymentOutcome.UNKNOWN:
            return found
        return self._engine.apply(
            GatewayResult(
                idempotency_key=found.id,
                outcome=notice.outcome,
                reference=notice.reference,
                amount=notice.amount,
            )
        )

    def _reject(self, payment_id: str, reason: str, detail: str = "") -> None:
        gateway = self._engine.gateway.name

        def work(tx: PaymentUnitOfWork, now: datetime) -> None:
            event = PaymentNotificationRejected(
                aggregate_id=_safe_id(payment_id),
                occurred_at=now,
                gateway=gateway,
                reason=reason,
                detail=detail,
            )
            publish(tx, (event,))

        self._engine.run(work)

    # ------------------------------------------------------------------ janitor, refunds

    def reconcile(self) -> ReconcileReport:
        """Settle every PENDING/UNKNOWN attempt by asking the gateway; finish what is due."""
        return self._engine.reconcile()

    def settle(self, payment_id: str) -> PaymentAttempt:
        """Bring one attempt as far as the gateway's answers allow (the reconciler's step)."""
        return self._engine.settle(payment_id)

    def refund(self, payment_id: str, *, idempotency_key: str) -> PaymentAttempt:
        """Refund a top-up in full (back office); once per key (F-PAY-3).

        Raises:
            Refused: ``payment.not_refundable``; ``account.insufficient_funds`` when the
                credited amount was spent already.
        """
        return self._engine.refund(payment_id, refund_id(payment_id, idempotency_key))

    def payment(self, token: str, payment_id: str) -> PaymentAttempt:
        """One payment of the session's customer (``payment.unknown`` otherwise).

        The session is checked first and an unknown id answers exactly like another
        customer's, so neither a stranger nor a customer can probe which payments exist.
        The check and the reads are one read-only transaction.
        """

        def work(
            tx: PaymentUnitOfWork, _now: datetime, grant: Granted
        ) -> PaymentAttempt | UnicomError:
            attempt = tx.payment_attempts.find(payment_id) if _plausible(payment_id) else None
            if attempt is None or not _same_customer(tx, grant.subscriber, attempt):
                return PAYMENT_UNKNOWN.error()
            return attempt

        return self._reads.read(token, QUERY_BILL, None, work)

    def cancel(self, token: str, payment_id: str) -> PaymentAttempt:
        """Cancel a payment still open, as its buyer would at the cashier (F-PAY-3).

        The attempt fails with the reason ``cancelled`` (its stage is CANCELLED, see
        :func:`~unicom_core.domain.payments.stages.payment_stage`); a bill payment frees its
        account for the next one. A gateway that reports the money moved after all still
        makes it succeed (a late success), credited once. A settled payment is returned as it
        stands. The payment is found as :meth:`payment` finds it (``payment.unknown``).
        """
        self._authorizer.authorize(token, PAY, None)
        attempt = self.payment(token, payment_id)
        if not attempt.is_open:
            return attempt
        cancelled = GatewayResult(
            idempotency_key=attempt.id, outcome=PaymentOutcome.FAILED, reason=CANCELLED_REASON
        )
        return self._engine.apply(cancelled)

    def records(
        self,
        token: str,
        number: NumberIdentifier | None = None,
        page: PageRequest | None = None,
    ) -> Page[PaymentAttempt]:
        """A number's payment records, newest first (交费记录, F-PAY-2), in one transaction."""
        return self.numbered_records(token, number, page)[1]

    def numbered_records(
        self,
        token: str,
        number: NumberIdentifier | None = None,
        page: PageRequest | None = None,
    ) -> tuple[str, Page[PaymentAttempt]]:
        """:meth:`records` and the number (MSISDN) they are of, in the same one transaction."""
        wanted = page if page is not None else PageRequest()

        def work(
            tx: PaymentUnitOfWork, _now: datetime, grant: Granted
        ) -> tuple[str, Page[PaymentAttempt]]:
            subscriber = grant.subscriber
            found = tx.payment_attempts.list_by_subscriber(subscriber.id, wanted)
            return subscriber.number.value, found

        return self._reads.read(token, QUERY_BILL, number, work)


_PAYMENT_ID_LENGTH = 43


def _same_customer(tx: PaymentUnitOfWork, subscriber: Subscriber, attempt: PaymentAttempt) -> bool:
    """Whether the session's customer holds the number paid for, or paid (代充/代缴)."""
    for named in (attempt.subscriber_id, attempt.payer_id):
        found = None if named is None else tx.subscribers.find(named)  # type: ignore[arg-type]
        if found is not None and found.customer_id == subscriber.customer_id:
            return True
    return False


def _plausible(payment_id: str) -> bool:
    return (
        isinstance(payment_id, str)
        and payment_id.startswith("pa_")
        and len(payment_id) == _PAYMENT_ID_LENGTH
    )


def _safe_id(text: str) -> str:
    cleaned = "".join(c for c in text if c.isascii() and (c.isalnum() or c in "_.:-"))
    return cleaned[:64] if cleaned and cleaned[0].isalnum() else "unknown"
