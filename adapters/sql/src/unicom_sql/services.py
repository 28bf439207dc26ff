"""The switchable services of the numbers in SQL (F-BIZ-1, F-BIZ-5, F-BIZ-6, F-BIZ-2).

A service state is an aggregate row like every other (id = the subscriber's id, version, the
cattrs body): it is only ever read by id, so it has no query columns. The WLAN password is
in the body as the password hasher's digest, never in clear.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.handling import ServiceState
from unicom_core.ports.handling import ServiceStateRepository
from unicom_sql import schema
from unicom_sql.repositories import _Kind, _Repository

if TYPE_CHECKING:
    from unicom_sql._session import Session

__all__ = ["SqlServiceRepositories", "SqlServiceStateRepository"]


def _no_keys(_state: ServiceState) -> dict[str, object]:
    return {}


SERVICE_STATES = _Kind("service_state", schema.service_states, ServiceState, _no_keys)


class SqlServiceStateRepository(_Repository[ServiceState], ServiceStateRepository):
    """Service states in table ``service_states``, by subscriber id."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, SERVICE_STATES)


class SqlServiceRepositories:
    """``tx.service_states`` of a SQL unit of work (mixed into ``SqlUnitOfWork``)."""

    _session: Session
    _service_states: SqlServiceStateRepository | None

    def _init_services(self, _session: Session) -> None:
        self._service_states = None  # built on first use

    @property
    def service_states(self) -> SqlServiceStateRepository:
        """The switchable services of the numbers (F-BIZ-1, F-BIZ-5, F-BIZ-6)."""
        self._session.check_open()
        if self._service_states is None:
            self._service_states = SqlServiceStateRepository(self._session)
        return self._service_states
