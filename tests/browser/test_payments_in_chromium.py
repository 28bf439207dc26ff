"""The example hall in headless Chromium: log in, top up in the sandbox, see the balance change.

The demo's gateway leaves a page payment pending and sends the browser to its checkout page
(``examples/business_hall/demo_checkout.py``); paying there delivers the signed notification
and brings the browser back to the payment's page. Screenshots go to
``test-artifacts/browser/``.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
NUMBER = "18612345678"  # the demo's first number: ¥52.30 on its account


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_a_top_up_in_the_sandbox_changes_the_balance(demo, page, follow_menu):
    built, base = demo
    password = next(number.password for number in built.numbers if number.number == NUMBER)
    page.goto(f"{base}/login")
    page.fill("#user_name", NUMBER)
    page.fill("#password", password)
    page.click("#login-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/home$"))
    expect(page.get_by_test_id("balance")).to_have_text("¥52.30")

    follow_menu(page, "/top-up")
    expect(page.get_by_test_id("price-top-up-50")).to_contain_text("¥50.00")
    page.check("input[name=product_code][value=top-up-50]")
    _shot(page, "10-top-up")
    page.click("#top-up-form button[type=submit]")

    expect(page).to_have_url(re.compile(r"/sandbox/checkout/pa_"))
    _shot(page, "11-sandbox-checkout")
    page.click("#sandbox-pay")

    expect(page).to_have_url(re.compile(r"/payments/pa_"))
    expect(page.get_by_test_id("payment-status")).to_have_text("支付成功")
    expect(page.get_by_test_id("payment-amount")).to_have_text("¥50.00")
    _shot(page, "12-top-up-paid")

    follow_menu(page, "/home")
    expect(page.get_by_test_id("balance")).to_have_text("¥102.30")
    _shot(page, "13-balance-after-top-up")
