"""Where catalogues are stored: one aggregate per catalogue id, replaced by each revision."""

from __future__ import annotations

from typing import Protocol

from unicom_core.domain.catalog import Catalog, CatalogId
from unicom_core.ports.shared import Repository

__all__ = ["CatalogRepositories", "CatalogRepository"]


class CatalogRepository(Repository[Catalog, CatalogId], Protocol):
    """Catalogues: one aggregate per catalogue id, replaced whole by each revision (F-BUN)."""


class CatalogRepositories(Protocol):
    """The repositories of the catalogue area, as a unit of work offers them."""

    @property
    def catalogs(self) -> CatalogRepository:
        """The catalogues (F-BUN, F-SHOP-4)."""
        ...
