"""F-PRO-5 over HTTP: campaign attribution, counted logins, page views and orders, the page.

The hall's metrics buffer counts in memory; the report flushes this process's buffer first,
so what a request counted shows in the next report.
"""

from __future__ import annotations

import re

import pytest
from prometheus_client.parser import text_string_to_metric_families
from unicom_metrics import PrometheusMetrics

from unicom_core import bootstrap
from unicom_core.ports.promotions import CampaignMetric

from .conftest import NOW

DAY = NOW.date()
PHONE = "phone-4g-basic"
ADDRESS = {"recipient": "张三", "phone": "18612345678", "address": "北京市西城区金融大街21号"}


def _counts(world, campaign="spring"):
    (row,) = world.hall.metrics.report(campaign, DAY, DAY).days
    return {metric.value: row[metric] for metric in CampaignMetric}


@pytest.fixture
def exporter(world):
    """The fixture's hall again, with a Prometheus exporter teed in."""
    prometheus = PrometheusMetrics()
    world.hall = bootstrap(
        storage=world.hall.storage,
        clock=world.clock,
        messages=world.messages,
        captcha=world.captcha,
        oauth=world.oauth,
        metrics=[prometheus],
    )
    world.hall.shop.restock(PHONE, 3)
    return prometheus


def test_a_campaign_link_attributes_the_visitor_and_counts_the_page_view(world, client):
    page = client.get("/login?campaign=spring")
    assert page.status_code == 200
    (cookie,) = [c for c in page.headers.get_list("set-cookie") if "unicom_campaign=" in c]
    attributes = {part.strip().lower() for part in cookie.split(";")}
    assert {"unicom_campaign=spring", "httponly", "samesite=lax", "max-age=2592000"} <= attributes
    client.get("/login")  # no link: attributed, but not a campaign page view
    assert _counts(world)["page_views"] == 1


def test_a_login_of_an_attributed_session_counts_for_its_campaign(world, client):
    client.get("/login?campaign=spring")
    world.login(client)
    client.post("/api/v1/sessions/password", json={"login_type": "mobile", "user_name": "x"})
    assert _counts(world) == {"page_views": 1, "logins": 1, "orders": 0, "joiners": 0}


def test_a_login_without_a_campaign_counts_nothing(world, client):
    world.login(client)
    assert _counts(world)["logins"] == 0


@pytest.mark.usefixtures("exporter")
def test_an_order_of_an_attributed_session_counts_once(world):
    with world.client() as client:
        client.get("/login?campaign=spring")
        world.login(client)
        body = {"request_id": "order-0001", "address": ADDRESS, "goods": [{"product_code": PHONE}]}
        assert client.post("/api/v1/shop/orders", json=body).status_code == 201
        assert client.post("/api/v1/shop/orders", json=body).status_code == 201  # a replay
    assert _counts(world)["orders"] == 1
    assert _counts(world)["logins"] == 1


def test_a_malformed_campaign_code_is_ignored(client):
    page = client.get("/login?campaign=<script>")
    assert page.status_code == 200
    assert "unicom_campaign" not in page.headers.get("set-cookie", "")


def _reader(world) -> dict[str, str]:
    """The Bearer header of an operator token with scope ``metrics.read`` (F-AUTH-6)."""
    new = world.hall.access.add_client("metrics reader", ["metrics.read"])
    issued = world.hall.access.issue_client_token(new.client.id, new.secret)
    return {"authorization": f"Bearer {issued.access_token}"}


def test_operator_pages_need_an_operator_token(world):
    with world.client() as client:
        page = client.get("/operator/metrics?campaign=spring", follow_redirects=False)
        assert page.status_code == 303
        assert page.headers["location"].startswith("/operator/login?next=")
        world.problem(client.get("/api/v1/operator/metrics/spring"), 401, "access.not_logged_in")
        world.problem(client.get("/metrics"), 401, "access.not_logged_in")


def test_the_operator_page_draws_a_chart_per_metric_and_a_table(world):
    world.hall.metrics.count("spring", CampaignMetric.JOINERS, at=NOW, n=3)
    with world.client() as client:
        client.headers.update(_reader(world))
        page = client.get(f"/operator/metrics?campaign=spring&start={DAY}&end={DAY}")
    assert page.status_code == 200
    assert page.text.count('data-testid="metric-chart"') == 5  # four metrics and the amounts
    assert page.text.count("<svg") == 5
    assert "<script" not in page.text.split("<main", 1)[-1]
    assert re.search(
        r"<td>2026-11-26</td><td[^>]*>0</td><td[^>]*>0</td><td[^>]*>0</td>"
        r"<td[^>]*>3</td>",
        page.text,
    )


def test_the_json_report_has_every_day_and_metric(world):
    world.hall.metrics.count("spring", CampaignMetric.LOGINS, at=NOW, n=2)
    with world.client() as client:
        client.headers.update(_reader(world))
        answer = client.get(f"/api/v1/operator/metrics/spring?start=2026-11-25&end={DAY}")
    assert answer.status_code == 200
    assert answer.json()["days"] == [
        {
            "day": "2026-11-25",
            "page_views": 0,
            "logins": 0,
            "orders": 0,
            "joiners": 0,
            "amount_fen": 0,
        },
        {
            "day": "2026-11-26",
            "page_views": 0,
            "logins": 2,
            "orders": 0,
            "joiners": 0,
            "amount_fen": 0,
        },
    ]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("start=2026-11-27&end=2026-11-26", "metrics.range"),
        ("start=yesterday", "metrics.range"),
        ("start=2025-01-01&end=2026-11-26", "metrics.range_too_long"),
    ],
)
def test_a_bad_range_is_a_problem_with_its_code(world, query, code):
    with world.client() as client:
        client.headers.update(_reader(world))
        world.problem(client.get(f"/api/v1/operator/metrics/spring?{query}"), 422, code)
        page = client.get(f"/operator/metrics?campaign=spring&{query}")
    assert page.status_code == 422
    assert "统计区间" in page.text


@pytest.mark.usefixtures("exporter")
def test_the_prometheus_endpoint_exposes_the_counters(world):
    world.hall.metrics.count("spring", CampaignMetric.JOINERS, at=NOW)
    with world.client() as client:
        client.headers.update(_reader(world))
        answer = client.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/plain; version=0.0.4")
    samples = {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(answer.text)
        for sample in family.samples
    }
    key = ("unicom_campaign_events_total", (("campaign", "spring"), ("metric", "joiners")))
    assert samples[key] == 1
