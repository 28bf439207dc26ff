"""F-PRO-5: the Prometheus exporter, read back by parsing its exposition text."""

from __future__ import annotations

from datetime import datetime

import pytest
from prometheus_client.parser import text_string_to_metric_families
from unicom_metrics import PrometheusMetrics

from unicom_core.bootstrap import bootstrap
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.errors import InvalidInput
from unicom_core.memory import SettableClock
from unicom_core.ports.promotions import CampaignMetric, MetricsExposition

NOW = datetime(2027, 1, 15, 10, 0, tzinfo=SHANGHAI)


def _samples(exporter):
    text = exporter.exposition().decode()
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if not sample.name.endswith("_created")
    }


def test_the_counters_hold_events_per_metric_and_amounts_per_campaign():
    exporter = PrometheusMetrics()
    exporter.count("spring", CampaignMetric.JOINERS, at=NOW, amount=Money(990))
    exporter.count("spring", CampaignMetric.JOINERS, at=NOW, n=2, amount=Money(10))
    exporter.count("spring", CampaignMetric.PAGE_VIEWS, at=NOW, n=5)
    samples = _samples(exporter)
    events = "unicom_campaign_events_total"
    assert samples[events, (("campaign", "spring"), ("metric", "joiners"))] == 3
    assert samples[events, (("campaign", "spring"), ("metric", "page_views"))] == 5
    assert samples["unicom_campaign_amount_fen_total", (("campaign", "spring"),)] == 1000
    assert isinstance(exporter, MetricsExposition)
    assert exporter.media_type.startswith("text/plain; version=0.0.4")


def test_campaigns_beyond_the_cap_go_to_the_overflow_counter():
    exporter = PrometheusMetrics(max_campaigns=1)
    exporter.count("spring", CampaignMetric.LOGINS, at=NOW)
    exporter.count("autumn", CampaignMetric.LOGINS, at=NOW, n=4)
    samples = _samples(exporter)
    assert samples["unicom_campaign_overflow_total", ()] == 4
    assert not any(dict(labels).get("campaign") == "autumn" for _, labels in samples)


def test_two_exporters_never_share_counts():
    first, second = PrometheusMetrics(), PrometheusMetrics()
    first.count("spring", CampaignMetric.ORDERS, at=NOW)
    assert not any(name == "unicom_campaign_events_total" for name, _ in _samples(second))


def test_a_malformed_count_is_refused():
    with pytest.raises(InvalidInput) as raised:
        PrometheusMetrics().count("bad code", CampaignMetric.ORDERS, at=NOW)
    assert raised.value.code == "metrics.campaign"


def test_the_hall_tees_every_count_to_the_exporter_and_offers_its_exposition():
    exporter = PrometheusMetrics()
    hall = bootstrap(clock=SettableClock(NOW), metrics=[exporter])
    hall.metrics.count("spring", CampaignMetric.JOINERS, at=NOW, amount=Money(500))
    assert hall.metrics.exposition() is exporter
    samples = _samples(exporter)
    assert samples["unicom_campaign_amount_fen_total", (("campaign", "spring"),)] == 500
    assert hall.metrics.report("spring", NOW.date(), NOW.date()).days[0].amount == Money(500)
    assert bootstrap().metrics.exposition() is None
