"""``SqlNumberPool``: the number pool port on SQLAlchemy Core, SQLite and PostgreSQL (F-NUM).

One row per number in ``number_pool`` with its search columns precomputed when it is
loaded (the 4-digit windows ``w3``..``w7``, the segment, the tier rank, the pattern classes
also listed in ``number_classes``); the search plans are :mod:`unicom_sql.number_search`.

Atomicity: a reservation is one conditional ``UPDATE ... WHERE number = ? AND (status =
'free' OR (status = 'reserved' AND reserved_until_us <= now))``: the database lets exactly
one of any number of concurrent reservers change the row (SQLite serializes writers with
``BEGIN IMMEDIATE``; PostgreSQL re-checks the condition after a concurrent update of the
row), and the loser's update changes nothing. Release and sell are conditional on the
reservation id the row holds. Instants are UTC microseconds.

Bulk loading ten million numbers: :meth:`SqlNumberPool.bulk_loading` drops the secondary
indexes, loads (PostgreSQL by ``COPY``, SQLite by ``executemany`` in one transaction per
chunk), then builds the indexes once (SQLite sorting with a helper thread, PostgreSQL with
256 MiB of ``maintenance_work_mem``) and updates the planner statistics, which the search
plans rely on (SQLite's skip-scan of a prefix range needs them).
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import Index, and_, delete, insert, select, text, update

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
from unicom_core.domain.shared import SEGMENT_RULES, SHANGHAI
from unicom_core.errors import Conflict
from unicom_core.ports.numbers import NumberPool
from unicom_sql.engines import READ_ONLY_OPTIONS, create_engine, printable
from unicom_sql.errors import translated
from unicom_sql.number_search import ROW_COLUMNS, available, search_rows
from unicom_sql.repositories import instant_of, micros
from unicom_sql.schema import number_pool, number_reservations

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from datetime import datetime

    from sqlalchemy import Connection, Engine, Row

    from unicom_core.domain.numbers import NumberQuery

__all__ = ["SqlNumberPool"]

_CHUNK: Final = 20_000
_UNIQUE_VIOLATION: Final = "23505"
_IN_CHUNK: Final = 500
_SEGMENTS: Final = tuple(sorted({rule.prefix[:3] for rule in SEGMENT_RULES}))
_SECONDARY: Final = tuple(index for index in number_pool.indexes if isinstance(index, Index))
_POOL_COLUMNS: Final = tuple(column.name for column in number_pool.columns)
_INDEX_BUILD: Final = {
    "sqlite": ("PRAGMA threads = 2", "PRAGMA cache_size = -262144"),
    "postgresql": ("SET LOCAL maintenance_work_mem = '256MB'",),
}
"""While the indexes are built: SQLite and PostgreSQL sort in 256 MiB (SQLite: a helper thread)."""
_INDEX_BUILT: Final = {"sqlite": ("PRAGMA threads = 0", "PRAGMA cache_size = -2000")}
"""SQLite's default back on the pooled connection (PostgreSQL's ``SET LOCAL`` ends itself)."""
_SQLITE_INSERT: Final = (
    f"INSERT INTO number_pool ({', '.join(_POOL_COLUMNS)}) "  # noqa: S608 - our column names
    f"VALUES ({', '.join('?' for _ in _POOL_COLUMNS)})"
)


def _pool_row(row: PoolNumber) -> tuple[Any, ...]:
    value = int(row.number)
    return (
        value,
        value // 100_000_000,
        row.province,
        row.city,
        row.tier,
        row.tier_rank,
        f" {' '.join(row.classes)} ",
        value // 10_000 % 10_000,
        value // 1000 % 10_000,
        value // 100 % 10_000,
        value // 10 % 10_000,
        value % 10_000,
        row.status.value,
        None,
        None,
    )


class SqlNumberPool(NumberPool):
    """The number pool in the database of ``engine`` (module docstring).

    Build it from a migrated database's URL with :meth:`from_url` (it owns its engine
    then) or beside a storage with ``SqlNumberPool(storage.engine)`` (the storage owns it).
    """

    def __init__(self, engine: Engine, *, owns_engine: bool = False) -> None:
        self._engine = engine
        self._where = printable(engine.url)
        self._owns = owns_engine
        self._segments: tuple[str, ...] | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_url(cls, url: str, **engine_options: Any) -> SqlNumberPool:  # noqa: ANN401
        """A pool on its own engine (``unicom db upgrade`` made the schema)."""
        return cls(create_engine(url, **engine_options), owns_engine=True)

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with translated(self._where), self._engine.begin() as connection:
            yield connection

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        with translated(self._where), self._engine.connect() as connection:
            connection.execution_options(**READ_ONLY_OPTIONS)
            with connection.begin():
                yield connection

    # ------------------------------------------------------------------ loading
    def load(self, rows: Iterable[PoolNumber], /) -> int:
        """Add new numbers in one transaction; ``number.duplicate`` stores none of them."""
        batch = list(rows)
        numbers = [row.number for row in batch]
        if len(set(numbers)) != len(numbers):
            seen: set[str] = set()
            twice = next(n for n in numbers if n in seen or seen.add(n))  # type: ignore[func-returns-value]
            raise NUMBER_DUPLICATE.error(number=twice)
        try:
            with self._writing() as connection:
                self._insert(connection, batch)
        except Conflict:
            raise NUMBER_DUPLICATE.error(number=self._first_existing(numbers)) from None
        self._segments = None
        return len(batch)

    def _insert(self, connection: Connection, batch: Sequence[PoolNumber]) -> None:
        pool = [_pool_row(row) for row in batch]
        classes = [(code, row.tier_rank, int(row.number)) for row in batch for code in row.classes]
        if connection.dialect.name == "postgresql":
            _copy(connection, "number_pool", _POOL_COLUMNS, pool)
            _copy(connection, "number_classes", ("class_code", "tier_rank", "number"), classes)
            return
        # The driver's own executemany over tuples: SQLAlchemy's per-row dicts would cost
        # more than SQLite's insert itself (ten million rows at bulk load).
        connection.exec_driver_sql(_SQLITE_INSERT, pool)
        if classes:
            connection.exec_driver_sql(
                "INSERT INTO number_classes (class_code, tier_rank, number) VALUES (?, ?, ?)",
                classes,
            )

    def _first_existing(self, numbers: Sequence[str]) -> str:
        with self._reading() as connection:
            for start in range(0, len(numbers), _IN_CHUNK):
                part = [int(n) for n in numbers[start : start + _IN_CHUNK]]
                found = connection.execute(
                    select(number_pool.c.number).where(number_pool.c.number.in_(part)).limit(1)
                ).scalar()
                if found is not None:
                    return str(found)
        return numbers[0]

    @contextmanager
    def bulk_loading(self) -> Iterator[None]:
        """Load many numbers fast: secondary indexes dropped, rebuilt once at the end."""
        with self._writing() as connection:
            for index in _SECONDARY:
                index.drop(connection)
        try:
            yield
        finally:
            with self._writing() as connection:
                for setting in _INDEX_BUILD[connection.dialect.name]:
                    connection.exec_driver_sql(setting)
                for index in _SECONDARY:
                    index.create(connection)
                for setting in _INDEX_BUILT.get(connection.dialect.name, ()):
                    connection.exec_driver_sql(setting)
            with translated(self._where), self._engine.connect() as connection:
                connection.execute(text("ANALYZE"))
                connection.commit()

    # ------------------------------------------------------------------ reading
    def find(self, number: str, /) -> PoolNumber | None:
        """The stored row of ``number`` with its reservation, or None."""
        with self._reading() as connection:
            row = connection.execute(
                select(*ROW_COLUMNS).where(number_pool.c.number == int(number))
            ).first()
            if row is None:
                return None
            return self._rows(connection, [row])[0]

    def search(self, query: NumberQuery, now: datetime, /) -> NumberPage:
        """The page of available numbers (plans: :mod:`unicom_sql.number_search`)."""
        with self._reading() as connection:
            segments = self._known_segments(connection)
            rows = search_rows(connection, query, micros(now), segments)
        items = tuple(_pool_number(row, None, shown=True) for row in rows[: query.limit])
        return NumberPage(items, query.offset, query.limit, len(rows) > query.limit)

    def _known_segments(self, connection: Connection) -> tuple[str, ...]:
        segments = self._segments
        if segments is None:
            number = number_pool.c.number
            segments = tuple(
                s
                for s in _SEGMENTS
                if connection.execute(
                    select(number)
                    .where(number >= int(s) * 10**8, number < (int(s) + 1) * 10**8)
                    .limit(1)
                ).first()
                is not None
            )
            self._segments = segments
        return segments

    def _rows(self, connection: Connection, rows: Sequence[Any]) -> list[PoolNumber]:
        held = {row.reservation_id for row in rows if row.reservation_id is not None}
        reservations: dict[str, Reservation] = {}
        if held:
            r = number_reservations.c
            for found in connection.execute(select(number_reservations).where(r.id.in_(held))):
                reservations[found.id] = _reservation(found)
        return [_pool_number(row, reservations.get(row.reservation_id or "")) for row in rows]

    def reservations_of(self, holder: str, now: datetime, /) -> tuple[Reservation, ...]:
        """The holder's reservations still valid at ``now``, soonest to end first."""
        r, p = number_reservations.c, number_pool.c
        statement = (
            select(number_reservations)
            .join(number_pool, p.number == r.number)
            .where(
                r.holder == holder,
                r.until_us > micros(now),
                p.status == "reserved",
                p.reservation_id == r.id,
            )
            .order_by(r.until_us, r.number)
        )
        with self._reading() as connection:
            return tuple(_reservation(found) for found in connection.execute(statement))

    # ------------------------------------------------------------------ changing
    def reserve(self, reservation: Reservation, /) -> None:
        """One conditional update: exactly one concurrent reserver wins (module docstring)."""
        number, now = int(reservation.number), micros(reservation.reserved_at)
        p = number_pool.c
        with self._writing() as connection:
            changed = connection.execute(
                update(number_pool)
                .where(p.number == number, available(now))
                .values(
                    status="reserved",
                    reservation_id=reservation.id,
                    reserved_until_us=micros(reservation.until),
                )
            ).rowcount
            if changed != 1:
                exists = connection.execute(select(p.number).where(p.number == number)).first()
                raise NUMBER_TAKEN.error() if exists is not None else NUMBER_UNKNOWN.error()
            connection.execute(
                delete(number_reservations).where(number_reservations.c.number == number)
            )
            connection.execute(
                insert(number_reservations).values(
                    id=reservation.id,
                    number=number,
                    holder=reservation.holder,
                    reserved_at_us=now,
                    until_us=micros(reservation.until),
                )
            )

    def _held_by(self, reservation: Reservation) -> Any:  # noqa: ANN401 - a SQL condition
        p = number_pool.c
        return and_(
            p.number == int(reservation.number),
            p.status == "reserved",
            p.reservation_id == reservation.id,
        )

    def release(self, reservation: Reservation, /) -> None:
        """Free the number if ``reservation`` holds it."""
        with self._writing() as connection:
            changed = connection.execute(
                update(number_pool)
                .where(self._held_by(reservation))
                .values(status="free", reservation_id=None, reserved_until_us=None)
            ).rowcount
            if changed != 1:
                raise NUMBER_RESERVATION_UNKNOWN.error()
            connection.execute(
                delete(number_reservations).where(number_reservations.c.id == reservation.id)
            )

    def sell(self, reservation: Reservation, now: datetime, /) -> PoolNumber:
        """RESERVED -> SOLD if ``reservation`` holds the number and is valid at ``now``."""
        p = number_pool.c
        with self._writing() as connection:
            changed = connection.execute(
                update(number_pool)
                .where(self._held_by(reservation), p.reserved_until_us > micros(now))
                .values(status="sold")
            ).rowcount
            if changed != 1:
                holding = connection.execute(
                    select(p.number).where(self._held_by(reservation))
                ).first()
                if holding is None:
                    raise NUMBER_RESERVATION_UNKNOWN.error()
                raise NUMBER_RESERVATION_EXPIRED.error()
            row = connection.execute(
                select(*ROW_COLUMNS).where(p.number == int(reservation.number))
            ).one()
        return _pool_number(row, reservation)

    def purge_expired(self, now: datetime, limit: int, /) -> int:
        """Set at most ``limit`` ended reservations back to FREE (tidiness only)."""
        p = number_pool.c
        ended = and_(p.status == "reserved", p.reserved_until_us <= micros(now))
        with self._writing() as connection:
            numbers = list(connection.execute(select(p.number).where(ended).limit(limit)).scalars())
            if numbers:
                connection.execute(
                    update(number_pool)
                    .where(p.number.in_(numbers), ended)
                    .values(status="free", reservation_id=None, reserved_until_us=None)
                )
                connection.execute(
                    delete(number_reservations).where(number_reservations.c.number.in_(numbers))
                )
        return len(numbers)

    def close(self) -> None:
        """Dispose of the engine if the pool made it (``from_url``); idempotent."""
        with self._lock:
            if self._owns:
                self._owns = False
                self._engine.dispose()


