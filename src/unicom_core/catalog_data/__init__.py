"""The catalogue as data: the default catalogue file and the TOML source that reads it.

:class:`TomlCatalogSource` implements the :class:`~unicom_core.ports.catalog.source.CatalogSource`
port over a TOML file; :func:`default_catalog` reads the catalogue that ships with the library
(``default.toml``: the 4G national combination plan as published, F-BUN, and the recharge
price rule of F-SHOP-4). Every problem in a file is an ``InvalidInput`` ``catalog.data``
naming its ``line``, ``path`` and ``field``.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from unicom_core.catalog_data._lines import line_of
from unicom_core.catalog_data._loader import load_catalog_text
from unicom_core.domain.catalog import CATALOG_DATA, CATALOG_UNREADABLE
from unicom_core.ports.catalog import CatalogSource

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from unicom_core.domain.catalog import Catalog

__all__ = [
    "DEFAULT_CATALOG_RESOURCE",
    "TomlCatalogSource",
    "default_catalog",
    "default_catalog_source",
    "line_of",
    "load_catalog_text",
]

DEFAULT_CATALOG_RESOURCE = "default.toml"
"""The file name of the default catalogue inside this package."""


class TomlCatalogSource(CatalogSource):
    """A catalogue read from a TOML file each time it is loaded (F-BUN, F-SHOP-4)."""

    def __init__(self, path: str | Path | Traversable) -> None:
        self._path = Path(path) if isinstance(path, str) else path

    def __repr__(self) -> str:
        return f"TomlCatalogSource({str(self._path)!r})"

    def load(self) -> Catalog:
        """Read and validate the file.

        Raises:
            InvalidInput: ``catalog.data`` (with ``line``, ``path``, ``field``, ``rule``).
            AdapterError: ``catalog.unreadable`` when the file cannot be read.
        """
        origin = str(self._path)
        try:
            text = self._path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise CATALOG_DATA.error(
                f"{origin}: not UTF-8 text: {error.reason}",
                path="$",
                line=None,
                field=None,
                rule="catalog.encoding",
                source=origin,
            ) from None
        except OSError as error:
            raise CATALOG_UNREADABLE.error(
                f"cannot read {origin}: {error}", source=origin
            ) from error
        return load_catalog_text(text, origin)


def default_catalog_source() -> TomlCatalogSource:
    """The source of the catalogue shipped with the library."""
    return TomlCatalogSource(resources.files(__name__) / DEFAULT_CATALOG_RESOURCE)


def default_catalog() -> Catalog:
    """The catalogue shipped with the library, freshly loaded (F-BUN, F-SHOP-4)."""
    return default_catalog_source().load()
