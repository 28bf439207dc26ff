"""Top-ups, bill payments, payment records and gateway notifications over HTTP (F-PAY).

The fixture hall pays through the memory gateway (every charge succeeds at once); the
notification tests bind the same storage to the sandbox gateway, whose notifications are
signed (F-PAY-3).
"""

from __future__ import annotations

import datetime as dt

import pytest
from unicom_payments import Behaviour, SandboxPaymentGateway

from unicom_core import bootstrap
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money

A1, A2, B1 = "18612345678", "18612340001", "18687654321"


def _balance(client) -> int:
    return client.get("/api/v1/billing/balance").json()["balance"]["fen"]


def _top_up(client, key: str = "k-1", **body):
    return client.post(
        "/api/v1/payments/top-ups",
        json={"product_code": "top-up-50", **body},
        headers={"Idempotency-Key": key},
    )


def test_a_top_up_credits_the_face_value(world, client):
    world.login(client)
    before = _balance(client)
    answer = _top_up(client)
    assert answer.status_code == 201, answer.text
    receipt = answer.json()
    assert receipt["duplicate"] is False
    assert receipt["warning"] is None
    payment = receipt["payment"]
    assert payment["status"] == "succeeded"
    assert payment["purpose"] == "top_up"
    assert payment["amount"]["fen"] == 5000
    assert payment["credit"]["fen"] == 5000
    assert _balance(client) == before + 5000


def test_a_retried_key_answers_the_first_payment_and_credits_once(world, client):
    world.login(client)
    before = _balance(client)
    first = _top_up(client, "same")
    again = _top_up(client, "same")
    assert again.status_code == 200
    assert again.json()["duplicate"] is True
    assert again.json()["payment"]["id"] == first.json()["payment"]["id"]
    body_key = client.post(
        "/api/v1/payments/top-ups",
        json={"product_code": "top-up-50", "idempotency_key": "same"},
    )
    assert body_key.json()["duplicate"] is True
    assert _balance(client) == before + 5000


def test_a_top_up_refuses_no_key_a_reused_key_and_a_non_top_up_product(world, client):
    world.login(client)
    no_key = client.post("/api/v1/payments/top-ups", json={"product_code": "top-up-50"})
    world.problem(no_key, 422, "payment.key")
    _top_up(client, "k")
    reused = _top_up(client, "k", product_code="top-up-100")
    world.problem(reused, 409, "payment.key_reused")
    pack = _top_up(client, "k2", product_code="data-100mb")
    world.problem(pack, 403, "payment.not_top_up_product")
    unknown = _top_up(client, "k3", product_code="no-such-thing")
    assert unknown.status_code == 404


def test_a_top_up_needs_a_session_and_never_reaches_another_customers_number(world, client):
    world.problem(_top_up(client), 401, "access.not_logged_in")
    world.login(client)
    other = _top_up(client, number=B1)
    world.problem(other, 404, "access.unknown_number")
    own = _top_up(client, "k-own", number=A2)
    assert own.status_code == 201


def test_payment_status_and_paged_records_are_the_customers_own(world, client):
    world.login(client)
    ids = [_top_up(client, f"k{n}").json()["payment"]["id"] for n in range(3)]
    page = client.get("/api/v1/payments", params={"limit": 2}).json()
    assert page["total"] == 3
    assert len(page["items"]) == 2
    assert {item["id"] for item in page["items"]} <= set(ids)
    shown = client.get(f"/api/v1/payments/{ids[0]}")
    assert shown.status_code == 200
    assert shown.json()["id"] == ids[0]
    with world.client() as other:
        world.login(other, B1)
        world.problem(other.get(f"/api/v1/payments/{ids[0]}"), 404, "payment.unknown")
        assert other.get("/api/v1/payments").json()["total"] == 0
    world.problem(client.get("/api/v1/payments/pa_nothing"), 404, "payment.unknown")


