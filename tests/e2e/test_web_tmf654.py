"""TMF654 over HTTP: buckets, accumulated balances and top-ups in the spec's shape.

The shapes are checked against the swagger vendored in ``tests/specs/tmf/``: every attribute
returned is one the spec defines, of the spec's JSON type, and every required attribute is
there.
"""

from __future__ import annotations

import pytest
from tests.specs import conforms, spec_of

BASE = "/tmf-api/prepayBalanceManagement/v4"
SPEC_FILE = "TMF654-PrepayBalance-v4.0.0.swagger.json"
A2, B1 = "18612340001", "18687654321"


def top_up(client, amount=50, key: str | None = "tmf-key-1", **extra):
    headers = {} if key is None else {"Idempotency-Key": key}
    body = {"amount": {"amount": amount, "units": "CNY"}, "@type": "TopupBalance", **extra}
    return client.post(f"{BASE}/topupBalance", json=body, headers=headers)


def balance_of(client) -> float:
    return client.get(f"{BASE}/accumulatedBalance").json()[0]["totalBalance"]["amount"]


def test_the_spec_names_the_base_path_served():
    assert spec_of(SPEC_FILE)["basePath"].rstrip("/") == BASE


def test_buckets_are_the_balance_and_the_allowances_in_the_spec_shape(world, client):
    spec = spec_of(SPEC_FILE)
    world.bill_history()
    world.login(client)
    answer = client.get(f"{BASE}/bucket")
    assert answer.status_code == 200
    buckets = answer.json()
    assert answer.headers["x-total-count"] == str(len(buckets))
    for bucket in buckets:
        conforms(spec, "Bucket", bucket)
    money = buckets[0]
    assert money["id"] == "aa:balance"
    assert money["usageType"] == "CNY"
    domain = client.get("/api/v1/billing/balance").json()["balance"]
    assert money["remainingValue"] == {"amount": domain["fen"] / 100, "units": "CNY"}
    assert money["partyAccount"]["id"] == "aa"
    assert money["logicalResource"][0]["value"] == "18612345678"
    usage_types = {bucket["usageType"] for bucket in buckets[1:]}
    assert {"data", "voice"} <= usage_types
    data = client.get(f"{BASE}/bucket", params={"usageType": "data"}).json()
    assert data
    assert {bucket["remainingValue"]["units"] for bucket in data} == {"MB"}
    one = client.get(f"{BASE}/bucket/{data[0]['id']}", params={"fields": "remainingValue"})
    assert one.status_code == 200
    assert set(one.json()) == {"id", "href", "@type", "remainingValue"}


def test_accumulated_balance_and_paging(world, client):
    spec = spec_of(SPEC_FILE)
    world.login(client)
    listed = client.get(f"{BASE}/accumulatedBalance")
    assert listed.headers["x-total-count"] == "1"
    (total,) = listed.json()
    conforms(spec, "AccumulatedBalance", total)
    assert total["id"] == "aa"
    assert total["totalBalance"] == {"amount": 52.3, "units": "CNY"}
    assert total["bucket"][0]["id"] == "aa:balance"
    assert client.get(f"{BASE}/accumulatedBalance/aa").json()["id"] == "aa"
    page = client.get(f"{BASE}/accumulatedBalance", params={"offset": 1, "limit": 5})
    assert page.json() == []
    assert page.headers["x-total-count"] == "1"
    assert page.headers["x-result-count"] == "0"


def test_a_top_up_is_created_in_the_spec_shape_and_credits(world, client):
    spec = spec_of(SPEC_FILE)
    world.login(client)
    answer = top_up(client, 50)
    assert answer.status_code == 201, answer.text
    created = answer.json()
    conforms(spec, "TopupBalance", created)
    assert created["id"].startswith("pa_")
    assert answer.headers["location"] == created["href"]
    assert created["amount"] == {"amount": 50.0, "units": "CNY"}
    assert created["status"] == "confirmed"
    assert created["product"]["id"] == "top-up-50"
    assert created["payment"]["id"] == created["id"]
    assert created["payment"]["href"].endswith(f"/paymentManagement/v4/payment/{created['id']}")
    assert balance_of(client) == pytest.approx(102.3)
    again = client.get(f"{BASE}/topupBalance/{created['id']}")
    assert again.status_code == 200
    assert again.json() == created


def test_the_same_idempotency_key_credits_once(world, client):
    world.login(client)
    first = top_up(client, 100, key="retry-me")
    second = top_up(client, 100, key="retry-me")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert balance_of(client) == pytest.approx(152.3)
    listed = client.get(f"{BASE}/topupBalance")
    assert listed.headers["x-total-count"] == "1"
    reused = top_up(client, 30, key="retry-me")
    assert reused.status_code == 409
    assert reused.json()["code"] == "payment.key_reused"
    assert balance_of(client) == pytest.approx(152.3)


def test_without_a_key_each_post_is_a_new_top_up(world, client):
    world.login(client)
    assert top_up(client, 30, key=None).status_code == 201
    assert top_up(client, 30, key=None).status_code == 201
    assert balance_of(client) == pytest.approx(112.3)
    assert client.get(f"{BASE}/topupBalance").headers["x-total-count"] == "2"


