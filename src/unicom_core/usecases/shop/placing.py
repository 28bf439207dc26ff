"""Placing an order (下单, F-SHOP-1, F-SHOP-2, F-NUM-3): price, verify, hold, store.

:class:`Placement` is the work behind :meth:`ShopService.place
<unicom_core.usecases.shop.ShopService.place>`:

1. the lines are priced from the catalogue on the online hall (goods: phones, data cards,
   accessories; recharge cards, at their price with their face value, F-SHOP-1) and from
   the number's price tier (a number: its pre-stored fee), and the plan of a number must be
   a plan on sale;
2. a phone card's holder (name and second-generation resident ID, ``resident_id.*``) is
   checked through the identity port; a mismatch is counted per buyer and day
   (``shop.identity_mismatch``, then ``shop.too_many_attempts``); a port that cannot answer
   is ``shop.identity_unavailable``, nothing counted;
3. each number must be reserved by the buyer (``shop.reservation_required``); the buyer's
   30-minute reservation is handed to the order, which holds the number in the pool for
   :attr:`ShopSettings.number_hold` (until the signed delivery sells it);
4. one transaction stores the order and takes its holds (:mod:`.holds`: stock, the
   number, the ID slots); if it fails, the pool reservations go back to the buyer.

The same ``request_id`` of a buyer names the same order: asked again, the order is answered
as it stands (``shop.request_reused`` for another request under that id).
"""

from __future__ import annotations

import contextlib
import hashlib
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Protocol, TypeVar

import attrs

from unicom_core.domain.catalog import Channel, ProductKind
from unicom_core.domain.numbers import Reservation
from unicom_core.domain.shared import SHANGHAI, ResidentId, new_id, to_shanghai
from unicom_core.domain.shop import (
    MAX_LINES,
    SHOP_HOLDER_REQUIRED,
    SHOP_IDENTITY_MISMATCH,
    SHOP_IDENTITY_UNAVAILABLE,
    SHOP_LINES,
    SHOP_NOT_FOR_SALE,
    SHOP_ORDER,
    SHOP_REQUEST_REUSED,
    SHOP_RESERVATION_REQUIRED,
    SHOP_TOO_MANY_ATTEMPTS,
    Holder,
    Order,
    OrderLine,
)
from unicom_core.errors import AdapterError, NotFound, UnicomError
from unicom_core.ports.numbers import NumberPool
from unicom_core.ports.shared import Clock
from unicom_core.ports.subscribers import IdentityAnswer, IdentityVerifier
from unicom_core.usecases.catalog import CatalogService
from unicom_core.usecases.numbers import NumbersService
from unicom_core.usecases.shared import RetryRule, publish, run
from unicom_core.usecases.shop.holds import take_holds
from unicom_core.usecases.shop.settings import ShopSettings

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from contextlib import AbstractContextManager

    from unicom_core.domain.catalog import Offer
    from unicom_core.domain.subscribers import Subscriber
    from unicom_core.ports.shop import ShopUnitOfWork

__all__ = [
    "CARDS",
    "GOODS",
    "GoodsItem",
    "NumberItem",
    "Placement",
    "ShopStorage",
    "order_id_of",
    "request_fingerprint",
    "require_same",
]

_T = TypeVar("_T")

GOODS = frozenset({ProductKind.PHONE, ProductKind.DATA_CARD, ProductKind.ACCESSORY})
"""The kinds of catalogue goods the shop sells from its stock."""
CARDS = frozenset({ProductKind.RECHARGE_CARD})
"""Recharge cards: sold from the card stock of the payments area, delivered electronically."""
_PLANS = frozenset({ProductKind.PLAN, ProductKind.COMBO_PLAN})


@attrs.frozen(slots=True)
class GoodsItem:
    """What the buyer asks for: ``quantity`` units of the product ``product_code``."""

    product_code: str
    quantity: int = 1


@attrs.frozen(slots=True)
class NumberItem:
    """What the buyer asks for: the reserved ``number`` activated on ``plan_code`` (F-NUM-3)."""

    number: str
    plan_code: str


