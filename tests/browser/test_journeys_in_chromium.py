"""The way in and the home page, in Chromium, in Chinese and English, at 1280 and 390 px wide.

The login page is one form with two tabs (F-AUTH-2): the service password, and the random
password whose button sits beside its field; a random password sent by SMS logs in. The
service-password login lands on the home page (F-QRY-1, F-QRY-2), which shows the packs held,
the monthly fee the bill run charges (48元1GB + 32元200分钟 = ¥80.00), the balance, the
allowances left with their bars, and the quick-action tiles, which lead where they say.

Every walk runs in the four combinations of ``journeys.ALL``; each random-password walk has a
demo number of its own (a random password is sent once a minute per number). Screenshots go
to ``test-artifacts/browser/`` (``u1-<journey>-<lang>-<width>-<step>.png``).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from tests.browser.journeys import (
    ALL,
    DEMO_NUMBERS,
    PAYER,
    accessible,
    log_in,
    money,
    shot,
    visit,
)

from unicom_core.domain.shared import MobileNumber

WORDS = {
    "zh": {
        "login": "用户登录",
        "tab_password": "服务密码登录",
        "tab_random": "随机密码登录",
        "send_code": "获取随机密码",
        "code_sent": "随机密码已发送到您的手机，5分钟内有效。",
        "home": "我的联通",
        "monthly": "月费合计",
        "per_month": "/月",
        "left": "本月剩余",
        "data_pack": "48元1GB流量包",
        "voice_pack": "32元200分钟语音包",
        "data_left": re.compile(r"流量 · 48元1GB流量包\s+剩余 \d+ MB / 共 1024 MB"),
        "voice_left": re.compile(r"语音 · 32元200分钟语音包\s+剩余 \d+ 分钟 / 共 200 分钟"),
        "tiles": ["查话费", "充值", "查详单", "办业务"],
        "credential": "服务密码",
        "random_credential": "随机密码",
        "bills": "账单查询",
        "top_up": "话费充值",
    },
    "en": {
        "login": "Log in",
        "tab_password": "Service password",
        "tab_random": "Random password",
        "send_code": "Send code",
        "code_sent": "A random password was sent to your phone; it works for 5 minutes.",
        "home": "My account",
        "monthly": "Monthly fee",
        "per_month": "/month",
        "left": "Left this month",
        "data_pack": "¥48 1GB Data Pack",
        "voice_pack": "¥32 200-Minute Voice Pack",
        "data_left": re.compile(r"Data · ¥48 1GB Data Pack\s+\d+ MB left of 1024"),
        "voice_left": re.compile(r"Voice · ¥32 200-Minute Voice Pack\s+\d+ min left of 200"),
        "tiles": ["Charges", "Top up", "Call details", "Services"],
        "credential": "service password",
        "random_credential": "random password",
        "bills": "Bills",
        "top_up": "Top up",
    },
}


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_f_qry_1_log_in_to_the_home_page_packs_monthly_fee_allowances_and_tiles(
    demo, page, lang, width
):
    _, base = demo
    page.set_viewport_size({"width": width, "height": 800})
    words = WORDS[lang]
    log_in(page, base, lang, PAYER)
    expect(page.locator("h1")).to_have_text(words["home"])
    expect(page.get_by_test_id("balance")).to_have_text(money(lang, "52.30"))  # as seeded
    expect(page.get_by_test_id("credential")).to_have_text(words["credential"])
    expect(page.get_by_test_id("pack")).to_have_count(2)
    expect(page.get_by_test_id("pack")).to_have_text(
        [
            f"{words['data_pack']} · {money(lang, '48.00')}{words['per_month']}",
            f"{words['voice_pack']} · {money(lang, '32.00')}{words['per_month']}",
        ]
    )
    expect(page.locator("#plan")).to_contain_text(words["monthly"])
    expect(page.get_by_test_id("monthly-fee")).to_have_text(money(lang, "80.00"))  # 48 + 32
    expect(page.locator("#allowances h2")).to_have_text(words["left"])
    expect(page.get_by_test_id("allowance")).to_have_count(2)
    expect(page.locator("#allowances meter")).to_have_count(2)
    expect(page.get_by_test_id("allowance")).to_have_text([words["data_left"], words["voice_left"]])
    expect(page.locator("#quick-actions a")).to_have_text(words["tiles"])
    shot(page, "home", lang, width, "1-home")
    accessible(page)
    page.get_by_test_id("tile-top-up").click()
    expect(page).to_have_url(re.compile(r"/top-up$"))
    expect(page.locator("h1")).to_have_text(words["top_up"])
    page.go_back()
    page.get_by_test_id("tile-bills").click()
    expect(page).to_have_url(re.compile(r"/bills$"))
    expect(page.locator("h1")).to_have_text(words["bills"])
    shot(page, "home", lang, width, "2-tile-bills")


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_f_auth_2_one_login_form_two_tabs_the_code_button_beside_its_field(demo, page, lang, width):
    built, base = demo
    words = WORDS[lang]
    number = DEMO_NUMBERS[ALL.index((lang, width))]  # a random password once a minute each
    page.set_viewport_size({"width": width, "height": 800})
    visit(page, base, lang, "/login")
    expect(page.locator("h1")).to_have_text(words["login"])
    expect(page.locator("main form")).to_have_count(1)
    expect(page.locator("label.tab")).to_have_text([words["tab_password"], words["tab_random"]])
    expect(page.locator("#password")).to_be_visible()
    expect(page.locator("#random_password")).to_be_hidden()
    shot(page, "login", lang, width, "1-password-tab")
    page.click("label[for=tab-random]")
    expect(page.locator("#password")).to_be_hidden()
    expect(page.locator("#random_password")).to_be_visible()
    expect(page.locator("#send-code")).to_have_text(words["send_code"])
    field = page.locator("#random_password").bounding_box()
    button = page.locator("#send-code").bounding_box()
    assert field is not None
    assert button is not None
    assert abs(field["y"] - button["y"]) < field["height"]  # on one line: beside it
    assert button["x"] >= field["x"] + field["width"]  # to its right
    shot(page, "login", lang, width, "2-random-tab")
    page.fill("#user_name", number)
    page.click("#send-code")
    expect(page.locator("p.notice.info")).to_have_text(words["code_sent"])
    expect(page.locator("#random_password")).to_be_visible()  # the random tab stays chosen
    page.fill("#random_password", built.messages.last_code(MobileNumber.parse(number)))
    shot(page, "login", lang, width, "3-code-filled")
    page.click("#login-submit")
    expect(page).to_have_url(re.compile(r"/home$"))
    expect(page.get_by_test_id("number")).to_have_text(number)
    expect(page.get_by_test_id("credential")).to_have_text(words["random_credential"])
    shot(page, "login", lang, width, "4-home")
    accessible(page)
