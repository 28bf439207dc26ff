"""The composition root: ports in, a ready :class:`~unicom_core.hall.BusinessHall` out.

Every port has a default from :mod:`unicom_core.memory` so that a test or a first try needs
no set-up; production passes its own adapters (``unicom_sql.create_storage(url)``, ...).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.hall import BusinessHall
from unicom_core.memory.clock import SystemClock
from unicom_core.memory.storage import MemoryStorage

if TYPE_CHECKING:
    from unicom_core.ports.clock import Clock
    from unicom_core.ports.storage import Storage

__all__ = ["bootstrap"]


def bootstrap(*, storage: Storage | None = None, clock: Clock | None = None) -> BusinessHall:
    """Wire the hall from its ports; any port left out gets its in-memory reference adapter."""
    return BusinessHall(
        storage=storage if storage is not None else MemoryStorage(),
        clock=clock if clock is not None else SystemClock(),
    )
