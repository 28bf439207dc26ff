"""The clock port: the one place where the hall learns what time it is (F-CAL-1).

The hall serves 7×24 and every time-dependent rule (bill-run blackouts, payment windows,
"effective next month" changes) is a function of an instant. Use cases take that instant
from an injected :class:`Clock`, never from ``datetime.now()``, so tests and the demo can
stand at any moment (the 1st of the month at 00:00, the 4th at 07:59) and replay it exactly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import datetime

__all__ = ["Clock"]


class Clock(Protocol):
    """Tells the current instant; every rule takes its time from here (F-CAL-1)."""

    def now(self) -> datetime:
        """Return the current instant as an aware datetime (adapters give Asia/Shanghai)."""
        ...