def test_product_id_and_another_number_of_the_customer(world, client):
    world.login(client)
    answer = top_up(
        client,
        1,
        key="k-product",
        product={"id": "top-up-300"},
        logicalResource={"value": A2},
        paymentMethod={"id": "app"},
    )
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["amount"]["amount"] == 300.0
    assert body["paymentMethod"]["id"] == "app"
    assert A2 in body["description"]


def test_logical_resource_by_its_required_id_tops_up_that_number_and_is_echoed(world, client):
    """LogicalResourceRef requires ``id``: a ref by id alone must credit the number it names."""
    spec = spec_of(SPEC_FILE)
    world.login(client)
    answer = top_up(client, 50, key="k-ref-id", logicalResource={"id": A2})
    assert answer.status_code == 201, answer.text
    body = answer.json()
    conforms(spec, "TopupBalance", body)
    assert body["logicalResource"]["id"] == A2
    assert A2 in body["description"]
    own = top_up(client, 30, key="k-own").json()
    assert own["logicalResource"]["id"] == "18612345678"


@pytest.mark.parametrize(
    ("ref", "field"),
    [
        ({"id": A2, "value": "18612345678"}, "logicalResource.value"),
        ({"name": "MSISDN"}, "logicalResource.id"),
        ({"id": 18612340001}, "logicalResource.id"),
    ],
)
def test_a_logical_resource_that_cannot_be_honoured_is_refused(world, client, ref, field):
    world.login(client)
    before = balance_of(client)
    answer = top_up(client, 50, key="k-bad-ref", logicalResource=ref)
    assert answer.status_code == 422, answer.text
    body = answer.json()
    conforms(spec_of(SPEC_FILE), "Error", body)
    assert body["code"] == "topup.invalid"
    assert field in body["message"], body
    assert balance_of(client) == before
    assert client.get(f"{BASE}/topupBalance").json() == []


def test_topup_list_paging_fields_and_filters(world, client):
    spec = spec_of(SPEC_FILE)
    world.login(client)
    for key, amount in (("k1", 30), ("k2", 50), ("k3", 100)):
        assert top_up(client, amount, key=key).status_code == 201
    listed = client.get(f"{BASE}/topupBalance")
    for item in listed.json():
        conforms(spec, "TopupBalance", item)
    page = client.get(f"{BASE}/topupBalance", params={"fields": "amount", "offset": 1, "limit": 1})
    assert [set(item) for item in page.json()] == [{"id", "href", "@type", "amount"}]
    assert page.headers["x-total-count"] == "3"
    assert page.headers["x-result-count"] == "1"
    assert len(client.get(f"{BASE}/topupBalance", params={"status": "confirmed"}).json()) == 3
    assert client.get(f"{BASE}/topupBalance", params={"status": "failed"}).json() == []


@pytest.mark.parametrize(
    ("extra", "amount", "code"),
    [
        ({}, 51, "topup.invalid"),
        ({"isAutoTopup": True}, 50, "topup.invalid"),
        ({"voucher": "123456"}, 50, "topup.invalid"),
        ({"paymentMethod": {"id": "mandate"}}, 50, "topup.invalid"),
        ({"product": {"id": "data-100mb"}}, 50, "payment.not_top_up_product"),
    ],
)
def test_refused_top_ups_are_tmf_errors(world, client, extra, amount, code):
    spec = spec_of(SPEC_FILE)
    world.login(client)
    answer = top_up(client, amount, key="refused", **extra)
    assert answer.status_code in {403, 422}, answer.text
    body = answer.json()
    conforms(spec, "Error", body)
    assert body["code"] == code
    assert body["status"] == str(answer.status_code)
    assert balance_of(client) == pytest.approx(52.3)


def test_malformed_bodies_and_media_types(world, client):
    world.login(client)
    missing = client.post(f"{BASE}/topupBalance", json={"description": "no amount"})
    assert missing.status_code == 400
    assert missing.json()["@type"] == "Error"
    form = client.post(
        f"{BASE}/topupBalance",
        content="amount=50",
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert form.status_code == 415
    assert form.json()["code"] == "request.media_type"


def test_no_session_and_other_customers_are_tmf_errors(world, client):
    anonymous = top_up(client)
    assert anonymous.status_code == 401
    assert anonymous.json()["code"] == "access.not_logged_in"
    assert client.get(f"{BASE}/bucket").status_code == 401
    assert client.get(f"{BASE}/topupBalance/pa_unknown").status_code == 401
    world.login(client)
    created = top_up(client, 50).json()
    with world.client() as other:
        world.login(other, B1)
        foreign = other.get(f"{BASE}/topupBalance/{created['id']}")
        assert foreign.status_code == 404
        assert foreign.json()["status"] == "404"
        assert other.get(f"{BASE}/topupBalance").json() == []
        assert other.get(f"{BASE}/accumulatedBalance/aa").status_code == 404
        assert other.get(f"{BASE}/bucket/aa:balance").status_code == 404
        to_foreign = top_up(other, 50, key="x", logicalResource={"value": "18612345678"})
        assert to_foreign.status_code == 404
        assert to_foreign.json()["code"] == "access.unknown_number"
    unknown = client.get(f"{BASE}/topupBalance/pa_{'0' * 40}")
    assert unknown.status_code == 404
    assert client.get(f"{BASE}/bucket/nothing").status_code == 404
