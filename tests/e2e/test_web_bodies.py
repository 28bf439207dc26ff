"""Money in request bodies: a JSON integer of fen, or an exact TMF amount, bounded (F-PAY-1).

Every refusal is a 422 ``payment.amount`` problem (a TMF ``Error`` on the TMF paths) and
writes nothing: the balance and the payment records stay as they were.
"""

from __future__ import annotations

import json

import pytest

from unicom_core.domain.shared import MAX_FEN

A1, B1 = "18612345678", "18687654321"

BILLS = "/api/v1/payments/bill-payments"
TOPUP = "/tmf-api/prepayBalanceManagement/v4/topupBalance"
WEB_MAXIMUM = 5_000_000
"""The default web maximum: ¥50,000."""

NOT_FEN = [
    pytest.param("10**30", id="10**30"),
    pytest.param(str(2**63), id="2**63"),
    pytest.param(str(MAX_FEN), id="int64-max"),
    pytest.param(str(WEB_MAXIMUM + 1), id="web-max+1"),
    pytest.param("0", id="zero"),
    pytest.param("-100", id="negative"),
    pytest.param('"100"', id="string"),
    pytest.param("100.0", id="float-whole"),
    pytest.param("1e2", id="exponent"),
    pytest.param("true", id="bool"),
]


def _state(client) -> tuple[int, int]:
    """The session's balance in fen and how many payments it has made."""
    balance = client.get("/api/v1/billing/balance").json()["balance"]["fen"]
    return balance, client.get("/api/v1/payments").json()["total"]


def _raw(client, path: str, text: str, **headers: str):
    return client.post(
        path, content=text.encode(), headers={"content-type": "application/json", **headers}
    )


@pytest.mark.parametrize("amount", NOT_FEN)
def test_a_bill_payment_amount_is_a_bounded_json_integer_of_fen(world, client, amount):
    world.bill_history()
    world.login(client, B1)
    before = _state(client)
    text = '{"amount_fen": ' + amount.replace("10**30", str(10**30)) + ', "idempotency_key": "k1"}'
    world.problem(_raw(client, BILLS, text), 422, "payment.amount")
    assert _state(client) == before


def test_a_bill_payment_within_the_bounds_is_paid(world, client):
    world.bill_history()
    world.login(client, B1)
    answer = client.post(BILLS, json={"amount_fen": 1200, "idempotency_key": "ok-1"})
    assert answer.status_code == 201, answer.text
    assert answer.json()["payment"]["amount"]["fen"] == 1200


def test_the_web_maximum_is_a_setting(world):
    with world.client(max_amount_fen=1000) as client:
        world.bill_history()
        world.login(client, B1)
        before = _state(client)
        over = client.post(BILLS, json={"amount_fen": 1001, "idempotency_key": "max-1"})
        world.problem(over, 422, "payment.amount")
        assert _state(client) == before
        at = client.post(BILLS, json={"amount_fen": 1000, "idempotency_key": "max-2"})
        assert at.status_code == 201, at.text


@pytest.mark.parametrize("amount", NOT_FEN)
def test_a_mandate_limit_is_a_bounded_json_integer_of_fen(world, client, amount):
    world.login(client, A1)
    text = amount.replace("10**30", str(10**30))
    body = '{"bank": "ICBC", "card_number": "6222020200112233445", "limit_fen": ' + text + "}"
    world.problem(_raw(client, "/api/v1/mandates", body), 422, "payment.amount")
    assert client.get("/api/v1/mandates").json() == []


NOT_YUAN = [
    pytest.param('"50"', id="string"),
    pytest.param("true", id="bool"),
    pytest.param("50.001", id="three-decimals"),
    pytest.param("50.0000000000000000001", id="beyond-a-float"),
    pytest.param("0.30000000000000004", id="float-sum"),
    pytest.param("1e400", id="1e400"),
    pytest.param("-50", id="negative"),
    pytest.param("0", id="zero"),
    pytest.param("50000.01", id="web-max+0.01"),
    pytest.param(str(10**30), id="10**30"),
]


@pytest.mark.parametrize("amount", NOT_YUAN)
def test_a_tmf_top_up_amount_is_exact_positive_and_bounded(world, client, amount):
    world.login(client)
    before = _state(client)
    answer = _raw(client, TOPUP, '{"amount": {"amount": ' + amount + ', "units": "CNY"}}')
    assert answer.status_code == 422, answer.text
    body = answer.json()
    assert body["@type"] == "Error"
    assert body["code"] == "payment.amount"
    assert body["status"] == "422"
    assert _state(client) == before


@pytest.mark.parametrize("amount", ["50", "50.0", "50.00", "5e1", "0.5e2"])
def test_a_tmf_top_up_amount_of_a_denomination_in_any_exact_spelling(world, client, amount):
    world.login(client)
    balance, count = _state(client)
    answer = _raw(client, TOPUP, '{"amount": {"amount": ' + amount + ', "units": "CNY"}}')
    assert answer.status_code == 201, answer.text
    assert answer.json()["amount"] == {"amount": 50, "units": "CNY"}
    assert _state(client) == (balance + 5000, count + 1)


def test_an_amount_that_is_no_denomination_is_still_the_top_up_refusal(world, client):
    world.login(client)
    answer = client.post(TOPUP, json={"amount": {"amount": 49.99, "units": "CNY"}})
    assert answer.status_code == 422, answer.text
    assert answer.json()["code"] == "topup.invalid"


def test_the_schema_documents_the_amounts(client):
    document = client.get("/schema/openapi.json").json()
    text = json.dumps(document)
    assert '"maximum": 5000000' in text
    assert "an amount in yuan, a JSON number with at most two decimals" in text


@pytest.mark.parametrize("amount", ["50000.01", "1" * 30, "0", "-10"])
def test_the_bill_payment_page_refuses_an_amount_out_of_bounds(world, client, amount):
    world.bill_history()
    world.login(client, B1)
    before = _state(client)
    page = client.get("/bill-payment")
    posted = client.post(
        "/bill-payment",
        data={
            "_csrf_token": world.csrf_token(page.text),
            "idempotency_key": "form-1",
            "amount": amount,
            "number_kind": "mobile",
        },
        follow_redirects=False,
    )
    assert posted.status_code == 422, posted.text
    assert _state(client) == before
