"""Cross-site requests to the JSON API and the TM Forum paths are refused (F-AUTH-7, F-PAY-3).

An unsafe request must send its body as JSON (415 otherwise, also when the Content-Type is
missing); one that the session cookie authenticates must also come from the hall's own
origin (``Origin``, ``Sec-Fetch-Site``), else 403 ``request.cross_origin``. A Bearer token
is not ambient and needs no origin; the gateway's form-encoded notification stays outside
the rule.
"""

from __future__ import annotations

import asyncio
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from litestar import Litestar, Request
from litestar.datastructures import State
from unicom_payments import Behaviour, SandboxPaymentGateway
from unicom_web import WebSettings
from unicom_web.security import guard_api_request

from unicom_core import bootstrap
from unicom_core.errors import Refused

TOP_UP = {"product_code": "top-up-50", "idempotency_key": "csrf-1"}
EVIL = "https://evil.example"


def _balance(client) -> int:
    return client.get("/api/v1/billing/balance").json()["balance"]["fen"]


def _top_up(client, **headers: str):
    return client.post("/api/v1/payments/top-ups", json=TOP_UP, headers=headers)


def test_a_cookie_post_without_a_content_type_is_415_and_pays_nothing(world, client):
    world.login(client)
    before = _balance(client)
    answer = client.post("/api/v1/payments/top-ups", content=json.dumps(TOP_UP).encode())
    world.problem(answer, 415, "request.media_type")
    assert _balance(client) == before


@pytest.mark.parametrize("media_type", ["text/plain", "application/x-www-form-urlencoded"])
def test_a_body_of_another_media_type_is_415(world, client, media_type):
    world.login(client)
    answer = client.post(
        "/api/v1/payments/top-ups",
        content=json.dumps(TOP_UP).encode(),
        headers={"content-type": media_type},
    )
    world.problem(answer, 415, "request.media_type")


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": EVIL},
        {"origin": "null"},
        {"origin": "http://["},  # a malformed origin: refused, never a 500
        {"origin": "http://testserver.local.evil.example"},
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},
        {"origin": "http://testserver.local", "sec-fetch-site": "cross-site"},
    ],
)
def test_a_cookie_request_from_another_site_is_403_and_pays_nothing(world, client, headers):
    world.login(client)
    before = _balance(client)
    world.problem(_top_up(client, **headers), 403, "request.cross_origin")
    assert _balance(client) == before


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"origin": "http://testserver.local"},
        {"origin": "https://testserver.local", "sec-fetch-site": "same-origin"},
        {"origin": "https://www.hall.example"},
        {"sec-fetch-site": "none"},
    ],
)
def test_a_cookie_request_from_the_halls_own_origins_pays(world, headers):
    with world.client(public_origins=("https://www.hall.example",)) as client:
        world.login(client)
        answer = _top_up(client, **headers)
        assert answer.status_code == 201, answer.text


def test_a_bodiless_cookie_delete_is_origin_checked_too(world, client):
    world.login(client)
    world.problem(
        client.delete("/api/v1/session", headers={"origin": EVIL}), 403, "request.cross_origin"
    )
    assert client.get("/api/v1/session").status_code == 200  # still logged in
    assert client.delete("/api/v1/session").status_code == 204


def test_a_bearer_token_needs_no_origin(world, client):
    token = world.login(client)
    client.cookies.clear()
    answer = _top_up(client, origin=EVIL, authorization=f"Bearer {token}")
    assert answer.status_code == 201, answer.text


def test_the_tmf_top_up_refuses_an_untyped_body_and_another_origin(world, client):
    world.login(client)
    body = {"amount": {"amount": 50, "units": "CNY"}}
    untyped = client.post(
        "/tmf-api/prepayBalanceManagement/v4/topupBalance", content=json.dumps(body).encode()
    )
    assert untyped.status_code == 415
    assert untyped.json()["code"] == "request.media_type"
    cross = client.post(
        "/tmf-api/prepayBalanceManagement/v4/topupBalance", json=body, headers={"origin": EVIL}
    )
    assert cross.status_code == 403
    assert cross.json()["code"] == "request.cross_origin"


def test_the_gateway_notification_stays_a_form_post_outside_the_rule(world):
    """Gateways post form-encoded bodies server to server: the rule deliberately skips it."""
    gateway = SandboxPaymentGateway()
    world.hall = bootstrap(
        storage=world.hall.storage,
        clock=world.clock,
        messages=world.messages,
        captcha=world.captcha,
        oauth=world.oauth,
        payment_gateway=gateway,
    )
    gateway.script(Behaviour.ANSWER_LATE)
    with world.client() as client:
        world.login(client)
        payment = _top_up(client).json()["payment"]
        gateway.settle_late(payment["id"])
        (notice,) = gateway.take_notifications()
        answer = client.post(
            "/api/v1/payments/notifications",
            data=notice,
            headers={"origin": EVIL, "sec-fetch-site": "cross-site"},
        )
        assert answer.status_code == 200, answer.text
        assert answer.text == "success"


_HOSTS = st.from_regex(r"[a-z][a-z0-9-]{0,12}(\.[a-z]{2,6}){1,2}", fullmatch=True)
_OWN = {"testserver.local", "www.hall.example"}
_APP = Litestar(
    route_handlers=[],
    state=State(
        {"web_settings": WebSettings(secret="s" * 48, public_origins=("https://www.hall.example",))}
    ),
)


def _guarded(headers: dict[str, str]) -> None:
    scope = {
        "type": "http",
        "method": "PUT",
        "path": "/api/v1/session/login-email",
        "app": _APP,
        "litestar_app": _APP,
        "query_string": b"",
        "root_path": "",
        "path_params": {},
        "headers": [(name.encode(), value.encode()) for name, value in headers.items()],
    }
    asyncio.run(guard_api_request(Request(scope)))


@given(host=_HOSTS, scheme=st.sampled_from(["http", "https"]))
def test_by_cookie_any_foreign_origin_is_refused(host, scheme):
    """Law: with the session cookie, an Origin other than the hall's own is always refused."""
    headers = {
        "host": "testserver.local",
        "content-type": "application/json",
        "cookie": "unicom_session=t",
        "origin": f"{scheme}://{host}",
    }
    if host in _OWN and (scheme == "https" or host == "testserver.local"):
        _guarded(headers)
        return
    with pytest.raises(Refused, match="another origin"):
        _guarded(headers)


@given(host=_HOSTS)
def test_without_the_cookie_no_origin_is_refused(host):
    """Law: a request the cookie does not authenticate is never refused for its origin."""
    _guarded({"content-type": "application/json", "origin": f"https://{host}"})
