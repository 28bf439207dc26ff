"""The shop's order (订单, F-SHOP-1..3, F-NUM-3): lines, buyer, holder, and its state machine.

An order is placed for goods (phones, data cards, accessories) and numbers with a plan (a
phone card: 号卡). It moves through these states; every move is recorded in ``history``
with its instant, and any other move is the typed error ``shop.transition`` that changes
nothing:

==========  ==========================================  ===============================
status      allowed moves                               by
==========  ==========================================  ===============================
PLACED      ``pay`` -> PAID, ``cancel`` -> CANCELLED    the payment engine; the buyer,
                                                        a failed payment, the janitor
PAID        ``ship`` -> SHIPPED, ``cancel`` ->          the operator; the buyer (a
            CANCELLED (the payment is refunded)         refund follows)
SHIPPED     ``deliver`` -> DELIVERED                    the courier, signed by the holder
CANCELLED   ``refund`` -> REFUNDED, once paid only      the engine's refund hook
DELIVERED,  none
REFUNDED
==========  ==========================================  ===============================

A recharge-card line (``kind`` RECHARGE_CARD, F-SHOP-1) names the cards' ``face_value``; the
order reserves that many cards of the face value from the card stock of the payments area
when placed. Electronic cards need no courier: paying an order of only cards moves it
PLACED -> PAID -> DELIVERED at once (both recorded, the delivery noted ``electronic``). A
card's secret is shown once the order is paid and cannot be taken back, so a PAID order
with cards is never cancelled (``shop.cards_sold``).

A number line holds the pool reservation that keeps its number for the order
(``reservation_id``, ``reserved_until``); an order with a number line names its
:class:`Holder` (name and resident ID, verified when placed), and only that holder signs
for its delivery (F-SHOP-3).
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Final

import attrs

from unicom_core.domain.catalog import ProductKind
from unicom_core.domain.shared import (
    DomainEvent,
    Money,
    ResidentId,
    check_id,
    check_version,
    domain_event,
    guarded,
    instance_of,
    to_shanghai,
    update,
)
from unicom_core.domain.shop.codes import (
    SHOP_CARDS_SOLD,
    SHOP_HOLDER_REQUIRED,
    SHOP_LINES,
    SHOP_ORDER,
    SHOP_TRANSITION,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "ACTIONS",
    "MAX_LINES",
    "MAX_QUANTITY",
    "DeliveryAddress",
    "Holder",
    "Order",
    "OrderLine",
    "OrderStatus",
    "OrderStatusChanged",
    "StatusChange",
]

MAX_LINES: Final = 10
"""The most lines one order has."""
MAX_QUANTITY: Final = 20
"""The most units of one product one line buys."""
_TEXT_MAX: Final = 200
_NAME_MAX: Final = 50


class OrderStatus(enum.Enum):
    """Where an order stands (module docstring)."""

    PLACED = "placed"
    PAID = "paid"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


_MOVES: Final = {
    ("pay", OrderStatus.PLACED): OrderStatus.PAID,
    ("cancel", OrderStatus.PLACED): OrderStatus.CANCELLED,
    ("cancel", OrderStatus.PAID): OrderStatus.CANCELLED,
    ("ship", OrderStatus.PAID): OrderStatus.SHIPPED,
    ("deliver", OrderStatus.SHIPPED): OrderStatus.DELIVERED,
    ("refund", OrderStatus.CANCELLED): OrderStatus.REFUNDED,
}
"""The state machine: (action, from) -> to."""

ACTIONS: Final = ("pay", "cancel", "ship", "deliver", "refund")
"""Every move an order knows, legal or not in a given status."""


def _text(maximum: int) -> Callable[[object, attrs.Attribute[str], object], None]:
    def check(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
        if (
            not isinstance(value, str)
            or not value.strip()
            or len(value) > maximum
            or not value.isprintable()
        ):
            raise SHOP_ORDER.error(field=attribute.name)

    return check


def _optional_id(_instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None:
        check_id(_instance, attribute, value)


def _instant(value: datetime) -> datetime:
    return to_shanghai(value, field="at")


@attrs.frozen(slots=True)
class Holder:
    """Who a phone card is for: a name and a second-generation resident ID (F-SHOP-2)."""

    name: str = attrs.field(validator=_text(_NAME_MAX))
    resident_id: ResidentId = attrs.field(validator=instance_of(ResidentId, SHOP_ORDER))

    def __repr__(self) -> str:
        """Masked: a log line never shows the full ID."""
        return f"Holder({self.name[0]}*, {self.resident_id.masked()})"


@attrs.frozen(slots=True)
class DeliveryAddress:
    """Where the courier brings the order, and whom to call."""

    recipient: str = attrs.field(validator=_text(_NAME_MAX))
    phone: str = attrs.field(validator=_text(20))
    address: str = attrs.field(validator=_text(_TEXT_MAX))


def _quantity(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_QUANTITY:
        raise SHOP_ORDER.error(f"a quantity is 1..{MAX_QUANTITY}", field=attribute.name)


@attrs.frozen(slots=True, kw_only=True)
class OrderLine:
    """One line: ``quantity`` of a product at ``unit_price``, or one number with a plan.

    A number line (``kind`` NUMBER) has ``code`` the number's price tier, ``number``, the
    ``plan_code`` it is activated on, and the pool reservation that holds it for the order;
    its ``unit_price`` is the tier's pre-stored fee, credited to the new account on delivery.
    """

    kind: ProductKind = attrs.field(validator=instance_of(ProductKind, SHOP_ORDER))
    code: str = attrs.field(validator=_text(64))
    quantity: int = attrs.field(validator=_quantity)
    unit_price: Money = attrs.field(validator=instance_of(Money, SHOP_ORDER))
    number: str | None = None
    plan_code: str | None = None
    reservation_id: str | None = attrs.field(default=None, validator=_optional_id)
    reserved_until: datetime | None = attrs.field(
        default=None, converter=attrs.converters.optional(_instant)
    )
    face_value: Money | None = None

    def __attrs_post_init__(self) -> None:
        """A number line is one number, with a plan and a reservation; no other line has them.

        A recharge-card line, and only it, names the cards' positive ``face_value``.
        """
        if self.unit_price.is_negative:
            raise SHOP_ORDER.error(field="unit_price")
        named = isinstance(self.face_value, Money) and self.face_value.is_positive
        if self.is_card != named or (self.face_value is not None and not named):
            raise SHOP_ORDER.error(field="face_value")
        numbered = (self.number, self.plan_code, self.reservation_id, self.reserved_until)
        if self.is_number:
            if None in numbered or self.quantity != 1:
                raise SHOP_ORDER.error(field="number")
        elif any(value is not None for value in numbered):
            raise SHOP_ORDER.error(field="number")

    @property
    def is_number(self) -> bool:
        """Whether the line is a number with a plan (a phone card)."""
        return self.kind is ProductKind.NUMBER

    @property
    def is_card(self) -> bool:
        """Whether the line is recharge cards, delivered electronically (F-SHOP-1)."""
        return self.kind is ProductKind.RECHARGE_CARD

    @property
    def amount(self) -> Money:
        """What the line costs: unit price times quantity."""
        return self.unit_price * self.quantity


@attrs.frozen(slots=True)
class StatusChange:
    """One move of an order: the status reached, when, and why (``note``)."""

    status: OrderStatus
    at: datetime = attrs.field(converter=_instant)
    note: str = ""


@domain_event("shop.order_changed")
@attrs.frozen(slots=True, kw_only=True)
class OrderStatusChanged(DomainEvent):
    """An order reached ``status`` (placed, paid, shipped, delivered, cancelled, refunded)."""

    status: OrderStatus
    buyer_id: str
    note: str = ""


def _lines(values: Iterable[OrderLine]) -> tuple[OrderLine, ...]:
    lines = tuple(values)
    if not 1 <= len(lines) <= MAX_LINES or not all(isinstance(x, OrderLine) for x in lines):
        raise SHOP_LINES.error(maximum=MAX_LINES)
    numbers = [line.number for line in lines if line.is_number]
    codes = [line.code for line in lines if not line.is_number]
    if len(set(numbers)) != len(numbers) or len(set(codes)) != len(codes):
        raise SHOP_LINES.error("a product or a number appears on one line only", maximum=MAX_LINES)
    return lines


@attrs.define(slots=True)
class Order:
    """An order of the shop (module docstring); ``buyer_id`` is the buyer's subscriber id.

    ``customer_id`` is the buyer's customer; ``holder`` the phone card's holder (required
    with a number line); ``subscriber_ids`` the numbers activated on delivery.
    """

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    buyer_id: str = attrs.field(validator=check_id, on_setattr=guarded)
    customer_id: str = attrs.field(validator=check_id, on_setattr=guarded)
    lines: tuple[OrderLine, ...] = attrs.field(converter=_lines, on_setattr=guarded)
    address: DeliveryAddress = attrs.field(
        validator=instance_of(DeliveryAddress, SHOP_ORDER), on_setattr=guarded
    )
    placed_at: datetime = attrs.field(converter=_instant, on_setattr=guarded)
    request_digest: str = attrs.field(validator=_text(128), on_setattr=guarded)
    holder: Holder | None = attrs.field(default=None, on_setattr=guarded)
    status: OrderStatus = attrs.field(default=OrderStatus.PLACED, on_setattr=guarded)
    history: tuple[StatusChange, ...] = attrs.field(default=(), converter=tuple, on_setattr=guarded)
    payment_id: str | None = attrs.field(default=None, validator=_optional_id, on_setattr=guarded)
    tracking_id: str | None = attrs.field(default=None, validator=_optional_id, on_setattr=guarded)
    subscriber_ids: tuple[str, ...] = attrs.field(default=(), converter=tuple, on_setattr=guarded)
    version: int = attrs.field(default=0, validator=check_version)

    def __attrs_post_init__(self) -> None:
        """A phone card names its holder; a new order starts its history PLACED."""
        if self.holder is not None and not isinstance(self.holder, Holder):
            raise SHOP_ORDER.error(field="holder")
        if self.holder is None and self.number_lines:
            raise SHOP_HOLDER_REQUIRED.error()
        if not self.history:
            object.__setattr__(self, "history", (StatusChange(OrderStatus.PLACED, self.placed_at),))

    # ------------------------------------------------------------------ reads

    @property
    def total(self) -> Money:
        """What the order costs: the sum of its lines."""
        return Money.total(line.amount for line in self.lines)

    @property
    def number_lines(self) -> tuple[OrderLine, ...]:
        """The lines of numbers with a plan (phone cards)."""
        return tuple(line for line in self.lines if line.is_number)

    @property
    def goods_lines(self) -> tuple[OrderLine, ...]:
        """The lines of goods taken from the shop's stock (not numbers, not cards)."""
        return tuple(line for line in self.lines if not line.is_number and not line.is_card)

    @property
    def card_lines(self) -> tuple[OrderLine, ...]:
        """The lines of recharge cards, reserved from the card stock (F-SHOP-1)."""
        return tuple(line for line in self.lines if line.is_card)

    @property
    def only_cards(self) -> bool:
        """Whether every line is recharge cards: nothing to ship (paid means delivered)."""
        return all(line.is_card for line in self.lines)

    @property
    def was_paid(self) -> bool:
        """Whether the order was ever paid (a cancelled paid order awaits its refund)."""
        return any(change.status is OrderStatus.PAID for change in self.history)

    @property
    def holds_stock(self) -> bool:
        """Whether the order still holds its stock, numbers and ID slots (not yet let go)."""
        return self.status in {OrderStatus.PLACED, OrderStatus.PAID, OrderStatus.SHIPPED}

    def can(self, action: str) -> bool:
        """Whether ``action`` is a legal move now (the refund only of a paid order)."""
        if action == "refund" and not self.was_paid:
            return False
        if action == "cancel" and self.status is OrderStatus.PAID and self.card_lines:
            return False
        return (action, self.status) in _MOVES

    # ------------------------------------------------------------------ moves

    def placed(self) -> tuple[DomainEvent, ...]:
        """The event of an order just placed."""
        return (self._event(OrderStatus.PLACED, self.placed_at, ""),)

    def opened_payment(self, payment_id: str) -> None:
        """Note the payment opened for a PLACED order (``shop.transition`` otherwise)."""
        self._require("pay")
        update(self, payment_id=payment_id)

    def pay(self, payment_id: str | None, *, at: datetime) -> tuple[DomainEvent, ...]:
        """PLACED -> PAID by the payment ``payment_id`` (None: the order cost nothing).

        An order of only recharge cards is DELIVERED at once (F-SHOP-1: nothing to ship).
        """
        self._require("pay")
        if payment_id is not None:
            update(self, payment_id=payment_id)
        events = self._move("pay", at, payment_id or "free")
        if not self.only_cards:
            return events
        instant = to_shanghai(at, field="at")
        change = StatusChange(OrderStatus.DELIVERED, instant, "electronic")
        update(self, status=OrderStatus.DELIVERED, history=(*self.history, change))
        return (*events, self._event(OrderStatus.DELIVERED, instant, "electronic"))

    def cancel(self, *, at: datetime, reason: str) -> tuple[DomainEvent, ...]:
        """PLACED or PAID -> CANCELLED; a paid order's refund follows (``was_paid``).

        Raises:
            Refused: ``shop.cards_sold`` for a PAID order with recharge cards (their
                secrets are shown once paid: a card cannot be taken back).
        """
        if self.status is OrderStatus.PAID and self.card_lines:
            raise SHOP_CARDS_SOLD.error()
        return self._move("cancel", at, reason)

    def ship(self, tracking_id: str, *, at: datetime) -> tuple[DomainEvent, ...]:
        """PAID -> SHIPPED under the courier's ``tracking_id``."""
        self._require("ship")
        update(self, tracking_id=tracking_id)
        return self._move("ship", at, tracking_id)

    def deliver(self, subscriber_ids: Iterable[str], *, at: datetime) -> tuple[DomainEvent, ...]:
        """SHIPPED -> DELIVERED, with the numbers activated by the delivery (F-SHOP-3)."""
        self._require("deliver")
        update(self, subscriber_ids=tuple(subscriber_ids))
        return self._move("deliver", at, "")

    def refund(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """CANCELLED (once paid) -> REFUNDED: the payment was given back."""
        return self._move("refund", at, self.payment_id or "")

    def _require(self, action: str) -> None:
        if not self.can(action):
            raise SHOP_TRANSITION.error(status=self.status.value, action=action)

    def _move(self, action: str, at: datetime, note: str) -> tuple[DomainEvent, ...]:
        self._require(action)
        status = _MOVES[action, self.status]
        instant = to_shanghai(at, field="at")
        update(self, status=status, history=(*self.history, StatusChange(status, instant, note)))
        return (self._event(status, instant, note),)

    def _event(self, status: OrderStatus, at: datetime, note: str) -> OrderStatusChanged:
        return OrderStatusChanged(
            aggregate_id=self.id, occurred_at=at, status=status, buyer_id=self.buyer_id, note=note
        )
