"""Recharge cards, e-invoices and acceptance forms, in Chromium, zh and en, 1280 and 390 px.

A recharge card bought in the sandbox (F-PAY-1) shows its secret once paid, and redeemed
onto the session's number it raises the balance by its face value. A paid top-up is invoiced
from its payment's page (F-QRY-6): the invoice is listed with its number and downloads as a
PDF. A call forwarding (F-BIZ-1) ends on its record's page (F-QRY-5), whose acceptance form
downloads as a PDF (F-QRY-6). A PDF is answered as ``application/pdf`` and starts with ``%PDF``.

Each walk runs in the four combinations of ``journeys.ALL``, logged in as 张三 (one session
reused); the balance is asserted against what the walk read first, and each call forwarding
sets a rule of its own. Screenshots go to ``test-artifacts/browser/``
(``u1-<journey>-<lang>-<width>-<step>.png``).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from tests.browser.journeys import ALL, HOLDER, accessible, money, shot, visit, yuan_of

FORWARDINGS = (  # one rule per combination: each walk changes something
    ("busy", HOLDER),
    ("not_reachable", HOLDER),
    ("unconditional", HOLDER),
    ("busy", "18687650000"),
)
WORDS = {
    "zh": {
        "cards": "充值卡",
        "paid": "支付成功",
        "reveal": "查看卡密",
        "revealed": "您的充值卡（请妥善保管卡密）",
        "redeemed": "充值成功，账户余额{balance}。",
        "invoices": "电子发票",
        "download": "下载",
        "download_pdf": "下载 PDF",
        "forwarding": "呼叫转移设置",
        "at_once": "立即生效",
        "done": "已生效",
        "form_pdf": "下载受理单（PDF）",
    },
    "en": {
        "cards": "Recharge cards",
        "paid": "Paid",
        "reveal": "Show the card secrets",
        "revealed": "Your cards (keep the secrets safe)",
        "redeemed": "Redeemed: the balance is {balance}.",
        "invoices": "E-invoices",
        "download": "Download",
        "download_pdf": "Download PDF",
        "forwarding": "Call forwarding",
        "at_once": "At once",
        "done": "Done",
        "form_pdf": "Download the form (PDF)",
    },
}


def _assert_pdf(page, base: str, href: str | None) -> None:
    assert href is not None
    answer = page.request.get(base + href)
    assert answer.ok
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.body().startswith(b"%PDF")


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_f_pay_1_buy_a_recharge_card_see_its_secret_and_redeem_it(demo, signed_in, lang, width):
    _, base = demo
    words = WORDS[lang]
    page = signed_in(lang, width)
    visit(page, base, lang, "/home")
    before = yuan_of(lang, page.get_by_test_id("balance").inner_text())
    visit(page, base, lang, "/recharge-cards")
    expect(page.locator("h1")).to_have_text(words["cards"])
    page.check("input[name=product_code][value=recharge-card-50]")
    page.fill("#quantity", "1")
    shot(page, "cards", lang, width, "1-buy")
    page.click("#buy-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/sandbox/checkout/pa_"))
    page.click("#sandbox-pay")
    expect(page.get_by_test_id("payment-status")).to_have_text(words["paid"])
    expect(page.get_by_test_id("payment-amount")).to_have_text(money(lang, "50.00"))
    expect(page.locator("#reveal")).to_have_text(words["reveal"])
    page.click("#reveal")
    expect(page.locator("#revealed h2")).to_have_text(words["revealed"])
    expect(page.get_by_test_id("secret")).to_have_count(1)
    secret = page.get_by_test_id("secret").inner_text()
    assert re.fullmatch(r"\d{10,20}", secret), secret
    shot(page, "cards", lang, width, "2-revealed")
    page.fill("#secret", secret)
    page.click("#redeem-form button[type=submit]")
    expected = words["redeemed"].format(balance=money(lang, before + 50))  # its face value
    expect(page.get_by_test_id("redeemed")).to_have_text(expected)
    shot(page, "cards", lang, width, "3-redeemed")
    accessible(page)


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_f_qry_6_a_paid_top_up_is_invoiced_and_downloads_as_a_pdf(demo, signed_in, lang, width):
    _, base = demo
    words = WORDS[lang]
    page = signed_in(lang, width)
    visit(page, base, lang, "/invoices")
    before = page.get_by_test_id("invoice").count()
    visit(page, base, lang, "/top-up")
    page.check("input[name=product_code][value=top-up-30]")
    page.click("#top-up-form button[type=submit]")
    page.click("#sandbox-pay")
    expect(page.get_by_test_id("payment-status")).to_have_text(words["paid"])
    page.click("#invoice")
    expect(page).to_have_url(re.compile(r"/invoices$"))
    expect(page.locator("h1")).to_have_text(words["invoices"])
    expect(page.locator("p.notice.error")).to_have_count(0)
    expect(page.get_by_test_id("invoice")).to_have_count(before + 1)
    invoice = page.get_by_test_id("invoice").first  # the newest
    expect(invoice.locator("td").nth(3)).to_have_text(money(lang, "30.00"))
    expect(invoice.locator("td").nth(1)).to_have_text(re.compile(r"\d{8}"))
    expect(invoice.locator("a")).to_have_text([words["download"], words["download_pdf"]])
    shot(page, "invoices", lang, width, "1-issued")
    accessible(page)
    _assert_pdf(page, base, invoice.locator("a[href$='format=pdf']").get_attribute("href"))


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_f_qry_6_a_handling_ends_with_its_acceptance_form_as_a_pdf(demo, signed_in, lang, width):
    _, base = demo
    words = WORDS[lang]
    condition, target = FORWARDINGS[ALL.index((lang, width))]
    page = signed_in(lang, width)
    visit(page, base, lang, "/handling")
    page.get_by_test_id("handling-call_forwarding").click()
    expect(page.locator("h1")).to_have_text(words["forwarding"])
    page.check(f"input[name=condition][value={condition}]")
    page.check("input[name=action][value=set]")
    page.fill("#field-target", target)
    shot(page, "handling", lang, width, "1-form")
    page.click("#handling-form button[type=submit]")
    expect(page.get_by_test_id("handling-effect")).to_have_text(words["at_once"])
    page.check("#agree")
    shot(page, "handling", lang, width, "2-confirm")
    page.click("#confirm-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/handling/records/[0-9a-f]{32}$"))
    expect(page.get_by_test_id("record-status")).to_have_text(words["done"])
    expect(page.get_by_test_id("record-summary")).to_contain_text(f"{target[:3]}****{target[-4:]}")
    expect(page.locator("#form-pdf")).to_have_text(words["form_pdf"])
    shot(page, "handling", lang, width, "3-record")
    accessible(page)
    _assert_pdf(page, base, page.locator("#form-pdf").get_attribute("href"))
