"""Operators' catalogue drafts: edited apart, effective only once published (F-SHOP-4).

The draft is the next revision, stored beside the catalogue; nothing prices, sells or
bills from it until :meth:`CatalogDrafts.publish`. Every change is audited in its own
transaction (F-AUTH-6). Amounts come from the published tariffs: the 1 GB data pack is
48元 a month.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core import bootstrap
from unicom_core.catalog_data import default_catalog, default_catalog_source
from unicom_core.domain.catalog import (
    Channel,
    Goods,
    ProductKind,
    draft_id,
    is_pending,
    with_product,
)
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.errors import Conflict, InvalidInput, NotFound
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.storage import MemoryStorage
from unicom_core.ports.shared import PageRequest
from unicom_core.testing.worlds.billing import BillingWorld
from unicom_core.usecases.catalog import CatalogDrafts, CatalogService

NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI)
ACTOR = "cli:tester"
TOP_UP_20 = Goods("top-up-20", "20元充值", ProductKind.TOP_UP, Money(2000), [Channel.ONLINE_HALL])


@pytest.fixture
def hall():
    return bootstrap(clock=SettableClock(NOW))


def _outbox(hall) -> list[str]:
    with hall.storage.transaction() as tx:
        return [entry.event.event_type for entry in tx.outbox.pending(500)]


def _audited(hall) -> list[str]:
    page = hall.access.audit(
        since=None, until=None, client_id=None, account_id=None, page=PageRequest(0, 50)
    )
    return [entry.action for entry in page.items]


def test_f_shop_4_a_draft_is_the_next_revision_and_not_effective(hall):
    draft = hall.catalog_drafts.put(TOP_UP_20, actor=ACTOR)
    assert (draft.id, draft.revision) == (draft_id(hall.catalog.catalog().id), 4)
    assert draft.updated_at == NOW
    assert hall.catalog.catalog().revision == 3
    assert "top-up-20" not in {o.product.code for o in hall.catalog.offers(Channel.ONLINE_HALL)}
    with pytest.raises(NotFound):
        hall.catalog.price("top-up-20")
    assert hall.catalog_drafts.pending() == draft
    assert _audited(hall) == ["catalog.draft_changed"]


def test_f_shop_4_publishing_makes_the_draft_effective(hall):
    hall.catalog_drafts.put(TOP_UP_20, actor=ACTOR)
    cheaper = attrs.evolve(hall.catalog.catalog().product("top-up-30"), price=Money(2900))
    hall.catalog_drafts.put(cheaper, actor=ACTOR)
    hall.clock.advance(dt.timedelta(hours=1))
    published = hall.catalog_drafts.publish(actor=ACTOR)
    assert published.revision == 4
    assert published.updated_at == NOW + dt.timedelta(hours=1)
    assert hall.catalog.price("top-up-20").price == Money(2000)
    assert hall.catalog.price("top-up-30").price == Money(2900)
    assert hall.catalog_drafts.pending() is None
    assert _outbox(hall).count("catalog.published") == 2  # the install, then this revision
    assert sorted(_audited(hall)) == [
        "catalog.draft_changed",
        "catalog.draft_changed",
        "catalog.published",
    ]
    with pytest.raises(NotFound, match=r"catalog\.no_draft"):
        hall.catalog_drafts.publish(actor=ACTOR)


def test_after_publication_the_next_change_starts_a_new_draft(hall):
    hall.catalog_drafts.put(TOP_UP_20, actor=ACTOR)
    hall.catalog_drafts.publish(actor=ACTOR)
    renamed = attrs.evolve(TOP_UP_20, name="二十元充值")
    draft = hall.catalog_drafts.put(renamed, actor=ACTOR)
    assert draft.revision == 5
    assert draft.product("top-up-20").name == "二十元充值"


def test_f_shop_4_a_draft_never_affects_the_bill_run_before_it_is_published():
    world = BillingWorld()
    world.add_number("18612345678", packs=("data-1gb",))
    pack = world.hall.catalog.catalog().pack("data-1gb")
    world.hall.catalog_drafts.put(attrs.evolve(pack, fee=Money(100)), actor=ACTOR)
    world.move_to(dt.datetime(2016, 6, 1, 0, 30, tzinfo=SHANGHAI))
    world.hall.billing.close_cycle(BillingCycle(2016, 5))
    world.hall.catalog_drafts.publish(actor=ACTOR)
    world.move_to(dt.datetime(2016, 7, 1, 0, 30, tzinfo=SHANGHAI))
    world.hall.billing.close_cycle(BillingCycle(2016, 6))
    with world.storage.transaction() as tx:
        (account,) = tx.accounts.list_after(None, 10)
        bills = tx.bills.list_by_account(account.id, PageRequest()).items
    totals = {bill.cycle: bill.total for bill in bills}
    assert totals[BillingCycle(2016, 5)] == Money(4800)  # the published 48元, not the draft
    assert totals[BillingCycle(2016, 6)] == Money(100)  # the draft, once published


def test_a_product_keeps_its_kind_and_a_creation_never_replaces(hall):
    pack = hall.catalog.catalog().pack("data-1gb")
    goods = Goods(pack.code, "x", ProductKind.PHONE, Money(1), [Channel.ONLINE_HALL])
    with pytest.raises(InvalidInput, match=r"catalog\.draft_kind"):
        hall.catalog_drafts.put(goods, actor=ACTOR)
    hall.catalog_drafts.put(TOP_UP_20, actor=ACTOR, new=True)
    with pytest.raises(InvalidInput, match=r"catalog\.duplicate_code"):
        hall.catalog_drafts.put(TOP_UP_20, actor=ACTOR, new=True)
    assert hall.catalog_drafts.pending().product("top-up-20") == TOP_UP_20


def test_f_auth_6_an_unaudited_change_is_rolled_back(hall):
    with pytest.raises(InvalidInput, match=r"operator\.actor"):
        hall.catalog_drafts.put(TOP_UP_20, actor="someone")
    assert hall.catalog_drafts.pending() is None
    assert _audited(hall) == []


def test_a_file_is_not_published_over_a_pending_draft(hall):
    hall.catalog_drafts.put(TOP_UP_20, actor=ACTOR)
    newer = default_catalog()
    newer = attrs.evolve(newer, revision=newer.revision + 1)
    with pytest.raises(Conflict, match=r"catalog\.draft_pending"):
        hall.catalog.publish(newer)
    hall.catalog_drafts.discard(actor=ACTOR)
    assert hall.catalog_drafts.pending() is None
    assert hall.catalog.publish(newer).revision == 4
    assert "catalog.draft_discarded" in _audited(hall)


def test_install_stamps_the_publication_instant():
    clock = SettableClock(NOW)
    service = CatalogService(MemoryStorage(), clock)
    assert service.install(default_catalog_source()).updated_at == NOW
    assert service.catalog().updated_at == NOW


def test_drafts_need_an_installed_catalogue():
    drafts = CatalogDrafts(MemoryStorage(), SettableClock(NOW), audit=lambda *_a, **_k: None)
    with pytest.raises(NotFound, match=r"catalog\.not_installed"):
        drafts.put(TOP_UP_20, actor=ACTOR)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["top-up-30", "top-up-50", "top-up-100", "new-a", "new-b"]),
            st.integers(min_value=0, max_value=10**8),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_publishing_the_puts_is_applying_them_in_order(changes):
    """The law of a draft: publish(put(..put(c, p1).., pn)) has each code's last price."""
    base = default_catalog()
    expected = {product.code: product.list_price for product in base.goods}
    draft = base
    for code, fen in changes:
        goods = Goods(code, code, ProductKind.TOP_UP, Money(fen), [Channel.ONLINE_HALL])
        draft = with_product(draft, goods, revision=base.revision + 1)
        expected[code] = Money(fen)
    assert is_pending(draft, base)
    assert {goods.code: goods.price for goods in draft.goods} == expected
    assert draft.plans == base.plans
    assert draft.packs == base.packs
    assert draft.combos == base.combos
