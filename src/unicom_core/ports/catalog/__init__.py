"""Where catalogues come from (a carrier's product system) and where they are stored."""

from __future__ import annotations

from unicom_core.ports.catalog.source import (
    CatalogSource,
)
from unicom_core.ports.catalog.storage import (
    CatalogRepositories,
    CatalogRepository,
)

__all__ = [
    "CatalogRepositories",
    "CatalogRepository",
    "CatalogSource",
]
