"""Every answer carries the security headers; personal ones are never cached (F-QRY-1, F-AUTH-7).

Pages, JSON, TM Forum answers, problems and redirects all send a Content-Security-Policy
that forbids framing, ``nosniff`` and a Referrer-Policy; all but the static files send
``Cache-Control: no-store``, so the balance or the PUK is not kept after logout. The
templates carry no inline script, style or event handler, so the policy needs no
``'unsafe-inline'``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import unicom_web

A1 = "18612345678"
TEMPLATES = Path(unicom_web.__file__).parent / "templates"
PERSONAL = [
    "/home",
    "/profile",
    "/bills",
    "/usage",
    "/usage/details",
    "/payments",
    "/invoices",
    "/mandates",
    "/recharge-cards",
    "/security",
    "/top-up",
    "/bill-payment",
    "/api/v1/billing/balance",
    "/api/v1/session",
    "/api/v1/payments",
    "/tmf-api/prepayBalanceManagement/v4/bucket",
    "/tmf-api/customerBillManagement/v4/customerBill",
    "/tmf-api/paymentManagement/v4/payment",
]


def _assert_security_headers(answer, *, cached: bool = False) -> None:
    headers = answer.headers
    policy = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in policy
    assert "default-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] in {"strict-origin-when-cross-origin", "no-referrer"}
    if not cached:
        assert headers["cache-control"] == "no-store"


@pytest.mark.parametrize("path", PERSONAL)
def test_a_personal_answer_is_no_store_and_carries_the_headers(world, client, path):
    world.login(client)
    answer = client.get(path, follow_redirects=False)
    assert answer.status_code == 200, (path, answer.text[:300])
    _assert_security_headers(answer)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/login", 200),
        ("/plans", 200),
        ("/no-such-page", 404),
        ("/api/v1/no-such", 404),
        ("/profile", 303),
        ("/api/v1/session", 401),
        ("/schema/openapi.json", 200),
    ],
)
def test_every_kind_of_answer_carries_the_headers(client, path, status):
    answer = client.get(path, follow_redirects=False)
    assert answer.status_code == status
    _assert_security_headers(answer)


def test_the_static_files_may_be_cached_but_are_not_sniffed(client):
    answer = client.get("/static/app.css")
    assert answer.status_code == 200
    _assert_security_headers(answer, cached=True)
    assert answer.headers.get("cache-control") != "no-store"


def test_after_logout_the_personal_page_shows_no_balance(world, client):
    world.login(client)
    home = client.get("/")
    assert 'data-testid="balance"' in home.text
    assert "¥52.30" in home.text
    assert home.headers["cache-control"] == "no-store"  # the browser keeps no copy of it
    assert client.delete("/api/v1/session").status_code == 204
    again = client.get("/", follow_redirects=True)
    assert "¥52.30" not in again.text
    assert 'data-testid="balance"' not in again.text
    assert again.headers["cache-control"] == "no-store"


_INLINE = [
    re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),  # an inline script
    re.compile(r"<style\b", re.IGNORECASE),
    re.compile(r"\sstyle\s*=", re.IGNORECASE),
    re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),  # onclick=, onload= ...
    re.compile(r"javascript:", re.IGNORECASE),
]


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_no_template_needs_unsafe_inline(template):
    text = template.read_text(encoding="utf-8")
    for pattern in _INLINE:
        assert pattern.search(text) is None, f"{template.name}: {pattern.pattern}"
