"""The numbers area of the hall (號碼隨心搜, F-NUM-1..3): search, reserve, release, sell.

:class:`NumbersService` is ``hall.numbers``:

* :meth:`NumbersService.search` is public (no session): the shop shows the pool to
  anyone; it lists only numbers available now, by tier rank then number (F-NUM-1);
* :meth:`NumbersService.reserve` needs a session with ``number.reserve`` (a
  service-password login by default; not in F-AUTH-5's random-password list): it holds the
  number for :attr:`NumbersSettings.hold` (default 30 minutes) for the session's customer,
  at most :attr:`NumbersSettings.max_reservations` numbers at a time (F-NUM-3);
* :meth:`NumbersService.release` gives the number back; :meth:`NumbersService.sell` moves
  it from RESERVED to SOLD for the order use case that will take the reservation;
* :meth:`NumbersService.load` classifies and adds numbers (the carrier's bulk load, F-NUM-2),
  :meth:`NumbersService.purge_expired` tidies ended reservations (correctness never waits
  for it: an ended reservation counts as free everywhere).

Every instant comes from the hall's clock, in Asia/Shanghai (F-CAL-1).
"""

from __future__ import annotations

import functools
from datetime import timedelta
from importlib import resources
from typing import TYPE_CHECKING, Final

import attrs

from unicom_core.domain.access import NUMBER_RESERVE
from unicom_core.domain.numbers import (
    NUMBER_RESERVATION_UNKNOWN,
    NUMBER_SETTINGS,
    NUMBER_TOO_MANY_RESERVATIONS,
    NUMBER_UNKNOWN,
    NumberQuery,
    NumberStatus,
    PatternTable,
    Reservation,
    check_pool_number,
    pattern_table_from_toml,
)
from unicom_core.domain.shared import new_id, to_shanghai
from unicom_core.ports.shared import check_limit

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from datetime import datetime

    from unicom_core.domain.numbers import NumberPage, PoolNumber
    from unicom_core.ports.numbers import NumberPool
    from unicom_core.ports.shared import Authorizer, Clock

__all__ = [
    "DEFAULT_CLASSES_RESOURCE",
    "NumbersService",
    "NumbersSettings",
    "PoolEntry",
    "default_pattern_table",
]

DEFAULT_CLASSES_RESOURCE: Final = "classes.toml"
"""The file name of the default pattern table inside this package."""
_MAX_HOLD: Final = timedelta(days=7)
_MAX_RESERVATIONS: Final = 100
_LOAD_CHUNK: Final = 50_000


@functools.cache
def default_pattern_table() -> PatternTable:
    """The pattern classes and tiers shipped with the library (``classes.toml``).

    Read and indexed once per process (about a third of a second: the index of every
    class's expansions) and shared: the table is immutable, so every hall may hold it.
    """
    text = (resources.files(__package__ or __name__) / DEFAULT_CLASSES_RESOURCE).read_text("utf-8")
    return pattern_table_from_toml(text)


def _table(_instance: object, attribute: attrs.Attribute[PatternTable], value: object) -> None:
    if not isinstance(value, PatternTable):
        raise NUMBER_SETTINGS.error(field=attribute.name)


def _hold(_instance: object, attribute: attrs.Attribute[timedelta], value: object) -> None:
    if not isinstance(value, timedelta) or not timedelta(minutes=1) <= value <= _MAX_HOLD:
        raise NUMBER_SETTINGS.error(field=attribute.name)


