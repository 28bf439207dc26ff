"""Every subscriber query is one read-only unit of work, its permission check included.

F-AUTH-5, F-AUTH-6, F-AUTH-7: the invoices and the payments (F-QRY-6, F-PAY-2), the shop's
orders (F-SHOP-1), points (F-QRY-4), customer service (F-BIZ-8), campaigns (F-PRO-1) and the
growth game (F-PRO-4) ask the check and read their answer in **one** ``storage.read()``
(before, the check opened a unit of work of its own). When the session's use is due to be
recorded (``touch_every`` after the last), the read-only pass stops and one writing
transaction records it and answers. A refusal is the code it always was: a bad token is
``access.not_logged_in``, another customer's number ``access.unknown_number``, another
customer's item the item's own ``*.unknown*`` code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import attrs
import pytest

from unicom_core.domain.access import PAY, TOP_UP, token_digest
from unicom_core.domain.shared import MobileNumber
from unicom_core.errors import UnicomError
from unicom_core.hall import BusinessHall
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.payment_gateway import MemoryPaymentGateway
from unicom_core.promotions_data import festival_517
from unicom_core.testing.counting import CountingStorage
from unicom_core.testing.worlds.billing import BillingWorld
from unicom_core.testing.worlds.payments import PaymentWorld
from unicom_core.testing.worlds.shop import ADDRESS, ShopWorld
from unicom_core.usecases.shop import GoodsItem

NOT_LOGGED_IN = "access.not_logged_in"
UNKNOWN_NUMBER = "access.unknown_number"
PHONE = "phone-4g-basic"
MINE, THEIRS, STRANGER = "18612345678", "18612345679", "18612345670"


@attrs.define
class Query:
    """A query asked with a token, and asked about the owner's number (``theirs``).

    ``code``: the refusal of another customer's session asking ``theirs`` (or, without it,
    ``ask``: an item of the owner's named by its id).
    """

    ask: Callable[[str], object]
    theirs: Callable[[str], object] | None = None
    code: str | None = None


@attrs.define
class Scene:
    """A hall on a counting storage, an owner's and another customer's session, the queries."""

    storage: CountingStorage
    clock: SettableClock
    hall: BusinessHall
    token: str
    other: str
    queries: dict[str, Query]


def _payments() -> Scene:
    storage = CountingStorage()
    world = PaymentWorld(MemoryPaymentGateway(), storage=storage)
    _, token = world.customer(MINE)
    _, other = world.customer(THEIRS)
    paid = world.payments.top_up(token, "top-up-50", idempotency_key="k-1").payment
    invoice = world.invoices.issue(token, paid.id)
    mine = MobileNumber(MINE)
    queries = {
        "invoices.invoices": Query(
            world.invoices.invoices, lambda t: world.invoices.invoices(t, mine), UNKNOWN_NUMBER
        ),
        "invoices.download": Query(
            lambda t: world.invoices.download(t, invoice.id), code="invoice.unknown"
        ),
        "payments.payment": Query(
            lambda t: world.payments.payment(t, paid.id), code="payment.unknown"
        ),
        "payments.records": Query(
            world.payments.records, lambda t: world.payments.records(t, mine), UNKNOWN_NUMBER
        ),
        "payments.others.parties": Query(
            lambda t: world.payments.others._parties(t, TOP_UP, THEIRS)
        ),
    }
    return Scene(storage, world.clock, world.hall, token, other, queries)


def _shop() -> Scene:
    storage = CountingStorage()
    world = ShopWorld(storage=storage)
    shop = world.hall.shop
    shop.restock(PHONE, 2)
    token, other = world.buyer(MINE), world.buyer(THEIRS)
    order = shop.place(token, [GoodsItem(PHONE)], address=ADDRESS, request_id="req-granted-1")
    queries = {
        "shop.order": Query(lambda t: shop.order(t, order.id), code="shop.unknown_order"),
        "shop.orders": Query(shop.orders),
        "shop.tracking": Query(lambda t: shop.tracking(t, order.id), code="shop.unknown_order"),
    }
    return Scene(storage, world.world.clock, world.hall, token, other, queries)


def _hall() -> Scene:
    storage = CountingStorage()
    world = BillingWorld(storage=storage)
    hall = world.hall
    token = world.login(world.add_number(MINE))
    other = world.login(world.add_number(THEIRS))
    hall.promotions.define(festival_517(), actor="cli:test")
    hall.promotions.publish(festival_517().code, actor="cli:test")
    conversation = hall.support.ask(token, "你好").conversation
    mine = MobileNumber(MINE)

    def about_mine(ask: Callable[..., object]) -> Query:
        return Query(ask, lambda t: ask(t, number=mine), UNKNOWN_NUMBER)

    queries = {
        "points.balance": about_mine(hall.points.balance),
        "points.history": about_mine(hall.points.history),
        "support.conversation": Query(
            lambda t: hall.support.conversation(t, conversation.id),
            code="support.unknown_conversation",
        ),
        "support.current": Query(hall.support.current),
        "promotions.offers": Query(hall.promotions.offers),
        "promotions.participations": Query(hall.promotions.participations),
        "growth.tree": about_mine(hall.growth.tree),
        "growth.history": about_mine(hall.growth.history),
    }
    return Scene(storage, world.clock, hall, token, other, queries)


SCENES: dict[str, Callable[[], Scene]] = {
    name: build
    for build, names in (
        (
            _payments,
            (
                "invoices.invoices",
                "invoices.download",
                "payments.payment",
                "payments.records",
                "payments.others.parties",
            ),
        ),
        (_shop, ("shop.order", "shop.orders", "shop.tracking")),
        (
            _hall,
            (
                "points.balance",
                "points.history",
                "support.conversation",
                "support.current",
                "promotions.offers",
                "promotions.participations",
                "growth.tree",
                "growth.history",
            ),
        ),
    )
    for name in names
}
WITH_THEIRS = [
    "invoices.invoices",
    "invoices.download",
    "payments.payment",
    "payments.records",
    "shop.order",
    "shop.tracking",
    "points.balance",
    "points.history",
    "support.conversation",
    "growth.tree",
    "growth.history",
]


def _scene(name: str) -> tuple[Scene, Query]:
    scene = SCENES[name]()
    return scene, scene.queries[name]


def _last_seen(scene: Scene, token: str) -> Any:
    with scene.storage.read() as tx:
        return tx.sessions.get(token_digest(token)).last_seen_at


def _refused(ask: Callable[[], object]) -> str:
    with pytest.raises(UnicomError) as caught:
        ask()
    return caught.value.code


@pytest.mark.parametrize("name", sorted(SCENES))
def test_f_auth_7_a_query_is_one_read_only_unit_of_work_its_check_included(name):
    scene, query = _scene(name)
    query.ask(scene.token)  # records the session's use if due, so the next is not
    scene.storage.opened.clear()
    query.ask(scene.token)
    # was two (or three) reads: the check's own, then the query's
    assert scene.storage.opened == ["read"]


@pytest.mark.parametrize("name", sorted(SCENES))
def test_f_auth_7_a_due_session_use_is_one_read_and_one_writing_rerun(name):
    scene, query = _scene(name)
    query.ask(scene.token)
    later = scene.clock.now() + scene.hall.access.settings.sessions.touch_every
    scene.clock.set(later)
    scene.storage.opened.clear()
    query.ask(scene.token)
    assert scene.storage.opened == ["read", "transaction"]
    assert _last_seen(scene, scene.token) == later
    scene.storage.opened.clear()
    query.ask(scene.token)
    assert scene.storage.opened == ["read"]


@pytest.mark.parametrize("name", sorted(SCENES))
def test_f_auth_5_a_bad_token_is_not_logged_in_and_reads_once(name):
    scene, query = _scene(name)
    scene.storage.opened.clear()
    assert _refused(lambda: query.ask("not-a-token")) == NOT_LOGGED_IN
    assert scene.storage.opened == ["read"]


@pytest.mark.parametrize("name", WITH_THEIRS)
def test_f_auth_6_another_customer_is_refused_as_before(name):
    scene, query = _scene(name)
    theirs = query.theirs or query.ask  # by id: the owner's item asked by another customer
    theirs(scene.token)  # the owner may
    assert query.code is not None
    assert _refused(lambda: theirs(scene.other)) == query.code


def test_f_pay_1_paying_for_another_number_keeps_its_refusals():
    """The payer and the holder are read in one transaction; the refusals are as before."""
    scene, _ = _scene("payments.others.parties")
    others = scene.hall.payments.others
    for capability in (TOP_UP, PAY):
        payer, holder = others._parties(scene.token, capability, THEIRS)
        assert (payer.number.value, holder.number.value) == (MINE, THEIRS)
    top_up = others.top_up
    assert _refused(lambda: top_up("not-a-token", THEIRS, "top-up-50", idempotency_key="x-1")) == (
        NOT_LOGGED_IN
    )
    assert _refused(
        lambda: top_up(scene.token, "13312345678", "top-up-50", idempotency_key="x-2")
    ) == (
        "payment.other_carrier"  # a China Telecom segment
    )
    assert _refused(lambda: top_up(scene.token, STRANGER, "top-up-50", idempotency_key="x-3")) == (
        "payment.unknown_number"
    )
    assert (
        _refused(lambda: others.pay_bill(scene.other, STRANGER, idempotency_key="x-4"))
        == "payment.unknown_number"
    )


@pytest.mark.parametrize("name", WITH_THEIRS)
def test_f_auth_7_a_refused_query_still_records_a_due_session_use(name):
    scene, query = _scene(name)
    theirs = query.theirs or query.ask
    theirs(scene.token)
    later = scene.clock.now() + scene.hall.access.settings.sessions.touch_every
    scene.clock.set(later)
    assert _refused(lambda: theirs(scene.other)) == query.code
    # the refusal (the check's or the query's own) is raised after the use is committed
    assert _last_seen(scene, scene.other) == later
