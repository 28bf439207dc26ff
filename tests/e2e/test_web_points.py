"""Points over HTTP (F-QRY-4): the JSON endpoints and the /points page.

A1 (张三's prepaid number) holds 1200 points earned in 2026: the balance and the points that
expire next (00:00 on 1 January 2028, Beijing time), the history, a redemption through
``POST /api/v1/points/redeem`` (idempotent per request id) and its refusals.
"""

from __future__ import annotations

import datetime as dt

from unicom_core.domain.handling import PointsAccount, PointsRules
from unicom_core.domain.shared import SHANGHAI

from .conftest import NOW


def _give(world, subscriber_id: str, points: int) -> None:
    with world.hall.storage.transaction() as tx:
        account = PointsAccount(subscriber_id)
        account.earn("bill-2026-10", points, at=NOW, rules=PointsRules())
        tx.points_accounts.add(account)


def test_the_balance_and_history_of_a_number(world, client):
    _give(world, "s1", 1200)
    world.login(client)
    view = client.get("/api/v1/points").json()
    assert view["balance"] == 1200
    assert view["expiring"] == 1200
    expiry = dt.datetime.fromisoformat(view["next_expiry"])
    assert expiry == dt.datetime(2028, 1, 1, tzinfo=SHANGHAI)
    history = client.get("/api/v1/points/history").json()
    assert history["total"] == 1
    assert (history["items"][0]["kind"], history["items"][0]["points"]) == ("earned", 1200)


def test_redeeming_over_json_is_a_handling_with_its_record(world, client):
    _give(world, "s1", 1200)
    world.login(client)
    body = {"item": "voucher-10", "request_id": "points-000001"}
    first = client.post("/api/v1/points/redeem", json=body)
    assert first.status_code == 201, first.text
    again = client.post("/api/v1/points/redeem", json=body)
    assert again.json()["id"] == first.json()["id"]
    assert client.get("/api/v1/points").json()["balance"] == 200
    refused = client.post(
        "/api/v1/points/redeem", json={"item": "voucher-10", "request_id": "points-000002"}
    )
    world.problem(refused, 403, "points.insufficient")
    unknown = client.post(
        "/api/v1/points/redeem", json={"item": "gold-bar", "request_id": "points-000003"}
    )
    world.problem(unknown, 404, "points.unknown_item")


def test_a_random_password_session_sees_points_but_cannot_redeem(world, client):
    _give(world, "s1", 1200)
    world.login_random(client)
    assert client.get("/api/v1/points").json()["balance"] == 1200
    refused = client.post(
        "/api/v1/points/redeem", json={"item": "voucher-10", "request_id": "points-000004"}
    )
    world.problem(refused, 403, "access.capability_missing")


def test_the_points_page_shows_balance_history_and_items(world, client):
    _give(world, "s1", 1200)
    world.login(client)
    page = client.get("/points")
    assert page.status_code == 200
    html = page.text
    assert 'data-testid="points-balance">1200<' in html
    assert "1200积分将于2028-01-01 00:00到期" in html
    assert 'data-testid="item-voucher-10"' in html
    assert 'action="/handling/points_redeem/confirm"' in html
    assert 'data-kind="earned"' in html


def test_points_need_a_session(client):
    world_problem = client.get("/api/v1/points")
    assert world_problem.status_code == 401
