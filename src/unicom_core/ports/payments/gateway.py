"""The payment port: what the hall needs of a gateway (F-PAY-3, docs/explanation/payments.md).

Small and honest, after Kill Bill: :meth:`PaymentGateway.charge`, :meth:`~PaymentGateway.refund`,
:meth:`~PaymentGateway.query` and :meth:`~PaymentGateway.verify_notification`. The rules every
adapter keeps (the contract suite :mod:`unicom_core.testing.contracts.payments` checks them):

- **Idempotency.** Every call carries an idempotency key: the charge's key (the attempt id,
  Alipay's ``out_trade_no``) or the refund's key (``out_request_no``). The same key again
  never charges or refunds twice; it answers what became of the first call. The same key
  with another amount is ``InvalidInput`` ``payment.key_reused``.
- **Outcomes are values.** A gateway answers a :class:`GatewayResult` whose ``outcome`` is
  SUCCEEDED, PENDING, FAILED or UNKNOWN. A lost answer (a timeout, a reset connection, a
  reply that cannot be read) is ``UNKNOWN``, not an exception: the caller keeps the key and
  asks :meth:`~PaymentGateway.query` later. ``AdapterError`` is for a gateway that cannot be
  used at all (misconfigured), ``InvalidInput`` for a request no gateway would take.
- **Query.** ``query(key)`` answers the charge's current outcome; ``exists`` is False when the
  gateway has no trade under that key (never reached it, or the buyer has not started).
- **Notifications are verified before they count.** ``verify_notification(payload)`` checks
  the signature and reads the trade; a payload that fails is ``Refused``
  ``payment.notification_forged`` and a malformed one ``InvalidInput``
  ``payment.notification_malformed``. A notification's ``notification_id`` is its own
  idempotency key: the same notification delivered twice is one fact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import attrs

from unicom_core.domain.payments import (
    PAYMENT_AMOUNT,
    PAYMENT_METHOD,
    PAYMENT_OUTCOME,
    PAYMENT_SUBJECT,
    PaymentAction,
    PaymentMethod,
    PaymentOutcome,
    check_key,
    check_positive,
)
from unicom_core.domain.shared import Money, instance_of

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "ChargeRequest",
    "GatewayNotification",
    "GatewayResult",
    "PaymentGateway",
    "RefundRequest",
]


def _key(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    check_key(value)


def _optional_money(_instance: object, attribute: attrs.Attribute[Money | None], v: object) -> None:
    if v is not None and not isinstance(v, Money):
        instance_of(Money, PAYMENT_AMOUNT)(_instance, attribute, v)


@attrs.frozen(slots=True, kw_only=True)
class ChargeRequest:
    """Charge ``amount`` under ``idempotency_key`` (F-PAY-3).

    ``subject`` is what the buyer sees (``"50元话费充值 186****5678"``); ``method`` says how
    the buyer pays; ``mandate`` is the gateway's reference of a signed bank-card mandate
    (``method`` MANDATE only, F-PAY-2); ``return_url`` where a page payment comes back to.
    """

    idempotency_key: str = attrs.field(validator=_key)
    amount: Money = attrs.field(validator=check_positive)
    subject: str = attrs.field(validator=instance_of(str, PAYMENT_SUBJECT))
    method: PaymentMethod = attrs.field(
        default=PaymentMethod.PAGE, validator=instance_of(PaymentMethod, PAYMENT_METHOD)
    )
    mandate: str | None = None
    return_url: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class RefundRequest:
    """Refund ``amount`` of the charge ``payment_key`` under the refund key ``idempotency_key``."""

    idempotency_key: str = attrs.field(validator=_key)
    payment_key: str = attrs.field(validator=_key)
    amount: Money = attrs.field(validator=check_positive)
    reason: str = ""


@attrs.frozen(slots=True, kw_only=True)
class GatewayResult:
    """What a gateway answered about a charge or a refund (F-PAY-3).

    ``reference`` is the gateway's own trade number; ``amount`` what it reports (None if it
    said nothing); ``action`` what the buyer does next for a PENDING page or app payment;
    ``exists`` is False when a query found no trade under the key; ``reason`` a short
    machine word for a FAILED or UNKNOWN outcome (``"declined"``, ``"timeout"``).
    """

    idempotency_key: str
    outcome: PaymentOutcome = attrs.field(validator=instance_of(PaymentOutcome, PAYMENT_OUTCOME))
    reference: str | None = None
    amount: Money | None = attrs.field(default=None, validator=_optional_money)
    action: PaymentAction | None = None
    exists: bool = True
    reason: str = ""


@attrs.frozen(slots=True, kw_only=True)
class GatewayNotification:
    """A verified asynchronous notification: the trade it is about and what became of it."""

    notification_id: str
    payment_key: str
    outcome: PaymentOutcome = attrs.field(validator=instance_of(PaymentOutcome, PAYMENT_OUTCOME))
    amount: Money | None = attrs.field(default=None, validator=_optional_money)
    reference: str | None = None


class PaymentGateway(Protocol):
    """A payment provider: idempotent charge, refund and query; verified notifications."""

    @property
    def name(self) -> str:
        """A short, stable name stored with each attempt (``"sandbox"``, ``"alipay"``)."""
        ...

    def charge(self, request: ChargeRequest, /) -> GatewayResult:
        """Charge once per key; the same key again answers what became of the first call."""
        ...

    def refund(self, request: RefundRequest, /) -> GatewayResult:
        """Refund once per refund key; the same key again answers the refund's outcome."""
        ...

    def query(self, idempotency_key: str, /) -> GatewayResult:
        """The current outcome of the charge made under ``idempotency_key``."""
        ...

    def verify_notification(self, payload: Mapping[str, str], /) -> GatewayNotification:
        """Check a notification's signature and read it.

        Raises:
            Refused: ``payment.notification_forged`` for a bad or missing signature.
            InvalidInput: ``payment.notification_malformed`` for a payload that cannot be read.
        """
        ...
