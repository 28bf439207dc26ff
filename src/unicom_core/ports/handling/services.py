"""The storage of a number's switchable services (F-BIZ-1, F-BIZ-5, F-BIZ-6, F-BIZ-2).

A :class:`~unicom_core.domain.handling.ServiceState` is stored by its subscriber's id, under
the storage port's rules (copies, versions, ``storage.version_conflict``). A number that never
changed a service has none stored: read it as
:meth:`ServiceState.new <unicom_core.domain.handling.ServiceState.new>`. Every unit of work
offers the repository as ``tx.service_states`` (:class:`ServiceRepositories`).
"""

from __future__ import annotations

from typing import Protocol

from unicom_core.domain.handling import ServiceState
from unicom_core.ports.shared import Repository

__all__ = ["ServiceRepositories", "ServiceStateRepository"]


class ServiceStateRepository(Repository[ServiceState, str], Protocol):
    """The service states by subscriber id (F-BIZ-1, F-BIZ-5, F-BIZ-6)."""


class ServiceRepositories(Protocol):
    """The service states, as a unit of work offers them."""

    @property
    def service_states(self) -> ServiceStateRepository:
        """The switchable services of the numbers (forwarding, roaming, WLAN, 4G)."""
        ...
