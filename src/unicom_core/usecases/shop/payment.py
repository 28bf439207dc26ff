"""Paying an order through the payment engine (F-SHOP-1, F-PAY-3): the pay use case, the hooks.

The shop registers :class:`~unicom_core.usecases.payments.PurposeHooks` for the purpose
SHOP_ORDER (:meth:`OrderPayments.hooks`), so the payments area never imports the shop:

* ``paid`` runs in the transaction that records the payment's success: the order is PAID
  there (an order of only recharge cards DELIVERED) and its reserved cards sold, exactly
  once, whichever path learnt the outcome (the charge's answer, a notification, the
  reconciler);
* ``failed`` runs in the one that records a failure (declined, expired, never paid): the
  order is CANCELLED and lets its stock, numbers and ID slots go;
* ``refunded`` runs after a refund's success is committed: a cancelled paid order is
  REFUNDED.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, cast

import attrs

from unicom_core.domain.access import PAY
from unicom_core.domain.numbers import Reservation
from unicom_core.domain.payments import (
    PaymentAttempt,
    PaymentMethod,
    PaymentPurpose,
    attempt_id,
    request_digest,
)
from unicom_core.domain.shared import DomainEvent, Money
from unicom_core.domain.shop import (
    SHOP_PAYMENT_OPEN,
    SHOP_TRANSITION,
    SHOP_UNKNOWN_ORDER,
    Order,
    OrderStatus,
)
from unicom_core.errors import UnicomError
from unicom_core.ports.payments import ChargeRequest, PaymentUnitOfWork
from unicom_core.usecases.payments import PurposeHooks
from unicom_core.usecases.shared import publish
from unicom_core.usecases.shop.holds import release_holds, sell_cards

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.ports.numbers import NumberPool
    from unicom_core.ports.shared import Authorizer
    from unicom_core.ports.shop import ShopUnitOfWork
    from unicom_core.usecases.payments import PaymentEngine
    from unicom_core.usecases.shop.placing import Placement

__all__ = [
    "OrderPayments",
    "ShopPayment",
    "free_numbers",
    "get_order",
    "own_order",
    "require_payable",
]


@attrs.frozen(slots=True)
class ShopPayment:
    """An order after :meth:`ShopService.pay`, its payment as it stands (None if free)."""

    order: Order
    payment: PaymentAttempt | None
    duplicate: bool = False
    """True when the idempotency key named a payment made before."""


class OrderPayments:
    """The pay use case and the engine's hooks (module docstring)."""

    def __init__(self, placement: Placement, engine: PaymentEngine, authorizer: Authorizer) -> None:
        self._placement, self._engine, self._authorizer = placement, engine, authorizer
        self._run = placement.run

    def hooks(self) -> PurposeHooks:
        """The hooks to register for SHOP_ORDER payments."""
        return PurposeHooks(self._paid, self._failed)

    def order_by_id(self, order_id: str) -> Order:
        """Any order by id (``shop.unknown_order``)."""
        return self._run(lambda tx, _now: get_order(tx, order_id), readonly=True)

    def pay(
        self,
        token: str,
        order_id: str,
        *,
        idempotency_key: str,
        method: PaymentMethod = PaymentMethod.PAGE,
        return_url: str | None = None,
    ) -> ShopPayment:
        """Pay a PLACED order through the payment engine (F-SHOP-1, F-PAY-3).

        The same ``idempotency_key`` names the same payment; once it succeeds (now, by a
        notification or by the reconciler) the order is PAID in that transaction. An order
        costing nothing (an ordinary number, no pre-stored fee) is PAID at once, with no
        payment (``ShopPayment.payment`` None).

        Raises:
            NotFound: ``shop.unknown_order``; Conflict: ``shop.transition``,
                ``shop.payment_open``; the engine's ``payment.*`` codes.
        """
        buyer = self._authorizer.authorize(token, PAY).subscriber
        engine, payment_id = self._engine, attempt_id(buyer.id, idempotency_key)
        digest = request_digest(
            PaymentPurpose.SHOP_ORDER, buyer.id, buyer.account_id, method, None, order_id
        )

        def make(
            tx: PaymentUnitOfWork, now: datetime
        ) -> tuple[PaymentAttempt, tuple[DomainEvent, ...]]:
            order = own_order(cast("ShopUnitOfWork", tx), order_id, buyer.id)
            require_payable(cast("ShopUnitOfWork", tx), order)
            return PaymentAttempt.create(
                payment_id,
                purpose=PaymentPurpose.SHOP_ORDER,
                subscriber_id=buyer.id,
                account_id=buyer.account_id,
                amount=order.total,
                credit=Money(0),
                method=method,
                gateway=engine.gateway.name,
                at=now,
                expires_in=engine.settings.payment_window,
                item_id=order.id,
                digest=digest,
                subject=f"网上商城订单{order.id[-8:]}",
            )

        def reserve(tx: PaymentUnitOfWork, attempt: PaymentAttempt, _now: datetime) -> None:
            units = cast("ShopUnitOfWork", tx)
            order = own_order(units, order_id, buyer.id)
            order.opened_payment(attempt.id)
            units.orders.save(order)

        if self._free(order_id, buyer.id):
            return ShopPayment(self.order_by_id(order_id), None)
        attempt, new = engine.open(payment_id, digest, make, reserve)
        if attempt.is_open:
            request = ChargeRequest(
                idempotency_key=attempt.id,
                amount=attempt.amount,
                subject=attempt.subject,
                method=method,
                return_url=return_url,
            )
            attempt = engine.charge(request)
        return ShopPayment(self.order_by_id(order_id), attempt, duplicate=not new)

    def _free(self, order_id: str, buyer_id: str) -> bool:
        """Mark a PLACED order costing nothing PAID without the gateway; whether it did."""

        def work(tx: ShopUnitOfWork, now: datetime) -> bool:
            order = own_order(tx, order_id, buyer_id)
            if order.total.is_positive:
                return False
            publish(tx, order.pay(None, at=now))
            sell_cards(tx, order)
            tx.orders.save(order)
            return True

        return self._run(work)

    def _paid(
        self, tx: PaymentUnitOfWork, attempt: PaymentAttempt, now: datetime
    ) -> list[DomainEvent]:
        """The engine's hook: the payment succeeded, the order is PAID in this transaction."""
        units = cast("ShopUnitOfWork", tx)
        order = units.orders.get(str(attempt.item_id))
        if order.status is not OrderStatus.PLACED:
            # Not reached by construction: a PLACED order is cancelled only without a
            # payment in progress (cancel and tidy check), or by this payment's failure.
            return []
        events = list(order.pay(attempt.id, at=now))
        sell_cards(units, order)
        units.orders.save(order)
        return events

    def _failed(self, tx: PaymentUnitOfWork, attempt: PaymentAttempt, now: datetime) -> None:
        """The engine's hook: the payment failed or expired; the order lets everything go."""
        units = cast("ShopUnitOfWork", tx)
        order = units.orders.find(str(attempt.item_id))
        if order is None or order.status is not OrderStatus.PLACED:
            return
        publish(units, order.cancel(at=now, reason="payment_failed"))
        release_holds(units, order)
        units.orders.save(order)
        free_numbers(self._placement.pool, order)

    def refunded(self, payment_id: str) -> None:
        """The engine's refund hook: a cancelled paid order becomes REFUNDED."""

        def work(tx: ShopUnitOfWork, now: datetime) -> None:
            attempt = tx.payment_attempts.find(payment_id)
            if attempt is None or attempt.purpose is not PaymentPurpose.SHOP_ORDER:
                return
            order = tx.orders.find(str(attempt.item_id))
            if order is not None and order.can("refund"):
                publish(tx, order.refund(at=now))
                tx.orders.save(order)

        self._run(work)


