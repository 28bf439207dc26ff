"""Payment attempts: one charge through a gateway, its outcome and its refund (F-PAY-1..3).

Payments follow Kill Bill's shape (docs/explanation/payments.md). Every call to a gateway carries an
idempotency key; here it is the attempt's id, derived from the caller's own key by
:func:`attempt_id`, so a retried request finds the attempt it made before and the gateway
sees the same key again. What a gateway answers is a :class:`PaymentOutcome` value:

===========  ===============================================================
outcome      meaning
===========  ===============================================================
SUCCEEDED    the money moved
PENDING      the gateway took the order; the buyer or the bank has not finished
FAILED       declined, closed unpaid, or refused: no money moved
UNKNOWN      the answer was lost (a timeout): ask again with the same key
===========  ===============================================================

The attempt's :class:`PaymentStatus` moves ``CREATED → PENDING → SUCCEEDED | FAILED`` and a
succeeded one may become ``REFUNDED``. The rules that make a top-up credit exactly once:

* a SUCCEEDED attempt never moves back on a charge outcome (a duplicate or out-of-order
  notification, a stale query answer change nothing);
* a FAILED attempt that the gateway later reports SUCCEEDED becomes SUCCEEDED (the money
  moved, so the customer gets what was paid for: a "late success");
* what the payment buys (a credit, a bill settled, cards delivered) is recorded by
  :meth:`PaymentAttempt.fulfil`, at most once; until then :attr:`PaymentAttempt.awaits_fulfilment`.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.payments.codes import (
    PAYMENT_AMOUNT_MISMATCH,
    PAYMENT_CREDIT,
    PAYMENT_KEY_REUSED,
    PAYMENT_METHOD,
    PAYMENT_NOT_REFUNDABLE,
    PAYMENT_NOT_SUCCEEDED,
    PAYMENT_PURPOSE,
)
from unicom_core.domain.payments.events import (
    PaymentAttemptCreated,
    PaymentAttemptFailed,
    PaymentAttemptPending,
    PaymentAttemptSucceeded,
    PaymentFulfilled,
    PaymentRefunded,
    PaymentRefundFailed,
    PaymentRefundRequested,
)
from unicom_core.domain.payments.values import (
    PaymentAction,
    PaymentMethod,
    PaymentOutcome,
    PaymentPurpose,
    PaymentStatus,
    Refund,
    RefundStatus,
    check_key,
    check_positive,
)
from unicom_core.domain.shared import (
    Money,
    check_version,
    guarded,
    instance_of,
    to_shanghai,
    update,
)

if TYPE_CHECKING:
    from datetime import timedelta

    from unicom_core.domain.shared import DomainEvent

__all__ = [
    "PaymentAttempt",
    "attempt_id",
    "refund_id",
    "request_digest",
]

_DIGEST_LENGTH = 40


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:_DIGEST_LENGTH]


def attempt_id(scope: str, idempotency_key: str) -> str:
    """The id of the attempt a caller's ``idempotency_key`` names within ``scope``.

    ``scope`` is who asks (a subscriber id, ``"auto-debit"``), so two customers choosing
    the same key never meet. The id is ``pa_`` and 40 hex digits: a valid aggregate id and
    an Alipay ``out_trade_no`` (letters, digits, underscores, at most 64).
    """
    return "pa_" + _digest(scope, check_key(idempotency_key))


def request_digest(  # noqa: PLR0913, PLR0917 - what a request is made of
    purpose: PaymentPurpose,
    subscriber_id: str,
    account_id: str,
    method: PaymentMethod,
    product_code: str | None = None,
    item_id: str | None = None,
) -> str:
    """The fingerprint of what a caller asks for (not the price: a retry prices anew)."""
    return _digest(
        purpose.value, subscriber_id, account_id, method.value, product_code or "", item_id or ""
    )


def refund_id(payment_id: str, idempotency_key: str) -> str:
    """The refund key of ``payment_id`` for the caller's ``idempotency_key`` (``rf_`` + hex)."""
    return "rf_" + _digest(payment_id, check_key(idempotency_key))


def _aware(value: datetime) -> datetime:
    return to_shanghai(value, field="at")


def _optional_aware(value: datetime | None) -> datetime | None:
    return None if value is None else to_shanghai(value, field="at")


