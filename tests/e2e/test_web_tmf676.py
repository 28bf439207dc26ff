"""TMF676 over HTTP: the session's payment records in the spec's shape (F-PAY-1)."""

from __future__ import annotations

import pytest
from tests.specs import conforms, spec_of

BASE = "/paymentManagement/v4"
ALIAS = "/tmf-api/paymentManagement/v4"
TOPUP = "/tmf-api/prepayBalanceManagement/v4/topupBalance"
SPEC_FILE = "TMF676-Payment-v4.0.0.swagger.json"
B1 = "18687654321"


def top_up(client, amount: int, key: str) -> dict:
    answer = client.post(
        TOPUP,
        json={"amount": {"amount": amount, "units": "CNY"}},
        headers={"Idempotency-Key": key},
    )
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_the_spec_names_the_base_path_served():
    assert spec_of(SPEC_FILE)["basePath"].rstrip("/") == BASE


def test_the_payments_of_the_session_in_the_spec_shape(world, client):
    spec = spec_of(SPEC_FILE)
    world.login(client)
    first = top_up(client, 30, "p1")
    top_up(client, 100, "p2")
    answer = client.get(f"{BASE}/payment")
    assert answer.status_code == 200
    payments = answer.json()
    assert answer.headers["x-total-count"] == "2"
    for payment in payments:
        conforms(spec, "Payment", payment)
    oldest = next(p for p in payments if p["id"] == first["id"])
    assert oldest["name"] == "top_up"
    assert oldest["status"] == "succeeded"
    assert oldest["amount"] == {"unit": "CNY", "value": 30.0}
    assert oldest["account"]["id"] == "aa"
    assert oldest["paymentMethod"]["name"] == "page"
    assert oldest["paymentItem"][0]["item"]["id"] == "top-up-30"
    one = client.get(f"{BASE}/payment/{first['id']}")
    assert one.status_code == 200
    assert one.json() == oldest


def test_fields_paging_and_filters(world, client):
    world.login(client)
    for key, amount in (("f1", 30), ("f2", 50), ("f3", 100)):
        top_up(client, amount, key)
    page = client.get(
        f"{BASE}/payment", params={"fields": "amount,status", "offset": 2, "limit": 5}
    )
    assert [set(item) for item in page.json()] == [{"id", "href", "@type", "amount", "status"}]
    assert page.headers["x-total-count"] == "3"
    assert page.headers["x-result-count"] == "1"
    assert len(client.get(f"{BASE}/payment", params={"status": "succeeded"}).json()) == 3
    assert client.get(f"{BASE}/payment", params={"name": "bill"}).json() == []
    only = client.get(f"{BASE}/payment", params={"limit": 1}).json()
    fields = client.get(f"{BASE}/payment/{only[0]['id']}", params={"fields": "status"}).json()
    assert set(fields) == {"id", "href", "@type", "status"}


def test_a_bill_payment_is_a_payment_too(world, client):
    world.bill_history()
    token = world.login(client, B1)
    paid = world.hall.payments.pay_bill(token, idempotency_key="bill-1")
    payments = client.get(f"{BASE}/payment", params={"name": "bill"}).json()
    assert [p["id"] for p in payments] == [paid.payment.id]
    assert payments[0]["account"]["id"] == "ab"
    assert "paymentItem" not in payments[0]


def test_the_tmf_api_alias_serves_the_same(world, client):
    world.login(client)
    created = top_up(client, 50, "alias")
    assert client.get(f"{ALIAS}/payment").json() == client.get(f"{BASE}/payment").json()
    assert client.get(f"{ALIAS}/payment/{created['id']}").status_code == 200
    schema = client.get("/schema/openapi.json").json()["paths"]
    assert f"{BASE}/payment" in schema
    assert f"{ALIAS}/payment" not in schema


@pytest.mark.parametrize("base", [BASE, ALIAS])
def test_no_session_another_customer_and_bad_queries_are_tmf_errors(world, client, base):
    spec = spec_of(SPEC_FILE)
    anonymous = client.get(f"{base}/payment")
    assert anonymous.status_code == 401
    conforms(spec, "Error", anonymous.json())
    assert anonymous.json()["code"] == "access.not_logged_in"
    assert client.get(f"{base}/payment/pa_{'1' * 40}").status_code == 401
    world.login(client)
    created = top_up(client, 50, "mine")
    with world.client() as other:
        world.login(other, B1)
        foreign = other.get(f"{base}/payment/{created['id']}")
        assert foreign.status_code == 404
        conforms(spec, "Error", foreign.json())
        assert foreign.json() == other.get(f"{base}/payment/pa_{'0' * 40}").json()
        assert other.get(f"{base}/payment").json() == []
    bad = client.get(f"{base}/payment", params={"offset": -1})
    assert bad.status_code == 400
    conforms(spec, "Error", bad.json())
    assert client.get(f"{base}/payment/nothing").json()["status"] == "404"
