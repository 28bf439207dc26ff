"""4G shared plans in SQL: a group by id and by its unique primary number (F-BIZ-3).

A group is an aggregate row like every other (id, version, the cattrs body) with the column
its lookup filters on: ``primary_id``, unique, so a number is the primary of one group at
most (``handling.shared_primary``, as in the memory reference).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.handling import HANDLING_SHARED_PRIMARY, SharedPlan
from unicom_core.ports.handling import SharedPlanRepository
from unicom_sql import schema
from unicom_sql.repositories import _Kind, _Repository

if TYPE_CHECKING:
    from unicom_sql._session import Session

__all__ = ["SqlSharedPlanRepositories", "SqlSharedPlanRepository"]


def _group_keys(group: SharedPlan) -> dict[str, object]:
    return {"primary_id": group.primary_id}


SHARED_PLANS = _Kind(
    "shared_plan",
    schema.shared_plans,
    SharedPlan,
    _group_keys,
    (("primary_id", "primary", HANDLING_SHARED_PRIMARY),),
)


class SqlSharedPlanRepository(_Repository[SharedPlan], SharedPlanRepository):
    """Shared plans in table ``shared_plans`` (F-BIZ-3)."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, SHARED_PLANS)

    def find_by_primary(self, subscriber_id: str, /) -> SharedPlan | None:
        """The group whose primary number is ``subscriber_id``, or None."""
        return self._find_by(self._table.c.primary_id == subscriber_id)


class SqlSharedPlanRepositories:
    """``tx.shared_plans`` of a SQL unit of work (mixed into ``SqlUnitOfWork``)."""

    _session: Session
    _shared_plans: SqlSharedPlanRepository | None

    def _init_shared_plans(self, _session: Session) -> None:
        self._shared_plans = None  # built on first use

    @property
    def shared_plans(self) -> SqlSharedPlanRepository:
        """The 4G shared plans (F-BIZ-3)."""
        self._session.check_open()
        if self._shared_plans is None:
            self._shared_plans = SqlSharedPlanRepository(self._session)
        return self._shared_plans