@attrs.define(slots=True)
class PaymentAttempt:
    """One charge through a gateway for one purpose (F-PAY-1..3); see the module docstring.

    ``amount`` is what the gateway charges; ``credit`` what the payment is worth to the
    account (a top-up's face value: ¥50.00 for ¥49.25 paid before 2016-01-12, F-SHOP-4).
    ``request_digest`` fingerprints what the caller asked for (purpose, number, method,
    product, item; not the price, which a retry after a price change would compute anew),
    so the same idempotency key with another request is a
    :class:`~unicom_core.errors.Conflict`, never a second charge.
    """

    id: str = attrs.field(on_setattr=guarded)
    purpose: PaymentPurpose = attrs.field(
        validator=instance_of(PaymentPurpose, PAYMENT_PURPOSE), on_setattr=guarded
    )
    subscriber_id: str = attrs.field(on_setattr=guarded)
    account_id: str = attrs.field(on_setattr=guarded)
    amount: Money = attrs.field(validator=check_positive, on_setattr=guarded)
    credit: Money = attrs.field(validator=instance_of(Money, PAYMENT_CREDIT), on_setattr=guarded)
    method: PaymentMethod = attrs.field(
        validator=instance_of(PaymentMethod, PAYMENT_METHOD), on_setattr=guarded
    )
    gateway: str = attrs.field(on_setattr=guarded)
    request_digest: str = attrs.field(on_setattr=guarded)
    created_at: datetime = attrs.field(converter=_aware, on_setattr=guarded)
    expires_at: datetime = attrs.field(converter=_aware, on_setattr=guarded)
    subject: str = attrs.field(default="", on_setattr=guarded)
    product_code: str | None = attrs.field(default=None, on_setattr=guarded)
    item_id: str | None = attrs.field(default=None, on_setattr=guarded)
    status: PaymentStatus = attrs.field(default=PaymentStatus.CREATED, on_setattr=guarded)
    last_outcome: PaymentOutcome | None = attrs.field(default=None, on_setattr=guarded)
    reference: str | None = attrs.field(default=None, on_setattr=guarded)
    action: PaymentAction | None = attrs.field(default=None, on_setattr=guarded)
    failure_reason: str = attrs.field(default="", on_setattr=guarded)
    settled_at: datetime | None = attrs.field(
        default=None, converter=_optional_aware, on_setattr=guarded
    )
    fulfilled_at: datetime | None = attrs.field(
        default=None, converter=_optional_aware, on_setattr=guarded
    )
    refund: Refund | None = attrs.field(default=None, on_setattr=guarded)
    payer_id: str | None = attrs.field(default=None, on_setattr=guarded)
    """Who paid, when not the holder (代充/代缴): that subscriber sees the receipt too."""
    version: int = attrs.field(default=0, validator=check_version)

    @classmethod
    def create(  # noqa: PLR0913 - an attempt is exactly these facts
        cls,
        payment_id: str,
        *,
        purpose: PaymentPurpose,
        subscriber_id: str,
        account_id: str,
        amount: Money,
        credit: Money,
        method: PaymentMethod,
        gateway: str,
        at: datetime,
        expires_in: timedelta,
        subject: str = "",
        product_code: str | None = None,
        item_id: str | None = None,
        digest: str | None = None,
        payer_id: str | None = None,
    ) -> tuple[PaymentAttempt, tuple[DomainEvent, ...]]:
        """A new attempt in CREATED, and its event.

        ``digest`` is the request's fingerprint when the caller computed it from its own
        inputs (:func:`request_digest`); by default it is computed from the attempt's facts.
        """
        if digest is None:
            digest = request_digest(
                purpose, subscriber_id, account_id, method, product_code, item_id
            )
        attempt = cls(
            payment_id,
            purpose,
            subscriber_id,
            account_id,
            amount,
            credit,
            method,
            gateway,
            digest,
            at,
            at + expires_in,
            subject,
            product_code,
            item_id,
            payer_id=payer_id,
        )
        event = PaymentAttemptCreated(
            aggregate_id=payment_id, occurred_at=at, purpose=purpose, amount=amount
        )
        return attempt, (event,)

    def require_same_request(self, digest: str) -> None:
        """Refuse an idempotency key reused for another request (``payment.key_reused``)."""
        if digest != self.request_digest:
            raise PAYMENT_KEY_REUSED.error(payment_id=self.id)

    # ------------------------------------------------------------------ the charge

    @property
    def is_open(self) -> bool:
        """True while the charge's outcome is not final (CREATED or PENDING)."""
        return self.status in {PaymentStatus.CREATED, PaymentStatus.PENDING}

    @property
    def awaits_fulfilment(self) -> bool:
        """True for a succeeded attempt whose purpose is not delivered yet."""
        return self.status is PaymentStatus.SUCCEEDED and self.fulfilled_at is None

    @property
    def is_settled(self) -> bool:
        """True when nothing is left to do: final, fulfilled, no refund under way."""
        refund_open = self.refund is not None and self.refund.status is RefundStatus.PENDING
        return not self.is_open and not self.awaits_fulfilment and not refund_open

    def record_action(self, action: PaymentAction | None) -> None:
        """Keep what the buyer must do next (a page to open), so a retry can show it again."""
        if action is not None and self.action is None:
            update(self, action=action)

    def record_outcome(
        self,
        outcome: PaymentOutcome,
        *,
        at: datetime,
        reference: str | None = None,
        amount: Money | None = None,
        reason: str = "",
    ) -> tuple[DomainEvent, ...]:
        """Apply what the gateway said about the charge; see the module docstring.

        Raises:
            Conflict: ``payment.amount_mismatch`` when a success reports another amount.
        """
        instant = _aware(at)
        if outcome is PaymentOutcome.SUCCEEDED:
            return self._succeed(instant, reference, amount)
        if not self.is_open:
            return ()  # final already: a late PENDING, UNKNOWN or FAILED changes nothing
        if outcome is PaymentOutcome.FAILED:
            update(
                self,
                status=PaymentStatus.FAILED,
                last_outcome=outcome,
                settled_at=instant,
                failure_reason=reason or "declined",
                reference=reference or self.reference,
            )
            return (PaymentAttemptFailed(aggregate_id=self.id, occurred_at=instant, reason=reason),)
        first = self.status is PaymentStatus.CREATED or self.last_outcome is not outcome
        update(
            self,
            status=PaymentStatus.PENDING,
            last_outcome=outcome,
            reference=reference or self.reference,
        )
        if not first:
            return ()
        return (PaymentAttemptPending(aggregate_id=self.id, occurred_at=instant, outcome=outcome),)

    def _succeed(
        self, at: datetime, reference: str | None, amount: Money | None
    ) -> tuple[DomainEvent, ...]:
        if amount is not None and amount != self.amount:
            raise PAYMENT_AMOUNT_MISMATCH.error(
                f"the gateway reports {amount} paid for a charge of {self.amount}",
                payment_id=self.id,
                amount=amount,
                expected=self.amount,
            )
        if self.status not in {PaymentStatus.CREATED, PaymentStatus.PENDING, PaymentStatus.FAILED}:
            return ()  # succeeded or refunded already: a duplicate changes nothing
        late = self.status is PaymentStatus.FAILED
        update(
            self,
            status=PaymentStatus.SUCCEEDED,
            last_outcome=PaymentOutcome.SUCCEEDED,
            settled_at=at,
            reference=reference or self.reference,
            failure_reason="",
        )
        event = PaymentAttemptSucceeded(
            aggregate_id=self.id,
            occurred_at=at,
            amount=self.amount,
            reference=self.reference,
            late=late,
        )
        return (event,)

    def fulfil(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Record that what the payment bought was delivered; once only (F-PAY-3).

        Raises:
            Refused: ``payment.not_succeeded`` unless the attempt succeeded.
        """
        if self.status is not PaymentStatus.SUCCEEDED and self.fulfilled_at is None:
            raise PAYMENT_NOT_SUCCEEDED.error(
                f"payment {self.id} is {self.status.value}: nothing to deliver", payment_id=self.id
            )
        if self.fulfilled_at is not None:
            return ()
        instant = _aware(at)
        update(self, fulfilled_at=instant)
        return (
            PaymentFulfilled(
                aggregate_id=self.id,
                occurred_at=instant,
                purpose=self.purpose,
                amount=self.credit,
            ),
        )

    # ------------------------------------------------------------------ the refund

    def request_refund(self, refund_key: str, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Start a full refund under ``refund_key``; the same key again changes nothing.

        Raises:
            Refused: ``payment.not_refundable`` unless the attempt succeeded and was
                fulfilled and no other refund is under way or done.
        """
        if self.refund is not None and self.refund.id == refund_key:
            return ()
        busy = self.refund is not None and self.refund.status is not RefundStatus.FAILED
        if self.status is not PaymentStatus.SUCCEEDED or self.fulfilled_at is None or busy:
            raise PAYMENT_NOT_REFUNDABLE.error(
                f"payment {self.id} ({self.status.value}) cannot be refunded now",
                payment_id=self.id,
                status=self.status.value,
            )
        instant = _aware(at)
        update(self, refund=Refund(refund_key, self.amount, instant))
        event = PaymentRefundRequested(
            aggregate_id=self.id, occurred_at=instant, refund_id=refund_key, amount=self.amount
        )
        return (event,)

    def record_refund(self, outcome: PaymentOutcome, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Apply the gateway's answer to the refund under way; repeated answers change nothing."""
        refund = self.refund
        if refund is None or refund.status is not RefundStatus.PENDING:
            return ()
        instant = _aware(at)
        if outcome is PaymentOutcome.SUCCEEDED:
            done = attrs.evolve(refund, status=RefundStatus.SUCCEEDED, settled_at=instant)
            update(self, refund=done, status=PaymentStatus.REFUNDED)
            event: DomainEvent = PaymentRefunded(
                aggregate_id=self.id, occurred_at=instant, refund_id=refund.id, amount=refund.amount
            )
            return (event,)
        if outcome is PaymentOutcome.FAILED:
            refused = attrs.evolve(refund, status=RefundStatus.FAILED, settled_at=instant)
            update(self, refund=refused)
            event = PaymentRefundFailed(
                aggregate_id=self.id, occurred_at=instant, refund_id=refund.id, amount=refund.amount
            )
            return (event,)
        return ()
