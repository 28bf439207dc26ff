"""Atomic conditional counters: quotas, number reservations and stock (F-PRO-2, F-NUM-3).

``try_take`` makes sure the row exists (``INSERT ... ON CONFLICT DO NOTHING``), then takes in
one conditional statement: ``UPDATE counters SET taken = taken + :n WHERE key = :key AND
taken + :n <= :limit``. The database decides, not Python: on PostgreSQL the update waits for
a concurrent taker's row lock and re-checks the condition on the row it committed; on SQLite
the writer holds the database lock from ``BEGIN IMMEDIATE``. Either way N racing takers never
exceed the limit, and the row counts say who won.

``expires_at_us`` (UTC microseconds; NULL: never) keeps the expiry
:mod:`unicom_core.ports.shared.counters` defines: the insert writes the first call's, each call then
moves it with ``CASE WHEN expires_at_us < :new THEN :new ELSE expires_at_us END`` (NULL
stays NULL, as ``NULL < x`` is not true), or to NULL for a call without one, in the taking
statement (or, if that took nothing, a statement of its own). The purge selects at most
``limit`` expired keys by the index, then deletes them re-checking the expiry, so a row a
concurrent taker moved on in the meantime is kept.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import case, delete, select, update

from unicom_core.domain.shared import COUNTER_AMOUNT, COUNTER_KEY, COUNTER_LIMIT, COUNTER_UNDERFLOW
from unicom_core.ports.shared import Counters, check_counter_instant, check_purge_limit
from unicom_sql.repositories import micros
from unicom_sql.schema import KEY_LENGTH, counters

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import ColumnElement

    from unicom_core.errors import ErrorCode, InvalidInput
    from unicom_sql._session import Session

__all__ = ["SqlCounters"]

_MAX_KEY: Final = KEY_LENGTH


def _micros(instant: datetime, name: str) -> int:
    return micros(check_counter_instant(instant, name))


def _moved_expiry(expires_at_us: int | None) -> ColumnElement[Any] | None:
    """The new ``expires_at_us`` of a row a call with ``expires_at_us`` touches."""
    if expires_at_us is None:
        return None
    column = counters.c.expires_at_us
    return case((column < expires_at_us, expires_at_us), else_=column)


def _check_key(key: object) -> str:
    if not isinstance(key, str) or not 1 <= len(key) <= _MAX_KEY:
        raise COUNTER_KEY.error(f"a counter key is 1-{_MAX_KEY} characters, not {key!r}", key=key)
    return key


def _check_count(value: object, code: ErrorCode[InvalidInput], minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise code.error(f"expected an integer >= {minimum}, not {value!r}", value=value)
    return value


class SqlCounters(Counters):
    """The counters of one transaction, in table ``counters`` (key, taken, expires_at_us)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def try_take(
        self, key: str, n: int, limit: int, /, *, expires_at: datetime | None = None
    ) -> bool:
        """Take ``n`` if ``taken + n <= limit``; say whether it was taken."""
        key = _check_key(key)
        n = _check_count(n, COUNTER_AMOUNT, 1)
        limit = _check_count(limit, COUNTER_LIMIT, 0)
        expiry = None if expires_at is None else _micros(expires_at, "expires_at")
        self._session.execute(
            self._session.insert_if_absent(counters).values(key=key, taken=0, expires_at_us=expiry)
        )
        moved = _moved_expiry(expiry)
        take = (
            update(counters)
            .where(counters.c.key == key, counters.c.taken + n <= limit)
            .values(taken=counters.c.taken + n, expires_at_us=moved)
        )
        if self._session.execute(take).rowcount == 1:
            return True
        self._session.execute(
            update(counters).where(counters.c.key == key).values(expires_at_us=moved)
        )
        return False

    def release(self, key: str, n: int, /) -> None:
        """Give back ``n``; ``Conflict`` ``counter.underflow`` if fewer are taken."""
        key = _check_key(key)
        n = _check_count(n, COUNTER_AMOUNT, 1)
        give_back = (
            update(counters)
            .where(counters.c.key == key, counters.c.taken >= n)
            .values(taken=counters.c.taken - n)
        )
        if self._session.execute(give_back).rowcount != 1:
            raise COUNTER_UNDERFLOW.error(
                f"cannot release {n} from {key!r}: only {self.taken(key)} are taken", key=key
            )

    def taken(self, key: str, /) -> int:
        """How many are taken, as this transaction sees it (0 for an unknown key)."""
        key = _check_key(key)
        found = self._session.execute(select(counters.c.taken).where(counters.c.key == key))
        value = found.scalar_one_or_none()
        return 0 if value is None else int(value)

    def purge_expired(self, now: datetime, limit: int, /) -> int:
        """Delete at most ``limit`` counters whose expiry is at or before ``now``."""
        cutoff = _micros(now, "now")
        limit = check_purge_limit(limit)
        expired = counters.c.expires_at_us <= cutoff
        keys = select(counters.c.key).where(expired).order_by(counters.c.expires_at_us)
        chosen = list(self._session.execute(keys.limit(limit)).scalars())
        if not chosen:
            return 0
        gone = delete(counters).where(counters.c.key.in_(chosen), expired)
        return int(self._session.execute(gone).rowcount)
