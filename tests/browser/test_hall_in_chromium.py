"""The example hall in headless Chromium: log in, see the bill, be refused, build a bundle.

Each step saves a screenshot under ``test-artifacts/browser/``.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from unicom_core.domain.shared import MobileNumber

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
NUMBER = "18612345678"  # the demo's first number: ¥52.30 on its account


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_a_random_password_login_home_refusal_and_bundle(demo, page, follow_menu):
    built, base = demo
    page.goto(f"{base}/login")
    expect(page.locator("h1")).to_have_text("用户登录")
    _shot(page, "01-login")

    page.click("label[for=tab-random]")  # the login form's random-password tab
    page.fill("#user_name", NUMBER)
    page.click("#send-code")
    expect(page.locator("p.notice.info")).to_contain_text("随机密码已发送")
    code = built.messages.last_code(MobileNumber.parse(NUMBER))

    page.fill("#random_password", code)
    _shot(page, "02-login-filled")
    page.click("#login-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/home$"))
    expect(page.get_by_test_id("balance")).to_have_text("¥52.30")
    expect(page.get_by_test_id("credential")).to_have_text("随机密码")
    expect(page.get_by_test_id("plan")).to_have_text("4G全国组合套餐")
    _shot(page, "03-home")

    follow_menu(page, "/bills")
    expect(page.locator("svg.chart rect.bar")).to_have_count(6)
    expect(page.get_by_test_id("bill").first).to_be_visible()
    _shot(page, "04-bills")

    page.goto(f"{base}/usage/details?kind=voice")  # F-AUTH-5: no detail records
    expect(page.locator("p.notice.error")).to_contain_text("请使用服务密码登录")
    _shot(page, "05-details-refused")

    page.goto(f"{base}/security")
    page.fill("#email", "zhangsan@example.com")
    page.click("#email-form button[type=submit]")
    expect(page.locator("p.notice.error")).to_have_text(
        "随机密码登录不能查询详单或办理业务，请使用服务密码登录。"
    )
    _shot(page, "06-handling-refused")

    page.goto(f"{base}/bundle")
    page.check("input[name=data][value=data-300mb]")
    page.check("input[name=voice][value=voice-200min]")
    expect(page.get_by_test_id("bundle-price")).to_have_text("¥48.00")  # by the script
    _shot(page, "07-bundle-live-price")
    page.check("input[name=sms][value=sms-200]")
    page.click("#bundle-form button[type=submit]")  # and without it: the server prices
    expect(page.get_by_test_id("bundle-price")).to_have_text("¥58.00")
    _shot(page, "08-bundle-priced")


def test_english_labels_and_the_plans_page(demo, page):
    _, base = demo
    page.goto(f"{base}/plans?lang=en")
    expect(page.locator("h1")).to_have_text("Plans and offers")
    expect(page.locator("body")).to_contain_text("¥8.00")
    _shot(page, "09-plans-en")
