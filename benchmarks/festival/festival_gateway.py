"""The festival's sandbox gateway: the sandbox's signatures, its trades shared through PostgreSQL.

``unicom_payments.SandboxPaymentGateway`` keeps its trades in the memory of one process, so
the trade a worker opens is unknown to the next worker and to the reconciler. The festival
runs several uvicorn workers, so its gateway keeps each trade as one row of
``festival_gateway_trades`` (the gateway's own ledger, beside the hall's tables but not one
of them) and signs and verifies notifications as the sandbox does (HMAC-SHA256 under a secret
every worker and the load client share):

* :meth:`FestivalGateway.charge` opens the trade PENDING (a page payment waits for the
  buyer), or answers the stored one for a known key (F-PAY-3: one trade per key);
* the load client is the buyer and the gateway's notifier: :func:`pay` marks the trade paid
  at the cashier, then it posts the signed notification (:meth:`FestivalGateway.notification`)
  once, twice, or never (a lost notification: the reconciler's query finds the trade paid);
* :meth:`FestivalGateway.query` answers the row; refunds are not part of the festival.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import text
from unicom_payments import SandboxPaymentGateway

from unicom_core.domain.payments import ActionKind, PaymentAction, PaymentOutcome
from unicom_core.domain.shared import Money
from unicom_core.ports.payments import (
    ChargeRequest,
    GatewayNotification,
    GatewayResult,
    RefundRequest,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sqlalchemy.engine import Connection, Engine

__all__ = ["TRADES", "FestivalGateway", "create_trades", "pay"]

TRADES = "festival_gateway_trades"
"""The gateway's table: one row per charge key."""

_CREATE = """CREATE TABLE IF NOT EXISTS festival_gateway_trades (
    key text PRIMARY KEY,
    amount_fen bigint NOT NULL,
    reference bigserial NOT NULL,
    outcome text NOT NULL
)"""
_OPEN = text(
    "INSERT INTO festival_gateway_trades (key, amount_fen, outcome) "
    "VALUES (:key, :fen, 'pending') "
    "ON CONFLICT (key) DO NOTHING"
)
_READ = text("SELECT amount_fen, reference, outcome FROM festival_gateway_trades WHERE key = :key")
_PAY = text(
    "UPDATE festival_gateway_trades SET outcome = 'succeeded' "
    "WHERE key = :key AND amount_fen = :fen"
)


def create_trades(connection: Connection) -> None:
    """Create the gateway's table unless it exists."""
    connection.execute(text(_CREATE))


def pay(connection: Connection, key: str, fen: int) -> bool:
    """The buyer pays the trade ``key`` of ``fen`` at the cashier; False if no such trade."""
    return bool(connection.execute(_PAY, {"key": key, "fen": fen}).rowcount)


class FestivalGateway:
    """A payment gateway (the port) whose trades live in PostgreSQL, signed as the sandbox's."""

    def __init__(self, engine: Engine, secret: bytes) -> None:
        self._engine = engine
        self._signer = SandboxPaymentGateway(name="sandbox", secret=secret)

    @property
    def name(self) -> str:
        """``sandbox``: the attempts are the sandbox's."""
        return self._signer.name

    def charge(self, request: ChargeRequest, /) -> GatewayResult:
        """Open the trade PENDING, once per key; a known key answers its trade."""
        with self._engine.begin() as connection:
            connection.execute(_OPEN, {"key": request.idempotency_key, "fen": request.amount.fen})
            result = self._read(connection, request.idempotency_key)
        if result.amount != request.amount:
            return GatewayResult(
                idempotency_key=request.idempotency_key,
                outcome=PaymentOutcome.FAILED,
                reason="key_reused",
            )
        if result.outcome is PaymentOutcome.PENDING:
            action = PaymentAction(ActionKind.REDIRECT, f"/festival/cashier/{result.reference}")
            return GatewayResult(
                idempotency_key=result.idempotency_key,
                outcome=result.outcome,
                reference=result.reference,
                amount=result.amount,
                action=action,
            )
        return result

    def refund(self, request: RefundRequest, /) -> GatewayResult:
        """The festival refunds nothing: every refund is declined."""
        return GatewayResult(
            idempotency_key=request.idempotency_key,
            outcome=PaymentOutcome.FAILED,
            reason="declined",
        )

    def query(self, idempotency_key: str, /) -> GatewayResult:
        """The trade's current outcome; ``exists=False`` for a key never charged."""
        with self._engine.connect() as connection:
            return self._read(connection, idempotency_key)

    def verify_notification(self, payload: Mapping[str, str], /) -> GatewayNotification:
        """Check the sandbox's HMAC signature, then read the notification."""
        return self._signer.verify_notification(payload)

    def notification(self, key: str, fen: int) -> dict[str, str]:
        """The signed notification that the trade ``key`` of ``fen`` was paid."""
        return self._signer.notification(key, Money(fen), PaymentOutcome.SUCCEEDED)

    @staticmethod
    def _read(connection: Connection, key: str) -> GatewayResult:
        row = connection.execute(_READ, {"key": key}).one_or_none()
        if row is None:
            return GatewayResult(
                idempotency_key=key,
                outcome=PaymentOutcome.PENDING,
                exists=False,
                reason="not_found",
            )
        return GatewayResult(
            idempotency_key=key,
            outcome=PaymentOutcome(row.outcome),
            reference=f"FST{row.reference:012d}",
            amount=Money(row.amount_fen),
        )
