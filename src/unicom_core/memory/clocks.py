"""The test double of the :class:`~unicom_core.ports.shared.Clock` port (F-CAL-1).

:class:`SettableClock` stands still until told to move, so tests and the demo can place the
hall at any instant (the bill run at 00:00 on the 1st, 08:00 on the 4th) and replay it.
The real clock is not a double: it is :class:`unicom_core.clock.SystemClock`.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from unicom_core.domain.shared import TIME_NOT_A_TIMEDELTA, TIME_OUT_OF_RANGE, to_shanghai
from unicom_core.ports.shared import Clock

__all__ = ["SettableClock"]


class SettableClock(Clock):
    """A clock that shows a chosen instant until it is set or advanced; thread-safe.

    Args:
        instant: where the clock starts; any aware datetime (naive ones are refused with
            ``time.naive``). :meth:`now` always answers in Asia/Shanghai.
    """

    def __init__(self, instant: datetime) -> None:
        self._lock = threading.Lock()
        self._now = to_shanghai(instant)

    def __repr__(self) -> str:
        return f"SettableClock({self.now().isoformat()})"

    def now(self) -> datetime:
        """Return the instant the clock currently shows, in Asia/Shanghai."""
        with self._lock:
            return self._now

    def set(self, instant: datetime) -> None:
        """Move the clock to the aware ``instant`` (earlier or later)."""
        shanghai = to_shanghai(instant)
        with self._lock:
            self._now = shanghai

    def advance(self, delta: timedelta) -> datetime:
        """Move the clock by ``delta`` of elapsed time and return the new instant.

        The step is taken in UTC, so it is real elapsed time even across a zone's offset
        change. A negative ``delta`` is allowed and moves the clock back, as an NTP step
        may do to a real clock; rules must not assume time only moves forward.
        """
        if not isinstance(delta, timedelta):
            raise TIME_NOT_A_TIMEDELTA.error(
                f"advance takes a timedelta, not {type(delta).__name__} {delta!r}", field="delta"
            )
        with self._lock:
            try:
                moved = self._now.astimezone(UTC) + delta
            except OverflowError:
                raise TIME_OUT_OF_RANGE.error(
                    f"{self._now.isoformat()} + {delta} falls outside years 1..9999", field="delta"
                ) from None
            self._now = to_shanghai(moved, field="delta")
            return self._now
