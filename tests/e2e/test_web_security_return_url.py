"""A payment's ``return_url`` is a path on the hall or a URL on its public origins (F-PAY-1).

The web adapter checks it before any use case runs (400 ``payment.return_url``, nothing
charged); the demo's sandbox checkout page checks the scheme again and escapes what it shows.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from litestar import Litestar
from litestar.testing import TestClient
from unicom_web import WebSettings
from unicom_web.security import checked_return_url

from unicom_core import bootstrap
from unicom_core.domain.shared import Money
from unicom_core.errors import InvalidInput
from unicom_core.ports.payments import ChargeRequest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "business_hall"
PUBLIC = "https://www.hall.example"
BAD = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/phish",
    "/\\evil.example",
    "https://evil.example/back",
    "https://www.hall.example.evil.example/back",
    "https://user@www.hall.example/back",
    "http://www.hall.example/back",  # the public origin is https
    "/payment-return\r\nSet-Cookie: x=1",
    "/payment return",
    "payment-return",
    "https://[www.hall.example/back",  # a malformed authority: 400, never a 500
    "",
]
GOOD = ["/payment-return", "/payments?from=cashier", f"{PUBLIC}/payment-return", f"{PUBLIC}"]


def _records(client) -> int:
    return client.get("/api/v1/payments").json()["total"]


@pytest.mark.parametrize("url", BAD)
def test_a_top_up_with_a_bad_return_url_is_400_and_charges_nothing(world, url):
    with world.client(public_origins=(PUBLIC,)) as client:
        world.login(client)
        answer = client.post(
            "/api/v1/payments/top-ups",
            json={"product_code": "top-up-50", "idempotency_key": "r-1", "return_url": url},
        )
        body = world.problem(answer, 400, "payment.return_url")
        assert body["field"] == "return_url"
        assert _records(client) == 0


@pytest.mark.parametrize("url", GOOD)
def test_a_top_up_with_a_path_or_a_public_url_pays(world, url):
    with world.client(public_origins=(PUBLIC,)) as client:
        world.login(client)
        answer = client.post(
            "/api/v1/payments/top-ups",
            json={"product_code": "top-up-50", "idempotency_key": "r-2", "return_url": url},
        )
        assert answer.status_code == 201, answer.text


def test_bill_payments_and_card_orders_check_their_return_url_too(world, client):
    world.login(client)
    bill = client.post(
        "/api/v1/payments/bill-payments",
        json={"idempotency_key": "r-3", "return_url": "javascript:alert(1)"},
    )
    world.problem(bill, 400, "payment.return_url")
    cards = client.post(
        "/api/v1/recharge-cards/orders",
        json={
            "product_code": "recharge-card-50",
            "idempotency_key": "r-4",
            "return_url": "https://evil.example/",
        },
    )
    world.problem(cards, 400, "payment.return_url")
    assert _records(client) == 0


def test_public_origins_are_normalised_and_https_with_secure_cookies():
    settings = WebSettings(secret="s" * 48, public_origins=["HTTPS://WWW.Hall.example/"])
    assert settings.public_origins == (PUBLIC,)
    with pytest.raises(InvalidInput, match="https") as caught:
        WebSettings(secret="s" * 48, secure_cookies=True, public_origins=("http://hall.example",))
    assert caught.value.code == "web.public_origins"
    for bad in ("hall.example", "https://hall.example/path", "ftp://hall.example", "https://[x"):
        with pytest.raises(InvalidInput) as caught:
            WebSettings(secret="s" * 48, public_origins=(bad,))
        assert caught.value.code == "web.public_origins"


_SETTINGS = WebSettings(secret="s" * 48, public_origins=(PUBLIC,))


def _verdict(url: str) -> str | None:
    """The allowed URL, or the code of the refusal."""
    try:
        return checked_return_url(url, _SETTINGS)
    except InvalidInput as error:
        return error.code


@given(st.text(max_size=40))
def test_whatever_is_allowed_is_a_path_here_or_on_a_public_origin(text):
    """Law: an allowed return_url never leaves the hall's own origins nor changes scheme."""
    for url in (text, "/" + text, "//" + text, PUBLIC + text, "javascript:" + text):
        verdict = _verdict(url)
        if verdict == "payment.return_url":
            continue
        assert verdict == url
        assert (url.startswith("/") and not url.startswith("//")) or url.startswith(PUBLIC)
        assert "\\" not in url
        assert all(char.isprintable() and not char.isspace() for char in url)
        if url.startswith(PUBLIC):
            assert url[len(PUBLIC) :][:1] in {"", "/", "?", "#"}


# ---------------------------------------------------------------- the demo's sandbox checkout


@pytest.fixture
def demo_checkout():
    sys.path.insert(0, str(EXAMPLE))
    try:
        import demo_checkout  # noqa: PLC0415 - the example, importable once on the path
    finally:
        sys.path.remove(str(EXAMPLE))
    return demo_checkout


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "data:text/html,x", "//evil.example", "vbscript:x", "https://[x", None],
)
def test_the_sandbox_checkout_never_links_back_to_another_scheme(world, demo_checkout, url):
    gateway = demo_checkout.DemoCheckoutGateway()
    gateway.charge(
        ChargeRequest(idempotency_key="k-1", amount=Money(5000), subject="50", return_url=url)
    )
    assert gateway.return_url("k-1") == "/payments?out_trade_no=k-1"
    app = Litestar(route_handlers=[])
    hall = bootstrap(storage=world.hall.storage, clock=world.clock, payment_gateway=gateway)
    demo_checkout.mount_checkout(app, hall, gateway)
    with TestClient(app) as client:
        page = client.get("/sandbox/checkout/k-1").text
        assert "javascript:" not in page
        assert 'href="/payments?out_trade_no=k-1"' in page  # also where paying sends it


def test_the_sandbox_checkout_escapes_the_way_back(world, demo_checkout):
    gateway = demo_checkout.DemoCheckoutGateway()
    gateway.charge(
        ChargeRequest(
            idempotency_key="k-2",
            amount=Money(5000),
            subject="50",
            return_url='/back?x="><script>alert(1)</script>',
        )
    )
    app = Litestar(route_handlers=[])
    hall = bootstrap(storage=world.hall.storage, clock=world.clock, payment_gateway=gateway)
    demo_checkout.mount_checkout(app, hall, gateway)
    with TestClient(app) as client:
        page = client.get("/sandbox/checkout/k-2").text
    assert "<script>" not in page
    assert "&quot;&gt;&lt;script&gt;" in page
