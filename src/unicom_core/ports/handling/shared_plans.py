"""The storage of 4G shared plans (主副卡): a group by its primary number (F-BIZ-3).

Part of the storage port (:class:`~unicom_core.ports.storage.UnitOfWork` offers
``tx.shared_plans``). A group's primary is unique in the store: adding or saving a second
group with the same primary is ``Conflict`` ``handling.shared_primary``.
"""

from __future__ import annotations

from typing import Protocol

from unicom_core.domain.handling import SharedPlan
from unicom_core.ports.shared import Repository

__all__ = ["SharedPlanRepositories", "SharedPlanRepository"]


class SharedPlanRepository(Repository[SharedPlan, str], Protocol):
    """Shared plans by id, and by primary number (F-BIZ-3)."""

    def find_by_primary(self, subscriber_id: str, /) -> SharedPlan | None:
        """The group whose primary number is ``subscriber_id``, or None."""
        ...


class SharedPlanRepositories(Protocol):
    """``tx.shared_plans``, as a unit of work offers it."""

    @property
    def shared_plans(self) -> SharedPlanRepository:
        """The 4G shared plans (F-BIZ-3)."""
        ...
