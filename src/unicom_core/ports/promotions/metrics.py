"""The campaign metrics port: counts per campaign and day, buffered (F-PRO-5).

A use case counts what happened (a join, its amount) *after* its transaction commits, with
:meth:`Metrics.count`: an in-process call that only adds to a buffer, never a write per event.
The buffer is written (one increment per campaign, metric and day) by :meth:`Metrics.flush`,
which the adapter calls when the buffer is full or old enough, and at shutdown.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.shared import Money

__all__ = ["CampaignMetric", "Metrics"]


class CampaignMetric(enum.Enum):
    """What is counted per campaign and day."""

    PAGE_VIEWS = "page_views"
    LOGINS = "logins"
    ORDERS = "orders"
    JOINERS = "joiners"


class Metrics(Protocol):
    """Where counts go; adapters buffer them and write them in batches (F-PRO-5)."""

    def count(
        self,
        campaign: str,
        metric: CampaignMetric,
        /,
        *,
        at: datetime,
        n: int = 1,
        amount: Money | None = None,
    ) -> None:
        """Count ``n`` of ``metric`` (and ``amount``) for ``campaign`` on the day of ``at``.

        Never raises for a storage failure (counting must not fail the use case); never does
        I/O of its own beyond an occasional :meth:`flush`.
        """
        ...

    def flush(self) -> None:
        """Write what the buffer holds (one increment per campaign, metric and day)."""
        ...
