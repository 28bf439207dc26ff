"""Campaigns over HTTP (F-PRO-1..3): 优惠活动, joining, cancelling, pages and JSON.

Two campaigns run around the fixture's now (2026-11-26): ``autumn-app`` is open to every
number of the online hall (5 places, 10 % off top-ups in the app, a year of cloud storage
issued by a third party), ``g3-only`` admits 3G numbers only (张三's A1 is 4G: not met). The
page shows every rule's verdict before joining and a join button only when all are met;
a join with the same request id twice joins once; cancelling gives the place back.
"""

from __future__ import annotations

import re

import pytest

from unicom_core.domain.promotions import campaigns_from_toml

from .conftest import A1, B3G

OPEN = "autumn-app"
ACTOR = "cli:test"
G3 = "g3-only"


def _toml(code: str, name: str, *, quota: str = "", eligibility: str = "", fee: str = "0") -> str:
    return f"""
[[campaign]]
code = "{code}"
name = "{name}"
starts = 2026-11-01T00:00:00
ends = 2026-12-01T00:00:00
channels = ["online_hall", "mobile_hall"]
{quota}
joining_fee = "{fee}"
[campaign.eligibility]
{eligibility}
[[campaign.top_up_discount]]
rate = "10%"
channel = "mobile_hall"
[[campaign.entitlement]]
code = "cloud-storage-1y"
description = "沃云存储一年会员"
"""


def _publish(world, text: str) -> None:
    for campaign in campaigns_from_toml(text):
        world.hall.promotions.define(campaign, actor=ACTOR)
        world.hall.promotions.publish(campaign.code, actor=ACTOR)


@pytest.fixture
def campaigns(world):
    _publish(world, _toml(OPEN, "秋季手厅节", quota="quota = 5"))
    _publish(world, _toml(G3, "3G用户回馈", eligibility='generations = ["3g"]'))
    return world


def _offer_section(html: str, code: str) -> str:
    pattern = rf'<section class="card" data-testid="offer" data-code="{code}".*?</section>'
    found = re.search(pattern, html, re.DOTALL)
    assert found is not None, f"no offer {code}"
    return found.group(0)


def _request_id(html: str, code: str) -> str:
    form = re.search(
        rf'action="/promotions/{code}/join".*?name="request_id" value="([^"]+)"', html, re.DOTALL
    )
    assert form is not None
    return form.group(1)


# ---------------------------------------------------------------- the list and its verdicts


def test_the_list_shows_each_campaign_with_every_rule_verdict(campaigns, client):
    """F-PRO-1: the eligibility is shown before joining, rule by rule, with the reason."""
    campaigns.login(client)
    html = client.get("/promotions").text
    open_offer, g3 = _offer_section(html, OPEN), _offer_section(html, G3)
    assert 'data-eligible="yes"' in open_offer
    assert 'data-testid="join"' in open_offer
    assert "剩余名额：5" in open_offer
    assert "通过手机营业厅充值9折" in open_offer  # 10 % off top-ups in the app, in words
    assert "沃云存储一年会员" in open_offer
    assert "2026-11-01 00:00 至 2026-12-01 00:00" in open_offer
    assert 'data-eligible="no"' in g3
    assert 'data-testid="join"' not in g3
    assert 'data-rule="generation" data-passed="no"' in g3
    assert "您的网络制式不在活动范围内" in g3
    assert 'data-rule="window" data-passed="yes"' in g3


def test_a_3g_number_is_eligible_for_the_3g_campaign(campaigns, client):
    campaigns.login(client, B3G)
    html = client.get("/promotions").text
    assert 'data-eligible="yes"' in _offer_section(html, G3)


