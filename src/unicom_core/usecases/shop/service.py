"""The shop area of the hall (网上商城, F-SHOP-1..3, F-NUM-3): ``hall.shop``.

Buyer side (a session token):

* :meth:`ShopService.products` lists the goods on sale with their price and units in stock;
* :meth:`ShopService.place` places an order of goods and of reserved numbers with a plan
  (``handle.order``; numbers also ``handle.number_purchase``), phone cards with the
  holder's verified resident ID (:mod:`.placing`); stock, numbers and the ID's slots are
  held atomically (:mod:`.holds`);
* :meth:`ShopService.pay` pays it through the payment engine (purpose SHOP_ORDER): the
  order is PAID in the very transaction that records the payment's success, and a failed or
  expired payment cancels it and lets everything go (the engine's hooks, registered by
  :meth:`ShopService.hook_into`);
* :meth:`ShopService.cancel` cancels a PLACED or PAID order; a paid one is refunded through
  the engine and becomes REFUNDED once the refund succeeds (never a paid order with recharge
  cards: ``shop.cards_sold``); :meth:`ShopService.card_secrets` shows a paid order's cards;
* :meth:`ShopService.order`, :meth:`ShopService.orders`, :meth:`ShopService.tracking` read.

Operator side (back office, no session): :meth:`ShopService.restock`,
:meth:`ShopService.ship`, :meth:`ShopService.confirm_delivery` (the courier's device,
:mod:`.delivery`) and :meth:`ShopService.tidy`, the janitor cancelling orders left unpaid.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import Capability
from unicom_core.domain.catalog import Channel, Product, Quote
from unicom_core.domain.payments import (
    RECHARGE_CARD_NOT_PAID,
    PaymentMethod,
    PaymentPurpose,
)
from unicom_core.domain.shared import to_shanghai
from unicom_core.domain.shop import (
    SHOP_NOT_FOR_SALE,
    DeliveryAddress,
    Order,
    OrderStatus,
)
from unicom_core.ports.shared import PageRequest, check_limit
from unicom_core.usecases.access import GrantedReads
from unicom_core.usecases.payments import RevealedCard, reveal_cards
from unicom_core.usecases.shared import publish
from unicom_core.usecases.shop.delivery import Delivery
from unicom_core.usecases.shop.holds import available, cards_in_stock, release_holds, restock
from unicom_core.usecases.shop.payment import (
    OrderPayments,
    ShopPayment,
    free_numbers,
    get_order,
    own_order,
    require_payable,
)
from unicom_core.usecases.shop.placing import (
    CARDS,
    GOODS,
    GoodsItem,
    NumberItem,
    Placement,
    ShopStorage,
    order_id_of,
    request_fingerprint,
    require_same,
)
from unicom_core.usecases.shop.settings import ShopSettings

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from unicom_core.domain.catalog import Offer
    from unicom_core.domain.numbers import Reservation
    from unicom_core.domain.shop import OrderLine
    from unicom_core.ports.access import MessageSender, PasswordHasher, ScopedAuthorizer
    from unicom_core.ports.numbers import NumberPool
    from unicom_core.ports.shared import Clock, Granted, Page
    from unicom_core.ports.shop import Logistics, ShopUnitOfWork, TrackingEvent
    from unicom_core.ports.subscribers import IdentityVerifier
    from unicom_core.usecases.catalog import CatalogService
    from unicom_core.usecases.numbers import NumbersService
    from unicom_core.usecases.payments import PaymentEngine

__all__ = [
    "HANDLE_NUMBER_PURCHASE",
    "HANDLE_ORDER",
    "QUERY_ORDERS",
    "ShopPayment",
    "ShopProduct",
    "ShopService",
]

HANDLE_ORDER = Capability("handle.order")
HANDLE_NUMBER_PURCHASE = Capability("handle.number_purchase")
QUERY_ORDERS = Capability("query.orders")
_SOLD = frozenset({OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED})


@attrs.frozen(slots=True)
class ShopProduct:
    """A product on sale in the shop: the catalogue's product, its price now, units in stock."""

    product: Product
    price: Quote
    in_stock: int


