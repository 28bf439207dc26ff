"""MemoryCatalogSource: a catalogue held in memory, for tests and embedders (F-BUN, F-SHOP-4)."""

from __future__ import annotations

import copy
import threading
from typing import TYPE_CHECKING

from unicom_core.domain.catalog import CATALOG_STALE_REVISION
from unicom_core.ports.catalog import CatalogSource

if TYPE_CHECKING:
    from unicom_core.domain.catalog import Catalog

__all__ = ["MemoryCatalogSource"]


class MemoryCatalogSource(CatalogSource):
    """Holds one catalogue; :meth:`publish` replaces it with a newer revision. Thread-safe."""

    def __init__(self, catalog: Catalog) -> None:
        self._lock = threading.Lock()
        self._catalog = copy.deepcopy(catalog)

    def load(self) -> Catalog:
        """Return a copy of the catalogue held."""
        with self._lock:
            return copy.deepcopy(self._catalog)

    def publish(self, catalog: Catalog) -> None:
        """Hold ``catalog`` from now on; ``Conflict`` ``catalog.stale_revision`` unless newer."""
        with self._lock:
            if catalog.revision <= self._catalog.revision:
                raise CATALOG_STALE_REVISION.error(
                    f"revision {catalog.revision} is not newer than {self._catalog.revision}",
                    revision=catalog.revision,
                    published=self._catalog.revision,
                )
            self._catalog = copy.deepcopy(catalog)