def _reservation(row: Row[Any]) -> Reservation:
    return Reservation(
        row.id,
        f"{row.number:011d}",
        row.holder,
        instant_of(row.reserved_at_us).astimezone(SHANGHAI),
        instant_of(row.until_us).astimezone(SHANGHAI),
    )


def _pool_number(
    row: Any,  # noqa: ANN401 - a result row of ROW_COLUMNS
    reservation: Reservation | None,
    *,
    shown: bool = False,
) -> PoolNumber:
    """The row as a value; ``shown``: a search result, available now (FREE, no reservation)."""
    return PoolNumber(
        number=f"{row.number:011d}",
        province=row.province,
        city=row.city,
        classes=tuple(row.classes.split()),
        tier=row.tier,
        tier_rank=row.tier_rank,
        status=NumberStatus.FREE if shown else NumberStatus(row.status),
        reservation=reservation,
    )


def _copy(
    connection: Connection, table: str, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """PostgreSQL's ``COPY ... FROM STDIN`` through psycopg, in the connection's transaction."""
    if not rows:
        return
    driver = connection.connection.driver_connection
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    try:
        with driver.cursor() as cursor, cursor.copy(statement) as copy:  # type: ignore[union-attr]
            for row in rows:
                copy.write_row(row)
    except Exception as error:
        if getattr(error, "sqlstate", None) == _UNIQUE_VIOLATION:
            raise NUMBER_DUPLICATE.error(number="") from None
        raise
