"""The handling repositories in SQL: business records (F-QRY-5).

A record is an aggregate row like every other (id, version, the cattrs body) with the columns
its queries filter or order on: the number, the kind, when it was requested, when it takes
effect and whether it is ``pending`` (the worklist of due changes, kept in step with the body
by every save). Times are UTC microseconds since the epoch (:func:`unicom_sql.repositories.
micros`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.handling import BusinessRecord, RecordStatus
from unicom_core.domain.shared import to_shanghai
from unicom_core.ports.handling import BusinessRecordRepository
from unicom_core.ports.shared import Page, PageRequest, check_limit
from unicom_sql import schema
from unicom_sql.repositories import _Kind, _Listing, micros

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_sql._session import Session

__all__ = ["SqlBusinessRecordRepository", "SqlHandlingRepositories"]


def _record_keys(record: BusinessRecord) -> dict[str, object]:
    return {
        "subscriber_id": record.subscriber_id,
        "kind": record.kind,
        "requested_at_us": micros(record.requested_at),
        "effective_from_us": micros(record.effective_from),
        "pending": record.status is RecordStatus.PENDING,
    }


RECORDS = _Kind("business_record", schema.business_records, BusinessRecord, _record_keys)


class SqlBusinessRecordRepository(_Listing, BusinessRecordRepository):
    """Business records in SQL (F-QRY-5)."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, RECORDS)

    def list_by_subscriber(
        self, subscriber_id: str, page: PageRequest, /, kind: str | None = None
    ) -> Page[BusinessRecord]:
        """A number's records (of ``kind``), newest request first."""
        t = self._table
        where = t.c.subscriber_id == subscriber_id
        if kind is not None:
            where = where & (t.c.kind == kind)
        return self._newest_first(where, "requested_at_us", page)

    def pending_of(self, subscriber_id: str, /) -> list[BusinessRecord]:
        """A number's pending records, earliest effect first."""
        t = self._table
        query = self._bodies(t.c.subscriber_id == subscriber_id, t.c.pending.is_(True))
        return self._rows(query.order_by(t.c.effective_from_us, t.c.id))

    def due(self, until: datetime, limit: int, /) -> list[BusinessRecord]:
        """Pending records effective at or before ``until``, in the order they take effect."""
        count, at = check_limit(limit), micros(to_shanghai(until, field="until"))
        t = self._table
        query = self._bodies(t.c.pending.is_(True), t.c.effective_from_us <= at)
        return self._rows(query.order_by(t.c.effective_from_us, t.c.id).limit(count))


class SqlHandlingRepositories:
    """The handling repositories of a SQL unit of work (mixed into ``SqlUnitOfWork``)."""

    _session: Session
    _business_records: SqlBusinessRecordRepository | None

    def _init_handling(self, _session: Session) -> None:
        self._business_records = None  # built on first use

    @property
    def business_records(self) -> SqlBusinessRecordRepository:
        """The business records (F-QRY-5)."""
        self._session.check_open()
        if self._business_records is None:
            self._business_records = SqlBusinessRecordRepository(self._session)
        return self._business_records
