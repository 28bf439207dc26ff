"""Atomic conditional counters: quotas, number reservations and stock (F-PRO-2, F-NUM-3).

``try_take`` makes sure the row exists (``INSERT ... ON CONFLICT DO NOTHING``), then takes in
one conditional statement: ``UPDATE counters SET taken = taken + :n WHERE key = :key AND
taken + :n <= :limit``. The database decides, not Python: on PostgreSQL the update waits for
a concurrent taker's row lock and re-checks the condition on the row it committed; on SQLite
the writer holds the database lock from ``BEGIN IMMEDIATE``. Either way N racing takers never
exceed the limit, and the row counts say who won.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from sqlalchemy import select, update

from unicom_core.errors import Conflict, InvalidInput
from unicom_core.ports.storage import Counters
from unicom_sql.schema import KEY_LENGTH, counters

if TYPE_CHECKING:
    from unicom_sql._session import Session

__all__ = ["SqlCounters"]

_MAX_KEY: Final = KEY_LENGTH


def _check_key(key: object) -> str:
    if not isinstance(key, str) or not 1 <= len(key) <= _MAX_KEY:
        raise InvalidInput(
            "counter.key", f"a counter key is 1-{_MAX_KEY} characters, not {key!r}", key=key
        )
    return key


def _check_count(value: object, code: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise InvalidInput(code, f"expected an integer >= {minimum}, not {value!r}", value=value)
    return value


class SqlCounters(Counters):
    """The counters of one transaction, in table ``counters`` (key, taken)."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def try_take(self, key: str, n: int, limit: int, /) -> bool:
        """Take ``n`` if ``taken + n <= limit``; say whether it was taken."""
        key = _check_key(key)
        n = _check_count(n, "counter.amount", 1)
        limit = _check_count(limit, "counter.limit", 0)
        self._session.execute(self._session.insert_if_absent(counters).values(key=key, taken=0))
        take = (
            update(counters)
            .where(counters.c.key == key, counters.c.taken + n <= limit)
            .values(taken=counters.c.taken + n)
        )
        return self._session.execute(take).rowcount == 1

    def release(self, key: str, n: int, /) -> None:
        """Give back ``n``; ``Conflict`` ``counter.underflow`` if fewer are taken."""
        key = _check_key(key)
        n = _check_count(n, "counter.amount", 1)
        give_back = (
            update(counters)
            .where(counters.c.key == key, counters.c.taken >= n)
            .values(taken=counters.c.taken - n)
        )
        if self._session.execute(give_back).rowcount != 1:
            raise Conflict(
                "counter.underflow",
                f"cannot release {n} from {key!r}: only {self.taken(key)} are taken",
                key=key,
            )

    def taken(self, key: str, /) -> int:
        """How many are taken, as this transaction sees it (0 for an unknown key)."""
        key = _check_key(key)
        found = self._session.execute(select(counters.c.taken).where(counters.c.key == key))
        value = found.scalar_one_or_none()
        return 0 if value is None else int(value)
