"""Charges, bills, balance, allowances and detail records over HTTP (F-QRY-1..3, F-CAL-3)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from unicom_core.domain.shared import SHANGHAI

A1, B1, B3G = "18612345678", "18687654321", "18687650000"
PASSWORD = "284615"  # noqa: S105 - the fixture holders' password


@pytest.fixture
def billed(world, client):
    world.bill_history()
    return client


def test_this_months_charges_so_far_and_a_closed_months_bill(world, billed):
    world.login(billed)
    now = billed.get("/api/v1/billing/charges").json()
    assert now["cycle"] == "2026-11"
    assert now["final"] is False
    assert [line["code"] for line in now["lines"]] == ["data-100mb", "voice-200min"]
    october = billed.get("/api/v1/billing/charges", params={"cycle": "2026-10"}).json()
    assert october["final"] is True
    assert sum(line["amount"]["fen"] for line in october["lines"]) == 4000  # 8元 + 32元


def test_a_future_month_and_a_malformed_one_are_422(world, billed):
    world.login(billed)
    answer = billed.get("/api/v1/billing/charges", params={"cycle": "2027-01"})
    world.problem(answer, 422, "billing.future_cycle")
    assert billed.get("/api/v1/billing/charges", params={"cycle": "soon"}).status_code == 422


def test_bills_are_paged_newest_first(world, billed):
    world.login(billed)
    page = billed.get("/api/v1/billing/bills", params={"limit": 2}).json()
    assert page["total"] == 5
    assert [bill["cycle"] for bill in page["items"]] == ["2026-10", "2026-09"]
    assert page["request"] == {"offset": 0, "limit": 2}


def test_the_balance_says_what_is_owed(world, billed):
    world.login(billed)
    balance = billed.get("/api/v1/billing/balance").json()
    assert set(balance) == {"account_id", "balance", "credit_limit", "owed", "days_in_arrears"}
    assert balance["account_id"] == "aa"


def test_the_allowances_left_this_month(world, billed):
    world.login(billed)
    left = billed.get("/api/v1/billing/allowances").json()
    assert [use["bucket"]["source_code"] for use in left["buckets"]] == [
        "data-100mb",
        "voice-200min",
    ]
    assert left["buckets"][0]["remaining"] == 100 * 1024  # KB, nothing used yet


def test_detail_records_need_the_service_password(world, billed):
    """F-AUTH-5: a random-password session is refused the detail records, naming why."""
    world.login(billed)
    answer = billed.get("/api/v1/billing/details/voice", params={"cycle": "2026-11"})
    assert answer.status_code == 200
    assert answer.json()["items"] == []
    world.login_random(billed)
    refused = billed.get("/api/v1/billing/details/voice", params={"cycle": "2026-11"})
    body = world.problem(refused, 403, "access.capability_missing")
    assert body["capability"] == "query.detail.voice"
    assert billed.get("/api/v1/billing/charges").status_code == 200  # bills: allowed


def test_detail_records_go_six_months_back(world, billed):
    world.login(billed)
    answer = billed.get("/api/v1/billing/details/voice", params={"cycle": "2026-05"})
    world.problem(answer, 403, "billing.detail_window")
    internet = billed.get("/api/v1/billing/details/internet", params={"cycle": "2026-09"})
    world.problem(internet, 403, "billing.detail_window")


def test_the_bill_run_blackout_is_a_403_with_retry_at(world, billed):
    """F-CAL-3: a 3G postpaid number, on the 1st, cannot see this month's charges."""
    world.clock.set(dt.datetime(2026, 12, 1, 10, 0, tzinfo=SHANGHAI))
    world.login(billed, B3G)
    body = world.problem(billed.get("/api/v1/billing/charges"), 403, "billing.query_blackout")
    assert body["retry_at"] == "2026-12-03T00:00:00+08:00"


def test_another_customers_charges_are_unknown(world, billed):
    world.login(billed, A1)
    answer = billed.get("/api/v1/billing/charges", params={"number": B1})
    world.problem(answer, 404, "access.unknown_number")


def test_the_bills_page_charts_six_months(world, billed):
    world.login(billed)
    page = billed.get("/bills")
    assert page.status_code == 200
    svg = re.search(r"<svg class=\"chart\".*?</svg>", page.text, re.DOTALL).group(0)
    assert svg.count('class="bar"') == 6
    assert "¥40.00" in svg  # October: 8元 + 32元
    assert page.text.count('data-testid="bill"') == 5


def test_the_bills_page_explains_the_blackout(world, billed):
    world.clock.set(dt.datetime(2026, 12, 1, 10, 0, tzinfo=SHANGHAI))
    world.login(billed, B3G)
    page = billed.get("/bills")
    assert page.status_code == 200
    assert "出账期" in page.text
    assert "2026-12-03 00:00" in page.text


def test_the_usage_page_and_the_refused_details_page(world, billed):
    world.login(billed)
    usage = billed.get("/usage")
    assert usage.status_code == 200
    assert usage.text.count('data-testid="allowance"') == 2
    world.login_random(billed)
    limited = billed.get("/usage")  # F-AUTH-5: no usage for a random password, charges yes
    assert 'data-testid="allowance"' not in limited.text
    assert 'role="alert"' in limited.text
    details = billed.get("/usage/details", params={"kind": "voice", "cycle": "2026-11"})
    assert details.status_code == 403
    assert "请使用服务密码登录" in details.text
