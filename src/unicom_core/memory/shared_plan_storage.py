"""4G shared plans in memory: a group by id and by its unique primary number (F-BIZ-3).

:class:`SharedPlanTables` holds the committed groups inside a
:class:`~unicom_core.memory.storage.MemoryStorage`; :class:`MemorySharedPlanRepositories`
mixes ``tx.shared_plans`` into the memory unit of work. The primary is a unique index
(``handling.shared_primary``), as the SQL adapter's unique column is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.handling import HANDLING_SHARED_PRIMARY, SharedPlan
from unicom_core.memory._repositories import MemoryRepository, Table, Unique
from unicom_core.ports.handling import SharedPlanRepository

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

__all__ = ["MemorySharedPlanRepositories", "MemorySharedPlanRepository", "SharedPlanTables"]


class SharedPlanTables:
    """The committed shared plans of one memory store (guarded by the store's lock)."""

    def __init__(self) -> None:
        by_primary = Unique[SharedPlan]("primary", lambda g: g.primary_id, HANDLING_SHARED_PRIMARY)
        self.groups = Table[SharedPlan]("shared_plan", by_primary)


class MemorySharedPlanRepository(MemoryRepository[SharedPlan], SharedPlanRepository):
    """Shared plans in memory (F-BIZ-3)."""

    def find_by_primary(self, subscriber_id: str, /) -> SharedPlan | None:
        """The group whose primary number is ``subscriber_id``, or None."""
        return self._find_unique("primary", subscriber_id)


class MemorySharedPlanRepositories:
    """``tx.shared_plans`` of a memory unit of work (mixed into ``MemoryUnitOfWork``)."""

    _shared_plans: MemorySharedPlanRepository

    def _check_open(self) -> None:
        raise NotImplementedError

    def _init_shared_plans(
        self, tables: SharedPlanTables, lock: threading.Lock, check_open: Callable[[], None]
    ) -> None:
        self._shared_plans = MemorySharedPlanRepository(tables.groups, lock, check_open)

    @property
    def shared_plans(self) -> MemorySharedPlanRepository:
        """The 4G shared plans (F-BIZ-3)."""
        self._check_open()
        return self._shared_plans
