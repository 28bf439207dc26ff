"""``SandboxPaymentGateway``: an in-process gateway whose behaviour tests program (F-PAY-3).

Each new charge takes the next :class:`Step` of the script (``SUCCEED`` when the script is
empty): succeed, decline, time out after or before charging, or answer late. Every trade that
reaches an outcome queues signed asynchronous notifications, once, twice, out of order
(the final one first, then a stale "pending"), or not at all; tests read them with
:meth:`SandboxPaymentGateway.take_notifications` and hand them to the hall, and
:meth:`SandboxPaymentGateway.forged_notification` makes one whose signature is wrong.

The sandbox keeps its own ledger (:attr:`SandboxPaymentGateway.captured`), so a test can
check that money moved exactly once per key, and it is thread-safe. Notifications are
signed with HMAC-SHA256 under a secret of the sandbox: the point is that an unsigned or
wrongly signed payload is refused, as a real gateway's RSA2 check would refuse it.
"""

from __future__ import annotations

import enum
import hmac
import itertools
import secrets
import threading
from collections import deque
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.payments import (
    PAYMENT_KEY_REUSED_AT_GATEWAY,
    PAYMENT_NOTIFICATION_FORGED,
    PAYMENT_NOTIFICATION_MALFORMED,
    ActionKind,
    PaymentAction,
    PaymentMethod,
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

__all__ = ["Behaviour", "Notify", "SandboxPaymentGateway", "Step"]


class Behaviour(enum.Enum):
    """What the sandbox does with a new charge (or refund)."""

    SUCCEED = "succeed"
    DECLINE = "decline"
    TIME_OUT = "time_out"
    """The money moves, but the answer is lost: the caller sees UNKNOWN."""
    TIME_OUT_UNCHARGED = "time_out_uncharged"
    """The request is lost before the gateway acts: UNKNOWN, and no trade exists."""
    ANSWER_LATE = "answer_late"
    """PENDING now; :meth:`SandboxPaymentGateway.settle_late` finishes it later."""


class Notify(enum.Enum):
    """Which asynchronous notifications a trade sends once it has an outcome."""

    ONCE = "once"
    TWICE = "twice"
    OUT_OF_ORDER = "out_of_order"
    """The final notification, then a stale PENDING one."""
    NONE = "none"


@attrs.frozen(slots=True)
class Step:
    """One scripted reaction: a behaviour and the notifications it sends."""

    behaviour: Behaviour = Behaviour.SUCCEED
    notify: Notify = Notify.ONCE
    late_outcome: PaymentOutcome = PaymentOutcome.SUCCEEDED
    """What an ``ANSWER_LATE`` charge ends as when settled."""


@attrs.define
class _Trade:
    key: str
    amount: Money
    reference: str
    outcome: PaymentOutcome
    notify: Notify
    late_outcome: PaymentOutcome
    refunds: dict[str, tuple[Money, PaymentOutcome]] = attrs.field(factory=dict)


class SandboxPaymentGateway(PaymentGateway):
    """An in-process payment gateway with programmable behaviour, for tests and the demo."""

    def __init__(self, *, name: str = "sandbox", secret: bytes | None = None) -> None:
        self._name = name
        self._secret = secret if secret is not None else secrets.token_bytes(32)
        self._lock = threading.Lock()
        self._charges: deque[Step] = deque()
        self._refunds: deque[Behaviour] = deque()
        self._trades: dict[str, _Trade] = {}
        self._notifications: list[dict[str, str]] = []
        self._numbers = itertools.count(1)
        self.calls: list[tuple[str, str]] = []
        """Every call made, as ``(verb, key)``: tests count how often the gateway was asked."""

    @property
    def name(self) -> str:
        """The gateway's name stored with each attempt."""
        return self._name

    # ------------------------------------------------------------------ programming

    def script(self, *steps: Step | Behaviour) -> None:
        """Queue reactions for the next new charges (a bare Behaviour notifies once)."""
        with self._lock:
            self._charges.extend(s if isinstance(s, Step) else Step(s) for s in steps)

    def script_refunds(self, *behaviours: Behaviour) -> None:
        """Queue reactions for the next new refunds (SUCCEED, DECLINE, TIME_OUT, ...)."""
        with self._lock:
            self._refunds.extend(behaviours)

    def forget_scripts(self) -> None:
        """Drop the reactions queued and not used.

        A script meant for a call that never came (an idempotent replay, a refusal before the
        gateway) would otherwise meet a later call.
        """
        with self._lock:
            self._charges.clear()
            self._refunds.clear()

    def settle_late(self, key: str | None = None) -> list[str]:
        """Finish late trades (all, or the one of ``key``) with their scripted outcome."""
        with self._lock:
            done = []
            for trade in self._trades.values():
                if trade.outcome is PaymentOutcome.PENDING and key in {None, trade.key}:
                    trade.outcome = trade.late_outcome
                    self._queue(trade)
                    done.append(trade.key)
            return done

    def take_notifications(self) -> list[dict[str, str]]:
        """The notifications sent since the last call, in the order the sandbox sent them."""
        with self._lock:
            sent, self._notifications = self._notifications, []
            return sent

    def forged_notification(
        self, key: str, amount: Money, outcome: PaymentOutcome = PaymentOutcome.SUCCEEDED
    ) -> dict[str, str]:
        """A notification for ``key`` signed with the wrong secret (what an attacker sends)."""
        payload = self._payload(key, amount, outcome, f"forged-{secrets.token_hex(4)}")
        payload["sign"] = hmac.new(b"not-the-sandbox", _canonical(payload), "sha256").hexdigest()
        return payload

    def notification(
        self, key: str, amount: Money, outcome: PaymentOutcome = PaymentOutcome.SUCCEEDED
    ) -> dict[str, str]:
        """A correctly signed notification about anything (a wrong amount, an unknown key)."""
        return self._signed(self._payload(key, amount, outcome, secrets.token_hex(8)))

    @property
    def captured(self) -> dict[str, Money]:
        """The money taken per charge key, net of refunds (the sandbox's own ledger)."""
        with self._lock:
            ledger = {}
            for trade in self._trades.values():
                if trade.outcome is PaymentOutcome.SUCCEEDED:
                    refunded = Money.total(
                        m for m, o in trade.refunds.values() if o is PaymentOutcome.SUCCEEDED
                    )
                    ledger[trade.key] = trade.amount - refunded
            return ledger

    # ------------------------------------------------------------------ the port

    def charge(self, request: ChargeRequest, /) -> GatewayResult:
        """Charge once per key; a known key answers its trade's state."""
        with self._lock:
            self.calls.append(("charge", request.idempotency_key))
            trade = self._trades.get(request.idempotency_key)
            if trade is not None:
                if trade.amount != request.amount:
                    raise PAYMENT_KEY_REUSED_AT_GATEWAY.error(
                        "this key was used for another amount",
                        idempotency_key=request.idempotency_key,
                    )
                return self._result(trade, action=_action(request, trade.reference))
            step = self._charges.popleft() if self._charges else Step()
            if step.behaviour is Behaviour.TIME_OUT_UNCHARGED:
                return GatewayResult(
                    idempotency_key=request.idempotency_key,
                    outcome=PaymentOutcome.UNKNOWN,
                    reason="timeout",
                )
            trade = self._open(request, step)
            if step.behaviour is Behaviour.TIME_OUT:
                return GatewayResult(
                    idempotency_key=trade.key, outcome=PaymentOutcome.UNKNOWN, reason="timeout"
                )
            return self._result(trade, action=_action(request, trade.reference))

    def _open(self, request: ChargeRequest, step: Step) -> _Trade:
        outcome = {
            Behaviour.SUCCEED: PaymentOutcome.SUCCEEDED,
            Behaviour.TIME_OUT: PaymentOutcome.SUCCEEDED,
            Behaviour.DECLINE: PaymentOutcome.FAILED,
            Behaviour.ANSWER_LATE: PaymentOutcome.PENDING,
        }[step.behaviour]
        reference = f"SBX{next(self._numbers):012d}"
        trade = _Trade(
            request.idempotency_key,
            request.amount,
            reference,
            outcome,
            step.notify,
            step.late_outcome,
        )
        self._trades[trade.key] = trade
        if outcome is not PaymentOutcome.PENDING:
            self._queue(trade)
        return trade

    def refund(self, request: RefundRequest, /) -> GatewayResult:
        """Refund once per refund key; refunds only a succeeded trade, at most its amount."""
        with self._lock:
            self.calls.append(("refund", request.idempotency_key))
            trade = self._trades.get(request.payment_key)
            if trade is None or trade.outcome is not PaymentOutcome.SUCCEEDED:
                return GatewayResult(
                    idempotency_key=request.idempotency_key,
                    outcome=PaymentOutcome.FAILED,
                    reason="trade_not_paid",
                )
            known = trade.refunds.get(request.idempotency_key)
            if known is not None and known[1] is PaymentOutcome.PENDING:
                known = (known[0], _refund_outcome(Behaviour.SUCCEED, trade, known[0]))
                trade.refunds[request.idempotency_key] = known  # a late refund completes
            if known is None:
                behaviour = self._refunds.popleft() if self._refunds else Behaviour.SUCCEED
                if behaviour is Behaviour.TIME_OUT_UNCHARGED:
                    return _lost(request.idempotency_key)
                known = (request.amount, _refund_outcome(behaviour, trade, request.amount))
                trade.refunds[request.idempotency_key] = known
                if behaviour is Behaviour.TIME_OUT:
                    return _lost(request.idempotency_key)
            return GatewayResult(
                idempotency_key=request.idempotency_key,
                outcome=known[1],
                reference=trade.reference,
                amount=known[0],
            )

    def query(self, idempotency_key: str, /) -> GatewayResult:
        """The trade's current outcome; ``exists=False`` for a key never charged."""
        with self._lock:
            self.calls.append(("query", idempotency_key))
            trade = self._trades.get(idempotency_key)
            if trade is None:
                return GatewayResult(
                    idempotency_key=idempotency_key,
                    outcome=PaymentOutcome.PENDING,
                    exists=False,
                    reason="not_found",
                )
            return self._result(trade)

    def verify_notification(self, payload: Mapping[str, str], /) -> GatewayNotification:
        """Check the HMAC signature, then read the notification."""
        fields = dict(payload)
        signature = fields.pop("sign", "")
        expected = hmac.new(self._secret, _canonical(fields), "sha256").hexdigest()
        if not hmac.compare_digest(signature.encode(), expected.encode()):
            raise PAYMENT_NOTIFICATION_FORGED.error()
        try:
            return GatewayNotification(
                notification_id=fields["notify_id"],
                payment_key=fields["out_trade_no"],
                outcome=PaymentOutcome(fields["outcome"]),
                amount=Money(int(fields["amount_fen"])),
                reference=fields.get("trade_no") or None,
            )
        except (KeyError, ValueError) as error:
            raise PAYMENT_NOTIFICATION_MALFORMED.error(
                f"cannot read the notification: {error}"
            ) from error

    # ------------------------------------------------------------------ helpers

    def _result(self, trade: _Trade, action: PaymentAction | None = None) -> GatewayResult:
        pending = trade.outcome is PaymentOutcome.PENDING
        return GatewayResult(
            idempotency_key=trade.key,
            outcome=trade.outcome,
            reference=trade.reference,
            amount=trade.amount,
            action=action if pending else None,
            reason="declined" if trade.outcome is PaymentOutcome.FAILED else "",
        )

    def _queue(self, trade: _Trade) -> None:
        if trade.notify is Notify.NONE:
            return
        final = self._signed(
            self._payload(trade.key, trade.amount, trade.outcome, secrets.token_hex(8), trade)
        )
        sent = [final]
        if trade.notify is Notify.TWICE:
            sent.append(dict(final))
        elif trade.notify is Notify.OUT_OF_ORDER:
            stale = self._payload(
                trade.key, trade.amount, PaymentOutcome.PENDING, secrets.token_hex(8), trade
            )
            sent.append(self._signed(stale))
        self._notifications.extend(sent)

    @staticmethod
    def _payload(
        key: str,
        amount: Money,
        outcome: PaymentOutcome,
        notify_id: str,
        trade: _Trade | None = None,
    ) -> dict[str, str]:
        return {
            "notify_id": notify_id,
            "out_trade_no": key,
            "outcome": outcome.value,
            "amount_fen": str(amount.fen),
            "trade_no": trade.reference if trade is not None else "",
        }

    def _signed(self, payload: dict[str, str]) -> dict[str, str]:
        payload["sign"] = hmac.new(self._secret, _canonical(payload), "sha256").hexdigest()
        return payload


def _canonical(fields: Mapping[str, str]) -> bytes:
    return "&".join(f"{k}={fields[k]}" for k in sorted(fields) if k != "sign").encode()


def _action(request: ChargeRequest, reference: str) -> PaymentAction | None:
    if request.method is PaymentMethod.APP:
        return PaymentAction(ActionKind.APP_ORDER, f"sandbox_order={reference}")
    if request.method is PaymentMethod.PAGE:
        return PaymentAction(ActionKind.REDIRECT, f"https://sandbox.invalid/pay/{reference}")
    return None


def _lost(key: str) -> GatewayResult:
    return GatewayResult(idempotency_key=key, outcome=PaymentOutcome.UNKNOWN, reason="timeout")


def _refund_outcome(behaviour: Behaviour, trade: _Trade, amount: Money) -> PaymentOutcome:
    refunded = Money.total(m for m, o in trade.refunds.values() if o is PaymentOutcome.SUCCEEDED)
    if behaviour is Behaviour.DECLINE or refunded + amount > trade.amount:
        return PaymentOutcome.FAILED
    if behaviour is Behaviour.ANSWER_LATE:
        return PaymentOutcome.PENDING
    return PaymentOutcome.SUCCEEDED
