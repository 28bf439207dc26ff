"""MemoryUsageFeed: a usage feed held in memory, for tests, the demo and embedders (F-QRY-2)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from unicom_core.domain.billing import USAGE_LIMIT
from unicom_core.ports.billing import UsageBatch, UsageFeed

if TYPE_CHECKING:
    from unicom_core.domain.billing import UsageRecord

__all__ = ["MemoryUsageFeed"]


class MemoryUsageFeed(UsageFeed):
    """Batches pushed in, delivered until acknowledged (at least once, like a real feed)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._batches: dict[str, UsageBatch] = {}

    def push(self, batch_id: str, records: list[UsageRecord] | tuple[UsageRecord, ...]) -> None:
        """Deliver a batch (again, if the id is pending: a replay replaces nothing)."""
        batch = UsageBatch(batch_id, tuple(records))
        with self._lock:
            self._batches.setdefault(batch.batch_id, batch)

    def pending(self, limit: int = 10, /) -> list[UsageBatch]:
        """At most ``limit`` unacknowledged batches, in the order pushed."""
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise USAGE_LIMIT.error(f"a limit is >= 1, not {limit!r}")
        with self._lock:
            return list(self._batches.values())[:limit]

    def acknowledge(self, batch_id: str, /) -> None:
        """Forget the batch; unknown ids are ignored."""
        with self._lock:
            self._batches.pop(batch_id, None)
