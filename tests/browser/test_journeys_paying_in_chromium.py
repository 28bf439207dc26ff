"""Paying, in Chromium, in Chinese and English, at 1280 and 390 px wide (F-PAY-1, F-PAY-2).

A top-up of the session's own number in the sandbox raises the balance on the home page by
its face value; another number is topped up (代充) or has its bill paid (代缴) after a
confirmation showing the holder's masked name (李*, never 李四); another carrier's number is
refused as such (不是联通号码), on the top-up form and on the bill form; an auto-debit
mandate form sent twice at once signs one mandate, and sent again it is refused as a
duplicate.

Each walk runs in the four combinations of ``journeys.ALL``, logged in as 张三 (the demo's
first number, one session reused); a walk that changes what it reads asserts the change
against what it read first, or uses data of its own (a card number per combination).
Screenshots go to ``test-artifacts/browser/`` (``u1-<journey>-<lang>-<width>-<step>.png``).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from tests.browser.journeys import (
    ALL,
    HOLDER,
    OTHER_CARRIER,
    accessible,
    money,
    shot,
    visit,
    yuan_of,
)

CARDS = ("6222020200112233446", "6222020200112233453", "6222020200112233461", "6222020200112233479")
WORDS = {
    "zh": {
        "top_up": "话费充值",
        "bill": "交费",
        "confirm": "确认号码",
        "other_carrier": "不是联通号码",
        "paid": "支付成功",
        "top_up_item": "话费充值 · ",
        "bill_item": "交费 · ",
        "mandates": "银行卡代扣",
        "active": "有效",
        "duplicate": "无需重复签约",
    },
    "en": {
        "top_up": "Top up",
        "bill": "Pay bills",
        "confirm": "Confirm the number",
        "other_carrier": "Not a China Unicom number",
        "paid": "Paid",
        "top_up_item": "Top-up · ",
        "bill_item": "Bill payment · ",
        "mandates": "Bank-card auto-debit",
        "active": "Active",
        "duplicate": "no second mandate is needed",
    },
}


def _pay_at_the_checkout(page, journey: str, lang: str, width: int) -> None:
    expect(page).to_have_url(re.compile(r"/sandbox/checkout/pa_"))
    shot(page, journey, lang, width, "checkout")
    page.click("#sandbox-pay")
    expect(page).to_have_url(re.compile(r"/payments/pa_"))


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_f_pay_1_a_top_up_of_the_own_number_raises_the_balance(demo, signed_in, lang, width):
    _, base = demo
    words = WORDS[lang]
    page = signed_in(lang, width)
    visit(page, base, lang, "/home")
    before = yuan_of(lang, page.get_by_test_id("balance").inner_text())
    page.get_by_test_id("tile-top-up").click()
    expect(page.locator("h1")).to_have_text(words["top_up"])
    expect(page.locator("#number")).to_have_value("18612345678")  # the session's own
    expect(page.get_by_test_id("price-top-up-50")).to_contain_text(money(lang, "50.00"))
    page.check("input[name=product_code][value=top-up-50]")
    shot(page, "top-up", lang, width, "1-form")
    page.click("#top-up-form button[type=submit]")
    _pay_at_the_checkout(page, "top-up", lang, width)
    expect(page.get_by_test_id("payment-status")).to_have_text(words["paid"])
    expect(page.get_by_test_id("payment-amount")).to_have_text(money(lang, "50.00"))
    expect(page.locator("#payment dd").first).to_contain_text(words["top_up_item"])
    shot(page, "top-up", lang, width, "2-paid")
    visit(page, base, lang, "/home")
    expect(page.get_by_test_id("balance")).to_have_text(money(lang, before + 50))  # the face value
    shot(page, "top-up", lang, width, "3-balance")
    accessible(page)


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_f_pay_1_top_up_another_number_after_confirming_its_holder(demo, signed_in, lang, width):
    _, base = demo
    words = WORDS[lang]
    page = signed_in(lang, width)
    visit(page, base, lang, "/top-up")
    page.fill("#number", OTHER_CARRIER)
    page.click("#top-up-form button[type=submit]")
    expect(page.locator("p.notice.error")).to_contain_text(words["other_carrier"])
    expect(page.locator("#number")).to_have_value(OTHER_CARRIER)
    shot(page, "others", lang, width, "1-other-carrier")
    page.fill("#number", HOLDER)
    page.check("input[name=product_code][value=top-up-30]")
    page.click("#top-up-form button[type=submit]")
    expect(page.locator("h1")).to_have_text(words["confirm"])
    expect(page.get_by_test_id("payee-number")).to_have_text(HOLDER)
    expect(page.get_by_test_id("payee-name")).to_have_text("李*")
    expect(page.get_by_test_id("payee-face")).to_have_text(money(lang, "30.00"))
    expect(page.locator("body")).not_to_contain_text("李四")
    shot(page, "others", lang, width, "2-confirm")
    accessible(page)
    page.click("#confirm-pay")
    _pay_at_the_checkout(page, "others", lang, width)
    expect(page.get_by_test_id("payment-status")).to_have_text(words["paid"])
    expect(page.get_by_test_id("payment-amount")).to_have_text(money(lang, "30.00"))
    expect(page.locator("#payment dd").first).to_have_text(re.compile(rf"{HOLDER}"))
    shot(page, "others", lang, width, "3-receipt")


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_f_pay_1_pay_the_bill_of_another_number_after_confirming_its_holder(
    demo, signed_in, lang, width
):
    _, base = demo
    words = WORDS[lang]
    page = signed_in(lang, width)
    visit(page, base, lang, "/bill-payment")
    expect(page.locator("h1")).to_have_text(words["bill"])
    page.fill("#check_number", OTHER_CARRIER)
    page.click("#bill-check button[type=submit]")
    expect(page.locator("p.notice.error")).to_contain_text(words["other_carrier"])
    shot(page, "bill-others", lang, width, "1-other-carrier")
    page.fill("#check_number", HOLDER)
    page.click("#bill-check button[type=submit]")
    expect(page.locator("h1")).to_have_text(words["confirm"])
    expect(page.get_by_test_id("payee-number")).to_have_text(HOLDER)
    expect(page.get_by_test_id("payee-name")).to_have_text("李*")
    expect(page.locator("body")).not_to_contain_text("李四")
    page.fill("#amount", "20")
    shot(page, "bill-others", lang, width, "2-confirm")
    accessible(page)
    page.click("#confirm-pay")
    _pay_at_the_checkout(page, "bill-others", lang, width)
    expect(page.get_by_test_id("payment-status")).to_have_text(words["paid"])
    expect(page.get_by_test_id("payment-amount")).to_have_text(money(lang, "20.00"))
    expect(page.locator("#payment dd").first).to_contain_text(words["bill_item"])
    shot(page, "bill-others", lang, width, "3-receipt")


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_f_pay_2_a_mandate_form_sent_twice_signs_once(demo, signed_in, lang, width):
    _, base = demo
    words = WORDS[lang]
    card = CARDS[ALL.index((lang, width))]
    page = signed_in(lang, width)
    visit(page, base, lang, "/mandates")
    expect(page.locator("h1")).to_have_text(words["mandates"])
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
    signed = page.get_by_test_id("mandate").filter(has_text=card[-4:])
    expect(signed).to_have_count(1)
    expect(signed).to_contain_text(words["active"])
    expect(signed).not_to_contain_text(card)  # the card number is masked
    shot(page, "mandates", lang, width, "1-signed-once")
    page.fill("#bank", "工商银行")
    page.fill("#card_number", card)
    page.click("#mandate-form button[type=submit]")
    expect(page.locator("p.notice.error")).to_contain_text(words["duplicate"])
    expect(page.get_by_test_id("mandate")).to_have_count(before + 1)
    shot(page, "mandates", lang, width, "2-duplicate-refused")
    accessible(page)
