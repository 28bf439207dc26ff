"""MemoryMetricsStore: the reference campaign metrics store (F-PRO-5), a dict under one lock.

It defines what :class:`~unicom_core.ports.promotions.MetricsStore` means: a batch adds
``count`` and ``amount_fen`` to each (campaign, metric, day), all or nothing; ``days`` lists
one campaign's totals in a range, by day then metric. :attr:`fail_next` makes the next
``add`` fail (``storage.unavailable``), for tests of what a failing sink does.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from unicom_core.domain.promotions import METRICS_COUNT
from unicom_core.domain.shared import MAX_FEN, STORAGE_UNAVAILABLE
from unicom_core.ports.promotions import (
    CampaignMetric,
    MetricIncrement,
    MetricsStore,
    MetricTotal,
    check_campaign,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

__all__ = ["MemoryMetricsStore"]


class MemoryMetricsStore(MetricsStore):
    """The campaign metrics in a dict (module docstring); thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rows: dict[tuple[str, str, date], tuple[int, int]] = {}
        self.fail_next = 0
        """How many of the next ``add`` calls fail (a test's broken database)."""
        self.batches = 0
        """How many batches were added (a test counts the writes)."""

    def add(self, increments: Sequence[MetricIncrement], /) -> None:
        """Add every increment, all or nothing."""
        batch = list(increments)
        if not all(isinstance(item, MetricIncrement) for item in batch):
            raise METRICS_COUNT.error(field="increments")
        with self._lock:
            if self.fail_next > 0:
                self.fail_next -= 1
                raise STORAGE_UNAVAILABLE.error(
                    "the memory metrics store was told to fail", url="memory:"
                )
            changed: dict[tuple[str, str, date], tuple[int, int]] = {}
            for item in batch:
                count, fen = changed.get(item.key) or self._rows.get(item.key, (0, 0))
                if count + item.count > MAX_FEN or fen + item.amount_fen > MAX_FEN:
                    raise METRICS_COUNT.error(field="count")
                changed[item.key] = (count + item.count, fen + item.amount_fen)
            self._rows.update(changed)  # only once every increment fits: all or nothing
            self.batches += 1

    def days(self, campaign: str, start: date, end: date, /) -> list[MetricTotal]:
        """The totals of ``campaign`` from ``start`` to ``end``, by day then metric."""
        check_campaign(campaign)
        with self._lock:
            found = [
                MetricTotal(code, CampaignMetric(metric), day, count, fen)
                for (code, metric, day), (count, fen) in self._rows.items()
                if code == campaign and start <= day <= end
            ]
        return sorted(found, key=lambda total: (total.day, total.metric.value))
