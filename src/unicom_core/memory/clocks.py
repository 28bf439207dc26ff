"""Clocks for the :class:`~unicom_core.ports.shared.clock.Clock` port (F-CAL-1).

:class:`SystemClock` reads the machine's clock and is what production wires in.
:class:`SettableClock` stands still until told to move, so tests and the demo can place the
hall at any instant (the bill run at 00:00 on the 1st, 08:00 on the 4th) and replay it.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from unicom_core.domain.shared import SHANGHAI, to_shanghai
from unicom_core.errors import InvalidInput
from unicom_core.ports.shared import Clock

__all__ = ["SettableClock", "SystemClock"]


class SystemClock(Clock):
    """The machine's clock, read in Beijing time."""

    def now(self) -> datetime:
        """Return the current instant in Asia/Shanghai."""
        return datetime.now(SHANGHAI)


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
            raise InvalidInput(
                code="time.not_a_timedelta",
                message=f"advance takes a timedelta, not {type(delta).__name__} {delta!r}",
                field="delta",
            )
        with self._lock:
            try:
                moved = self._now.astimezone(UTC) + delta
            except OverflowError:
                raise InvalidInput(
                    code="time.out_of_range",
                    message=f"{self._now.isoformat()} + {delta} falls outside years 1..9999",
                    field="delta",
                ) from None
            self._now = to_shanghai(moved, field="delta")
            return self._now