def test_a_bill_payment_settles_what_is_owed(world, client):
    world.bill_history()
    world.login(client, B1)
    answer = client.post(
        "/api/v1/payments/bill-payments",
        json={"amount_fen": 1200, "idempotency_key": "bill-1"},
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["payment"]["purpose"] == "bill"
    assert answer.json()["payment"]["status"] == "succeeded"


def test_a_bill_payment_in_the_generation_window_carries_the_warning(world, client):
    """F-CAL-2: from 00:00 on the last day to 00:00 on the 3rd a payment may post late."""
    world.clock.set(dt.datetime(2026, 11, 30, 20, tzinfo=SHANGHAI))
    world.login(client, B1)
    answer = client.post(
        "/api/v1/payments/bill-payments",
        json={"amount_fen": 1000},
        headers={"Idempotency-Key": "late"},
    )
    assert answer.status_code == 201, answer.text
    warning = answer.json()["warning"]
    assert warning["code"] == "billing.payment_may_post_late"
    assert dt.datetime.fromisoformat(warning["posts_from"]) == dt.datetime(
        2026, 12, 3, tzinfo=SHANGHAI
    )


def test_a_new_4g_upgrade_is_refused_payment_before_eight_on_the_second(world, client):
    """F-CAL-4: a 403 problem whose retry_at is 08:00 on the 2nd (and Retry-After)."""
    world.clock.set(dt.datetime(2026, 12, 2, 7, 30, tzinfo=SHANGHAI))
    world.hall.billing.record_4g_upgrade("s3", BillingCycle(2026, 12))
    world.login(client, B1)
    answer = client.post(
        "/api/v1/payments/bill-payments",
        json={"amount_fen": 1000, "idempotency_key": "early"},
    )
    body = world.problem(answer, 403, "billing.upgrade_payment_pending")
    assert dt.datetime.fromisoformat(body["retry_at"]) == dt.datetime(
        2026, 12, 2, 8, tzinfo=SHANGHAI
    )
    assert "Retry-After" in answer.headers


def test_a_bill_payment_of_nothing_owed_and_a_bad_number_kind_are_refused(world, client):
    world.login(client)
    nothing = client.post("/api/v1/payments/bill-payments", json={"idempotency_key": "n"})
    world.problem(nothing, 403, "payment.nothing_owed")
    kind = client.post(
        "/api/v1/payments/bill-payments",
        json={"idempotency_key": "n2", "number": A1, "number_kind": "telex"},
    )
    world.problem(kind, 422, "payment.number_kind")


@pytest.fixture
def sandbox(world):
    """The fixture's storage and clock, paying through the signing sandbox gateway."""
    gateway = SandboxPaymentGateway()
    hall = bootstrap(
        storage=world.hall.storage,
        clock=world.clock,
        messages=world.messages,
        captcha=world.captcha,
        oauth=world.oauth,
        payment_gateway=gateway,
    )
    world.hall = hall
    return gateway


def _notify(client, payload: dict[str, str]):
    return client.post("/api/v1/payments/notifications", data=payload)


def test_a_pending_top_up_is_credited_by_its_verified_notification_once(world, sandbox):
    sandbox.script(Behaviour.ANSWER_LATE)
    with world.client() as client:
        world.login(client)
        before = _balance(client)
        receipt = _top_up(client, "late").json()
        payment = receipt["payment"]
        assert payment["status"] == "pending"
        assert payment["action"]["kind"] == "redirect"
        assert _balance(client) == before
        sandbox.settle_late(payment["id"])
        (notice,) = sandbox.take_notifications()
        answer = _notify(client, notice)
        assert answer.status_code == 200
        assert answer.text == "success"
        assert _balance(client) == before + 5000
        again = _notify(client, notice)  # a duplicate changes nothing
        assert again.text == "success"
        assert _balance(client) == before + 5000
        shown = client.get(f"/api/v1/payments/{payment['id']}").json()
        assert shown["status"] == "succeeded"


def test_a_forged_notification_is_rejected_and_changes_nothing(world, sandbox):
    sandbox.script(Behaviour.ANSWER_LATE)
    with world.client() as client:
        world.login(client)
        before = _balance(client)
        payment = _top_up(client, "late").json()["payment"]
        forged = sandbox.forged_notification(payment["id"], Money(5000))
        world.problem(_notify(client, forged), 403, "payment.notification_forged")
        unknown = sandbox.notification("pa_" + "0" * 40, Money(5000))
        world.problem(_notify(client, unknown), 404, "payment.unknown_trade")
        wrong = sandbox.notification(payment["id"], Money(1))
        world.problem(_notify(client, wrong), 409, "payment.amount_mismatch")
        world.problem(_notify(client, {}), 403, "payment.notification_forged")
        assert _balance(client) == before
        assert client.get(f"/api/v1/payments/{payment['id']}").json()["status"] == "pending"


def test_the_top_up_page_shows_effective_prices_and_pays(world, client):
    world.login(client)
    form = client.get("/top-up")
    assert form.status_code == 200
    assert 'data-testid="price-top-up-50"' in form.text
    assert "¥50.00" in form.text
    key = form.text.split('name="idempotency_key" value="')[1].split('"')[0]
    posted = client.post(
        "/top-up",
        data={
            "_csrf_token": world.csrf_token(form.text),
            "idempotency_key": key,
            "number": A1,
            "product_code": "top-up-50",
        },
        follow_redirects=False,
    )
    assert posted.status_code == 303
    target = posted.headers["location"]
    assert target.startswith("/payments/pa_")
    page = client.get(target)
    assert 'data-testid="payment-status"' in page.text
    assert "支付成功" in page.text
    records = client.get("/payments")
    assert records.text.count('data-testid="payment-row"') == 1
    assert "¥102.30" in client.get("/home").text


def test_the_top_up_page_shows_a_refusal_in_place(world, client):
    """F-PAY-1: another carrier's number is refused as such, in place (not "not found")."""
    world.login(client)
    form = client.get("/top-up")
    posted = client.post(
        "/top-up",
        data={
            "_csrf_token": world.csrf_token(form.text),
            "idempotency_key": "x",
            "number": "13812345678",
            "product_code": "top-up-50",
        },
    )
    assert posted.status_code == 403
    assert 'data-code="payment.other_carrier"' in posted.text
    assert "不是联通号码" in posted.text


def test_the_bill_payment_page_warns_in_the_window(world, client):
    world.clock.set(dt.datetime(2026, 11, 30, 20, tzinfo=SHANGHAI))
    world.login(client, B1)
    page = client.get("/bill-payment")
    assert page.status_code == 200
    assert 'data-testid="late-warning"' in page.text
    posted = client.post(
        "/bill-payment",
        data={
            "_csrf_token": world.csrf_token(page.text),
            "idempotency_key": "p",
            "amount": "10.00",
            "number_kind": "mobile",
        },
        follow_redirects=False,
    )
    assert posted.status_code == 303


def test_the_pages_need_a_login(client):
    for path in (
        "/top-up",
        "/bill-payment",
        "/payments",
        "/recharge-cards",
        "/mandates",
        "/invoices",
    ):
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303, path
        assert answer.headers["location"].startswith("/login")


def test_the_return_from_the_cashier_goes_to_the_payment(client):
    answer = client.get("/payment-return?out_trade_no=pa_abc", follow_redirects=False)
    assert answer.headers["location"] == "/payments/pa_abc"
    evil = client.get("/payment-return?out_trade_no=//evil.example", follow_redirects=False)
    assert evil.headers["location"] == "/payments"
