"""The number pool over HTTP (F-NUM-1..3): the public search, reserving and the page."""

from __future__ import annotations

import datetime as dt

import pytest

from unicom_core.usecases.numbers import PoolEntry

POOL = [
    "18612348888",  # AAAA: diamond
    "18600008888",  # AAAA: diamond
    "18611112345",  # ABCD: gold
    "18655556666",  # AAAA: diamond
    "18620264321",  # DCBA: gold
    "18690001357",  # no class: ordinary
    "13012344321",  # DCBA, another segment
    "18640004000",  # AAA: gold, with a 4
]


@pytest.fixture
def pooled(world):
    world.hall.numbers.load(PoolEntry(n, "北京", "北京") for n in POOL)
    return world


@pytest.mark.usefixtures("pooled")
def test_f_num_1_the_search_is_public_and_ordered_by_tier_then_number(client):
    answer = client.get("/api/v1/numbers/search", params={"mask": "186****8888"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert [item["number"] for item in body["items"]] == ["18600008888", "18612348888"]
    assert body["items"][0]["tier"] == "diamond"
    assert body["has_more"] is False
    everything = client.get("/api/v1/numbers/search", params={"limit": 3}).json()
    assert [item["number"] for item in everything["items"]] == [
        "18600008888",
        "18612348888",
        "18655556666",
    ]
    assert everything["has_more"] is True


@pytest.mark.usefixtures("pooled")
def test_f_num_1_filters_combine_and_a_bad_mask_is_a_problem(client, world):
    answer = client.get(
        "/api/v1/numbers/search", params={"without": "4", "segment": "186", "limit": 50}
    )
    numbers = [item["number"] for item in answer.json()["items"]]
    assert "18640004000" not in numbers
    assert "18612348888" not in numbers  # it has a 4
    assert "13012344321" not in numbers
    assert "18690001357" in numbers
    world.problem(
        client.get("/api/v1/numbers/search", params={"mask": "186**x"}), 422, "number.mask"
    )


def test_f_num_2_the_classes_and_tiers_are_listed(client):
    body = client.get("/api/v1/numbers/classes").json()
    assert body["tiers"][0]["code"] == "diamond"
    assert {"AAAA", "ABCD", "DCBA", "AABB", "ABAB", "ABCABC", "AAAB"} <= {
        c["code"] for c in body["classes"]
    }


@pytest.mark.usefixtures("pooled")
def test_f_num_3_reserving_needs_a_session_and_holds_for_thirty_minutes(client, world):
    world.problem(
        client.post("/api/v1/numbers/18612348888/reservation"), 401, "access.not_logged_in"
    )
    world.login(client)
    made = client.post("/api/v1/numbers/18612348888/reservation")
    assert made.status_code == 201, made.text
    until = dt.datetime.fromisoformat(made.json()["until"])
    assert until - dt.datetime.fromisoformat(made.json()["reserved_at"]) == dt.timedelta(minutes=30)
    search = client.get("/api/v1/numbers/search", params={"mask": "186****8888"}).json()
    assert [item["number"] for item in search["items"]] == ["18600008888"]
    world.problem(client.post("/api/v1/numbers/18612348888/reservation"), 409, "number.taken")
    held = client.get("/api/v1/numbers/reservations").json()
    assert [r["number"] for r in held] == ["18612348888"]
    assert client.delete("/api/v1/numbers/18612348888/reservation").status_code == 204
    assert client.get("/api/v1/numbers/reservations").json() == []


@pytest.mark.usefixtures("pooled")
def test_f_num_3_a_random_password_session_may_not_reserve(client, world):
    world.login_random(client)
    world.problem(
        client.post("/api/v1/numbers/18612348888/reservation"), 403, "access.capability_missing"
    )


@pytest.mark.usefixtures("pooled")
def test_f_num_3_the_page_searches_reserves_and_shows_the_countdown(client, world):
    page = client.get("/numbers", params={"mask": "186****8888"})
    assert page.status_code == 200
    assert 'data-number="18612348888"' in page.text
    assert 'data-number="18611112345"' not in page.text
    world.login(client)
    page = client.get("/numbers", params={"mask": "186****8888"})
    token = world.csrf_token(page.text)
    posted = client.post(
        "/numbers/18612348888/reserve",
        data={"_csrf_token": token, "back": "/numbers?mask=186****8888"},
        follow_redirects=False,
    )
    assert posted.status_code == 303
    assert posted.headers["location"] == "/numbers?mask=186****8888"
    shown = client.get("/numbers").text
    assert 'data-testid="countdown"' in shown
    assert 'data-until="2026-11-26T10:30:00+08:00"' in shown
