"""What an open order holds in the storage counters: stock, numbers, ID slots (F-SHOP-1, 2).

Every hold is an atomic conditional take of :class:`~unicom_core.ports.shared.Counters`
in the transaction that stores the order, so racing buyers never take more than there is:

* **stock** of a product: ``shop.stocked:<code>`` counts every unit ever loaded
  (:func:`restock`), ``shop.sold:<code>`` the units held by orders; an order takes its
  quantity from ``sold`` with the limit ``stocked``, so ``sold <= stocked`` always (the
  units left are never negative) and the last units go to exactly one of the racers;
* a **number**: ``shop.number:<number>`` is taken once (limit 1) while an order holds it,
  so two orders never hold one number, whatever the pool says (F-NUM-3);
* the **ID slots** of a holder: ``shop.id_slots:<digest of the resident ID>`` counts the
  numbers of the ID's open orders; an order takes as many as it has numbers with the limit
  five less the ID's live numbers, so active numbers and open orders together never pass
  five (F-SHOP-2). The key is a digest: the full ID lives only in the order and customer.

* **recharge cards** (F-SHOP-1) are not counted here: a card line reserves cards of its face
  value from the card stock of the payments area (``tx.recharge_cards``, an ONLINE batch),
  each card reserved for the order's id; two racers saving one card clash on its version,
  the loser is re-run and finds fewer cards (``shop.out_of_stock``). Paying sells them
  (:func:`sell_cards`), cancelling before payment puts them back in stock.

A cancelled order gives everything back (:func:`release_holds`); a delivered one gives back
its ID slots, which its numbers now fill as live numbers, and keeps its stock taken (sold).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Final, cast

from unicom_core.domain.payments import CardStatus
from unicom_core.domain.shop import SHOP_NUMBER_ORDERED, SHOP_OUT_OF_STOCK, SHOP_SETTINGS
from unicom_core.domain.subscribers import REALNAME_CAP_REACHED
from unicom_core.usecases.shared import put
from unicom_core.usecases.subscribers import NUMBERS_PER_RESIDENT_ID, live_numbers

if TYPE_CHECKING:
    from unicom_core.domain.shared import Money, ResidentId
    from unicom_core.domain.shop import Order
    from unicom_core.ports.shop import ShopUnitOfWork

__all__ = [
    "MAX_STOCK",
    "available",
    "cards_in_stock",
    "id_slots_key",
    "release_holds",
    "release_id_slots",
    "restock",
    "sell_cards",
    "take_holds",
]

MAX_STOCK: Final = 1_000_000_000
"""The most units of one product ever loaded."""
CARDS_COUNTED: Final = 500
"""The most cards of one face value :func:`cards_in_stock` counts (the port's page)."""


def _stocked(code: str) -> str:
    return f"shop.stocked:{code}"


def _sold(code: str) -> str:
    return f"shop.sold:{code}"


def _number(number: str) -> str:
    return f"shop.number:{number}"


def id_slots_key(resident_id: ResidentId) -> str:
    """The counter of a resident ID's numbers in open orders (a digest, never the ID)."""
    return "shop.id_slots:" + hashlib.sha256(resident_id.value.encode()).hexdigest()[:40]


def restock(tx: ShopUnitOfWork, code: str, quantity: int) -> int:
    """Load ``quantity`` more units of ``code``; the units available after it."""
    if isinstance(quantity, bool) or not isinstance(quantity, int) or quantity < 1:
        raise SHOP_SETTINGS.error("restock a positive number of units", field="quantity")
    if not tx.counters.try_take(_stocked(code), quantity, MAX_STOCK):
        raise SHOP_SETTINGS.error(f"at most {MAX_STOCK} units are ever loaded", field="quantity")
    return available(tx, code)


def available(tx: ShopUnitOfWork, code: str) -> int:
    """The units of ``code`` not held by an order, as ``tx`` sees them (never negative)."""
    return tx.counters.taken(_stocked(code)) - tx.counters.taken(_sold(code))


def cards_in_stock(tx: ShopUnitOfWork, face_value: Money) -> int:
    """The recharge cards of ``face_value`` in stock, counted up to :data:`CARDS_COUNTED`."""
    return len(tx.recharge_cards.in_stock(face_value, CARDS_COUNTED))


def _reserve_cards(tx: ShopUnitOfWork, order: Order) -> None:
    for line in order.card_lines:
        face_value = cast("Money", line.face_value)  # a card line names it (OrderLine)
        cards = list(tx.recharge_cards.in_stock(face_value, line.quantity))
        if len(cards) < line.quantity:
            raise SHOP_OUT_OF_STOCK.error(product_code=line.code)
        for card in cards:
            card.reserve(order.id, at=order.placed_at)
            tx.recharge_cards.save(card)


def sell_cards(tx: ShopUnitOfWork, order: Order) -> None:
    """Sell the cards a paid order reserved (in the transaction that records the payment)."""
    if order.card_lines:
        for card in tx.recharge_cards.of_order(order.id):
            if card.status is CardStatus.RESERVED:
                card.sell(order.id)
                tx.recharge_cards.save(card)


def take_holds(tx: ShopUnitOfWork, order: Order) -> None:
    """Take the order's stock, numbers and ID slots, or raise (the transaction rolls back).

    Raises:
        Conflict: ``shop.out_of_stock`` (goods or recharge cards), ``shop.number_ordered``.
        Refused: ``realname.cap_reached`` (data ``limit``).
    """
    counters = tx.counters
    for line in order.goods_lines:
        limit = counters.taken(_stocked(line.code))
        if not counters.try_take(_sold(line.code), line.quantity, limit):
            raise SHOP_OUT_OF_STOCK.error(product_code=line.code)
    for line in order.number_lines:
        if not counters.try_take(_number(line.number or ""), 1, 1):
            raise SHOP_NUMBER_ORDERED.error(number=line.number)
    if order.holder is not None and order.number_lines:
        _take_id_slots(tx, order.holder.resident_id, len(order.number_lines))
    _reserve_cards(tx, order)


def _take_id_slots(tx: ShopUnitOfWork, resident_id: ResidentId, count: int) -> None:
    customer = tx.customers.find_by_resident_id(resident_id)
    live = 0
    if customer is not None:
        live = live_numbers(tx, customer.id)
        put(tx.customers, customer)  # a re-registration taking a slot at once clashes here
    limit = max(0, NUMBERS_PER_RESIDENT_ID - live)
    if not tx.counters.try_take(id_slots_key(resident_id), count, limit):
        raise REALNAME_CAP_REACHED.error(limit=NUMBERS_PER_RESIDENT_ID)


def release_id_slots(tx: ShopUnitOfWork, order: Order) -> None:
    """Give back the order's ID slots (cancelled, or delivered: its numbers are live now)."""
    if order.holder is not None and order.number_lines:
        tx.counters.release(id_slots_key(order.holder.resident_id), len(order.number_lines))


def release_holds(tx: ShopUnitOfWork, order: Order) -> None:
    """Give back everything a cancelled order held: stock, numbers, ID slots, cards."""
    counters = tx.counters
    for line in order.goods_lines:
        counters.release(_sold(line.code), line.quantity)
    for line in order.number_lines:
        counters.release(_number(line.number or ""), 1)
    release_id_slots(tx, order)
    if order.card_lines:
        for card in tx.recharge_cards.of_order(order.id):
            if card.status is CardStatus.RESERVED:
                card.release(order.id)
                tx.recharge_cards.save(card)