def _count(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= _MAX_RESERVATIONS:
        raise NUMBER_SETTINGS.error(field=attribute.name)


@attrs.frozen(slots=True, kw_only=True)
class NumbersSettings:
    """The pattern table and the reservation rules of a hall (data; defaults ship)."""

    table: PatternTable = attrs.field(factory=default_pattern_table, validator=_table)
    hold: timedelta = attrs.field(default=timedelta(minutes=30), validator=_hold)
    """How long a reservation holds its number (1 minute .. 7 days)."""
    max_reservations: int = attrs.field(default=3, validator=_count)
    """How many numbers one customer may hold reserved at a time (1..100)."""


@attrs.frozen(slots=True)
class PoolEntry:
    """A number the carrier adds to the pool: where it is sold, whether it is held back."""

    number: str
    province: str
    city: str
    held: bool = False


class NumbersService:
    """The numbers area of the hall (module docstring; F-NUM-1..3).

    Args:
        pool: the number pool port.
        clock: the hall's clock.
        authorizer: the permission check (``hall.access``).
        settings: the pattern table and the reservation rules.
    """

    def __init__(
        self,
        pool: NumberPool,
        clock: Clock,
        *,
        authorizer: Authorizer,
        settings: NumbersSettings | None = None,
    ) -> None:
        self._pool, self._clock, self._authorizer = pool, clock, authorizer
        self.settings = settings if settings is not None else NumbersSettings()

    def _now(self) -> datetime:
        return to_shanghai(self._clock.now(), field="clock")

    @property
    def table(self) -> PatternTable:
        """The pattern classes and tiers in force (F-NUM-2)."""
        return self.settings.table

    def search(self, query: NumberQuery) -> NumberPage:
        """The page of numbers available now that ``query`` matches (F-NUM-1); public."""
        if not isinstance(query, NumberQuery):
            raise NUMBER_SETTINGS.error("search takes a NumberQuery", field="query")
        return self._pool.search(query, self._now())

    def number(self, number: str) -> PoolNumber:
        """The pool row of ``number`` with its status now (a reservation's holder hidden)."""
        row = self._pool.find(check_pool_number(number))
        if row is None:
            raise NUMBER_UNKNOWN.error()
        now = self._now()
        return attrs.evolve(row, status=row.status_at(now), reservation=None)

    def reserve(self, token: str, number: str) -> Reservation:
        """Hold ``number`` for the session's customer for :attr:`NumbersSettings.hold`.

        Raises:
            Refused: the permission check's codes; ``number.too_many_reservations``.
            NotFound: ``number.unknown``.
            Conflict: ``number.taken``.
        """
        holder = self._holder(token)
        number = check_pool_number(number)
        now = self._now()
        limit = self.settings.max_reservations
        if len(self._pool.reservations_of(holder, now)) >= limit:
            raise NUMBER_TOO_MANY_RESERVATIONS.error(limit=limit)
        reservation = Reservation(new_id(), number, holder, now, now + self.settings.hold)
        self._pool.reserve(reservation)
        return reservation

    def reservations(self, token: str) -> tuple[Reservation, ...]:
        """The numbers the session's customer holds reserved now, soonest to end first."""
        return self._pool.reservations_of(self._holder(token), self._now())

    def release(self, token: str, number: str) -> None:
        """Give back the session customer's reservation of ``number``.

        Raises:
            NotFound: ``number.reservation_unknown`` (none, ended, or another customer's).
        """
        holder = self._holder(token)
        row = self._pool.find(check_pool_number(number))
        reservation = None if row is None else row.reservation
        if (
            row is None
            or reservation is None
            or row.status is not NumberStatus.RESERVED
            or reservation.holder != holder
            or not reservation.valid_at(self._now())
        ):
            raise NUMBER_RESERVATION_UNKNOWN.error()
        self._pool.release(reservation)

    def sell(self, reservation: Reservation) -> PoolNumber:
        """RESERVED -> SOLD under ``reservation`` (for the order use case, F-NUM-3)."""
        return self._pool.sell(reservation, self._now())

    def load(self, entries: Iterable[PoolEntry]) -> int:
        """Classify ``entries`` with the table in force and add them (F-NUM-2); how many.

        Loaded in chunks of 50,000 (each all or nothing).
        """
        total = 0
        for chunk in _chunks(self._rows(entries), _LOAD_CHUNK):
            total += self._pool.load(chunk)
        return total

    def _rows(self, entries: Iterable[PoolEntry]) -> Iterator[PoolNumber]:
        table = self.settings.table
        for entry in entries:
            status = NumberStatus.HELD if entry.held else NumberStatus.FREE
            # the row checks the number (PoolNumber): checking it here too cost a tenth of a load
            yield table.row(entry.number, entry.province, entry.city, status)

    def purge_expired(self, limit: int = 500) -> int:
        """Set ended reservations back to FREE, ``limit`` per call (tidiness); how many."""
        return self._pool.purge_expired(self._now(), check_limit(limit))

    def _holder(self, token: str) -> str:
        granted = self._authorizer.authorize(token, NUMBER_RESERVE)
        return str(granted.subscriber.customer_id)


def _chunks(rows: Iterable[PoolNumber], size: int) -> Iterator[list[PoolNumber]]:
    chunk: list[PoolNumber] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