def order_id_of(buyer_id: str, request_id: str) -> str:
    """The id of the order a buyer's ``request_id`` names: ``od_`` and 40 hex digits."""
    if not isinstance(request_id, str) or not 8 <= len(request_id) <= 64:  # noqa: PLR2004
        raise SHOP_ORDER.error("a request id is 8-64 characters", field="request_id")
    digest = hashlib.sha256(f"{buyer_id}\x1f{request_id}".encode()).hexdigest()
    return "od_" + digest[:40]


def _digest(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(repr(part) for part in parts).encode()).hexdigest()


class ShopStorage(Protocol):
    """A store whose transactions offer the shop's repositories (every ``Storage`` does)."""

    def transaction(self) -> AbstractContextManager[ShopUnitOfWork]:
        """A new unit of work (see :meth:`unicom_core.ports.storage.Storage.transaction`)."""
        ...

    def read(self) -> AbstractContextManager[ShopUnitOfWork]:
        """A read-only unit of work (see :meth:`unicom_core.ports.storage.Storage.read`)."""
        ...


@attrs.define
class Placement:
    """The ports and areas placing an order needs (module docstring)."""

    storage: ShopStorage
    clock: Clock
    rule: RetryRule
    catalog: CatalogService
    numbers: NumbersService
    pool: NumberPool
    identity: IdentityVerifier
    settings: ShopSettings

    def run(
        self,
        work: Callable[[ShopUnitOfWork, datetime], _T | UnicomError],
        *,
        readonly: bool = False,
    ) -> _T:
        """Run ``work`` through the transaction kernel (one rule for the whole shop)."""
        return run(self.storage, self.clock, work, self.rule, readonly=readonly)

    def lines(
        self, items: Sequence[GoodsItem | NumberItem], now: datetime
    ) -> list[tuple[OrderLine, NumberItem | None]]:
        """Price each item; numbers without their reservation yet (filled by :meth:`hold`)."""
        if not 1 <= len(items) <= MAX_LINES:
            raise SHOP_LINES.error(maximum=MAX_LINES)
        offers = {offer.product.code: offer for offer in self.catalog.offers(Channel.ONLINE_HALL)}
        priced: list[tuple[OrderLine, NumberItem | None]] = []
        for item in items:
            if isinstance(item, GoodsItem):
                offer = _offer(offers, item.product_code, GOODS | CARDS)
                card = offer.product.product_kind in CARDS
                line = OrderLine(
                    kind=offer.product.product_kind,
                    code=offer.product.code,
                    quantity=item.quantity,
                    unit_price=offer.price.price,
                    face_value=offer.price.list_price if card else None,
                )
                priced.append((line, None))
            elif isinstance(item, NumberItem):
                priced.append((self._number_line(item, offers, now), item))
            else:
                raise SHOP_LINES.error(maximum=MAX_LINES)
        return priced

    def _number_line(self, item: NumberItem, offers: dict[str, Offer], now: datetime) -> OrderLine:
        plan = _offer(offers, item.plan_code, _PLANS)
        row = self.numbers.number(item.number)
        tier = self.numbers.table.tier(row.tier)
        return OrderLine(
            kind=ProductKind.NUMBER,
            code=tier.code,
            quantity=1,
            unit_price=tier.prestore,
            number=row.number,
            plan_code=plan.product.code,
            reservation_id="pending",
            reserved_until=now,
        )

    # ------------------------------------------------------------------ real name

    def holder(
        self, buyer: Subscriber, name: str | None, resident_id: str | None, today: datetime
    ) -> Holder:
        """The verified holder of the phone cards (F-SHOP-2; module docstring, step 2)."""
        if not name or not resident_id:
            raise SHOP_HOLDER_REQUIRED.error()
        holder = Holder(name.strip(), ResidentId.parse(resident_id))
        day = to_shanghai(today).date()
        key = f"shop.identity_failed:{buyer.id}:{day.isoformat()}"
        tomorrow = datetime.combine(day + timedelta(days=1), time(), tzinfo=SHANGHAI)
        limit = self.settings.identity_attempts

        def failed_so_far(tx: ShopUnitOfWork, _now: datetime) -> int:
            return tx.counters.taken(key)

        if self.run(failed_so_far, readonly=True) >= limit:
            raise SHOP_TOO_MANY_ATTEMPTS.error(retry_at=tomorrow)
        try:
            answer = self.identity.verify(holder.name, holder.resident_id)
        except AdapterError as error:
            raise SHOP_IDENTITY_UNAVAILABLE.error() from error
        if answer is IdentityAnswer.MATCH:
            return holder

        def count(tx: ShopUnitOfWork, _now: datetime) -> Holder | UnicomError:
            tx.counters.try_take(key, 1, limit, expires_at=tomorrow)
            return SHOP_IDENTITY_MISMATCH.error(attempts_left=limit - tx.counters.taken(key))

        return self.run(count)  # raises the returned error once the count commits

    # ------------------------------------------------------------------ numbers

    def hold(
        self, order_id: str, customer_id: str, items: Iterable[NumberItem], now: datetime
    ) -> list[tuple[Reservation, Reservation]]:
        """Hand each number's reservation from the buyer to the order (step 3).

        Returns (the buyer's, the order's) reservation pairs; on failure, what was handed
        over goes back to the buyer first.
        """
        mine = {r.number: r for r in self.pool.reservations_of(customer_id, now)}
        wanted = list(items)
        for item in wanted:
            if item.number not in mine:
                raise SHOP_RESERVATION_REQUIRED.error(number=item.number)
        until = now + self.settings.number_hold
        moved: list[tuple[Reservation, Reservation]] = []
        try:
            for item in wanted:
                reservation = mine[item.number]
                held = Reservation(new_id(), item.number, order_id, now, until)
                self.pool.release(reservation)
                try:
                    self.pool.reserve(held)  # number.taken if grabbed in between
                except BaseException:
                    self.give_back([(reservation, held)], reserved=False)
                    raise
                moved.append((reservation, held))
        except BaseException:
            self.give_back(moved)
            raise
        return moved

    def give_back(
        self, moved: Iterable[tuple[Reservation, Reservation]], *, reserved: bool = True
    ) -> None:
        """Free the order's reservations and restore the buyer's (best effort)."""
        for buyer_reservation, order_reservation in moved:
            if reserved:
                try:
                    self.pool.release(order_reservation)
                except NotFound:
                    continue  # released already: nothing of the order is left to free
            with contextlib.suppress(UnicomError):  # taken meanwhile: the buyer's loss
                self.pool.reserve(buyer_reservation)

    # ------------------------------------------------------------------ store

    def store(self, order: Order) -> Order:
        """Store the order and take its holds in one transaction (step 4)."""

        def work(tx: ShopUnitOfWork, _now: datetime) -> Order:
            found = tx.orders.find(order.id)
            if found is not None:
                return require_same(found, order.request_digest)
            take_holds(tx, order)
            tx.orders.add(order)
            publish(tx, order.placed())
            return order

        return self.run(work)


def require_same(order: Order, digest: str) -> Order:
    """``order`` if it was placed by the same request (``shop.request_reused`` otherwise)."""
    if order.request_digest != digest:
        raise SHOP_REQUEST_REUSED.error()
    return order


def request_fingerprint(
    items: Sequence[GoodsItem | NumberItem], address: object, name: str | None, resident: str | None
) -> str:
    """The fingerprint of what a placing asks for (not the prices: a retry keeps the order)."""
    return _digest(tuple(items), address, name, resident)


def _offer(offers: dict[str, Offer], code: str, kinds: frozenset[ProductKind]) -> Offer:
    offer = offers.get(code) if isinstance(code, str) else None
    if offer is None or offer.product.product_kind not in kinds:
        raise SHOP_NOT_FOR_SALE.error(product_code=str(code)[:64])
    return offer
