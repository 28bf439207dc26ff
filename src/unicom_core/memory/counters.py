"""The counters of :class:`~unicom_core.memory.storage.MemoryStorage` (F-PRO-2, F-NUM-3).

The committed counts and expiries live in one :class:`CounterTable`, guarded by the
storage's lock. What a transaction takes (or releases) is held as a reservation visible to
every other transaction until it ends, so racing takers never exceed the limit; a
reservation of a transaction that later rolls back may refuse a concurrent taker (a SQL
database would make it wait instead): conservative, never oversold.

A counter exists once a ``try_take`` on it committed, taken or not (as the SQL row does),
with the expiry :mod:`unicom_core.ports.shared.counters` defines. The purge picks expired counters
that no open transaction holds a reservation on, and deletes them at commit if they are
still expired then.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from unicom_core.domain.shared import COUNTER_AMOUNT, COUNTER_KEY, COUNTER_LIMIT, COUNTER_UNDERFLOW
from unicom_core.ports.shared import Counters, check_counter_instant, check_purge_limit

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable
    from datetime import datetime

    from unicom_core.errors import ErrorCode, InvalidInput

__all__ = ["CounterTable", "MemoryCounters"]

_KEY_MAX = 200


def _check_key(key: object) -> str:
    if not isinstance(key, str) or not 1 <= len(key) <= _KEY_MAX:
        raise COUNTER_KEY.error(f"a counter key is 1-{_KEY_MAX} characters", key=key)
    return key


def _check_count(value: object, code: ErrorCode[InvalidInput], minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise code.error(f"expected an integer >= {minimum}, not {value!r}", value=value)
    return value


def _later(first: datetime | None, second: datetime | None) -> datetime | None:
    """The expiry of two takes: the later instant, or never if either never expires."""
    if first is None or second is None:
        return None
    return max(first, second)


def _expired(expiry: datetime | None, now: datetime) -> bool:
    return expiry is not None and expiry <= now


def _add(table: dict[str, int], key: str, n: int) -> None:
    """Add ``n`` (maybe negative) to ``table[key]``, dropping the key when it reaches 0."""
    value = table.get(key, 0) + n
    if value > 0:
        table[key] = value
    else:
        table.pop(key, None)


class CounterTable:
    """Committed counts and expiries, and the open transactions' holds (lock held).

    ``expiries`` has a key for every counter that exists (None: never expires); ``taken``
    only the non-zero counts.
    """

    def __init__(self) -> None:
        self.taken: dict[str, int] = {}
        self.expiries: dict[str, datetime | None] = {}
        self.reserved_takes: dict[str, int] = {}
        self.reserved_releases: dict[str, int] = {}
        self.purging: set[str] = set()

    def free(self, key: str) -> bool:
        """Whether no open transaction holds anything on ``key``."""
        return (
            key not in self.reserved_takes
            and key not in self.reserved_releases
            and key not in self.purging
        )


class MemoryCounters(Counters):
    """One transaction's view of the conditional counters (F-PRO-2, F-NUM-3)."""

    def __init__(
        self, table: CounterTable, lock: threading.Lock, check_open: Callable[[], None]
    ) -> None:
        self._table, self._lock, self._check_open = table, lock, check_open
        self.takes: defaultdict[str, int] = defaultdict(int)
        self.releases: defaultdict[str, int] = defaultdict(int)
        self.expiries: dict[str, datetime | None] = {}
        self.purged: dict[str, datetime] = {}

    def try_take(
        self, key: str, n: int, limit: int, /, *, expires_at: datetime | None = None
    ) -> bool:
        """Take ``n`` if everything taken or held by open transactions leaves room."""
        self._check_open()
        key, n = _check_key(key), _check_count(n, COUNTER_AMOUNT, 1)
        limit = _check_count(limit, COUNTER_LIMIT, 0)
        if expires_at is not None:
            check_counter_instant(expires_at, "expires_at")
        table = self._table
        with self._lock:
            mine = self.expiries
            mine[key] = _later(mine[key], expires_at) if key in mine else expires_at
            held = self._committed(key) + table.reserved_takes.get(key, 0)
            held -= self.releases.get(key, 0)
            if held + n > limit:
                return False
            self.takes[key] += n
            _add(table.reserved_takes, key, n)
            return True

    def release(self, key: str, n: int, /) -> None:
        """Give back ``n``; ``Conflict`` ``counter.underflow`` if fewer are taken."""
        self._check_open()
        key, n = _check_key(key), _check_count(n, COUNTER_AMOUNT, 1)
        table = self._table
        with self._lock:
            available = (
                self._committed(key) - table.reserved_releases.get(key, 0) + self.takes.get(key, 0)
            )
            if available < n:
                raise COUNTER_UNDERFLOW.error(
                    f"cannot release {n} of {key!r}: only {available} taken", key=key
                )
            self.releases[key] += n
            _add(table.reserved_releases, key, n)

    def taken(self, key: str, /) -> int:
        """How many are taken as this transaction sees it."""
        self._check_open()
        key = _check_key(key)
        with self._lock:
            return self._committed(key) + self.takes.get(key, 0) - self.releases.get(key, 0)

    def purge_expired(self, now: datetime, limit: int, /) -> int:
        """Pick at most ``limit`` counters expired at ``now``; they go when this commits."""
        check_counter_instant(now, "now")
        limit = check_purge_limit(limit)
        self._check_open()
        table = self._table
        with self._lock:
            chosen: list[str] = []
            for key, expiry in table.expiries.items():
                if len(chosen) == limit:
                    break
                if _expired(expiry, now) and table.free(key) and self._untouched(key):
                    chosen.append(key)
            for key in chosen:
                self.purged[key] = now
                table.purging.add(key)
            return len(chosen)

    def _committed(self, key: str) -> int:
        """The committed count as this transaction sees it: 0 once it purged the counter."""
        table = self._table
        if key in self.purged and _expired(table.expiries.get(key), self.purged[key]):
            return 0
        return table.taken.get(key, 0)

    def _untouched(self, key: str) -> bool:
        return key not in self.purged and key not in self.expiries and key not in self.releases

    def end(self, *, commit: bool) -> None:
        """Drop this transaction's holds, applying its changes if it commits (lock held)."""
        table = self._table
        if commit:
            self._apply()
        for key, n in self.takes.items():
            _add(table.reserved_takes, key, -n)
        for key, n in self.releases.items():
            _add(table.reserved_releases, key, -n)
        table.purging.difference_update(self.purged)
        self.takes.clear()
        self.releases.clear()
        self.expiries.clear()
        self.purged.clear()

    def _apply(self) -> None:
        """Delete what is still expired, then add the takes, releases and expiries."""
        table = self._table
        for key, now in self.purged.items():
            if key in table.expiries and _expired(table.expiries[key], now):
                del table.expiries[key]
                table.taken.pop(key, None)
        for key, expiry in self.expiries.items():
            known = key in table.expiries
            table.expiries[key] = _later(table.expiries[key], expiry) if known else expiry
        for key, n in self.takes.items():
            _add(table.taken, key, n)
        for key, n in self.releases.items():
            _add(table.taken, key, -n)
