"""The shop's races on SQLite and PostgreSQL (F-SHOP-1, F-SHOP-2, F-NUM-3).

Each racer is a browser tab: its own thread, its own connection, all released at one
barrier (:func:`unicom_core.testing.racing.race`). Whatever the interleaving:

* buyers of the last units of a phone get exactly the units in stock, the others
  ``shop.out_of_stock``, and the stock left is zero, never negative;
* two orders of one reserved number (two tabs of its buyer): exactly one holds it;
* buyers of the last recharge cards (a card line reserves cards of the payments area's
  ONLINE stock), shop orders and the recharge-card page alike: exactly the cards in stock
  are sold, the others ``shop.out_of_stock`` / ``recharge_card.out_of_stock``;
* orders racing for the fifth slot of a resident ID holding four numbers: exactly one wins,
  the others are refused ``realname.cap_reached``.
"""

from __future__ import annotations

import pytest
from unicom_sql import create_storage

from unicom_core.domain.payments import BatchKind, CardStatus
from unicom_core.domain.shared import ResidentId
from unicom_core.domain.subscribers import Account, AccountId, Customer, CustomerId
from unicom_core.errors import Conflict, Refused
from unicom_core.testing.racing import race
from unicom_core.testing.worlds.shop import ADDRESS, ShopWorld
from unicom_core.usecases.shop import GoodsItem, NumberItem

PHONE = "phone-4g-basic"
PLAN = "4g-national-76"
CARD = "recharge-card-50"
RACERS = 4


@pytest.fixture
def shop(db_url):
    world = ShopWorld(storage=create_storage(db_url))
    yield world
    world.storage.close()


def test_f_shop_1_racing_buyers_of_the_last_units_get_exactly_the_stock(shop):
    shop.hall.shop.restock(PHONE, RACERS - 1)
    tokens = [shop.buyer() for _ in range(RACERS)]
    results, errors = race(
        lambda n: shop.hall.shop.place(
            tokens[n], [GoodsItem(PHONE)], address=ADDRESS, request_id=f"req-last-{n:04d}"
        ),
        RACERS,
    )
    assert len(results) == RACERS - 1
    assert [(type(e), e.code) for e in errors] == [(Conflict, "shop.out_of_stock")]
    stock = {p.product.code: p.in_stock for p in shop.hall.shop.products()}
    assert stock[PHONE] == 0


def test_f_shop_1_racing_buyers_of_the_last_cards_get_exactly_the_stock(shop):
    shop.hall.recharge_cards.issue_batch(CARD, RACERS - 1, kind=BatchKind.ONLINE)
    tokens = [shop.buyer() for _ in range(RACERS)]
    results, errors = race(
        lambda n: shop.hall.shop.place(
            tokens[n], [GoodsItem(CARD)], address=ADDRESS, request_id=f"req-card-{n:04d}"
        ),
        RACERS,
    )
    assert len(results) == RACERS - 1, errors
    assert [(type(e), e.code) for e in errors] == [(Conflict, "shop.out_of_stock")]
    assert {p.product.code: p.in_stock for p in shop.hall.shop.products()}[CARD] == 0
    with shop.storage.read() as tx:
        held = [c for order in results for c in tx.recharge_cards.of_order(order.id)]
    assert len({c.id for c in held}) == RACERS - 1  # one card per order, none twice
    assert all(c.status is CardStatus.RESERVED for c in held)


def test_f_shop_1_the_shop_and_the_card_page_share_the_last_card(shop):
    shop.hall.recharge_cards.issue_batch(CARD, 1, kind=BatchKind.ONLINE)
    tokens = [shop.buyer() for _ in range(2)]

    def buy(n: int) -> object:
        if n == 0:
            return shop.hall.shop.place(
                tokens[0], [GoodsItem(CARD)], address=ADDRESS, request_id="req-shared-01"
            )
        return shop.hall.recharge_cards.buy(tokens[1], CARD, 1, idempotency_key="shared-01")

    results, errors = race(buy, 2)
    assert len(results) == 1, errors
    assert [e.code for e in errors] in (
        ["shop.out_of_stock"],
        ["recharge_card.out_of_stock"],
    )
    assert {p.product.code: p.in_stock for p in shop.hall.shop.products()}[CARD] == 0


def test_f_num_3_two_orders_of_one_number_one_wins(shop):
    shop.load_numbers("18601238888")
    token = shop.buyer()
    resident_id = shop.holder()
    shop.hall.numbers.reserve(token, "18601238888")
    results, errors = race(
        lambda n: shop.hall.shop.place(
            token,
            [NumberItem("18601238888", PLAN)],
            address=ADDRESS,
            request_id=f"req-tab-{n:04d}",
            holder_name="李四",
            resident_id=resident_id,
        ),
        2,
    )
    assert len(results) == 1, errors
    assert len(errors) == 1
    # the loser finds the reservation handed to the winner's order, at whichever step
    assert errors[0].code in {
        "shop.reservation_required",
        "number.reservation_unknown",
        "number.taken",
        "shop.number_ordered",
    }
    row = shop.pool.find("18601238888")
    assert row is not None
    assert row.reservation is not None
    assert row.reservation.holder == results[0].id


def test_f_shop_2_orders_racing_for_the_fifth_slot_of_an_id_one_wins(shop):
    resident_id = shop.holder()
    with shop.storage.transaction() as tx:
        customer = Customer(CustomerId("c-holder"), "李四", ResidentId(resident_id))
        tx.customers.add(customer)
        account = Account(AccountId("a-holder"), customer.id)
        tx.accounts.add(account)
    for n in range(4):
        shop.world.add_number(f"1860999000{n}", account=account)
    numbers = [f"186012300{n:02d}" for n in range(10, 10 + RACERS)]
    shop.load_numbers(*numbers)
    tokens = [shop.buyer() for _ in range(RACERS)]
    for token, number in zip(tokens, numbers, strict=True):
        shop.hall.numbers.reserve(token, number)
    results, errors = race(
        lambda n: shop.hall.shop.place(
            tokens[n],
            [NumberItem(numbers[n], PLAN)],
            address=ADDRESS,
            request_id=f"req-slot-{n:04d}",
            holder_name="李四",
            resident_id=resident_id,
        ),
        RACERS,
    )
    assert len(results) == 1, errors
    assert all(isinstance(e, Refused) and e.code == "realname.cap_reached" for e in errors), errors
    losers = [n for n in range(RACERS) if numbers[n] != results[0].lines[0].number]
    for n in losers:  # each loser's reservation went back to its buyer
        assert [r.number for r in shop.hall.numbers.reservations(tokens[n])] == [numbers[n]]
