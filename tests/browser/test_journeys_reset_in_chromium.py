"""A forgotten password reset by an SMS random password, in Chromium, zh and en, 1280 and 390 px.

From the login page's "forgot" link (F-AUTH-7): the reset page asks for the number only (no
old password), sends a random password by SMS, and sets the new service password with it;
the login page then says the password was reset, and the new one logs in.

Each combination of ``journeys.ALL`` resets a demo number of its own (a random password is
sent once a minute per number, and the walk changes the password); this module keeps to
itself so that no other walk needs those numbers' published passwords. Screenshots go to
``test-artifacts/browser/`` (``u1-reset-<lang>-<width>-<step>.png``).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from tests.browser.journeys import ALL, DEMO_NUMBERS, accessible, log_in, shot, visit

from unicom_core.domain.shared import MobileNumber

NEW_PASSWORD = "975310"  # noqa: S105 - what the walk sets
WORDS = {
    "zh": {
        "forgot": "忘记密码？",
        "title": "重置服务密码",
        "code_sent": "随机密码已发送到您的手机，5分钟内有效。",
        "reset_done": "服务密码已重置，请用新密码登录。",
        "home": "我的联通",
    },
    "en": {
        "forgot": "Forgot the password?",
        "title": "Reset the service password",
        "code_sent": "A random password was sent to your phone; it works for 5 minutes.",
        "reset_done": "Your service password was reset: log in with the new one.",
        "home": "My account",
    },
}


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_f_auth_7_forgot_password_is_reset_by_a_random_password(demo, page, lang, width):
    built, base = demo
    words = WORDS[lang]
    number = DEMO_NUMBERS[ALL.index((lang, width))]
    page.set_viewport_size({"width": width, "height": 800})
    visit(page, base, lang, "/login")
    expect(page.locator("#forgot")).to_have_text(words["forgot"])
    page.click("#forgot")
    expect(page).to_have_url(re.compile(r"/password/reset$"))
    expect(page.locator("h1")).to_have_text(words["title"])
    expect(page.locator("#old_password")).to_have_count(0)
    page.fill("#user_name", number)
    page.click("#send-reset-code")
    expect(page.locator("p.notice.info")).to_have_text(words["code_sent"])
    page.fill("#random_password", built.messages.last_code(MobileNumber.parse(number)))
    page.fill("#new_password", NEW_PASSWORD)
    shot(page, "reset", lang, width, "1-filled")
    page.click("#reset-submit")
    expect(page).to_have_url(re.compile(r"/login\?"))
    expect(page.locator("p.notice.info")).to_have_text(words["reset_done"])
    shot(page, "reset", lang, width, "2-reset-done")
    log_in(page, base, lang, number, NEW_PASSWORD)
    expect(page.locator("h1")).to_have_text(words["home"])
    expect(page.get_by_test_id("number")).to_have_text(number)
    shot(page, "reset", lang, width, "3-logged-in")
    accessible(page)
