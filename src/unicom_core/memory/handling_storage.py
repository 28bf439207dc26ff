"""The handling records in memory: business records (F-QRY-5).

:class:`HandlingTables` holds the committed state inside a
:class:`~unicom_core.memory.storage.MemoryStorage`; :class:`MemoryHandling` is one
transaction's view of it, offered by the memory unit of work.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from unicom_core.domain.handling import BusinessRecord, RecordStatus
from unicom_core.domain.shared import to_shanghai
from unicom_core.memory._repositories import MemoryRepository, Table
from unicom_core.ports.handling import BusinessRecordRepository
from unicom_core.ports.shared import Page, PageRequest, check_limit

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable
    from datetime import datetime

__all__ = [
    "HandlingTables",
    "MemoryBusinessRecordRepository",
    "MemoryHandling",
    "MemoryHandlingRepositories",
]


class HandlingTables:
    """The committed handling state of one memory store (guarded by the store's lock)."""

    def __init__(self) -> None:
        self.records = Table[BusinessRecord]("business_record")


class MemoryBusinessRecordRepository(MemoryRepository[BusinessRecord], BusinessRecordRepository):
    """Business records in memory (F-QRY-5)."""

    def list_by_subscriber(
        self, subscriber_id: str, page: PageRequest, /, kind: str | None = None
    ) -> Page[BusinessRecord]:
        """A number's records (of ``kind``), newest request first."""
        return self._newest_first(
            lambda r: r.subscriber_id == subscriber_id and kind in {None, r.kind},
            lambda r: r.requested_at,
            page,
        )

    def pending_of(self, subscriber_id: str, /) -> list[BusinessRecord]:
        """A number's pending records, earliest effect first."""
        found = self._merged(
            lambda r: r.subscriber_id == subscriber_id and r.status is RecordStatus.PENDING
        )
        return sorted(found, key=lambda r: (r.effective_from, r.id))

    def due(self, until: datetime, limit: int, /) -> list[BusinessRecord]:
        """Pending records effective at or before ``until``, in the order they take effect."""
        count, at = check_limit(limit), to_shanghai(until, field="until")
        found = self._merged(lambda r: r.status is RecordStatus.PENDING and r.effective_from <= at)
        return sorted(found, key=lambda r: (r.effective_from, r.id))[:count]


class MemoryHandling:
    """One transaction's handling repositories over :class:`HandlingTables`."""

    def __init__(
        self, tables: HandlingTables, lock: threading.Lock, check_open: Callable[[], None]
    ) -> None:
        self.business_records = MemoryBusinessRecordRepository(tables.records, lock, check_open)

    def repositories(self) -> tuple[MemoryRepository[Any], ...]:
        """The aggregate repositories, in commit order."""
        return (self.business_records,)


class MemoryHandlingRepositories:
    """The handling repositories of a memory unit of work (mixed into ``MemoryUnitOfWork``)."""

    _handling: MemoryHandling

    def _check_open(self) -> None:
        raise NotImplementedError

    @property
    def business_records(self) -> MemoryBusinessRecordRepository:
        """The business records (F-QRY-5)."""
        self._check_open()
        return self._handling.business_records
