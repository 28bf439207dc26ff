"""A catalogue published by another process applies at the next query (F-SHOP-4, F-BUN-4).

Two storages on one database stand for two web workers: each hall keeps the structured
catalogue of the revision it last read; a publication through the other is seen at once.
Runs on SQLite and PostgreSQL (``db_url``).
"""

from __future__ import annotations

from datetime import datetime

from unicom_sql import create_storage

from unicom_core import bootstrap
from unicom_core.catalog_data import default_catalog
from unicom_core.domain.catalog import Catalog, Pack
from unicom_core.domain.shared import SHANGHAI, Money
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


def test_a_revision_published_by_another_worker_applies_at_once(db_url):
    clock = SettableClock(datetime(2016, 3, 15, 10, tzinfo=SHANGHAI))
    first = bootstrap(storage=create_storage(db_url), clock=clock)
    second = bootstrap(storage=create_storage(db_url), clock=clock)
    try:
        assert first.catalog.compose(COMBO, ["data-100mb"]).monthly_fee == Money(800)
        assert second.catalog.compose(COMBO, ["data-100mb"]).monthly_fee == Money(800)
        second.catalog.publish(_cheaper(first.catalog.catalog().revision + 1))
        assert first.catalog.compose(COMBO, ["data-100mb"]).monthly_fee == Money(600)
        assert first.catalog.show_plan(COMBO).monthly_fee == Money(600)
    finally:
        first.close()
        second.close()
