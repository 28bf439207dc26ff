"""Payments taken elsewhere, recorded by an operator: exactly once per correlator (F-PAY-2).

A bank counter or a partner's shop takes the money and the carrier's billing system records
it (:meth:`RecordedPayments.record`, TMF676 ``POST payment``, scope ``payments.record``).
The payment is a BILL payment attempt of method ``recorded`` that no gateway charges: it is
stored succeeded, in one transaction with the operator's audit entry (``payment.recorded``),
then handed to billing like any bill payment (:meth:`~unicom_core.usecases.payments.
PaymentEngine.finish`: ``record_payment`` credits the account once per payment id, settles
its bills oldest first, runs the settled-bill hook, so the points of a paid bill are earned,
F-QRY-4, and reactivates numbers suspended for arrears). A crash between the two is healed
by the reconciler, as for any bill payment.

**Exactly once.** The payment's id is derived from the ``correlator`` alone (the sending
system's own reference, unique across the carrier): the same correlator again, retried or
raced, finds the stored payment (the loser of a race clashes on the insert, re-runs and finds
it) and billing credits it once (its own once-per-id mark). The same correlator for another
request (account, amount, bills or channel) is ``Conflict`` ``payment.key_reused``.

**More than owed.** The hall's rule for bill payments holds: at most what the account owes
now plus ``max_bill_advance`` (``payment.amount_too_large`` above it); what is over the bills
stays on the account as balance. The bills named (``bills``, TMF676 ``paymentItem``) must be
the account's (``payment.record_bill``); billing settles the oldest first, as for any payment.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import PAYMENTS_RECORD
from unicom_core.domain.payments import (
    PAYMENT_RECORD_BILL,
    PAYMENT_RECORD_REQUEST,
    PaymentAttempt,
    PaymentMethod,
    PaymentOutcome,
    PaymentPurpose,
    attempt_id,
    check_key,
    check_positive,
    request_digest,
)
from unicom_core.domain.shared import Money
from unicom_core.usecases.billing import account_holder, audit_operator
from unicom_core.usecases.payments import bill_collection as collection

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.shared import DomainEvent
    from unicom_core.ports.payments import PaymentUnitOfWork
    from unicom_core.ports.shared import Authorizer, Granted
    from unicom_core.usecases.payments.engine import PaymentEngine

__all__ = ["RECORDED", "RecordedPaymentRequest", "RecordedPayments"]

RECORDED = "payment.recorded"
"""The audit action of a recorded payment."""
_CHANNEL = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,39}")
_TEXT_MAX = 64
_MAX_BILLS = 24


def _check_channel(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _CHANNEL.fullmatch(value):
        raise PAYMENT_RECORD_REQUEST.error(
            "the channel is 1-40 letters, digits or _.- (bank_counter)", field="channel"
        )


def _check_reference(
    _instance: object, _attribute: attrs.Attribute[str | None], value: object
) -> None:
    if value is not None and (
        not isinstance(value, str) or not 1 <= len(value) <= _TEXT_MAX or not value.isprintable()
    ):
        raise PAYMENT_RECORD_REQUEST.error(field="reference")


def _bills(value: object) -> tuple[str, ...]:
    if not isinstance(value, (tuple, list)) or len(value) > _MAX_BILLS:
        raise PAYMENT_RECORD_REQUEST.error(f"at most {_MAX_BILLS} bills", field="bills")
    if not all(isinstance(item, str) and 0 < len(item) <= _TEXT_MAX for item in value):
        raise PAYMENT_RECORD_REQUEST.error("a bill is named by its id", field="bills")
    return tuple(sorted(set(value)))


@attrs.frozen(slots=True, kw_only=True)
class RecordedPaymentRequest:
    """A payment taken elsewhere: whose, how much, through which channel, for which bills.

    ``correlator`` is the sending system's reference (1-64 printable ASCII, no space);
    ``reference`` the authorization code it got (a bank's voucher number).
    """

    correlator: str = attrs.field(converter=check_key)
    account_id: str
    amount: Money = attrs.field(validator=check_positive)
    channel: str = attrs.field(validator=_check_channel)
    bills: tuple[str, ...] = attrs.field(default=(), converter=_bills)
    reference: str | None = attrs.field(default=None, validator=_check_reference)

    @property
    def payment_id(self) -> str:
        """The payment's id: the same for the same correlator, whoever sends it."""
        return attempt_id("recorded", self.correlator)

    @property
    def digest(self) -> str:
        """The fingerprint of the request: another one under the same correlator is refused."""
        item = f"{self.amount.fen}:{self.channel}:{','.join(self.bills)}"
        return request_digest(
            PaymentPurpose.BILL, "recorded", self.account_id, PaymentMethod.RECORDED, item_id=item
        )


class RecordedPayments:
    """Operators record payments taken elsewhere (``hall.payments.recorded``; F-PAY-2)."""

    def __init__(self, engine: PaymentEngine, *, authorizer: Authorizer) -> None:
        self._engine, self._authorizer = engine, authorizer

    def record(self, token: str, request: RecordedPaymentRequest) -> tuple[PaymentAttempt, bool]:
        """Record the payment once per correlator, audited; settle bills like any payment.

        Returns the payment and whether this call recorded it (False: the correlator was
        recorded already, and nothing moved again).

        Raises:
            Refused: ``operator.*`` (a token without ``payments.record``),
                ``access.capability_missing`` (a subscriber's session).
            NotFound: ``billing.unknown_account``.
            InvalidInput: ``payment.record_bill``, ``payment.amount_too_large``.
            Conflict: ``payment.key_reused`` (the correlator of another request).
        """
        granted = self._authorizer.authorize(token, PAYMENTS_RECORD)
        attempt, new = self._engine.open(
            request.payment_id,
            request.digest,
            lambda tx, now: self._make(tx, now, request, granted),
            recorded=True,
        )
        return self._engine.finish(attempt), new

    def _make(
        self,
        tx: PaymentUnitOfWork,
        now: datetime,
        request: RecordedPaymentRequest,
        granted: Granted,
    ) -> tuple[PaymentAttempt, tuple[DomainEvent, ...]]:
        """The payment succeeded already, audited, in the transaction that stores it."""
        holder = account_holder(tx, request.account_id)
        for bill_id in request.bills:
            bill = tx.bills.find(bill_id)
            if bill is None or bill.account_id != request.account_id:
                raise PAYMENT_RECORD_BILL.error(bill_id=bill_id)
        settings = self._engine.settings
        due = collection.bill_amount(tx, holder, now, request.amount, settings.max_bill_advance)
        attempt, created = PaymentAttempt.create(
            request.payment_id,
            purpose=PaymentPurpose.BILL,
            subscriber_id=holder.id,
            account_id=request.account_id,
            amount=due,
            credit=due,
            method=PaymentMethod.RECORDED,
            gateway=f"recorded:{request.channel}",
            at=now,
            expires_in=settings.payment_window,
            subject=f"交费 {holder.number.value} ({request.channel})",
            item_id=",".join(request.bills) or None,
            digest=request.digest,
        )
        reference = request.reference or request.correlator
        paid = attempt.record_outcome(
            PaymentOutcome.SUCCEEDED, at=now, reference=reference, amount=due
        )
        facts = {
            "payment_id": attempt.id,
            "correlator": request.correlator,
            "amount_fen": str(due.fen),
            "channel": request.channel,
        }
        audit_operator(tx, granted, RECORDED, now, facts, subject=holder)
        return attempt, (*created, *paid)
