"""The campaign metrics ports: counts per campaign and day, buffered (F-PRO-5).

A use case counts what happened (a join and its fee, a login, an order) *after* its
transaction commits, with :meth:`Metrics.count`: an in-process call that only adds to a
buffer, never a write per event, and never raises for a storage failure. The hall's
``Metrics`` (:class:`unicom_core.usecases.promotions.BufferedMetrics`) writes the buffer
through a :class:`MetricsSink`, one :class:`MetricIncrement` per campaign, metric and day
(Asia/Shanghai), when it holds enough keys or is old enough, and on :meth:`Metrics.flush`.

A :class:`MetricsStore` is a sink that keeps the totals and reads them back per day for the
report; every adapter keeps the contract of
:class:`unicom_core.testing.contracts.MetricsStoreContract`:

- :meth:`MetricsSink.add` adds a batch all or nothing: ``count = count + n`` and
  ``amount_fen = amount_fen + amount`` per (campaign, metric, day), the row made on first
  use; concurrent batches (threads, processes) add up exactly, none is lost;
- :meth:`MetricsStore.days` lists the stored totals of one campaign in a range of days.

A :class:`MetricsExposition` renders what it counted for a scraper (Prometheus).
"""

from __future__ import annotations

import enum
import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Final, Protocol, runtime_checkable

import attrs

from unicom_core.domain.promotions import METRICS_CAMPAIGN, METRICS_COUNT
from unicom_core.domain.shared import MAX_FEN

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from unicom_core.domain.shared import Money

__all__ = [
    "CAMPAIGN_CODE",
    "CampaignMetric",
    "MetricIncrement",
    "MetricTotal",
    "Metrics",
    "MetricsExposition",
    "MetricsSink",
    "MetricsStore",
    "check_campaign",
]

CAMPAIGN_CODE: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
"""What a campaign code counted here looks like (a URL's ``?campaign=``, a label value)."""


class CampaignMetric(enum.Enum):
    """What is counted per campaign and day."""

    PAGE_VIEWS = "page_views"
    LOGINS = "logins"
    ORDERS = "orders"
    JOINERS = "joiners"


def check_campaign(campaign: object) -> str:
    """``campaign`` if it is a campaign code (:data:`CAMPAIGN_CODE`), else ``metrics.campaign``."""
    if not isinstance(campaign, str) or not CAMPAIGN_CODE.fullmatch(campaign):
        raise METRICS_CAMPAIGN.error()
    return campaign


def _campaign(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    check_campaign(value)


def _metric(_instance: object, attribute: attrs.Attribute[CampaignMetric], value: object) -> None:
    if not isinstance(value, CampaignMetric):
        raise METRICS_COUNT.error(field=attribute.name)


def _day(_instance: object, attribute: attrs.Attribute[date], value: object) -> None:
    if not isinstance(value, date) or isinstance(value, datetime):
        raise METRICS_COUNT.error(field=attribute.name)


def _whole(minimum: int) -> Callable[[object, attrs.Attribute[int], object], None]:
    def check(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= MAX_FEN:
            raise METRICS_COUNT.error(field=attribute.name)

    return check


@attrs.frozen(slots=True)
class MetricIncrement:
    """What one flush adds to one (campaign, metric, day): ``count`` events, ``amount_fen``.

    ``count`` is at least 1 and ``amount_fen`` at least 0, both at most a signed 64-bit
    fen count (``metrics.count``, InvalidInput, data ``field``).
    """

    campaign: str = attrs.field(validator=_campaign)
    metric: CampaignMetric = attrs.field(validator=_metric)
    day: date = attrs.field(validator=_day)
    count: int = attrs.field(validator=_whole(1))
    amount_fen: int = attrs.field(default=0, validator=_whole(0))

    @property
    def key(self) -> tuple[str, str, date]:
        """(campaign, metric value, day): the row the increment adds to."""
        return (self.campaign, self.metric.value, self.day)


@attrs.frozen(slots=True)
class MetricTotal:
    """The stored totals of one (campaign, metric, day)."""

    campaign: str
    metric: CampaignMetric
    day: date
    count: int
    amount_fen: int


class Metrics(Protocol):
    """Where counts go; the hall's buffers them and writes them in batches (F-PRO-5)."""

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
        I/O of its own beyond an occasional :meth:`flush`. A malformed argument (a caller's
        bug) is ``metrics.campaign`` or ``metrics.count`` (InvalidInput).
        """
        ...

    def flush(self) -> None:
        """Write what the buffer holds (one increment per campaign, metric and day)."""
        ...


class MetricsSink(Protocol):
    """Where a flush writes its batch."""

    def add(self, increments: Sequence[MetricIncrement], /) -> None:
        """Add every increment, all or nothing.

        Raises:
            AdapterError: the backend failed (nothing of the batch is stored).
        """
        ...


class MetricsStore(MetricsSink, Protocol):
    """A sink that keeps the totals per (campaign, metric, day) and reads them back."""

    def days(self, campaign: str, start: date, end: date, /) -> list[MetricTotal]:
        """The stored totals of ``campaign`` from ``start`` to ``end`` (both included).

        Ordered by day, then metric value; a (metric, day) never counted has no row.
        """
        ...


@runtime_checkable
class MetricsExposition(Protocol):
    """Renders what was counted for a scraper (the web adapter's ``GET /metrics``)."""

    media_type: str
    """The ``Content-Type`` of :meth:`exposition`."""

    def exposition(self) -> bytes:
        """Every counter, in the scraper's text format."""
        ...
