"""The real clock for the :class:`~unicom_core.ports.shared.Clock` port (F-CAL-1).

:class:`SystemClock` reads the machine's clock and is what production wires in (the default
of :func:`~unicom_core.bootstrap.bootstrap`). It is not a memory double: its test double,
:class:`~unicom_core.memory.clocks.SettableClock`, lives with the other doubles in
:mod:`unicom_core.memory`.
"""

from __future__ import annotations

from datetime import datetime

from unicom_core.domain.shared import SHANGHAI
from unicom_core.ports.shared import Clock

__all__ = ["SystemClock"]


class SystemClock(Clock):
    """The machine's clock, read in Beijing time."""

    def now(self) -> datetime:
        """Return the current instant in Asia/Shanghai."""
        return datetime.now(SHANGHAI)
