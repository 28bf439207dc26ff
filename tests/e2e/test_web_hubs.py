"""TMF630 hubs over HTTP: operators register and remove listeners of each TMF API (F-AUTH-6).

``POST {base}/hub`` answers 201 with the ``EventSubscription``, its ``Location`` and the
signing secret (once); ``DELETE {base}/hub/{id}`` 204, then 404. Only an operator's Bearer
token with scope ``tmf.read`` may: a subscriber's session is refused, and so is no token.
"""

from __future__ import annotations

import base64

import pytest

BILLS = "/tmf-api/customerBillManagement/v4"
PAYMENTS = "/paymentManagement/v4"
USAGE = "/tmf-api/usageManagement/v4"
CALLBACK = "https://billing.example.com/tmf/listener"
JSON = {"content-type": "application/json"}


@pytest.fixture
def operator(world, client):
    new = world.hall.access.add_client("billing system", ["tmf.read"])
    raw = base64.b64encode(f"{new.client.id}:{new.secret}".encode()).decode()
    answer = client.post(
        "/oauth/token",
        data={"grant_type": "client_credentials"},
        headers={
            "content-type": "application/x-www-form-urlencoded",
            "authorization": f"Basic {raw}",
        },
    )
    assert answer.status_code == 200, answer.text
    return {**JSON, "authorization": f"Bearer {answer.json()['access_token']}"}


def register(client, headers, base=BILLS, **body):
    return client.post(f"{base}/hub", json={"callback": CALLBACK, **body}, headers=headers)


def test_an_operator_registers_a_listener_and_gets_its_secret_once(world, client, operator):
    answer = register(client, operator, query="eventType=CustomerBillCreateEvent")
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert set(body) == {"id", "callback", "query", "secret"}
    assert body["callback"] == CALLBACK
    assert body["query"] == "eventType=CustomerBillCreateEvent"
    assert len(body["secret"]) >= 40
    assert answer.headers["location"].endswith(f"{BILLS}/hub/{body['id']}")
    assert world.hall.hubs.listener(operator["authorization"][7:], body["id"]).api == "TMF678"


def test_the_payment_api_has_its_hub_under_both_base_paths(client, operator):
    for base in (PAYMENTS, "/tmf-api/paymentManagement/v4"):
        assert register(client, operator, base=base).status_code == 201


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"callback": "http://billing.example.com/cb"}, "hubs.callback"),
        ({"callback": "https://10.0.0.8/cb"}, "hubs.callback"),
        ({"query": "eventType=UsageCreateEvent"}, "hubs.query"),
        ({"query": "a=1&a=2"}, "hubs.query"),
    ],
)
def test_a_bad_callback_or_query_is_refused(client, operator, body, code):
    answer = client.post(f"{BILLS}/hub", json={"callback": CALLBACK, **body}, headers=operator)
    assert answer.status_code in {400, 422}, answer.text
    assert answer.json()["code"] == code


def test_an_api_that_sends_no_events_takes_no_listener(client, operator):
    answer = register(client, operator, base=USAGE)
    assert answer.status_code == 422, answer.text
    assert answer.json()["code"] == "hubs.api"


def test_a_subscriber_session_or_no_token_may_not_register(world, client):
    assert register(client, JSON).status_code == 401
    world.login(client)
    refused = register(client, JSON)
    assert refused.status_code == 403, refused.text


def test_delete_removes_a_listener_of_this_api_only(client, operator):
    listener = register(client, operator).json()["id"]
    assert client.delete(f"{PAYMENTS}/hub/{listener}", headers=operator).status_code == 404
    assert client.delete(f"{BILLS}/hub/{listener}", headers=operator).status_code == 204
    gone = client.delete(f"{BILLS}/hub/{listener}", headers=operator)
    assert gone.status_code == 404
    assert gone.json()["code"] == "hubs.unknown"