class ShopService:
    """The shop area of the hall (module docstring; F-SHOP-1..3, F-NUM-3).

    Args:
        storage, clock: the hall's store and clock.
        engine: the payment engine shared by every payment area (its retry rule is the
            shop's too); :meth:`hook_into` registers the shop's hooks on it.
        authorizer: the permission check (``hall.access``).
        catalog, numbers: the catalogue and the number pool's areas (prices, tiers).
        pool: the number pool port itself (the order's reservations).
        identity: the identity port (a phone card's holder, F-SHOP-2).
        hasher, messages: the initial service password's hasher and its SMS (F-SHOP-3).
        logistics: the courier.
        settings: the shop's rules (default :class:`.ShopSettings`).
    """

    def __init__(  # noqa: PLR0913 - the areas and ports an order goes through
        self,
        storage: ShopStorage,
        clock: Clock,
        *,
        engine: PaymentEngine,
        authorizer: ScopedAuthorizer,
        catalog: CatalogService,
        numbers: NumbersService,
        pool: NumberPool,
        identity: IdentityVerifier,
        hasher: PasswordHasher,
        messages: MessageSender,
        logistics: Logistics,
        settings: ShopSettings | None = None,
    ) -> None:
        rule, rules = (
            engine.settings.retry_rule,
            settings if settings is not None else ShopSettings(),
        )
        self._placement = Placement(storage, clock, rule, catalog, numbers, pool, identity, rules)
        self._delivery = Delivery(self._placement, logistics, hasher, messages)
        self._engine, self._authorizer = engine, authorizer
        self._run = self._placement.run
        self._payments = OrderPayments(self._placement, engine, authorizer)
        self._reads = GrantedReads(storage, clock, authorizer, rule)

    @property
    def settings(self) -> ShopSettings:
        """The shop's settings (:class:`.ShopSettings`)."""
        return self._placement.settings

    def hook_into(self, engine: PaymentEngine) -> None:
        """Register the shop's payment hooks on ``engine`` (bootstrap does, once)."""
        engine.when_paid(PaymentPurpose.SHOP_ORDER, self._payments.hooks())
        engine.when_refunded(self._payments.refunded)

    # ------------------------------------------------------------------ products and stock

    def products(self) -> tuple[ShopProduct, ...]:
        """The goods on sale now on the online hall, with their price and units in stock.

        The catalogue and the stock are read in one read-only transaction.

        Recharge cards (F-SHOP-1), listed after the goods, count the cards of their face
        value in the card stock.
        """
        catalogs = self._placement.catalog

        def stock(tx: ShopUnitOfWork, offer: Offer) -> int:
            if offer.product.product_kind in CARDS:
                return cards_in_stock(tx, offer.price.list_price)
            return available(tx, offer.product.code)

        def work(tx: ShopUnitOfWork, now: datetime) -> tuple[ShopProduct, ...]:
            on_sale = catalogs.published_in(tx).offers(Channel.ONLINE_HALL, now)
            offers = [
                o for kinds in (GOODS, CARDS) for o in on_sale if o.product.product_kind in kinds
            ]
            return tuple(ShopProduct(o.product, o.price, stock(tx, o)) for o in offers)

        return self._run(work, readonly=True)

    def restock(self, product_code: str, quantity: int) -> int:
        """Load ``quantity`` more units of a product (operator); the units in stock after it.

        Raises:
            InvalidInput: ``shop.not_for_sale`` (not goods of the shop), ``shop.settings``.
        """
        catalog = self._placement.catalog.catalog()
        product = catalog.product(product_code)
        if product.product_kind not in GOODS:
            raise SHOP_NOT_FOR_SALE.error(product_code=product_code)
        return self._run(lambda tx, _now: restock(tx, product.code, quantity))

    # ------------------------------------------------------------------ place

    def place(  # noqa: PLR0913 - the order form's fields
        self,
        token: str,
        items: Iterable[GoodsItem | NumberItem],
        *,
        address: DeliveryAddress,
        request_id: str,
        holder_name: str | None = None,
        resident_id: str | None = None,
    ) -> Order:
        """Place an order (F-SHOP-1, F-SHOP-2, F-NUM-3; :mod:`.placing` has the steps).

        Raises:
            Refused: ``access.*``; ``shop.reservation_required``, ``shop.identity_mismatch``,
                ``shop.identity_unavailable``, ``shop.too_many_attempts``,
                ``realname.cap_reached``.
            InvalidInput: ``shop.lines``, ``shop.order``, ``shop.not_for_sale``,
                ``shop.holder_required``, ``resident_id.*``.
            Conflict: ``shop.out_of_stock``, ``shop.number_ordered``, ``number.taken``,
                ``shop.request_reused``.
        """
        wanted = tuple(items)
        numbers = [item for item in wanted if isinstance(item, NumberItem)]
        capability = HANDLE_NUMBER_PURCHASE if numbers else HANDLE_ORDER
        buyer = self._authorizer.authorize(token, capability).subscriber
        order_id = order_id_of(buyer.id, request_id)
        digest = request_fingerprint(wanted, address, holder_name, resident_id)
        found = self._run(lambda tx, _now: tx.orders.find(order_id), readonly=True)
        if found is not None:
            return require_same(found, digest)
        placement, now = self._placement, to_shanghai(self._placement.clock.now())
        priced = placement.lines(wanted, now)
        holder = placement.holder(buyer, holder_name, resident_id, now) if numbers else None
        moved = placement.hold(order_id, str(buyer.customer_id), numbers, now)
        held = {pair[1].number: pair[1] for pair in moved}
        lines = [
            line if item is None else _holding(line, held[item.number]) for line, item in priced
        ]
        try:
            order = Order(
                order_id, buyer.id, buyer.customer_id, lines, address, now, digest, holder
            )
            return placement.store(order)
        except BaseException:
            placement.give_back(moved)
            raise

    # ------------------------------------------------------------------ pay

    def pay(
        self,
        token: str,
        order_id: str,
        *,
        idempotency_key: str,
        method: PaymentMethod = PaymentMethod.PAGE,
        return_url: str | None = None,
    ) -> ShopPayment:
        """Pay a PLACED order through the payment engine (:meth:`.OrderPayments.pay`)."""
        return self._payments.pay(
            token, order_id, idempotency_key=idempotency_key, method=method, return_url=return_url
        )

    # ------------------------------------------------------------------ cancel

    def cancel(self, token: str, order_id: str) -> Order:
        """Cancel a PLACED or PAID order; a paid one is refunded (F-SHOP-1).

        Raises:
            NotFound: ``shop.unknown_order``; Conflict: ``shop.transition``,
                ``shop.payment_open`` (the payment is in progress: wait for its result).
        """
        buyer = self._authorizer.authorize(token, HANDLE_ORDER).subscriber

        def work(tx: ShopUnitOfWork, now: datetime) -> Order:
            order = own_order(tx, order_id, buyer.id)
            if order.status is OrderStatus.PLACED:
                require_payable(tx, order)
            publish(tx, order.cancel(at=now, reason="buyer"))
            release_holds(tx, order)
            tx.orders.save(order)
            return order

        return self._after_cancel(self._run(work))

    def _after_cancel(self, order: Order) -> Order:
        free_numbers(self._placement.pool, order)
        if order.was_paid and order.payment_id is not None:
            self._engine.refund(order.payment_id, f"rf_{order.id}")
            return self.order_by_id(order.id)
        return order

    # ------------------------------------------------------------------ reads

    def order(self, token: str, order_id: str) -> Order:
        """One of the buyer's orders (``shop.unknown_order`` for another buyer's).

        The check and the read are one read-only transaction, as for :meth:`orders`.
        """

        def work(tx: ShopUnitOfWork, _now: datetime, grant: Granted) -> Order:
            return own_order(tx, order_id, grant.subscriber.id)

        return self._reads.read(token, QUERY_ORDERS, None, work)

    def orders(self, token: str, page: PageRequest | None = None) -> Page[Order]:
        """The buyer's orders, newest first, one page of them."""
        request = page if page is not None else PageRequest()

        def work(tx: ShopUnitOfWork, _now: datetime, grant: Granted) -> Page[Order]:
            return tx.orders.list_by_buyer(grant.subscriber.id, request)

        return self._reads.read(token, QUERY_ORDERS, None, work)

    def tracking(self, token: str, order_id: str) -> tuple[TrackingEvent, ...]:
        """The shipment's moves so far (empty before the order ships)."""
        order = self.order(token, order_id)
        if order.tracking_id is None:
            return ()
        return self._delivery.logistics.status(order.tracking_id)

    def card_secrets(self, token: str, order_id: str) -> tuple[RevealedCard, ...]:
        """Mint and show the secrets of a paid order's recharge cards (F-SHOP-1, F-PAY-1).

        As the recharge-card page: each showing mints new secrets (only their digests are
        stored), so a lost page costs nothing; a redeemed card is not shown again.

        Raises:
            NotFound: ``shop.unknown_order``; Refused: ``recharge_card.not_paid``.
        """
        buyer = self._authorizer.authorize(token, QUERY_ORDERS).subscriber
        pepper = self._engine.settings.card_pepper

        def work(tx: ShopUnitOfWork, _now: datetime) -> tuple[RevealedCard, ...]:
            order = own_order(tx, order_id, buyer.id)
            if order.status not in _SOLD:
                raise RECHARGE_CARD_NOT_PAID.error()
            return reveal_cards(tx, order.id, pepper)

        return self._run(work)

    def order_by_id(self, order_id: str) -> Order:
        """Any order by id (operator; ``shop.unknown_order``)."""
        return self._run(lambda tx, _now: get_order(tx, order_id), readonly=True)

    # ------------------------------------------------------------------ operator

    def ship(self, order_id: str) -> Order:
        """Hand a PAID order to the courier: PAID -> SHIPPED (:meth:`.Delivery.ship`)."""
        return self._delivery.ship(order_id)

    def confirm_delivery(self, tracking_id: str, holder_id: str | None = None) -> Order:
        """The courier's confirmation, signed by the holder's ID (:meth:`.Delivery.confirm`)."""
        return self._delivery.confirm(tracking_id, holder_id)

    def tidy(self, limit: int = 100) -> int:
        """Cancel PLACED orders left without a payment past ``payment_wait``; how many.

        An order whose payment is in progress is left to the payment engine's reconciler
        (its failure cancels the order through the hook).
        """
        count, wait = check_limit(limit), self._placement.settings.payment_wait

        def work(tx: ShopUnitOfWork, now: datetime) -> list[Order]:
            cancelled = []
            for order in tx.orders.placed_before(now - wait, count):
                if order.payment_id is not None:
                    continue
                publish(tx, order.cancel(at=now, reason="unpaid"))
                release_holds(tx, order)
                tx.orders.save(order)
                cancelled.append(order)
            return cancelled

        done = self._run(work)
        for order in done:
            free_numbers(self._placement.pool, order)
        return len(done)


def _holding(line: OrderLine, reservation: Reservation) -> OrderLine:
    return attrs.evolve(line, reservation_id=reservation.id, reserved_until=reservation.until)