def free_numbers(pool: NumberPool, order: Order) -> None:
    """Let the pool reservations of a cancelled order go (best effort: freed already is fine)."""
    for line in order.number_lines:
        if line.reservation_id is None or line.reserved_until is None:
            continue
        held = Reservation(
            line.reservation_id, str(line.number), order.id, order.placed_at, line.reserved_until
        )
        with contextlib.suppress(UnicomError):  # freed already, or past its hold
            pool.release(held)


def get_order(tx: ShopUnitOfWork, order_id: str) -> Order:
    """The order ``order_id`` (``shop.unknown_order`` if none)."""
    order = tx.orders.find(order_id) if isinstance(order_id, str) else None
    if order is None:
        raise SHOP_UNKNOWN_ORDER.error()
    return order


def own_order(tx: ShopUnitOfWork, order_id: str, buyer_id: str) -> Order:
    """The buyer's order ``order_id`` (``shop.unknown_order`` for another buyer's too)."""
    order = get_order(tx, order_id)
    if order.buyer_id != buyer_id:
        raise SHOP_UNKNOWN_ORDER.error()
    return order


def require_payable(tx: ShopUnitOfWork, order: Order) -> None:
    """A PLACED order whose payment (if any) is not in progress."""
    if not order.can("pay"):
        raise SHOP_TRANSITION.error(status=order.status.value, action="pay")
    if order.payment_id is not None:
        attempt = tx.payment_attempts.find(order.payment_id)
        if attempt is not None and attempt.is_open:
            raise SHOP_PAYMENT_OPEN.error()
