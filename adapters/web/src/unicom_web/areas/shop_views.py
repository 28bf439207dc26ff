"""The shop's bodies at the HTTP edge (F-SHOP-1..3, F-NUM-3): requests, and orders as shown.

An order is answered as an :class:`OrderView`: its lines, total, address, status history,
payment and tracking ids, and its holder **masked** (``李*``, ``440304********1234``): the
full resident ID given when placing is never sent back, neither by the JSON API nor by the
pages (:func:`masked_name`).
"""

from __future__ import annotations

from datetime import datetime

import attrs

from unicom_core.domain.catalog import ProductKind
from unicom_core.domain.payments import PaymentAttempt, PaymentMethod
from unicom_core.domain.shared import Money
from unicom_core.domain.shop import DeliveryAddress, Order, OrderStatus, StatusChange
from unicom_core.ports.shop import TrackingEvent
from unicom_core.usecases.shop import GoodsItem, NumberItem, ShopPayment, ShopProduct

__all__ = [
    "AddressBody",
    "GoodsBody",
    "HolderView",
    "NumberBody",
    "OrderLineView",
    "OrderPaymentRequest",
    "OrderRequest",
    "OrderView",
    "ProductView",
    "ShopPaymentView",
    "TrackingView",
    "masked_name",
    "order_view",
    "payment_view",
    "product_view",
]


@attrs.frozen(slots=True)
class ProductView:
    """A product of the shop: its price now and the units in stock (0: not orderable)."""

    code: str
    name: str
    kind: ProductKind
    price: Money
    list_price: Money
    in_stock: int


@attrs.frozen(slots=True)
class AddressBody:
    """Where the courier brings the order, and whom to call."""

    recipient: str
    phone: str
    address: str

    def value(self) -> DeliveryAddress:
        """The domain's address (``shop.order`` for a blank or overlong field)."""
        return DeliveryAddress(self.recipient, self.phone, self.address)


@attrs.frozen(slots=True)
class GoodsBody:
    """``quantity`` units (1..20) of a product of the shop."""

    product_code: str
    quantity: int = 1


@attrs.frozen(slots=True)
class NumberBody:
    """A number the session's customer reserved, bought with the plan ``plan_code``."""

    number: str
    plan_code: str


@attrs.frozen(slots=True)
class OrderRequest:
    """Place an order: goods and reserved numbers, with their holder for numbers (F-SHOP-2).

    ``request_id`` (8-64 characters) names the order: the same id and body again answer the
    same order, never a second one; another body under that id is 409 ``shop.request_reused``.
    """

    request_id: str
    address: AddressBody
    goods: tuple[GoodsBody, ...] = ()
    numbers: tuple[NumberBody, ...] = ()
    holder_name: str | None = None
    resident_id: str | None = None

    def items(self) -> list[GoodsItem | NumberItem]:
        """The use case's items, goods first."""
        goods: list[GoodsItem | NumberItem] = [
            GoodsItem(g.product_code, g.quantity) for g in self.goods
        ]
        return goods + [NumberItem(n.number, n.plan_code) for n in self.numbers]


@attrs.frozen(slots=True)
class OrderPaymentRequest:
    """Pay an order (the key also in the ``Idempotency-Key`` header)."""

    idempotency_key: str | None = None
    method: PaymentMethod = PaymentMethod.PAGE
    return_url: str | None = None


@attrs.frozen(slots=True)
class HolderView:
    """The phone cards' holder, masked: the first character of the name, the ID's ends."""

    name: str
    resident_id: str


@attrs.frozen(slots=True)
class OrderLineView:
    """A line of an order: a product, or a number with its plan (``kind`` ``number``)."""

    kind: ProductKind
    code: str
    quantity: int
    unit_price: Money
    amount: Money
    number: str | None = None
    plan_code: str | None = None


@attrs.frozen(slots=True)
class OrderView:
    """An order as its buyer sees it (module docstring)."""

    id: str
    status: OrderStatus
    placed_at: datetime
    lines: tuple[OrderLineView, ...]
    total: Money
    address: DeliveryAddress
    history: tuple[StatusChange, ...]
    holder: HolderView | None = None
    payment_id: str | None = None
    tracking_id: str | None = None
    cancellable: bool = False


@attrs.frozen(slots=True)
class ShopPaymentView:
    """An order after paying it, and its payment as it stands (None: the order was free)."""

    order: OrderView
    payment: PaymentAttempt | None
    duplicate: bool = False


@attrs.frozen(slots=True)
class TrackingView:
    """An order's shipment: its tracking number (None before shipping) and moves so far."""

    order_id: str
    tracking_id: str | None
    events: tuple[TrackingEvent, ...]


def masked_name(name: str) -> str:
    """The first character of a name, then one ``*`` per other character."""
    return name[:1] + "*" * max(1, len(name) - 1)


def product_view(item: ShopProduct) -> ProductView:
    """The view of a product on sale."""
    product = item.product
    return ProductView(
        product.code,
        product.name,
        product.product_kind,
        item.price.price,
        item.price.list_price,
        item.in_stock,
    )


def order_view(order: Order) -> OrderView:
    """The view of an order, its holder masked."""
    holder = order.holder
    return OrderView(
        id=order.id,
        status=order.status,
        placed_at=order.placed_at,
        lines=tuple(
            OrderLineView(
                line.kind,
                line.code,
                line.quantity,
                line.unit_price,
                line.amount,
                line.number,
                line.plan_code,
            )
            for line in order.lines
        ),
        total=order.total,
        address=order.address,
        history=order.history,
        holder=None
        if holder is None
        else HolderView(masked_name(holder.name), holder.resident_id.masked()),
        payment_id=order.payment_id,
        tracking_id=order.tracking_id,
        cancellable=order.can("cancel"),
    )


def payment_view(paid: ShopPayment) -> ShopPaymentView:
    """The view of an order just paid (or asked to be)."""
    return ShopPaymentView(order_view(paid.order), paid.payment, paid.duplicate)