@pytest.mark.usefixtures("campaigns")
def test_the_page_needs_a_login(client):
    answer = client.get("/promotions", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/login?next=/promotions")


def test_both_languages_render(campaigns, client):
    campaigns.login(client)
    english = client.get("/promotions?lang=en").text
    assert "<h1>Promotions</h1>" in english
    assert "10% off top-ups in the mobile app" in english
    assert "Your network is not one the campaign takes" in english
    chinese = client.get("/promotions?lang=zh").text
    assert "<h1>优惠活动</h1>" in chinese
    assert "不符合" in chinese


# ---------------------------------------------------------------- join, twice, refused, cancel


def test_join_shows_the_participation_and_a_second_submit_joins_once(campaigns, client):
    """F-PRO-1, F-PRO-2: the same request id again is the same participation, one place taken."""
    campaigns.login(client)
    page = client.get(f"/promotions/{OPEN}").text
    form = {"_csrf_token": campaigns.csrf_token(page), "request_id": _request_id(page, OPEN)}
    for _ in range(2):
        answer = client.post(f"/promotions/{OPEN}/join", data=form, follow_redirects=False)
        assert answer.status_code == 303
        assert answer.headers["location"] == f"/promotions/{OPEN}"
    html = client.get(f"/promotions/{OPEN}").text
    assert 'data-state="active"' in html
    assert 'data-testid="participation-state">已生效<' in html
    assert "剩余名额：4" in html
    assert 'data-kind="top_up_discount"' in html
    assert "沃云存储一年会员 · 发放中" in html
    assert 'data-testid="cancel"' in html
    joined = client.get("/api/v1/promotions/participations").json()
    assert [(p["campaign_code"], p["state"]) for p in joined] == [(OPEN, "active")]


def test_a_not_eligible_number_sees_why_and_cannot_join(campaigns, client):
    campaigns.login(client)
    page = client.get(f"/promotions/{G3}").text
    assert 'data-testid="not-eligible"' in page
    assert 'data-testid="join"' not in page
    form = {"_csrf_token": campaigns.csrf_token(page), "request_id": "forced-0001"}
    refused = client.post(f"/promotions/{G3}/join", data=form)
    assert refused.status_code == 403
    assert 'data-code="promotion.not_eligible"' in refused.text
    assert "该号码不符合活动条件：generation" in refused.text
    assert client.get("/api/v1/promotions/participations").json() == []


def test_cancel_withdraws_and_gives_the_place_back(campaigns, client):
    campaigns.login(client)
    page = client.get(f"/promotions/{OPEN}").text
    token = campaigns.csrf_token(page)
    client.post(
        f"/promotions/{OPEN}/join",
        data={"_csrf_token": token, "request_id": _request_id(page, OPEN)},
    )
    answer = client.post(
        f"/promotions/{OPEN}/cancel", data={"_csrf_token": token}, follow_redirects=False
    )
    assert answer.status_code == 303
    html = client.get(f"/promotions/{OPEN}").text
    assert 'data-testid="participation-state">已取消<' in html
    assert "剩余名额：5" in html
    assert 'data-testid="cancel"' not in html
    again = client.post(f"/promotions/{OPEN}/cancel", data={"_csrf_token": token})
    assert again.status_code == 404
    assert 'data-code="promotion.not_joined"' in again.text


def test_the_forms_need_the_csrf_token(campaigns, client):
    campaigns.login(client)
    for path in (f"/promotions/{OPEN}/join", f"/promotions/{OPEN}/cancel"):
        refused = client.post(path, data={"request_id": "no-csrf-0001"})
        assert refused.status_code == 403
    assert client.get("/api/v1/promotions/participations").json() == []


def test_a_draft_or_unknown_campaign_is_not_found(campaigns, client):
    (draft,) = campaigns_from_toml(_toml("draft-one", "草稿"))
    campaigns.hall.promotions.define(draft, actor=ACTOR)
    campaigns.login(client)
    assert client.get("/promotions/draft-one").status_code == 404
    assert client.get("/promotions/nothing-here").status_code == 404


# ---------------------------------------------------------------- the JSON API


def test_the_json_api_offers_joins_once_and_cancels(campaigns, client):
    """F-PRO-1, F-PRO-2 over JSON: Idempotency-Key, 201 then 200, problem details."""
    campaigns.login(client)
    offers = {o["code"]: o for o in client.get("/api/v1/promotions/offers").json()}
    assert offers[OPEN]["eligible"] is True
    assert offers[OPEN]["remaining"] == 5
    assert {v["rule"]: v["passed"] for v in offers[G3]["verdicts"]}["generation"] is False
    assert offers[OPEN]["benefits"][0] == {
        "kind": "top_up_discount",
        "rate": "10%",
        "applies_to": ["mobile_hall"],
        "until": None,
        "description": None,
    }
    path = f"/api/v1/promotions/campaigns/{OPEN}/join"
    first = client.post(path, json={}, headers={"Idempotency-Key": "join-000001"})
    assert first.status_code == 201, first.text
    again = client.post(path, json={}, headers={"Idempotency-Key": "join-000001"})
    assert again.status_code == 200
    assert again.json()["duplicate"] is True
    assert first.json()["participation"]["state"] == "active"
    assert "subscriber_id" not in first.json()["participation"]
    other = client.post(path, json={"request_id": "join-000002"})
    campaigns.problem(other, 409, "promotion.already_joined")
    refused = client.post(f"/api/v1/promotions/campaigns/{G3}/join", json={"request_id": "j-3"})
    assert campaigns.problem(refused, 403, "promotion.not_eligible")["rule"] == "generation"
    missing = client.post(f"/api/v1/promotions/campaigns/{G3}/join", json={})
    campaigns.problem(missing, 422, "promotion.request_id")
    cancelled = client.post(f"/api/v1/promotions/campaigns/{OPEN}/cancel")
    assert cancelled.status_code == 200
    assert cancelled.json()["state"] == "cancelled"


def test_the_json_api_needs_a_session(campaigns, client):
    campaigns.problem(client.get("/api/v1/promotions/offers"), 401, "access.not_logged_in")
    joined = client.post(f"/api/v1/promotions/campaigns/{OPEN}/join", json={"request_id": "r-1"})
    campaigns.problem(joined, 401, "access.not_logged_in")


def test_a_number_of_another_customer_has_its_own_participations(campaigns, client):
    campaigns.login(client)
    client.post(f"/api/v1/promotions/campaigns/{OPEN}/join", json={"request_id": "mine-01"})
    with campaigns.client() as other:
        campaigns.login(other, B3G)
        assert other.get("/api/v1/promotions/participations").json() == []
        campaigns.problem(
            other.post(f"/api/v1/promotions/campaigns/{OPEN}/cancel"), 404, "promotion.not_joined"
        )
    assert A1  # 张三's number joined, 李四's did not
