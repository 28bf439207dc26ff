"""Where a payment stands for the person who made it: six stages, each with its next step.

:class:`~unicom_core.domain.payments.values.PaymentStatus` is the engine's state machine
(``CREATED → PENDING → SUCCEEDED | FAILED``, ``REFUNDED``); a buyer needs finer words
(F-PAY-1, F-PAY-3). :func:`payment_stage` reads them off the attempt and the clock:

=========  =====================================================  ==========================
stage      when                                                   the next step offered
=========  =====================================================  ==========================
PENDING    created or pending, its payment window still open      finish paying, or cancel
EXPIRED    still open after its window, or failed ``never_paid``  start a new payment
CANCELLED  failed because the buyer cancelled it (``cancelled``)  start a new payment
FAILED     failed for any other reason (declined, closed)         try again
SUCCEEDED  the money moved (the credit or the bill is done)       the e-invoice, the balance
REFUNDED   the money went back                                    the payment records
=========  =====================================================  ==========================

A stage is a reading, never stored: a late success (the gateway reports the money moved
after all) turns an expired or cancelled payment into a succeeded one, as the engine does.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from unicom_core.domain.payments.values import PaymentStatus

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.payments.attempts import PaymentAttempt

__all__ = ["CANCELLED_REASON", "EXPIRED_REASON", "PaymentStage", "payment_stage"]

CANCELLED_REASON = "cancelled"
"""The failure reason of an attempt its buyer cancelled."""
EXPIRED_REASON = "never_paid"
"""The failure reason the reconciler gives an attempt the gateway never saw paid in time."""


class PaymentStage(enum.Enum):
    """Where a payment stands, in a buyer's words (each has its own next step)."""

    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    EXPIRED = "expired"
    REFUNDED = "refunded"


_SETTLED = {
    PaymentStatus.SUCCEEDED: PaymentStage.SUCCEEDED,
    PaymentStatus.REFUNDED: PaymentStage.REFUNDED,
}
_REASONS = {CANCELLED_REASON: PaymentStage.CANCELLED, EXPIRED_REASON: PaymentStage.EXPIRED}


def payment_stage(attempt: PaymentAttempt, now: datetime) -> PaymentStage:
    """The stage of ``attempt`` at ``now`` (see the module's table; F-PAY-3)."""
    if attempt.status in _SETTLED:
        return _SETTLED[attempt.status]
    if attempt.status is PaymentStatus.FAILED:
        return _REASONS.get(attempt.failure_reason, PaymentStage.FAILED)
    return PaymentStage.EXPIRED if now >= attempt.expires_at else PaymentStage.PENDING
