"""The atomic conditional counters of the storage port, and when they may be forgotten.

Counters are the mechanism for promotion quotas, number reservations and order stock
(F-PRO-2, F-NUM-3, F-SHOP-1), and for the rate limits that anyone can run up without
logging in: random passwords per client and hour (F-AUTH-7), wrong recharge-card secrets
per number and day (F-PAY-3), gateway notifications per address and minute. A rate limit's
key names its time bucket, so every bucket is a new counter; each take passes the end of
its bucket as ``expires_at`` and :meth:`Counters.purge_expired` deletes the counters whose
bucket is over, a bounded batch at a time (run by ``hall.access.purge_expired()``).

The expiry of a counter is the latest ``expires_at`` given to ``try_take`` on it (taken or
not), or none at all, for ever, once any ``try_take`` gave none: a quota, a stock or a
once-only marker is never deleted because a rate limit happened to share its key. A
counter deleted by the purge counts 0 again, as a key never taken does.

Error codes: ``counter.key`` / ``counter.amount`` / ``counter.limit`` /
``counter.instant`` (InvalidInput: a naive ``expires_at`` or ``now``), ``counter.underflow``
(Conflict).
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from unicom_core.domain.shared import COUNTER_INSTANT, COUNTER_LIMIT

__all__ = ["MAX_PURGE_LIMIT", "Counters", "check_counter_instant", "check_purge_limit"]

MAX_PURGE_LIMIT = 500
"""The most counters one :meth:`Counters.purge_expired` deletes."""


def check_counter_instant(value: object, name: str) -> datetime:
    """Return ``value`` if it is an aware datetime; ``InvalidInput`` ``counter.instant`` if not."""
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise COUNTER_INSTANT.error(f"{name} is an aware datetime, not {value!r}", field=name)
    return value


def check_purge_limit(value: object) -> int:
    """Return ``value`` if it is a purge batch (1..500); else ``InvalidInput`` ``counter.limit``."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_PURGE_LIMIT:
        raise COUNTER_LIMIT.error(
            f"a purge limit is an integer in 1..{MAX_PURGE_LIMIT}, not {value!r}"
        )
    return value


class Counters(Protocol):
    """Atomic conditional counters by key: quotas, reservations, stock (F-PRO-2, F-NUM-3).

    A key is a non-empty string of at most 200 characters (``"promo:517:quota"``); an unknown
    key counts 0. The limit travels with each call, so the caller owns it.
    """

    def try_take(
        self, key: str, n: int, limit: int, /, *, expires_at: datetime | None = None
    ) -> bool:
        """Take ``n`` if ``taken + n <= limit`` and say whether it was taken.

        Atomic against every concurrent transaction: N racing takers on a limit L never take
        more than L in total. A taken amount is held until this transaction ends (and kept if
        it commits). ``n`` must be >= 1 (``counter.amount``) and ``limit`` >= 0
        (``counter.limit``), else InvalidInput.

        ``expires_at`` (aware, else ``counter.instant``) lets the purge delete the counter
        from that instant on: pass the end of a rate limit's time bucket, never an instant
        before which the count still matters. ``None`` (the default) keeps the counter for
        ever, whatever other takes said (:mod:`unicom_core.ports.shared.counters` has the rule).
        """
        ...

    def release(self, key: str, n: int, /) -> None:
        """Give back ``n`` (an expired reservation, a cancelled order).

        Raises:
            Conflict: ``counter.underflow`` if fewer than ``n`` are taken.
        """
        ...

    def taken(self, key: str, /) -> int:
        """How many are taken, as this transaction sees it (0 for an unknown key)."""
        ...

    def purge_expired(self, now: datetime, limit: int, /) -> int:
        """Delete at most ``limit`` (1..500) counters expired at ``now``; return how many.

        A counter is expired when its expiry is at or before ``now``; counters without an
        expiry are never deleted. The deletion commits (or rolls back) with the transaction.

        Raises:
            InvalidInput: ``counter.instant`` for a naive ``now``, ``counter.limit`` for a
                limit outside 1..500.
        """
        ...
