"""MemoryNumberPool: the reference number pool (F-NUM-1..3), a dict under one lock.

Search is the definition itself: a linear scan of every row with
:meth:`NumberQuery.matches <unicom_core.domain.numbers.NumberQuery.matches>` and
:meth:`PoolNumber.available <unicom_core.domain.numbers.PoolNumber.available>`, sorted by
tier rank and number. Fine for tests and the demo's few thousand numbers; the SQL adapter
(``unicom_sql.SqlNumberPool``) indexes ten million. Every change happens under the lock,
so of concurrent reservers exactly one wins.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.numbers import (
    NUMBER_DUPLICATE,
    NUMBER_RESERVATION_EXPIRED,
    NUMBER_RESERVATION_UNKNOWN,
    NUMBER_TAKEN,
    NUMBER_UNKNOWN,
    NumberPage,
    NumberStatus,
    PoolNumber,
    Reservation,
)
from unicom_core.ports.numbers import NumberPool

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from unicom_core.domain.numbers import NumberQuery

__all__ = ["MemoryNumberPool"]


class MemoryNumberPool(NumberPool):
    """The number pool in a dict (module docstring); thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rows: dict[str, PoolNumber] = {}

    def load(self, rows: Iterable[PoolNumber], /) -> int:
        """Add new numbers, all or nothing (``number.duplicate``)."""
        batch: dict[str, PoolNumber] = {}
        for row in rows:
            if row.number in batch:
                raise NUMBER_DUPLICATE.error(number=row.number)
            batch[row.number] = row
        with self._lock:
            for number in batch:
                if number in self._rows:
                    raise NUMBER_DUPLICATE.error(number=number)
            self._rows.update(batch)
        return len(batch)

    def find(self, number: str, /) -> PoolNumber | None:
        """The stored row of ``number``, or None."""
        with self._lock:
            return self._rows.get(number)

    def search(self, query: NumberQuery, now: datetime, /) -> NumberPage:
        """A linear scan: every available row the query matches, in (tier, number) order."""
        with self._lock:
            rows = list(self._rows.values())
        found = sorted(
            (row for row in rows if row.available(now) and query.matches(row)),
            key=lambda row: row.sort_key,
        )
        end = query.offset + query.limit
        shown = tuple(
            attrs.evolve(row, status=NumberStatus.FREE, reservation=None)
            for row in found[query.offset : end]
        )
        return NumberPage(shown, query.offset, query.limit, end < len(found))

    def reserve(self, reservation: Reservation, /) -> None:
        """Hold the number if it is available at ``reservation.reserved_at``."""
        with self._lock:
            row = self._rows.get(reservation.number)
            if row is None:
                raise NUMBER_UNKNOWN.error()
            if not row.available(reservation.reserved_at):
                raise NUMBER_TAKEN.error()
            self._rows[row.number] = attrs.evolve(
                row, status=NumberStatus.RESERVED, reservation=reservation
            )

    def _holding(self, reservation: Reservation) -> PoolNumber:
        row = self._rows.get(reservation.number)
        if (
            row is None
            or row.status is not NumberStatus.RESERVED
            or row.reservation is None
            or row.reservation.id != reservation.id
        ):
            raise NUMBER_RESERVATION_UNKNOWN.error()
        return row

    def release(self, reservation: Reservation, /) -> None:
        """Free the number the reservation holds."""
        with self._lock:
            row = self._holding(reservation)
            self._rows[row.number] = attrs.evolve(row, status=NumberStatus.FREE, reservation=None)

    def sell(self, reservation: Reservation, now: datetime, /) -> PoolNumber:
        """RESERVED -> SOLD under a reservation still valid at ``now``."""
        with self._lock:
            row = self._holding(reservation)
            if not reservation.valid_at(now):
                raise NUMBER_RESERVATION_EXPIRED.error()
            sold = attrs.evolve(row, status=NumberStatus.SOLD)
            self._rows[row.number] = sold
            return sold

    def reservations_of(self, holder: str, now: datetime, /) -> tuple[Reservation, ...]:
        """The holder's reservations valid at ``now``, soonest to end first."""
        with self._lock:
            held = [
                row.reservation
                for row in self._rows.values()
                if row.status is NumberStatus.RESERVED
                and row.reservation is not None
                and row.reservation.holder == holder
                and row.reservation.valid_at(now)
            ]
        return tuple(sorted(held, key=lambda r: (r.until, r.number)))

    def purge_expired(self, now: datetime, limit: int, /) -> int:
        """Set at most ``limit`` ended reservations back to FREE."""
        with self._lock:
            ended = [
                row
                for row in self._rows.values()
                if row.status is NumberStatus.RESERVED and row.available(now)
            ][:limit]
            for row in ended:
                self._rows[row.number] = attrs.evolve(
                    row, status=NumberStatus.FREE, reservation=None
                )
        return len(ended)

    def close(self) -> None:
        """Nothing to release."""
