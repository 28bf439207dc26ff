"""Shipping and the signed delivery (签收, F-SHOP-1, F-SHOP-3): the number activated on delivery.

* :meth:`Delivery.ship` books the courier for a PAID order (the logistics port answers the
  tracking number, the same for the same order) and records it: PAID -> SHIPPED.
* :meth:`Delivery.confirm` is the courier's confirmation, by tracking number. An order with
  phone cards is handed only to the holder in person: the confirmation carries the ID
  number the recipient shows, which must be the order's holder's (a missing ID, an ID that
  is not one, another person's: ``shop.delivery_refused``, nothing changes). Then, and
  never before, each number is activated: the pool sells it under the order's reservation,
  and one transaction enrols it (:func:`~unicom_core.usecases.subscribers.enrol_number`:
  the customer found by resident ID or new, an account credited with the pre-stored fee,
  the subscriber on its plan), gives it its initial service password (hashed; the holder
  changes it before the first login, F-AUTH-4) and marks the order DELIVERED. The password
  is sent by SMS to the new number after the commit.

A confirmation asked again (the courier's retry) answers the delivered order as it stands; a
crash after the pool sold the number and before the transaction committed is healed by the
retry (a number sold under the order's own reservation is not sold again).
"""

from __future__ import annotations

import contextlib
import secrets
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import LoginCredential
from unicom_core.domain.numbers import NumberStatus, Reservation
from unicom_core.domain.shared import MobileNumber, ResidentId
from unicom_core.domain.shop import (
    SHOP_DELIVERY_REFUSED,
    SHOP_TRANSITION,
    SHOP_UNKNOWN_ORDER,
    SHOP_UNKNOWN_TRACKING,
    Order,
    OrderLine,
    OrderStatus,
)
from unicom_core.errors import AdapterError, InvalidInput
from unicom_core.ports.access import MessageSender, PasswordHasher
from unicom_core.ports.shop import Logistics
from unicom_core.usecases.shared import publish
from unicom_core.usecases.shop.holds import id_slots_key, release_id_slots
from unicom_core.usecases.shop.placing import Placement
from unicom_core.usecases.subscribers import NUMBERS_PER_RESIDENT_ID, enrol_number

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.shared import DomainEvent
    from unicom_core.ports.shop import ShopUnitOfWork

__all__ = ["Delivery"]

_PASSWORD_DIGITS = 6


def _initial_password() -> str:
    return f"{secrets.randbelow(10**_PASSWORD_DIGITS):0{_PASSWORD_DIGITS}d}"


