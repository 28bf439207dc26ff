"""The catalogue persisted in SQL: installed by bootstrap, read back by the hall (F-BUN, F-SHOP-4).

Runs on SQLite and PostgreSQL (``db_url``): the hall is built on a migrated database, closed,
and built again on the same database, which still sells from the stored revision.
"""

from __future__ import annotations

from datetime import datetime

from unicom_sql import create_storage

from unicom_core import bootstrap
from unicom_core.catalog_data import default_catalog
from unicom_core.domain.catalog import Catalog, Channel, Pack
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.memory.catalog import MemoryCatalogSource
from unicom_core.memory.clocks import SettableClock

COMBO = "4g-national-combo"


def _cheaper(revision: int) -> Catalog:
    base = default_catalog()
    packs = tuple(
        Pack(p.code, p.name, p.kind, Money(600), p.allowances, p.channels)
        if p.code == "data-100mb"
        else p
        for p in base.packs
    )
    return Catalog(base.id, revision, base.plans, base.combos, packs, base.goods, base.price_rules)


def test_bootstrap_installs_the_default_catalogue_in_sql_and_keeps_a_newer_one(db_url):
    clock = SettableClock(datetime(2016, 1, 11, 23, 59, tzinfo=SHANGHAI))
    hall = bootstrap(storage=create_storage(db_url), clock=clock)
    try:
        assert hall.catalog.catalog().revision == 3
        assert hall.catalog.price("top-up-100").price == Money(9850)  # F-SHOP-4
        assert hall.catalog.compose(COMBO, ["data-1gb", "sms-200"]).monthly_fee == Money(5800)
        hall.catalog.publish(_cheaper(4))
        with hall.storage.transaction() as tx:
            events = [(e.event.event_type, e.event.revision) for e in tx.outbox.pending(10)]  # type: ignore[attr-defined]
        assert events == [("catalog.published", 3), ("catalog.published", 4)]
    finally:
        hall.close()

    again = bootstrap(storage=create_storage(db_url), clock=clock)  # default file: revision 3
    try:
        stored = again.catalog.catalog()
        assert (stored.revision, stored.version) == (4, 2)
        expected = _cheaper(4)
        expected.version = 2
        assert stored == expected
        offers = {o.product.code: o for o in again.catalog.offers(Channel.MOBILE_HALL)}
        assert offers["data-100mb"].price.price == Money(600)
    finally:
        again.close()


def test_a_catalogue_source_given_to_bootstrap_is_stored_in_sql(db_url):
    clock = SettableClock(datetime(2026, 11, 26, tzinfo=SHANGHAI))
    source = MemoryCatalogSource(_cheaper(5))
    hall = bootstrap(storage=create_storage(db_url), clock=clock, catalog=source)
    try:
        assert hall.catalog.compose(COMBO, ["data-100mb"]).monthly_fee == Money(600)
        assert hall.catalog.catalog().revision == 5
    finally:
        hall.close()
