"""The events of payment attempts (F-PAY-3): what the outbox tells the rest of the carrier."""

from __future__ import annotations

import attrs

from unicom_core.domain.payments.values import PaymentOutcome, PaymentPurpose
from unicom_core.domain.shared import DomainEvent, Money, domain_event

__all__ = [
    "PaymentAttemptCreated",
    "PaymentAttemptFailed",
    "PaymentAttemptPending",
    "PaymentAttemptSucceeded",
    "PaymentFulfilled",
    "PaymentNotificationRejected",
    "PaymentRefundFailed",
    "PaymentRefundRequested",
    "PaymentRefunded",
]


@domain_event("payment.created")
@attrs.frozen(slots=True, kw_only=True)
class PaymentAttemptCreated(DomainEvent):
    """A payment attempt was recorded before the gateway was asked (F-PAY-3)."""

    purpose: PaymentPurpose
    amount: Money


@domain_event("payment.pending")
@attrs.frozen(slots=True, kw_only=True)
class PaymentAttemptPending(DomainEvent):
    """The gateway took the order, or its answer was lost (outcome PENDING or UNKNOWN)."""

    outcome: PaymentOutcome


@domain_event("payment.succeeded")
@attrs.frozen(slots=True, kw_only=True)
class PaymentAttemptSucceeded(DomainEvent):
    """The money moved; ``late`` when the attempt had been marked failed before."""

    amount: Money
    reference: str | None
    late: bool = False


@domain_event("payment.failed")
@attrs.frozen(slots=True, kw_only=True)
class PaymentAttemptFailed(DomainEvent):
    """No money moved: declined, closed unpaid, or never reached the gateway."""

    reason: str


@domain_event("payment.fulfilled")
@attrs.frozen(slots=True, kw_only=True)
class PaymentFulfilled(DomainEvent):
    """What the payment bought was delivered: a balance credited, a bill paid (F-PAY-1)."""

    purpose: PaymentPurpose
    amount: Money


@domain_event("payment.refund_requested")
@attrs.frozen(slots=True, kw_only=True)
class PaymentRefundRequested(DomainEvent):
    """A refund was asked for; the money is held back until the gateway answers."""

    refund_id: str
    amount: Money


@domain_event("payment.refunded")
@attrs.frozen(slots=True, kw_only=True)
class PaymentRefunded(DomainEvent):
    """The gateway refunded the payment."""

    refund_id: str
    amount: Money


@domain_event("payment.refund_failed")
@attrs.frozen(slots=True, kw_only=True)
class PaymentRefundFailed(DomainEvent):
    """The gateway refused the refund; what was held back is given back."""

    refund_id: str
    amount: Money


@domain_event("payment.notification_rejected")
@attrs.frozen(slots=True, kw_only=True)
class PaymentNotificationRejected(DomainEvent):
    """An asynchronous notification did not count: bad signature, wrong amount, unknown trade.

    ``aggregate_id`` is the attempt the notification named (or ``"unknown"``).
    """

    gateway: str
    reason: str
    detail: str = ""