@attrs.define
class Delivery:
    """The courier's side of an order (module docstring)."""

    placement: Placement
    logistics: Logistics
    hasher: PasswordHasher
    messages: MessageSender

    def ship(self, order_id: str) -> Order:
        """Book the courier for a PAID order: PAID -> SHIPPED (``shop.transition`` otherwise)."""
        run = self.placement.run
        order = run(lambda tx, _now: _get(tx, order_id), readonly=True)
        if order.status is not OrderStatus.SHIPPED and not order.can("ship"):
            raise SHOP_TRANSITION.error(status=order.status.value, action="ship")
        tracking = self.logistics.ship(order)

        def work(tx: ShopUnitOfWork, now: datetime) -> Order:
            stored = _get(tx, order_id)
            if stored.status is OrderStatus.SHIPPED and stored.tracking_id == tracking:
                return stored
            publish(tx, stored.ship(tracking, at=now))
            tx.orders.save(stored)
            return stored

        return run(work)

    def confirm(self, tracking_id: str, holder_id: str | None) -> Order:
        """The courier's confirmation, signed by the holder's ID for phone cards (F-SHOP-3).

        Raises:
            NotFound: ``shop.unknown_tracking``.
            Refused: ``shop.delivery_refused`` (data ``reason``: ``missing`` or ``mismatch``).
            Conflict: ``shop.transition`` unless SHIPPED; ``number.reservation_expired`` if
                the order held its number past :attr:`ShopSettings.number_hold`.
        """
        run = self.placement.run
        order = run(lambda tx, _now: _by_tracking(tx, tracking_id), readonly=True)
        if order.status is OrderStatus.DELIVERED:
            return order
        if not order.can("deliver"):
            raise SHOP_TRANSITION.error(status=order.status.value, action="deliver")
        _check_holder(order, holder_id)
        for line in order.number_lines:
            self._sell(order, line)
        passwords = {line.number: _initial_password() for line in order.number_lines}
        hashes = {number: self.hasher.hash(pw) for number, pw in passwords.items()}

        def work(tx: ShopUnitOfWork, now: datetime) -> Order:
            stored = _get(tx, order.id)
            if stored.status is OrderStatus.DELIVERED:
                return stored
            events, activated = self._activate(tx, stored, hashes, now)
            events += stored.deliver(activated, at=now)
            tx.orders.save(stored)
            publish(tx, events)
            return stored

        delivered = run(work)
        for number, password in passwords.items():
            text = f"您的号码{number}已开通，初始服务密码为{password}，请修改后登录。"
            with contextlib.suppress(AdapterError):  # the holder may reset it by SMS code
                self.messages.send_sms(MobileNumber(str(number)), text)
        return delivered

    def _sell(self, order: Order, line: OrderLine) -> None:
        pool, now = self.placement.pool, self.placement.clock.now()
        number, until = str(line.number), line.reserved_until
        row = pool.find(number)
        if (
            row is not None
            and row.status is NumberStatus.SOLD
            and row.reservation is not None
            and row.reservation.id == line.reservation_id
        ):
            return  # sold by an earlier try of this very delivery
        assert until is not None  # noqa: S101 - a number line has its reservation
        held = Reservation(str(line.reservation_id), number, order.id, order.placed_at, until)
        pool.sell(held, now)

    def _activate(
        self, tx: ShopUnitOfWork, order: Order, hashes: dict[str | None, str], now: datetime
    ) -> tuple[list[DomainEvent], list[str]]:
        holder = order.holder
        events: list[DomainEvent] = []
        activated: list[str] = []
        if holder is None:
            return events, activated
        release_id_slots(tx, order)  # the numbers become live numbers of the ID now
        limit = NUMBERS_PER_RESIDENT_ID - tx.counters.taken(id_slots_key(holder.resident_id))
        for line in order.number_lines:
            enrolment = enrol_number(
                tx,
                name=holder.name,
                resident_id=holder.resident_id,
                number=str(line.number),
                plan_code=str(line.plan_code),
                at=now,
                prestore=line.unit_price,
                limit=limit,
            )
            subscriber = enrolment.subscriber
            tx.credentials.add(LoginCredential(subscriber.id, hashes[line.number], now))
            events += enrolment.events
            activated.append(subscriber.id)
        return events, activated


def _check_holder(order: Order, holder_id: str | None) -> None:
    if order.holder is None or not order.number_lines:
        return
    if not holder_id or not isinstance(holder_id, str):
        raise SHOP_DELIVERY_REFUSED.error(reason="missing")
    try:
        shown = ResidentId.parse(holder_id)
    except InvalidInput:
        raise SHOP_DELIVERY_REFUSED.error(reason="mismatch") from None
    if shown != order.holder.resident_id:
        raise SHOP_DELIVERY_REFUSED.error(reason="mismatch")


def _get(tx: ShopUnitOfWork, order_id: str) -> Order:
    order = tx.orders.find(order_id) if isinstance(order_id, str) else None
    if order is None:
        raise SHOP_UNKNOWN_ORDER.error()
    return order


def _by_tracking(tx: ShopUnitOfWork, tracking_id: str) -> Order:
    order = tx.orders.find_by_tracking(tracking_id) if isinstance(tracking_id, str) else None
    if order is None:
        raise SHOP_UNKNOWN_TRACKING.error()
    return order
