"""The switchable services of the numbers in memory (F-BIZ-1, F-BIZ-5, F-BIZ-6, F-BIZ-2).

:class:`ServiceTables` holds the committed service states inside a
:class:`~unicom_core.memory.storage.MemoryStorage`; :class:`MemoryServiceRepositories` mixes
``tx.service_states`` into the memory unit of work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.handling import ServiceState
from unicom_core.memory._repositories import MemoryRepository, Table
from unicom_core.ports.handling import ServiceStateRepository

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

__all__ = ["MemoryServiceRepositories", "MemoryServiceStateRepository", "ServiceTables"]


class ServiceTables:
    """The committed service states of one memory store (guarded by the store's lock)."""

    def __init__(self) -> None:
        self.states = Table[ServiceState]("service_state")


class MemoryServiceStateRepository(MemoryRepository[ServiceState], ServiceStateRepository):
    """Service states in memory, by subscriber id."""


class MemoryServiceRepositories:
    """``tx.service_states`` of a memory unit of work (mixed into ``MemoryUnitOfWork``)."""

    _service_states: MemoryServiceStateRepository

    def _check_open(self) -> None:
        raise NotImplementedError

    def _init_services(
        self, tables: ServiceTables, lock: threading.Lock, check_open: Callable[[], None]
    ) -> None:
        self._service_states = MemoryServiceStateRepository(tables.states, lock, check_open)

    @property
    def service_states(self) -> MemoryServiceStateRepository:
        """The switchable services of the numbers (F-BIZ-1, F-BIZ-5, F-BIZ-6)."""
        self._check_open()
        return self._service_states
