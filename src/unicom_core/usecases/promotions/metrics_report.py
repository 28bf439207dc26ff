"""``hall.metrics``: count campaign events, and report them per day (F-PRO-5).

:class:`MetricsService` is what the hall offers: :meth:`~MetricsService.count` (the hall's
buffered, teed :class:`~unicom_core.ports.promotions.Metrics`), :meth:`~MetricsService.flush`,
:meth:`~MetricsService.report` (a row per day of a range, every metric, zeros for a day
without events) and :meth:`~MetricsService.exposition` (the Prometheus text, when an
exporter is wired).

The report reads the store after flushing this process's buffer; counts other processes
still buffer show up within their :attr:`MetricsSettings.max_age`. It asks for no
permission itself (a plain trusted method): the web adapter serves it only to an operator
token with scope ``metrics.read`` (capability ``operator.metrics.read``, F-AUTH-6).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Final

import attrs

from unicom_core.domain.promotions import METRICS_RANGE, METRICS_RANGE_TOO_LONG
from unicom_core.domain.shared import Money
from unicom_core.ports.promotions import CampaignMetric, MetricsExposition, check_campaign
from unicom_core.usecases.promotions.metrics import BufferedMetrics, TeeMetrics

if TYPE_CHECKING:
    from collections.abc import Sequence

    from unicom_core.ports.promotions import Metrics, MetricsStore
    from unicom_core.ports.shared import Clock
    from unicom_core.usecases.promotions.metrics import MetricsSettings, MetricsStats

__all__ = ["MAX_REPORT_DAYS", "MetricsDay", "MetricsReport", "MetricsService"]

MAX_REPORT_DAYS: Final = 366
"""The longest range a report covers, in days (both ends included)."""


@attrs.frozen(slots=True)
class MetricsDay:
    """One day of a campaign: the count of every metric and the amounts counted."""

    day: date
    counts: Mapping[CampaignMetric, int]
    """Every :class:`CampaignMetric`, 0 when nothing was counted."""
    amount: Money
    """The amounts counted that day, all metrics together (the joiners' fees)."""

    def __getitem__(self, metric: CampaignMetric) -> int:
        return self.counts[metric]


@attrs.frozen(slots=True)
class MetricsReport:
    """A campaign's days from ``start`` to ``end``, one row each, in order."""

    campaign: str
    start: date
    end: date
    days: tuple[MetricsDay, ...]

    def total(self, metric: CampaignMetric) -> int:
        """The sum of ``metric`` over the range."""
        return sum(day.counts[metric] for day in self.days)

    @property
    def amount(self) -> Money:
        """The amounts of the whole range."""
        return Money(sum(day.amount.fen for day in self.days))


def _date(value: object, field: str) -> date:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise METRICS_RANGE.error(field=field)
    return value


def check_range(start: object, end: object) -> tuple[date, date]:
    """``(start, end)`` if they are dates, in order, at most :data:`MAX_REPORT_DAYS` apart."""
    first, last = _date(start, "start"), _date(end, "end")
    if last < first:
        raise METRICS_RANGE.error(field="end")
    if (last - first).days + 1 > MAX_REPORT_DAYS:
        raise METRICS_RANGE_TOO_LONG.error(maximum=MAX_REPORT_DAYS)
    return first, last


class MetricsService:
    """``hall.metrics`` (module docstring)."""

    def __init__(self, store: MetricsStore, buffer: BufferedMetrics, metrics: Metrics) -> None:
        self.store = store
        self.buffer = buffer
        self._metrics = metrics
        tee = getattr(metrics, "metrics", (metrics,))
        self._exposition = next((m for m in tee if isinstance(m, MetricsExposition)), None)

    @classmethod
    def build(
        cls,
        store: MetricsStore,
        clock: Clock,
        *,
        exporters: Sequence[Metrics] = (),
        settings: MetricsSettings | None = None,
    ) -> MetricsService:
        """The buffer over ``store``, teed with ``exporters`` (the hall's wiring)."""
        buffer = BufferedMetrics(store, clock, settings)
        metrics: Metrics = TeeMetrics(buffer, *exporters) if exporters else buffer
        return cls(store, buffer, metrics)

    @property
    def metrics(self) -> Metrics:
        """The port use cases and adapters count through (buffer and exporters)."""
        return self._metrics

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
        """Count ``n`` ``metric`` (and ``amount``) for ``campaign`` on the day of ``at``."""
        self._metrics.count(campaign, metric, at=at, n=n, amount=amount)

    def flush(self) -> None:
        """Write the buffer now; never raises for a failing store."""
        self._metrics.flush()

    def stats(self) -> MetricsStats:
        """What the buffer holds and did (dropped counts included)."""
        return self.buffer.stats()

    def exposition(self) -> MetricsExposition | None:
        """The wired exporter's exposition (Prometheus), or None when there is none."""
        return self._exposition

    def report(self, campaign: str, start: date, end: date) -> MetricsReport:
        """``campaign``'s counts per day from ``start`` to ``end`` (both included).

        Raises:
            InvalidInput: ``metrics.campaign``; ``metrics.range`` (data ``field``: not a
                date, or ``end`` before ``start``); ``metrics.range_too_long`` (more than
                :data:`MAX_REPORT_DAYS` days, data ``maximum``).
            AdapterError: the store failed.
        """
        check_campaign(campaign)
        first, last = check_range(start, end)
        self.buffer.flush()
        stored = self.store.days(campaign, first, last)
        counts: dict[date, dict[CampaignMetric, int]] = {}
        fen: dict[date, int] = {}
        for total in stored:
            counts.setdefault(total.day, {})[total.metric] = total.count
            fen[total.day] = fen.get(total.day, 0) + total.amount_fen
        days = []
        for offset in range((last - first).days + 1):
            day = first + timedelta(days=offset)
            found = counts.get(day, {})
            days.append(
                MetricsDay(
                    day,
                    {metric: found.get(metric, 0) for metric in CampaignMetric},
                    Money(fen.get(day, 0)),
                )
            )
        return MetricsReport(campaign, first, last, tuple(days))
