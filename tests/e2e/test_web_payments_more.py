"""Recharge cards, e-invoices and auto-debit mandates over HTTP (F-PAY-1, F-PAY-2, F-QRY-6)."""

from __future__ import annotations

import pytest

from unicom_core.domain.payments import BatchKind

A1, B1 = "18612345678", "18687654321"
CARD = "4111111111111111"  # a Luhn-valid test card number


def _balance(client) -> int:
    return client.get("/api/v1/billing/balance").json()["balance"]["fen"]


@pytest.fixture
def stocked(world, client):
    world.hall.recharge_cards.issue_batch("recharge-card-50", 3, kind=BatchKind.ONLINE)
    return client


def _order(client, key: str = "order-1", quantity: int = 2):
    return client.post(
        "/api/v1/recharge-cards/orders",
        json={"product_code": "recharge-card-50", "quantity": quantity, "idempotency_key": key},
    )


def test_buy_reveal_and_redeem_a_card(world, stocked):
    world.login(stocked)
    order = _order(stocked)
    assert order.status_code == 201, order.text
    payment_id = order.json()["payment"]["id"]
    assert order.json()["payment"]["status"] == "succeeded"
    cards = stocked.post(f"/api/v1/recharge-cards/orders/{payment_id}/reveal")
    assert cards.status_code == 200, cards.text
    assert len(cards.json()) == 2
    secret = cards.json()[0]["secret"]
    before = _balance(stocked)
    redeemed = stocked.post("/api/v1/recharge-cards/redemptions", json={"secret": secret})
    assert redeemed.status_code == 200, redeemed.text
    assert redeemed.json()["balance"]["fen"] == before + 5000
    again = stocked.post("/api/v1/recharge-cards/redemptions", json={"secret": secret})
    world.problem(again, 409, "recharge_card.already_redeemed")


def test_card_refusals_out_of_stock_wrong_secret_and_another_buyer(world, stocked):
    world.login(stocked)
    world.problem(_order(stocked, "big", 4), 409, "recharge_card.out_of_stock")
    wrong = stocked.post(
        "/api/v1/recharge-cards/redemptions", json={"secret": "1234567890123456789"}
    )
    assert wrong.status_code in {403, 422}
    payment_id = _order(stocked).json()["payment"]["id"]
    with world.client() as other:
        world.login(other, B1)
        shown = other.post(f"/api/v1/recharge-cards/orders/{payment_id}/reveal")
        world.problem(shown, 404, "payment.unknown")


def test_an_invoice_once_per_paid_item_listed_and_downloaded(world, client):
    world.login(client)
    paid = client.post(
        "/api/v1/payments/top-ups",
        json={"product_code": "top-up-30", "idempotency_key": "inv"},
    ).json()["payment"]
    first = client.post("/api/v1/invoices", json={"payment_id": paid["id"]})
    assert first.status_code == 201, first.text
    again = client.post("/api/v1/invoices", json={"payment_id": paid["id"]})
    assert again.json()["id"] == first.json()["id"]
    listed = client.get("/api/v1/invoices").json()
    assert listed["total"] == 1
    copy = client.get(f"/api/v1/invoices/{first.json()['id']}/document")
    assert copy.status_code == 200
    assert copy.headers["content-type"].startswith("text/html")
    assert "attachment" in copy.headers["content-disposition"]
    with world.client() as other:
        world.login(other, B1)
        stolen = other.get(f"/api/v1/invoices/{first.json()['id']}/document")
        world.problem(stolen, 404, "invoice.unknown")
        world.problem(
            other.post("/api/v1/invoices", json={"payment_id": paid["id"]}),
            404,
            "payment.unknown",
        )


def test_sign_list_and_cancel_a_mandate(world, client):
    world.login(client)
    signed = client.post("/api/v1/mandates", json={"bank": "工商银行", "card_number": CARD})
    assert signed.status_code == 201, signed.text
    mandate = signed.json()
    assert CARD not in signed.text
    assert mandate["status"] == "active"
    assert [m["id"] for m in client.get("/api/v1/mandates").json()] == [mandate["id"]]
    debits = client.get(f"/api/v1/mandates/{mandate['id']}/debits").json()
    assert debits["total"] == 0
    with world.client() as other:
        world.login(other, B1)
        world.problem(
            other.post(f"/api/v1/mandates/{mandate['id']}/cancel"), 404, "mandate.unknown"
        )
    cancelled = client.post(f"/api/v1/mandates/{mandate['id']}/cancel")
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"


def test_a_bad_card_number_is_422(world, client):
    world.login(client)
    bad = client.post("/api/v1/mandates", json={"bank": "工商银行", "card_number": "1234"})
    world.problem(bad, 422, "mandate.card")


def test_the_card_mandate_and_invoice_pages(world, stocked):
    world.login(stocked)
    page = stocked.get("/recharge-cards")
    assert page.status_code == 200
    key = page.text.split('name="idempotency_key" value="')[1].split('"')[0]
    bought = stocked.post(
        "/recharge-cards/buy",
        data={
            "_csrf_token": world.csrf_token(page.text),
            "idempotency_key": key,
            "product_code": "recharge-card-50",
            "quantity": "1",
        },
        follow_redirects=False,
    )
    assert bought.status_code == 303
    shown = stocked.get(bought.headers["location"])
    assert 'id="reveal"' in shown.text
    payment_id = bought.headers["location"].rsplit("/", 1)[1]
    revealed = stocked.post(
        "/recharge-cards/reveal",
        data={"_csrf_token": world.csrf_token(shown.text), "payment_id": payment_id},
    )
    assert revealed.text.count('data-testid="secret"') == 1
    mandates = stocked.get("/mandates")
    signed = stocked.post(
        "/mandates",
        data={
            "_csrf_token": world.csrf_token(mandates.text),
            "bank": "工商银行",
            "card_number": CARD,
        },
    )
    assert signed.text.count('data-testid="mandate"') == 1
    invoices = stocked.get("/invoices")
    assert 'id="invoice-form"' in invoices.text
    issued = stocked.post(
        "/invoices",
        data={"_csrf_token": world.csrf_token(invoices.text), "payment_id": payment_id},
    )
    assert issued.text.count('data-testid="invoice"') == 1
