"""The storage the handling use cases need: business records (F-QRY-5).

Part of the storage port (:class:`~unicom_core.ports.storage.UnitOfWork` offers these
repositories). A record's id is derived from the number and the request id
(:func:`~unicom_core.domain.handling.record_id_of`), so adding a record twice for one request
is a ``storage.duplicate``: the engine's idempotency rests on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from unicom_core.domain.handling import BusinessRecord
from unicom_core.ports.access import AccessRepositories
from unicom_core.ports.billing import BillingRepositories
from unicom_core.ports.catalog import CatalogRepositories
from unicom_core.ports.handling.points import PointsRepositories
from unicom_core.ports.handling.services import ServiceRepositories
from unicom_core.ports.handling.shared_plans import SharedPlanRepositories
from unicom_core.ports.payments import PaymentRepositories
from unicom_core.ports.shared import Repository, SharedRepositories
from unicom_core.ports.subscribers import SubscriberRepositories

if TYPE_CHECKING:
    from collections.abc import Sequence
    from contextlib import AbstractContextManager
    from datetime import datetime

    from unicom_core.ports.shared import Page, PageRequest

__all__ = [
    "BusinessRecordRepository",
    "HandlingRepositories",
    "HandlingStorage",
    "HandlingUnitOfWork",
]


class BusinessRecordRepository(Repository[BusinessRecord, str], Protocol):
    """Business records by id (F-QRY-5)."""

    def list_by_subscriber(
        self, subscriber_id: str, page: PageRequest, /, kind: str | None = None
    ) -> Page[BusinessRecord]:
        """A number's records (of one ``kind``, if given), newest request first, then by id."""
        ...

    def pending_of(self, subscriber_id: str, /) -> Sequence[BusinessRecord]:
        """A number's PENDING records, earliest ``effective_from`` first, then by id."""
        ...

    def due(self, until: datetime, limit: int, /) -> Sequence[BusinessRecord]:
        """At most ``limit`` (1..500) PENDING records effective at or before ``until``.

        Ordered by ``effective_from``, then id: the order the changes take effect in.
        """
        ...


class HandlingRepositories(Protocol):
    """The repositories of the handling area, as a unit of work offers them."""

    @property
    def business_records(self) -> BusinessRecordRepository:
        """The business records."""
        ...


class HandlingUnitOfWork(
    SharedRepositories,
    SubscriberRepositories,
    CatalogRepositories,
    BillingRepositories,
    PaymentRepositories,
    HandlingRepositories,
    PointsRepositories,
    SharedPlanRepositories,
    ServiceRepositories,
    AccessRepositories,
    Protocol,
):
    """What one transaction offers the handling use cases.

    The access repositories too: a query asks the permission check in its own transaction
    (:class:`~unicom_core.ports.access.ScopedAuthorizer`).
    """


class HandlingStorage(Protocol):
    """A store whose transactions offer the handling repositories (every ``Storage`` does)."""

    def transaction(self) -> AbstractContextManager[HandlingUnitOfWork]:
        """A new unit of work (see :meth:`unicom_core.ports.storage.Storage.transaction`)."""
        ...

    def read(self) -> AbstractContextManager[HandlingUnitOfWork]:
        """A read-only unit of work (see :meth:`unicom_core.ports.storage.Storage.read`)."""
        ...
