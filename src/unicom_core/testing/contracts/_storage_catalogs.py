"""Storage contract, part 4: the catalogue repository (F-BUN, F-SHOP-4).

A catalogue is one aggregate: every plan, pack, tier, goods and price rule, read back equal
(money in fen, windows in Beijing time, rates exact), its revision replaced as a whole under
the same optimistic versions as every other aggregate.
"""

# A contract suite is tests shipped as a library, so the test-file rules apply here too:
# S101 (it asserts), PLR2004 (expected versions are written out), PT012 (a Conflict may come
# from the commit at the end of a ``with`` block, so the whole block is under pytest.raises).
# ruff: noqa: S101, PLR2004, PT012

from __future__ import annotations

import copy

import pytest
from hypothesis import given

from unicom_core.catalog_data import default_catalog
from unicom_core.domain.catalog import Catalog, CatalogId, draft_id
from unicom_core.errors import Conflict, NotFound
from unicom_core.testing.contracts._storage_base import (
    AT,
    FEW,
    SOME,
    InjectedFailure,
    StorageContractBase,
    inject_failure,
)
from unicom_core.testing.strategies.catalog import combo_catalogs

__all__ = ["CatalogContract"]


def _revised(catalog: Catalog, revision: int) -> Catalog:
    return Catalog(catalog.id, revision, catalog.plans, catalog.combos, catalog.packs)


class CatalogContract(StorageContractBase):
    """The catalogue repository: round trips, revisions, versions, rollback (F-BUN, F-SHOP-4)."""

    def test_default_catalogue_round_trip(self) -> None:
        """The shipped catalogue reads back equal, Chinese names and the 98.5 % rule included."""
        catalog = default_catalog()
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.catalogs.add(catalog)
            assert catalog.version == 1
            with storage.transaction() as tx:
                stored = tx.catalogs.get(catalog.id)
            assert stored == catalog
            assert stored.pack("data-100mb").name == "8元100MB流量包"
            assert stored.price_rules == catalog.price_rules

    @SOME
    @given(catalog=combo_catalogs())
    def test_catalogue_round_trip(self, catalog: Catalog) -> None:
        """Any catalogue reads back equal, by id (F-BUN-4)."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.catalogs.add(catalog)
            with storage.transaction() as tx:
                assert tx.catalogs.get(catalog.id) == catalog
                assert tx.catalogs.find(catalog.id) == catalog

    def test_missing_catalogue(self) -> None:
        """An unknown catalogue is None from find and NotFound from get."""
        with self.opened() as storage, storage.transaction() as tx:
            assert tx.catalogs.find(CatalogId("nowhere")) is None
            with pytest.raises(NotFound) as raised:
                tx.catalogs.get(CatalogId("nowhere"))
            assert raised.value.code == "storage.not_found"

    @FEW
    @given(catalog=combo_catalogs())
    def test_publishing_a_revision_replaces_the_catalogue(self, catalog: Catalog) -> None:
        """A newer revision saved over the stored one reads back as version 2."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.catalogs.add(catalog)
            with storage.transaction() as tx:
                stored = tx.catalogs.get(catalog.id)
                stored.publish(_revised(catalog, catalog.revision + 1), at=AT)
                tx.catalogs.save(stored)
            assert stored.version == 2
            with storage.transaction() as tx:
                again = tx.catalogs.get(catalog.id)
            assert (again.revision, again.version) == (catalog.revision + 1, 2)
            assert again == stored

    def test_revision_of_reads_the_stored_revision(self) -> None:
        """``revision_of``: None before the catalogue, then the revision each transaction sees."""
        catalog = default_catalog()
        with self.opened() as storage:
            with storage.transaction() as tx:
                assert tx.catalogs.revision_of(catalog.id) is None
                tx.catalogs.add(catalog)
                assert tx.catalogs.revision_of(catalog.id) == catalog.revision
            with storage.transaction() as tx:
                stored = tx.catalogs.get(catalog.id)
                stored.publish(_revised(catalog, 7), at=AT)
                tx.catalogs.save(stored)
            with storage.transaction() as tx:
                assert tx.catalogs.revision_of(catalog.id) == 7
                assert tx.catalogs.revision_of(CatalogId("nowhere")) is None

    def test_a_stale_catalogue_is_refused(self) -> None:
        """Two publications from one read: the second is a version conflict."""
        catalog = default_catalog()
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.catalogs.add(catalog)
            with storage.transaction() as tx:
                first, second = tx.catalogs.get(catalog.id), tx.catalogs.get(catalog.id)
            with storage.transaction() as tx:
                first.publish(_revised(catalog, catalog.revision + 1), at=AT)
                tx.catalogs.save(first)
            with pytest.raises(Conflict) as raised, storage.transaction() as tx:
                second.publish(_revised(catalog, catalog.revision + 2), at=AT)
                tx.catalogs.save(second)
            assert raised.value.code == "storage.version_conflict"
            with pytest.raises(Conflict) as raised, storage.transaction() as tx:
                tx.catalogs.add(copy.deepcopy(_revised(catalog, catalog.revision + 9)))
            assert raised.value.code == "storage.duplicate"

    def test_a_draft_is_stored_beside_its_catalogue_with_its_instant(self) -> None:
        """A draft (``default.draft``) is a catalogue of its own; ``updated_at`` reads back."""
        catalog = default_catalog()
        draft = Catalog(draft_id(catalog.id), catalog.revision + 1, catalog.plans, updated_at=AT)
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.catalogs.add(catalog)
                tx.catalogs.add(draft)
            with storage.transaction() as tx:
                stored = tx.catalogs.get(draft.id)
                assert tx.catalogs.revision_of(catalog.id) == catalog.revision
                assert tx.catalogs.get(catalog.id).updated_at is None
            assert (stored, stored.revision, stored.updated_at) == (draft, 4, AT)
            assert stored.updated_at is not None
            assert stored.updated_at.utcoffset() == AT.utcoffset()

    def test_a_rolled_back_publication_leaves_the_catalogue(self) -> None:
        """An exception in the block keeps the stored revision."""
        catalog = default_catalog()
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.catalogs.add(catalog)
            with pytest.raises(InjectedFailure), storage.transaction() as tx:
                stored = tx.catalogs.get(catalog.id)
                stored.publish(_revised(catalog, catalog.revision + 1), at=AT)
                tx.catalogs.save(stored)
                inject_failure()
            with storage.transaction() as tx:
                assert tx.catalogs.get(catalog.id) == catalog
