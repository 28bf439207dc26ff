"""The catalogue is structured once per published revision (F-SHOP-4, F-BUN-4)."""

from __future__ import annotations

from datetime import datetime

import pytest

from unicom_core.catalog_data import default_catalog, default_catalog_source
from unicom_core.domain.catalog import Catalog, Pack
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.memory.catalog import MemoryCatalogSource
from unicom_core.memory.clocks import SettableClock
from unicom_core.memory.storage import MemoryStorage
from unicom_core.usecases.catalog import CatalogService, catalog_cache

NOW = datetime(2025, 11, 16, 15, 30, tzinfo=SHANGHAI)
COMBO = "4g-national-combo"


def _cheaper_100mb(base: Catalog, revision: int) -> Catalog:
    packs = tuple(
        Pack(p.code, p.name, p.kind, Money(600), p.allowances, p.channels)
        if p.code == "data-100mb"
        else p
        for p in base.packs
    )
    return Catalog(base.id, revision, base.plans, base.combos, packs, base.goods)


@pytest.fixture
def finds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every catalogue read whole from a memory storage, by id."""
    seen: list[str] = []
    with MemoryStorage().transaction() as tx:
        repository = type(tx.catalogs)
    original = repository.find

    def counted(self: object, catalog_id: str) -> Catalog | None:
        seen.append(catalog_id)
        return original(self, catalog_id)  # type: ignore[arg-type]

    monkeypatch.setattr(repository, "find", counted)
    return seen


def test_the_catalogue_is_read_whole_once_per_revision(finds):
    storage = MemoryStorage()
    service = CatalogService(storage, SettableClock(NOW))
    service.install(default_catalog_source())
    finds.clear()
    for _ in range(3):
        assert service.compose(COMBO, ["data-100mb"]).monthly_fee == Money(800)
        service.show_plan(COMBO)
    assert len(finds) == 1


def test_a_revision_stored_elsewhere_applies_at_the_next_query(finds):
    """Another process (here: a bare transaction) publishes; the cache sees the new revision."""
    storage = MemoryStorage()
    service = CatalogService(storage, SettableClock(NOW))
    service.install(default_catalog_source())
    assert service.compose(COMBO, ["data-100mb"]).monthly_fee == Money(800)
    with storage.transaction() as tx:
        stored = tx.catalogs.get(default_catalog().id)
        stored.publish(_cheaper_100mb(default_catalog(), default_catalog().revision + 1), at=NOW)
        tx.catalogs.save(stored)
    finds.clear()
    assert service.compose(COMBO, ["data-100mb"]).monthly_fee == Money(600)
    assert service.compose(COMBO, ["data-100mb"]).monthly_fee == Money(600)
    assert len(finds) == 1


def test_each_storage_has_its_own_cache():
    """Two storages holding the same id and revision with other prices never mix."""
    cheap, dear = MemoryStorage(), MemoryStorage()
    CatalogService(cheap, SettableClock(NOW)).install(
        MemoryCatalogSource(_cheaper_100mb(default_catalog(), 1))
    )
    CatalogService(dear, SettableClock(NOW)).install(default_catalog_source())
    assert catalog_cache(cheap) is not catalog_cache(dear)
    assert catalog_cache(cheap) is catalog_cache(cheap)
    assert CatalogService(cheap, SettableClock(NOW)).compose(
        COMBO, ["data-100mb"]
    ).monthly_fee == Money(600)
    assert CatalogService(dear, SettableClock(NOW)).compose(
        COMBO, ["data-100mb"]
    ).monthly_fee == Money(800)


def test_the_catalogue_handed_out_is_the_callers_own():
    """``catalog()`` is a fresh copy: changing it leaves the prices the hall quotes."""
    storage = MemoryStorage()
    service = CatalogService(storage, SettableClock(NOW))
    service.install(default_catalog_source())
    service.compose(COMBO, ["data-100mb"])
    mine = service.catalog()
    mine.publish(_cheaper_100mb(default_catalog(), default_catalog().revision + 1), at=NOW)
    assert service.compose(COMBO, ["data-100mb"]).monthly_fee == Money(800)
