"""F-PRO-5: the buffered campaign metrics: batching, failures, the bound, days, the report."""

from __future__ import annotations

import logging
from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.errors import InvalidInput, UnicomError
from unicom_core.memory import SettableClock
from unicom_core.memory.metrics_storage import MemoryMetricsStore
from unicom_core.ports.promotions import CampaignMetric, MetricTotal
from unicom_core.testing.racing import race
from unicom_core.usecases.promotions import (
    MAX_REPORT_DAYS,
    BufferedMetrics,
    MetricsService,
    MetricsSettings,
    TeeMetrics,
)

NOW = datetime(2027, 1, 15, 10, 0, tzinfo=SHANGHAI)
DAY = NOW.date()
JOIN, VIEW = CampaignMetric.JOINERS, CampaignMetric.PAGE_VIEWS


def _buffer(**settings):
    store, clock = MemoryMetricsStore(), SettableClock(NOW)
    return store, clock, BufferedMetrics(store, clock, MetricsSettings(**settings))


def test_counts_wait_in_the_buffer_until_it_holds_max_keys():
    store, _, metrics = _buffer(max_keys=3)
    metrics.count("spring", JOIN, at=NOW)
    metrics.count("spring", VIEW, at=NOW)
    metrics.count("spring", VIEW, at=NOW)  # same key: still two keys
    assert store.batches == 0
    metrics.count("autumn", VIEW, at=NOW)  # the third key: one batch
    assert store.batches == 1
    assert store.days("spring", DAY, DAY) == [
        MetricTotal("spring", JOIN, DAY, 1, 0),
        MetricTotal("spring", VIEW, DAY, 2, 0),
    ]
    assert metrics.stats().pending_keys == 0


def test_an_old_buffer_is_written_at_the_next_count():
    store, clock, metrics = _buffer(max_keys=100, max_age=timedelta(seconds=10))
    metrics.count("spring", JOIN, at=NOW)
    clock.advance(timedelta(seconds=9))
    metrics.count("spring", JOIN, at=NOW)
    assert store.batches == 0
    clock.advance(timedelta(seconds=1))
    metrics.count("spring", JOIN, at=NOW)
    assert store.batches == 1
    assert store.days("spring", DAY, DAY) == [MetricTotal("spring", JOIN, DAY, 3, 0)]


def test_a_flush_writes_one_increment_per_campaign_metric_and_day():
    store, _, metrics = _buffer()
    for _ in range(100):
        metrics.count("spring", JOIN, at=NOW, amount=Money(990))
    metrics.count("spring", JOIN, at=NOW + timedelta(days=1), n=5)
    metrics.flush()
    assert store.batches == 1
    assert store.days("spring", DAY, DAY + timedelta(days=1)) == [
        MetricTotal("spring", JOIN, DAY, 100, 99_000),
        MetricTotal("spring", JOIN, DAY + timedelta(days=1), 5, 0),
    ]


def test_the_day_is_the_day_in_shanghai():
    store, _, metrics = _buffer()
    metrics.count("spring", JOIN, at=datetime(2027, 1, 1, 16, 30, tzinfo=UTC))  # 00:30 on the 2nd
    metrics.flush()
    assert [row.day for row in store.days("spring", date(2027, 1, 1), date(2027, 1, 2))] == [
        date(2027, 1, 2)
    ]


def test_a_failing_sink_keeps_the_counts_for_the_next_flush(caplog):
    store, clock, metrics = _buffer(max_keys=1)
    store.fail_next = 1
    with caplog.at_level(logging.WARNING, "unicom_core.metrics"):
        metrics.count("spring", JOIN, at=NOW, amount=Money(100))  # a flush that fails: no raise
    assert "metrics.flush_failed" in caplog.text
    assert metrics.stats().failed_flushes == 1
    assert metrics.stats().pending_keys == 1
    metrics.count("spring", JOIN, at=NOW, amount=Money(100))  # waits max_age after a failure
    assert store.batches == 0
    clock.advance(MetricsSettings().max_age)
    metrics.count("spring", JOIN, at=NOW)
    assert store.days("spring", DAY, DAY) == [MetricTotal("spring", JOIN, DAY, 3, 200)]


def test_beyond_the_bound_counts_for_new_keys_are_dropped_and_logged(caplog):
    store, _, metrics = _buffer(max_keys=2, max_pending=2)
    store.fail_next = 10
    with caplog.at_level(logging.WARNING, "unicom_core.metrics"):
        metrics.count("a", JOIN, at=NOW)
        metrics.count("b", JOIN, at=NOW)  # full: the flush fails, both kept
        metrics.count("c", JOIN, at=NOW, n=7)  # a third key: dropped
        metrics.count("a", JOIN, at=NOW, n=2)  # a held key still adds up
    assert metrics.stats().dropped == 7
    assert "metrics.dropped" in caplog.text
    store.fail_next = 0
    metrics.flush()
    assert store.days("a", DAY, DAY) == [MetricTotal("a", JOIN, DAY, 3, 0)]
    assert store.days("c", DAY, DAY) == []


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda m: m.count("no spaces", JOIN, at=NOW), "metrics.campaign"),
        (lambda m: m.count("x" * 65, JOIN, at=NOW), "metrics.campaign"),
        (lambda m: m.count("spring", "joiners", at=NOW), "metrics.count"),
        (lambda m: m.count("spring", JOIN, at=NOW, n=0), "metrics.count"),
        (lambda m: m.count("spring", JOIN, at=NOW, n=True), "metrics.count"),
        (lambda m: m.count("spring", JOIN, at=NOW, amount=1.5), "metrics.count"),
        (lambda m: m.count("spring", JOIN, at=NOW, amount=Money(-1)), "metrics.count"),
        (lambda m: m.count("spring", JOIN, at=datetime(2027, 1, 1)), "time.naive"),  # noqa: DTZ001
    ],
)
def test_a_malformed_count_is_a_typed_error(call, code):
    _, _, metrics = _buffer()
    with pytest.raises(UnicomError) as raised:
        call(metrics)
    assert raised.value.code == code
    assert metrics.stats().pending_keys == 0


