"""Counting campaign events without slowing the use case: the buffer and the tee (F-PRO-5).

:class:`BufferedMetrics` is the hall's :class:`~unicom_core.ports.promotions.Metrics`.
:meth:`~BufferedMetrics.count` adds to a dict under a lock, keyed by (campaign, metric,
day in Asia/Shanghai); nothing is written per event. The buffer is written through the
sink, one :class:`~unicom_core.ports.promotions.MetricIncrement` per key, in one batch:

* when it holds :attr:`MetricsSettings.max_keys` keys, or its oldest count is
  :attr:`MetricsSettings.max_age` old (by the clock port), at the next ``count``;
* on :meth:`~BufferedMetrics.flush` and :meth:`~BufferedMetrics.close`.

The batch is taken out of the buffer under the lock and written outside it, by one thread
at a time: other threads go on counting into the fresh buffer meanwhile, and a thread that
finds a flush under way does not wait for it. A failing sink never raises into the use
case: the batch goes back into the buffer (logged ``metrics.flush_failed``), and no count
triggers another try for ``max_age`` (a down database is not hit at every count; an explicit
:meth:`~BufferedMetrics.flush` tries at once). The buffer is bounded: it holds at most
:attr:`MetricsSettings.max_pending` keys; a count for a new key beyond that (or a key of a
failed batch that no longer fits) is **dropped**: added to :attr:`MetricsStats.dropped`
and logged ``metrics.dropped`` (a warning, once per flush window). Counts for keys already
held always add up, so memory stays bounded whatever the sink does.

:class:`TeeMetrics` hands every count to several ``Metrics`` (the buffer and a Prometheus
exporter); one that raises is logged and skipped.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import TYPE_CHECKING, Final

import attrs

from unicom_core.domain.promotions import METRICS_COUNT, METRICS_SETTINGS
from unicom_core.domain.shared import CNY, MAX_FEN, Money, to_shanghai
from unicom_core.ports.promotions import CampaignMetric, MetricIncrement, check_campaign

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import date, datetime

    from unicom_core.ports.promotions import Metrics, MetricsSink
    from unicom_core.ports.shared import Clock

__all__ = ["BufferedMetrics", "MetricsSettings", "MetricsStats", "TeeMetrics", "check_count"]

_LOG: Final = logging.getLogger("unicom_core.metrics")
_Key = tuple[str, CampaignMetric, "date"]


def _positive(most: int) -> Callable[[object, attrs.Attribute[int], object], None]:
    def check(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
            raise METRICS_SETTINGS.error(field=attribute.name)

    return check


def _age(_instance: object, attribute: attrs.Attribute[timedelta], value: object) -> None:
    if not isinstance(value, timedelta) or not timedelta(0) < value <= timedelta(hours=1):
        raise METRICS_SETTINGS.error(field=attribute.name)


def _pending(instance: MetricsSettings, attribute: attrs.Attribute[int], value: int) -> None:
    if value < instance.max_keys:
        raise METRICS_SETTINGS.error(field=attribute.name)


@attrs.frozen(slots=True, kw_only=True)
class MetricsSettings:
    """When the buffer is written, and how much it may hold (``metrics.settings``).

    Attributes:
        max_keys: flush once the buffer holds this many (campaign, metric, day) keys (N).
        max_age: flush once the oldest count waits this long (T; up to an hour).
        max_pending: the most keys the buffer holds while the sink fails (>= ``max_keys``);
            a count for a new key beyond it is dropped (counted and logged).
    """

    max_keys: int = attrs.field(default=500, validator=_positive(1_000_000))
    max_age: timedelta = attrs.field(default=timedelta(seconds=10), validator=_age)
    max_pending: int = attrs.field(
        default=100_000,
        validator=[_positive(10_000_000), _pending],
    )


@attrs.frozen(slots=True)
class MetricsStats:
    """What the buffer did so far: for tests, logs and health pages."""

    pending_keys: int
    flushed_batches: int
    failed_flushes: int
    dropped: int
    """Events dropped because the buffer was full (the sink failing for long)."""


def check_count(n: object, amount: object) -> int:
    """The fen of ``amount`` (None: 0) after checking ``n`` (``metrics.count``, data field)."""
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= MAX_FEN:
        raise METRICS_COUNT.error(field="n")
    if amount is None:
        return 0
    if not isinstance(amount, Money) or amount.currency != CNY or amount.fen < 0:
        raise METRICS_COUNT.error(field="amount")
    return amount.fen


class BufferedMetrics:
    """The buffered :class:`~unicom_core.ports.promotions.Metrics` (module docstring)."""

    def __init__(
        self, sink: MetricsSink, clock: Clock, settings: MetricsSettings | None = None
    ) -> None:
        self._sink, self._clock = sink, clock
        self.settings = settings if settings is not None else MetricsSettings()
        self._lock = threading.Lock()
        self._flushing = threading.Lock()
        self._buffer: dict[_Key, list[int]] = {}
        self._since: datetime | None = None
        self._retry_at: datetime | None = None
        self._flushed = self._failed = self._dropped = 0
        self._warned = False

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
        """Add ``n`` (and ``amount``) to ``campaign``'s ``metric`` on the Shanghai day of ``at``."""
        check_campaign(campaign)
        if not isinstance(metric, CampaignMetric):
            raise METRICS_COUNT.error(field="metric")
        fen = check_count(n, amount)
        day = to_shanghai(at, "at").date()
        now = self._clock.now()
        with self._lock:
            self._add((campaign, metric, day), n, fen)
            if self._since is None:
                self._since = now
            due = (
                len(self._buffer) >= self.settings.max_keys
                or now - self._since >= self.settings.max_age
            ) and (self._retry_at is None or now >= self._retry_at)
        if due:
            self._flush(wait=False)

    def flush(self) -> None:
        """Write the buffer now (waiting for a flush under way); never raises for the sink."""
        self._flush(wait=True)

    def close(self) -> None:
        """Flush what is left (at shutdown)."""
        self.flush()

    def stats(self) -> MetricsStats:
        """The buffer's size and what it did so far."""
        with self._lock:
            return MetricsStats(len(self._buffer), self._flushed, self._failed, self._dropped)

    def _add(self, key: _Key, n: int, fen: int) -> None:
        """Add under the lock; a new key beyond ``max_pending`` is dropped."""
        held = self._buffer.get(key)
        if held is not None:
            held[0], held[1] = min(held[0] + n, MAX_FEN), min(held[1] + fen, MAX_FEN)
        elif len(self._buffer) < self.settings.max_pending:
            self._buffer[key] = [n, fen]
        else:
            self._dropped += n
            if not self._warned:
                self._warned = True
                _LOG.warning(
                    "metrics.dropped: the buffer holds %d keys; counts for new keys are dropped",
                    len(self._buffer),
                    extra={"code": "metrics.dropped", "dropped": self._dropped},
                )

    def _flush(self, *, wait: bool) -> None:
        if not self._flushing.acquire(blocking=wait):
            return  # another thread is writing; this one goes on
        try:
            with self._lock:
                batch, self._buffer, self._since = self._buffer, {}, None
            if not batch:
                return
            increments = [
                MetricIncrement(campaign, metric, day, count, fen)
                for (campaign, metric, day), (count, fen) in sorted(
                    batch.items(), key=lambda item: (item[0][0], item[0][1].value, item[0][2])
                )
            ]
            self._write(increments, batch)
        finally:
            self._flushing.release()

    def _write(self, increments: Sequence[MetricIncrement], batch: dict[_Key, list[int]]) -> None:
        try:
            self._sink.add(increments)
        except Exception:  # noqa: BLE001 - whatever the sink raised, the use case goes on
            _LOG.warning(
                "metrics.flush_failed: %d keys go back into the buffer",
                len(batch),
                exc_info=True,
                extra={"code": "metrics.flush_failed", "keys": len(batch)},
            )
            with self._lock:
                self._failed += 1
                for key, (count, fen) in batch.items():
                    self._add(key, count, fen)
                self._retry_at = self._clock.now() + self.settings.max_age  # no hammering
            return
        with self._lock:
            self._flushed += 1
            self._warned = False
            self._retry_at = None


class TeeMetrics:
    """Every count to each of ``metrics`` in turn; one that raises is logged and skipped.

    An invalid count (``metrics.campaign``, ``metrics.count``) is checked once, first, and
    raised: it is the caller's bug, not a failing adapter.
    """

    def __init__(self, *metrics: Metrics) -> None:
        self.metrics = metrics

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
        """Count in each of the tee's metrics."""
        check_campaign(campaign)
        if not isinstance(metric, CampaignMetric):
            raise METRICS_COUNT.error(field="metric")
        check_count(n, amount)
        to_shanghai(at, "at")
        for each in self.metrics:
            try:
                each.count(campaign, metric, at=at, n=n, amount=amount)
            except Exception:  # noqa: BLE001 - counting never fails the use case
                _LOG.warning("metrics.count_failed in %r", each, exc_info=True)

    def flush(self) -> None:
        """Flush each of the tee's metrics (one that raises is logged and skipped)."""
        for each in self.metrics:
            try:
                each.flush()
            except Exception:  # noqa: BLE001 - flushing never fails the caller
                _LOG.warning("metrics.flush_failed in %r", each, exc_info=True)
