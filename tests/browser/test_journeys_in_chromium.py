"""The subscriber's journeys in Chromium, in Chinese and English, at 1280 and 390 px wide.

Each journey ends where it should (F-QRY-1..3, F-PAY-1..3, F-AUTH-2, F-AUTH-7): the home page
shows the packs held, the monthly fee the bill run charges (48元1GB + 32元200分钟 = ¥80.00)
and the allowances left; the login is one form with two tabs; a forgotten password is reset
with a random password by SMS; another number is topped up after a confirmation showing the
holder's masked name; another carrier's number is refused as such; detail records have units
and fees; a cancelled payment says so; a mandate form sent twice signs once.

The home page is walked in all four combinations; every other journey in two (Chinese at
1280, English at 390), so each is seen in both languages and at both widths. Screenshots go
to ``test-artifacts/browser/`` (``u1-<journey>-<lang>-<width>-<step>.png``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from unicom_core.domain.shared import MobileNumber

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
PAYER = "18612345678"  # 张三: 48元1GB + 32元200分钟 on the 4G combination plan
HOLDER = "18687654321"  # 李四's number: topped up by 张三
OTHER_CARRIER = "13812345678"  # China Mobile's segment 138
ALL = [("zh", 1280), ("en", 1280), ("zh", 390), ("en", 390)]
BOTH = [("zh", 1280), ("en", 390)]
WORDS = {
    "zh": {
        "monthly": "月费合计",
        "confirm": "确认号码",
        "other_carrier": "不是联通号码",
        "paid": "支付成功",
        "pending": "待支付",
        "cancelled": "已取消",
        "code_sent": "随机密码已发送",
        "reset_done": "服务密码已重置",
        "duplicate": "无需重复签约",
        "total": "本页合计",
    },
    "en": {
        "monthly": "Monthly fee",
        "confirm": "Confirm the number",
        "other_carrier": "Not a China Unicom number",
        "paid": "Paid",
        "pending": "Awaiting payment",
        "cancelled": "Cancelled",
        "code_sent": "A random password was sent",
        "reset_done": "Your service password was reset",
        "duplicate": "no second mandate is needed",
        "total": "This page",
    },
}


AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def _accessible(page) -> None:
    """No serious or critical WCAG 2.1 AA violation on the page now shown (axe-core)."""
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    assert [v["id"] for v in violations if v["impact"] in {"serious", "critical"}] == []


def _shot(page, journey: str, lang: str, width: int, step: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"u1-{journey}-{lang}-{width}-{step}.png"
    page.screenshot(path=str(path), full_page=True)


def _open(page, base: str, lang: str, width: int, path: str = "/login") -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{base}{path}{'&' if '?' in path else '?'}lang={lang}")


def _login(page, demo, lang: str, width: int, number: str = PAYER) -> None:
    built, base = demo
    password = next(n.password for n in built.numbers if n.number == number)
    _open(page, base, lang, width)
    page.fill("#user_name", number)
    page.fill("#password", password)
    page.click("#login-submit")
    expect(page).to_have_url(re.compile(r"/home$"))


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_f_qry_1_home_shows_packs_monthly_fee_allowances_and_tiles(demo, page, lang, width):
    _login(page, demo, lang, width)
    expect(page.get_by_test_id("monthly-fee")).to_have_text("¥80.00")
    expect(page.locator("#plan")).to_contain_text(WORDS[lang]["monthly"])
    expect(page.get_by_test_id("pack")).to_have_count(2)
    expect(page.get_by_test_id("pack").first).to_contain_text("48元1GB")
    expect(page.get_by_test_id("allowance")).to_have_count(2)
    expect(page.locator("#allowances meter")).to_have_count(2)
    expect(page.locator("#quick-actions a")).to_have_count(4)
    _shot(page, "home", lang, width, "1-home")
    page.get_by_test_id("tile-top-up").click()
    expect(page).to_have_url(re.compile(r"/top-up$"))
    page.go_back()
    page.get_by_test_id("tile-bills").click()
    expect(page).to_have_url(re.compile(r"/bills$"))


@pytest.mark.parametrize(("lang", "width", "number"), [("zh", 1280, PAYER), ("en", 390, HOLDER)])
def test_f_auth_2_one_login_form_two_tabs_the_code_button_beside_its_field(
    demo, page, lang, width, number
):  # one number each: a random password is sent once a minute per number
    built, base = demo
    _open(page, base, lang, width)
    expect(page.locator("main form")).to_have_count(1)
    expect(page.locator("#password")).to_be_visible()
    expect(page.locator("#random_password")).to_be_hidden()
    page.click("label[for=tab-random]")
    expect(page.locator("#password")).to_be_hidden()
    expect(page.locator("#random_password")).to_be_visible()
    field = page.locator("#random_password").bounding_box()
    button = page.locator("#send-code").bounding_box()
    assert field is not None
    assert button is not None
    assert abs(field["y"] - button["y"]) < field["height"]  # on one line: beside it
    _shot(page, "login", lang, width, "1-random-tab")
    page.fill("#user_name", number)
    page.click("#send-code")
    expect(page.locator("p.notice.info")).to_contain_text(WORDS[lang]["code_sent"])
    expect(page.locator("#random_password")).to_be_visible()  # the random tab stays chosen
    page.fill("#random_password", built.messages.last_code(MobileNumber.parse(number)))
    _shot(page, "login", lang, width, "2-code-filled")
    page.click("#login-submit")
    expect(page).to_have_url(re.compile(r"/home$"))


@pytest.mark.parametrize(
    ("lang", "width", "number"), [("zh", 1280, "18687650000"), ("en", 390, "18612340001")]
)
def test_f_auth_7_forgot_password_is_reset_by_a_random_password(demo, page, lang, width, number):
    built, base = demo
    _open(page, base, lang, width)
    page.click("#forgot")
    expect(page).to_have_url(re.compile(r"/password/reset$"))
    expect(page.locator("#old_password")).to_have_count(0)
    page.fill("#user_name", number)
    page.click("#send-reset-code")
    expect(page.locator("p.notice.info")).to_contain_text(WORDS[lang]["code_sent"])
    page.fill("#random_password", built.messages.last_code(MobileNumber.parse(number)))
    page.fill("#new_password", "975310")
    _shot(page, "reset", lang, width, "1-filled")
    page.click("#reset-submit")
    expect(page).to_have_url(re.compile(r"/login\?"))
    expect(page.locator("p.notice.info")).to_contain_text(WORDS[lang]["reset_done"])
    page.fill("#user_name", number)
    page.fill("#password", "975310")
    page.click("#login-submit")
    expect(page).to_have_url(re.compile(r"/home$"))
    _shot(page, "reset", lang, width, "2-logged-in")


@pytest.mark.parametrize(("lang", "width"), BOTH)
def test_f_pay_1_top_up_another_number_after_confirming_its_holder(demo, page, lang, width):
    _, base = demo
    _login(page, demo, lang, width)
    _open(page, base, lang, width, "/top-up")
    page.fill("#number", OTHER_CARRIER)
    page.click("#top-up-form button[type=submit]")
    expect(page.locator("p.notice.error")).to_contain_text(WORDS[lang]["other_carrier"])
    _shot(page, "others", lang, width, "1-other-carrier")
    page.fill("#number", HOLDER)
    page.check("input[name=product_code][value=top-up-30]")
    page.click("#top-up-form button[type=submit]")
    expect(page.locator("h1")).to_have_text(WORDS[lang]["confirm"])
    expect(page.get_by_test_id("payee-number")).to_have_text(HOLDER)
    expect(page.get_by_test_id("payee-name")).to_have_text("李*")
    expect(page.locator("body")).not_to_contain_text("李四")
    _shot(page, "others", lang, width, "2-confirm")
    _accessible(page)
    page.click("#confirm-pay")
    expect(page).to_have_url(re.compile(r"/sandbox/checkout/pa_"))
    page.click("#sandbox-pay")
    expect(page).to_have_url(re.compile(r"/payments/pa_"))
    expect(page.get_by_test_id("payment-status")).to_have_text(WORDS[lang]["paid"])
    expect(page.get_by_test_id("payment-amount")).to_have_text("¥30.00")
    _shot(page, "others", lang, width, "3-receipt")


@pytest.mark.parametrize(("lang", "width"), BOTH)
def test_f_pay_3_a_payment_cancelled_at_the_checkout_says_so(demo, page, lang, width):
    _, base = demo
    _login(page, demo, lang, width)
    _open(page, base, lang, width, "/top-up")
    page.check("input[name=product_code][value=top-up-30]")
    page.click("#top-up-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/sandbox/checkout/pa_"))
    page.click("a[href*='payment-return']")
    expect(page).to_have_url(re.compile(r"/payments/pa_"))
    expect(page.get_by_test_id("payment-status")).to_have_text(WORDS[lang]["pending"])
    expect(page.get_by_test_id("payment-credit")).not_to_contain_text("到账 ¥")
    _shot(page, "status", lang, width, "1-back-from-checkout")
    page.click("#cancel-payment")
    expect(page.get_by_test_id("payment-status")).to_have_text(WORDS[lang]["cancelled"])
    expect(page.locator("#pay-again")).to_be_visible()
    _shot(page, "status", lang, width, "2-cancelled")
    _accessible(page)


@pytest.mark.parametrize(("lang", "width"), BOTH)
def test_f_qry_3_from_a_bill_to_its_lines_and_detail_records(demo, page, lang, width):
    _, base = demo
    _login(page, demo, lang, width)
    _open(page, base, lang, width, "/bills")
    page.get_by_test_id("bill-link").first.click()
    expect(page).to_have_url(re.compile(r"/bills/\d{4}-\d{2}$"))
    expect(page.get_by_test_id("bill-line").first).to_be_visible()
    _shot(page, "details", lang, width, "1-bill-month")
    _accessible(page)
    page.click("a[href*='kind=voice']")
    expect(page.get_by_test_id("record").first).to_be_visible()
    quantities = page.get_by_test_id("record-quantity").all_inner_texts()
    assert "14:00" in quantities  # a 14-minute call of the demo
    fees = page.get_by_test_id("record-fee").all_inner_texts()
    assert all(re.fullmatch(r"¥\d+\.\d\d", fee) for fee in fees)
    expect(page.get_by_test_id("records-total")).to_contain_text(WORDS[lang]["total"])
    _shot(page, "details", lang, width, "2-voice-records")
    _accessible(page)


@pytest.mark.parametrize(
    ("lang", "width", "card"),
    [("zh", 1280, "6222020200112233446"), ("en", 390, "6222020200112233453")],
)
def test_f_pay_2_a_mandate_form_sent_twice_signs_once(demo, page, lang, width, card):
    _, base = demo
    _login(page, demo, lang, width)
    _open(page, base, lang, width, "/mandates")
    before = page.get_by_test_id("mandate").count()
    page.fill("#bank", "工商银行")
    page.fill("#card_number", card)
    sent = page.evaluate(
        """async () => {
            const form = document.querySelector('#mandate-form');
            const send = () => fetch(form.action, {method: 'POST', body: new FormData(form)});
            const answers = await Promise.all([send(), send()]);
            return answers.map((answer) => answer.status);
        }"""
    )
    assert sent == [200, 200]  # both followed the redirect to the list
    page.reload()
    expect(page.get_by_test_id("mandate")).to_have_count(before + 1)
    _shot(page, "mandates", lang, width, "1-signed-once")
    page.fill("#bank", "工商银行")
    page.fill("#card_number", card)
    page.click("#mandate-form button[type=submit]")
    expect(page.locator("p.notice.error")).to_contain_text(WORDS[lang]["duplicate"])
    expect(page.get_by_test_id("mandate")).to_have_count(before + 1)
    _shot(page, "mandates", lang, width, "2-duplicate-refused")
