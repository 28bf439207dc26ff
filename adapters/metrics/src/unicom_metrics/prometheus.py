"""``PrometheusMetrics``: campaign counts as two Prometheus counters (F-PRO-5).

Which it is: a **tee**, not a sink. The hall's :class:`~unicom_core.usecases.promotions.
TeeMetrics` hands it every count at once, beside the buffer that writes the store; it never
does I/O and cannot fail the way a database does, so it needs no buffer of its own.
:meth:`~PrometheusMetrics.flush` has nothing to do.

The counters live in a registry of their own (never the process-wide default one, so two
halls in one process, or a test, never share counts):

* ``unicom_campaign_events_total{campaign,metric}``: events per campaign and metric;
* ``unicom_campaign_amount_fen_total{campaign}``: the amounts counted, in fen.

They count since the process started (Prometheus' ``rate()`` and ``increase()`` handle the
reset at a restart); the days are the store's business. Cardinality is bounded: at most
``max_campaigns`` campaigns get series; a count for one more campaign is left out of the
exposition and added to ``unicom_campaign_overflow_total`` instead.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Final

from prometheus_client import CollectorRegistry, Counter, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4

from unicom_core.domain.shared import to_shanghai
from unicom_core.ports.promotions import CampaignMetric, MetricsExposition, check_campaign
from unicom_core.usecases.promotions import check_count

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.shared import Money

__all__ = ["AMOUNT_COUNTER", "EVENTS_COUNTER", "PrometheusMetrics"]

EVENTS_COUNTER: Final = "unicom_campaign_events"
"""The events counter's name (exposed with the ``_total`` suffix)."""
AMOUNT_COUNTER: Final = "unicom_campaign_amount_fen"
"""The amounts counter's name (exposed with the ``_total`` suffix)."""
_OVERFLOW: Final = "unicom_campaign_overflow"


class PrometheusMetrics(MetricsExposition):
    """The campaign counters in a registry of their own (module docstring)."""

    media_type: str = CONTENT_TYPE_PLAIN_0_0_4

    def __init__(self, *, max_campaigns: int = 1000) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self._events = Counter(
            EVENTS_COUNTER,
            "Campaign events counted (F-PRO-5), by campaign and metric.",
            ("campaign", "metric"),
            registry=self.registry,
        )
        self._amount = Counter(
            AMOUNT_COUNTER,
            "Amounts counted for a campaign (F-PRO-5), in fen.",
            ("campaign",),
            registry=self.registry,
        )
        self._overflow = Counter(
            _OVERFLOW,
            "Campaign events left out: more campaigns than max_campaigns.",
            registry=self.registry,
        )
        self._max = max_campaigns
        self._campaigns: set[str] = set()
        self._lock = threading.Lock()

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
        """Add ``n`` to the events of (campaign, metric) and ``amount`` to the campaign's fen."""
        check_campaign(campaign)
        fen = check_count(n, amount)
        to_shanghai(at, "at")
        with self._lock:
            known = campaign in self._campaigns
            if not known and len(self._campaigns) < self._max:
                self._campaigns.add(campaign)
                known = True
        if not known:
            self._overflow.inc(n)
            return
        self._events.labels(campaign, CampaignMetric(metric).value).inc(n)
        if fen:
            self._amount.labels(campaign).inc(fen)

    def flush(self) -> None:
        """Nothing to write: the counters are in memory."""

    def exposition(self) -> bytes:
        """Every counter in the Prometheus text format (version 0.0.4)."""
        return generate_latest(self.registry)
