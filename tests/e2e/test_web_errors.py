"""The one error mapping over HTTP: problem shapes, Litestar's refusals, bugs."""

from __future__ import annotations

import logging

import pytest
from unicom_web import problem_for

from unicom_core.errors import Conflict, InvalidInput, NotFound, PaymentFailed, Refused

A1, B1 = "18612345678", "18687654321"


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (InvalidInput("x.bad", "bad"), 422),
        (NotFound("x.none", "none"), 404),
        (Conflict("x.moved", "moved"), 409),
        (Refused("x.no", "no"), 403),
        (PaymentFailed("x.declined", "declined"), 402),
        (Refused("access.not_logged_in", "log in"), 401),
        (Refused("code.daily_limit", "enough"), 429),
    ],
)
def test_each_kind_of_error_has_its_status(error, status):
    assert problem_for(error).status == status


def test_the_data_of_an_error_becomes_members_without_overriding_the_problem():
    problem = problem_for(Refused("x.no", "no", status="mine", title="mine", capability="pay"))
    body = problem.body("urn:t:")
    assert body["status"] == 403
    assert body["title"] == "Forbidden"
    assert body["capability"] == "pay"


def test_a_malformed_body_is_a_400_problem_listing_the_errors(world, client):
    answer = client.post("/api/v1/sessions/password", json={"login_type": "mobile"})
    body = world.problem(answer, 400, "request.invalid")
    assert body["errors"]
    answer = client.post(
        "/api/v1/sessions/password",
        content=b"{not json",
        headers={"content-type": "application/json"},
    )
    world.problem(answer, 400, "request.invalid")


def test_a_form_body_on_the_api_is_a_415(world, client):
    """No cross-site form can reach the JSON API: its bodies must be application/json."""
    answer = client.post(
        "/api/v1/sessions/password",
        content=b"login_type=mobile",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    world.problem(answer, 415, "request.media_type")


def test_an_unknown_route_and_method_are_problems(world, client):
    world.problem(client.get("/api/v1/nope"), 404, "http.not_found")
    answer = client.put("/api/v1/catalog/offers", json={})
    world.problem(answer, 405, "http.method_not_allowed")


def test_a_malformed_number_is_a_422(world, client):
    world.login(client)
    world.problem(client.get("/api/v1/numbers/123"), 422, "mobile.format")


def test_a_bug_is_a_500_with_a_correlation_id_and_no_internals(world, client, monkeypatch, caplog):
    def broken(*_args, **_kwargs):
        raise RuntimeError("secret internals: password=hunter2")

    monkeypatch.setattr(world.hall.catalog, "offers", broken)
    with caplog.at_level(logging.ERROR, logger="unicom_web"):
        answer = client.get("/api/v1/catalog/offers")
    body = world.problem(answer, 500, "internal")
    assert len(body["correlation_id"]) == 16
    assert "hunter2" not in answer.text
    assert "RuntimeError" not in answer.text
    logged = [record for record in caplog.records if body["correlation_id"] in record.getMessage()]
    assert logged
    assert logged[0].exc_info is not None


def test_a_bug_on_a_page_shows_the_correlation_id(world, client, monkeypatch):
    monkeypatch.setattr(world.hall.catalog, "offers", lambda *_a, **_k: 1 / 0)
    answer = client.get("/plans")
    assert answer.status_code == 500
    assert "text/html" in answer.headers["content-type"]
    assert "ZeroDivisionError" not in answer.text


def test_one_customer_can_never_read_another_customers_number(world, client):
    """F-AUTH-6: B's number answers A's session exactly as an unknown number does."""
    world.login(client, A1)
    own = client.get(f"/api/v1/numbers/{A1}")
    assert own.status_code == 200
    assert own.json()["balance"]["balance"] == {"fen": 5230, "currency": "CNY"}
    second = client.get("/api/v1/numbers/18612340001")
    assert second.status_code == 200  # A's other number, same customer
    foreign = world.problem(client.get(f"/api/v1/numbers/{B1}"), 404, "access.unknown_number")
    unknown = world.problem(client.get("/api/v1/numbers/18699999999"), 404, "access.unknown_number")
    assert foreign == unknown


def test_the_overview_of_my_number(world, client):
    world.problem(client.get("/api/v1/me"), 401, "access.not_logged_in")
    world.login(client, B1)
    me = client.get("/api/v1/me").json()
    assert me["number"] == {"kind": "mobile", "value": B1}
    assert me["balance"]["balance"] == {"fen": -1200, "currency": "CNY"}
    assert me["balance"]["credit_limit"] == {"fen": 10000, "currency": "CNY"}
    assert me["balance"]["owed"] == {"fen": 0, "currency": "CNY"}
    assert me["plan"]["code"] == "4g-national-combo"
    assert me["credential"] == "service_password"