@pytest.mark.parametrize(
    "settings",
    [
        {"max_keys": 0},
        {"max_keys": 10, "max_pending": 9},
        {"max_age": timedelta(0)},
        {"max_age": 10},
        {"max_pending": True},
    ],
)
def test_bad_settings_are_refused(settings):
    with pytest.raises(InvalidInput) as raised:
        MetricsSettings(**settings)
    assert raised.value.code == "metrics.settings"


def test_counts_from_racing_threads_add_up_exactly():
    store, _, metrics = _buffer(max_keys=3)
    campaigns = ("a", "b", "c", "d", "e")

    def count_many(racer):
        for i in range(500):
            metrics.count(campaigns[(racer + i) % 5], JOIN, at=NOW, amount=Money(1))

    _, errors = race(count_many, 4)
    metrics.flush()
    assert errors == []
    totals = [row.count for code in campaigns for row in store.days(code, DAY, DAY)]
    assert sum(totals) == 2000
    assert totals == [400] * 5


events = st.lists(
    st.tuples(
        st.sampled_from(("spring", "autumn")),
        st.sampled_from(CampaignMetric),
        st.integers(0, 3),
        st.integers(1, 50),
        st.integers(0, 10_000),
    ),
    max_size=40,
)


@given(events, st.integers(1, 5))
def test_the_report_is_the_sum_of_the_counts_whatever_the_flushes(counted, max_keys):
    """The law: buffering changes when counts are written, never what they add up to."""
    store, clock = MemoryMetricsStore(), SettableClock(NOW)
    service = MetricsService(
        store, buffer := BufferedMetrics(store, clock, MetricsSettings(max_keys=max_keys)), buffer
    )
    expected = Counter()
    fen = Counter()
    for campaign, metric, offset, n, amount in counted:
        service.count(campaign, metric, at=NOW + timedelta(days=offset), n=n, amount=Money(amount))
        expected[campaign, metric, DAY + timedelta(days=offset)] += n
        fen[campaign, DAY + timedelta(days=offset)] += amount
    report = service.report("spring", DAY, DAY + timedelta(days=3))
    for row in report.days:
        assert row.amount == Money(fen["spring", row.day])
        for metric in CampaignMetric:
            assert row[metric] == expected["spring", metric, row.day]


def test_the_report_has_a_zero_row_for_every_day_without_events():
    hall = bootstrap(clock=SettableClock(NOW))
    hall.metrics.count("spring", JOIN, at=NOW, amount=Money(500))
    report = hall.metrics.report("spring", DAY - timedelta(days=2), DAY)  # flushes first
    assert [row.day for row in report.days] == [DAY - timedelta(days=n) for n in (2, 1, 0)]
    assert [row[JOIN] for row in report.days] == [0, 0, 1]
    assert all(row[VIEW] == 0 for row in report.days)
    assert report.total(JOIN) == 1
    assert report.amount == Money(500)


@pytest.mark.parametrize(
    ("start", "end", "code", "data"),
    [
        (DAY, DAY - timedelta(days=1), "metrics.range", {"field": "end"}),
        (NOW, DAY, "metrics.range", {"field": "start"}),
        (DAY, "2027-01-20", "metrics.range", {"field": "end"}),
        (DAY, DAY + timedelta(days=MAX_REPORT_DAYS), "metrics.range_too_long", {"maximum": 366}),
    ],
)
def test_a_bad_range_is_a_typed_error(start, end, code, data):
    hall = bootstrap(clock=SettableClock(NOW))
    with pytest.raises(InvalidInput) as raised:
        hall.metrics.report("spring", start, end)
    assert raised.value.code == code
    assert dict(raised.value.data) == data


def test_the_longest_range_is_366_days():
    hall = bootstrap(clock=SettableClock(NOW))
    report = hall.metrics.report("spring", DAY, DAY + timedelta(days=365))
    assert len(report.days) == 366


def test_a_failing_exporter_never_fails_the_count_nor_the_buffer(caplog):
    class Broken:
        def count(self, *_args, **_kwargs):
            raise RuntimeError("down")

        def flush(self):
            raise RuntimeError("down")

    store, clock = MemoryMetricsStore(), SettableClock(NOW)
    buffer = BufferedMetrics(store, clock)
    tee = TeeMetrics(Broken(), buffer)
    with caplog.at_level(logging.WARNING, "unicom_core.metrics"):
        tee.count("spring", JOIN, at=NOW)
        tee.flush()
    assert "metrics.count_failed" in caplog.text
    assert store.days("spring", DAY, DAY) == [MetricTotal("spring", JOIN, DAY, 1, 0)]


def test_closing_the_hall_flushes_the_metrics():
    store = MemoryMetricsStore()
    hall = bootstrap(clock=SettableClock(NOW), metrics_store=store)
    hall.metrics.count("spring", JOIN, at=NOW)
    assert store.batches == 0
    hall.close()
    assert store.days("spring", DAY, DAY) == [MetricTotal("spring", JOIN, DAY, 1, 0)]
