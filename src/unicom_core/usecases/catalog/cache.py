"""The structured catalogue kept by its immutable revision (F-SHOP-4, F-BUN).

A published revision of a catalogue never changes: :meth:`CatalogService.publish
<unicom_core.usecases.catalog.service.CatalogService.publish>` stores a newer revision
instead. So the hall keeps the structured :class:`~unicom_core.domain.catalog.Catalog` of the
revision it last read, keyed by catalogue id and revision, and on every use asks the
repository only for the stored revision
(:meth:`~unicom_core.ports.catalog.storage.CatalogRepository.revision_of`, one column, no body
decoded). A revision published by another process (another web worker, the command line) is
therefore seen by the next query, as before; a revision published in this process is seen at
once as well. The revision check reads in the caller's transaction, so a payment prices with
the revision its own transaction sees.

The cache is one per storage (a weak mapping: a storage that is dropped drops its cache), and
a cached catalogue is shared by every caller: callers read it and never mutate it (the
install and publish use cases read a fresh aggregate to change it).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from unicom_core.domain.catalog import Catalog, CatalogId
    from unicom_core.ports.catalog import CatalogRepositories

__all__ = ["CatalogCache", "catalog_cache"]


class CatalogCache:
    """The structured catalogues of one storage, by catalogue id, each of one revision."""

    def __init__(self) -> None:
        self._catalogs: dict[CatalogId, Catalog] = {}

    def find(self, tx: CatalogRepositories, catalog_id: CatalogId) -> Catalog | None:
        """The catalogue ``catalog_id`` as ``tx`` sees it, structured once per revision.

        Shared and read-only: never mutate what this returns.
        """
        revision = tx.catalogs.revision_of(catalog_id)
        if revision is None:
            return None
        cached = self._catalogs.get(catalog_id)
        if cached is not None and cached.revision == revision:
            return cached
        catalog = tx.catalogs.find(catalog_id)
        if catalog is not None:
            self._catalogs[catalog_id] = catalog
        return catalog


_CACHES: weakref.WeakKeyDictionary[object, CatalogCache] = weakref.WeakKeyDictionary()


def catalog_cache(storage: object) -> CatalogCache:
    """The catalogue cache of ``storage`` (one per storage object, made on first use)."""
    cache = _CACHES.get(storage)
    if cache is None:
        cache = _CACHES.setdefault(storage, CatalogCache())
    return cache
