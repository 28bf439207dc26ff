"""Where catalogues are stored: one aggregate per catalogue id, replaced by each revision."""

from __future__ import annotations

from typing import Protocol

from unicom_core.domain.catalog import Catalog, CatalogId
from unicom_core.ports.shared import Repository

__all__ = ["CatalogRepositories", "CatalogRepository"]


class CatalogRepository(Repository[Catalog, CatalogId], Protocol):
    """Catalogues: one aggregate per catalogue id, replaced whole by each revision (F-BUN)."""

    def revision_of(self, catalog_id: CatalogId, /) -> int | None:
        """The stored revision of the catalogue ``catalog_id``, or None when none is stored.

        A cheap read (no aggregate built): the hall caches a structured revision and asks
        this to know whether it is still the published one (F-SHOP-4).
        """
        ...


class CatalogRepositories(Protocol):
    """The repositories of the catalogue area, as a unit of work offers them."""

    @property
    def catalogs(self) -> CatalogRepository:
        """The catalogues (F-BUN, F-SHOP-4)."""
        ...
