"""The catalogue port: where the hall reads the offers it sells (F-BUN, F-SHOP-1, F-SHOP-4).

The catalogue is data (docs/explanation/catalogue.md): plans, packs, tiers, goods and
effective-dated price rules change without a release. A :class:`CatalogSource` hands the
hall a validated :class:`~unicom_core.domain.catalog.catalogs.Catalog`; the library ships a memory
source (:class:`unicom_core.memory.catalog.MemoryCatalogSource`) and a TOML file source
(:class:`unicom_core.catalog_data.TomlCatalogSource`, which also holds the default catalogue).
A carrier may bind its own product system instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from unicom_core.domain.catalog import Catalog

__all__ = ["CatalogSource"]


class CatalogSource(Protocol):
    """Supplies the catalogue, validated (F-BUN-4, F-SHOP-4)."""

    def load(self) -> Catalog:
        """Return the latest revision of the catalogue as a fresh, valid aggregate.

        Raises:
            InvalidInput: ``catalog.data`` when the source's data breaks a rule (with
                ``path``, ``field`` and, where the source has lines, ``line``).
            AdapterError: when the source cannot be read.
        """
        ...
