"""The composition root: ports in, a ready :class:`~unicom_core.hall.BusinessHall` out.

Every port has a default from :mod:`unicom_core.memory` so that a test or a first try needs
no set-up; production passes its own adapters (``unicom_sql.create_storage(url)``, ...).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.catalog_data import default_catalog_source
from unicom_core.hall import BusinessHall
from unicom_core.memory.clock import SystemClock
from unicom_core.memory.storage import MemoryStorage
from unicom_core.usecases.catalog import CatalogService

if TYPE_CHECKING:
    from unicom_core.ports.catalog import CatalogSource
    from unicom_core.ports.clock import Clock
    from unicom_core.ports.storage import Storage

__all__ = ["bootstrap"]


def bootstrap(
    *,
    storage: Storage | None = None,
    clock: Clock | None = None,
    catalog: CatalogSource | None = None,
) -> BusinessHall:
    """Wire the hall from its ports; any port left out gets its in-memory reference adapter.

    The catalogue of ``catalog`` (default: the one shipped with the library) is installed in
    the storage unless the storage holds a revision as new already (F-BUN, F-SHOP-4).
    """
    store = storage if storage is not None else MemoryStorage()
    time = clock if clock is not None else SystemClock()
    catalog_service = CatalogService(store, time)
    catalog_service.install(catalog if catalog is not None else default_catalog_source())
    return BusinessHall(storage=store, clock=time, catalog=catalog_service)
