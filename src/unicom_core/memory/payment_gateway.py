"""MemoryPaymentGateway: the payment port in memory, every charge paid at once (F-PAY-3).

The default gateway of :func:`~unicom_core.bootstrap.bootstrap`, so a hall built with no
arguments takes top-ups end to end. It keeps the port's rules (idempotent charge and refund by
key, outcomes as values, HMAC-signed notifications that must verify) and nothing more; the
programmable sandbox and the Alipay adapter are in the ``unicom-payments`` distribution.
Thread-safe, stdlib only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
from typing import TYPE_CHECKING

from unicom_core.domain.payments import (
    PAYMENT_KEY_REUSED_AT_GATEWAY,
    PAYMENT_NOTIFICATION_FORGED,
    PAYMENT_NOTIFICATION_MALFORMED,
    PaymentOutcome,
)
from unicom_core.domain.shared import Money
from unicom_core.ports.payments import (
    ChargeRequest,
    GatewayNotification,
    GatewayResult,
    PaymentGateway,
    RefundRequest,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["MemoryPaymentGateway"]


class MemoryPaymentGateway(PaymentGateway):
    """Pays every charge at once; refunds every paid one; signs its notifications."""

    def __init__(self, *, name: str = "memory") -> None:
        self._name = name
        self._secret = secrets.token_bytes(32)
        self._lock = threading.Lock()
        self._paid: dict[str, Money] = {}
        self._refunds: dict[str, tuple[str, Money]] = {}

    @property
    def name(self) -> str:
        """The gateway's name stored with each attempt."""
        return self._name

    def charge(self, request: ChargeRequest, /) -> GatewayResult:
        """Pay at once, once per key."""
        with self._lock:
            paid = self._paid.setdefault(request.idempotency_key, request.amount)
        if paid != request.amount:
            raise PAYMENT_KEY_REUSED_AT_GATEWAY.error()
        return self.query(request.idempotency_key)

    def query(self, idempotency_key: str, /) -> GatewayResult:
        """SUCCEEDED for a charged key; ``exists=False`` otherwise."""
        with self._lock:
            paid = self._paid.get(idempotency_key)
        if paid is None:
            return GatewayResult(
                idempotency_key=idempotency_key, outcome=PaymentOutcome.PENDING, exists=False
            )
        return GatewayResult(
            idempotency_key=idempotency_key,
            outcome=PaymentOutcome.SUCCEEDED,
            reference=f"MEM{hashlib.sha256(idempotency_key.encode()).hexdigest()[:16]}",
            amount=paid,
        )

    def refund(self, request: RefundRequest, /) -> GatewayResult:
        """Refund a paid charge in full, once per refund key."""
        with self._lock:
            paid = self._paid.get(request.payment_key)
            known = self._refunds.get(request.idempotency_key)
            if known is None and paid == request.amount:
                known = self._refunds[request.idempotency_key] = (request.payment_key, paid)
        outcome = PaymentOutcome.SUCCEEDED if known is not None else PaymentOutcome.FAILED
        return GatewayResult(
            idempotency_key=request.idempotency_key, outcome=outcome, amount=request.amount
        )

    def notification(self, key: str) -> dict[str, str]:
        """The signed notification this gateway sends about a paid charge."""
        with self._lock:
            amount = self._paid[key]
        payload = {
            "notify_id": secrets.token_hex(8),
            "out_trade_no": key,
            "amount_fen": str(amount.fen),
        }
        payload["sign"] = self._sign(payload)
        return payload

    def _sign(self, payload: Mapping[str, str]) -> str:
        text = "&".join(f"{k}={payload[k]}" for k in sorted(payload) if k != "sign")
        return hmac.new(self._secret, text.encode(), hashlib.sha256).hexdigest()

    def verify_notification(self, payload: Mapping[str, str], /) -> GatewayNotification:
        """Check the HMAC signature, then read the (always successful) payment."""
        signature = str(payload.get("sign", ""))
        if not hmac.compare_digest(signature.encode(), self._sign(payload).encode()):
            raise PAYMENT_NOTIFICATION_FORGED.error()
        try:
            return GatewayNotification(
                notification_id=payload["notify_id"],
                payment_key=payload["out_trade_no"],
                outcome=PaymentOutcome.SUCCEEDED,
                amount=Money(int(payload["amount_fen"])),
            )
        except (KeyError, ValueError) as error:
            raise PAYMENT_NOTIFICATION_MALFORMED.error(
                f"cannot read the notification: {error}"
            ) from error
