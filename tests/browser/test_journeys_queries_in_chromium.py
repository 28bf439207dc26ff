"""The queries, the menu and the language switch, in Chromium, zh and en, 1280 and 390 px.

The bills page (F-QRY-1, F-QRY-3) charts this number's last six months (six bars), shows the
balance and the account's monthly bills, each linking to its own month; a month's page lists
the bill's lines and links that month's detail records, which show units (calls in minutes,
messages counted, data in MB), fees and the page's totals. The usage page shows the
allowances left with their bars (F-QRY-2). The menu is a bar of groups at 1280 px and, at
390 px, is collapsed behind its button; its groups are 查询 / 交费充值 / 业务办理 / 我的 (and
the promotions and the shop). The language switch keeps the page's query (the detail
records stay on their kind and month).

Each walk runs in the four combinations of ``journeys.ALL``, logged in as 张三 (one session
reused); nothing here changes what it reads. Screenshots go to ``test-artifacts/browser/``
(``u1-<journey>-<lang>-<width>-<step>.png``).
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect
from tests.browser.journeys import ALL, accessible, money, shot, visit, yuan_of

WORDS = {
    "zh": {
        "bills": "账单查询",
        "chart": "本号码近六个月话费",
        "lines": " · 账单明细",
        "month_title": "{cycle} 账单明细",
        "issued": "已出账",
        "month_details": "该月详单",
        "voice": "通话",
        "details": "详单查询",
        "total": "本页合计",
        "three_messages": "3 条",
        "usage": "余量与详单",
        "left": "本月剩余",
        "minutes": "分钟",
        "groups": ["查询", "交费充值", "业务办理", "优惠活动", "网上商城", "我的"],
        "menu": "菜单",
        "switch": "English",
    },
    "en": {
        "bills": "Bills",
        "chart": "This number's charges, last six months",
        "lines": " · Lines",
        "month_title": "Bill of {cycle}",
        "issued": "Issued",
        "month_details": "Detailed records of the month",
        "voice": "Voice",
        "details": "Detailed records",
        "total": "This page",
        "three_messages": "3 messages",
        "usage": "Usage",
        "left": "Left this month",
        "minutes": "min",
        "groups": [
            "Queries",
            "Pay and top up",
            "Plans and services",
            "Promotions",
            "Shop",
            "My account",
        ],
        "menu": "Menu",
        "switch": "中文",
    },
}
OTHER = {"zh": "en", "en": "zh"}


def _open_menu_group(page, width: int, group: str) -> None:
    """Open the menu's ``group`` as a person would (the menu button first on a phone)."""
    if width < 600:  # the phone layout
        page.locator(".menu-toggle").click()
    page.locator(f".menu-group[data-group={group}] summary").click()


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_f_qry_3_bills_six_months_charted_each_bill_to_its_month(demo, signed_in, lang, width):
    _, base = demo
    words = WORDS[lang]
    page = signed_in(lang, width)
    visit(page, base, lang, "/home")
    page.get_by_test_id("tile-bills").click()
    expect(page.locator("h1")).to_have_text(words["bills"])
    expect(page.locator("#chart h2")).to_have_text(words["chart"])
    expect(page.locator("svg.chart rect.bar")).to_have_count(6)
    expect(page.get_by_test_id("balance")).to_have_text(money(lang, "52.30"))
    expect(page.get_by_test_id("bill")).to_have_count(5)  # the five months billed
    links = page.get_by_test_id("bill-link")
    for index in range(5):
        text = links.nth(index).inner_text()
        cycle = text.removesuffix(words["lines"])
        assert re.fullmatch(r"\d{4}-\d{2}", cycle), text
        assert links.nth(index).get_attribute("href") == f"/bills/{cycle}"
    shot(page, "bills", lang, width, "1-bills")
    newest = links.first.inner_text().removesuffix(words["lines"])
    links.first.click()
    expect(page).to_have_url(re.compile(rf"/bills/{newest}$"))
    expect(page.locator("h1")).to_have_text(words["month_title"].format(cycle=newest))
    expect(page.locator("#bill-lines h2")).to_contain_text(words["issued"])
    expect(page.get_by_test_id("bill-line").first).to_be_visible()
    shot(page, "bills", lang, width, "2-month")
    accessible(page)


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_f_qry_3_a_months_detail_records_with_units_fees_and_page_totals(
    demo, signed_in, lang, width
):
    _, base = demo
    words = WORDS[lang]
    page = signed_in(lang, width)
    visit(page, base, lang, "/bills")
    cycle = page.get_by_test_id("bill-link").first.inner_text().removesuffix(words["lines"])
    page.get_by_test_id("bill-link").first.click()
    expect(page.locator("main")).to_contain_text(words["month_details"])
    page.get_by_role("link", name=words["voice"], exact=True).click()
    expect(page).to_have_url(re.compile(rf"/usage/details\?kind=voice&cycle={cycle}"))
    expect(page.locator("h1")).to_have_text(words["details"])
    expect(page.locator("#records h2")).to_have_text(f"{words['voice']} · {cycle}")
    expect(page.get_by_test_id("record")).to_have_count(2)  # a 14- and a 95-minute call
    expect(page.get_by_test_id("record-quantity")).to_have_text(["14:00", "1:35:00"])
    fees = [yuan_of(lang, fee) for fee in page.get_by_test_id("record-fee").all_inner_texts()]
    expect(page.get_by_test_id("records-total")).to_contain_text(words["total"])
    expect(page.get_by_test_id("total-quantity")).to_have_text("1:49:00")  # 14 + 95 minutes
    expect(page.get_by_test_id("total-fee")).to_have_text(money(lang, sum(fees, Decimal("0.00"))))
    shot(page, "details", lang, width, "1-voice-records")
    page.select_option("#kind", "sms")  # the same month, another kind
    page.click("#details-form button[type=submit]")
    expect(page).to_have_url(re.compile(rf"kind=sms&cycle={cycle}"))
    expect(page.get_by_test_id("record-quantity")).to_have_text([words["three_messages"]])
    expect(page.get_by_test_id("record-fee")).to_have_text([money(lang, "0.30")])  # 3 × ¥0.10
    expect(page.get_by_test_id("total-fee")).to_have_text(money(lang, "0.30"))
    shot(page, "details", lang, width, "2-sms-records")
    page.select_option("#kind", "data")
    page.click("#details-form button[type=submit]")
    expect(page.get_by_test_id("record-quantity")).to_have_text(["300 MB"])
    expect(page.get_by_test_id("total-fee")).to_have_text(money(lang, "0.00"))  # within 1GB
    shot(page, "details", lang, width, "3-data-records")
    accessible(page)


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_f_qry_2_usage_shows_the_allowances_left_with_bars(demo, signed_in, lang, width):
    _, base = demo
    words = WORDS[lang]
    page = signed_in(lang, width)
    visit(page, base, lang, "/home")
    _open_menu_group(page, width, "query")
    page.locator("#site-menu a[href='/usage']").click()
    expect(page).to_have_url(re.compile(r"/usage$"))
    expect(page.locator("h1")).to_have_text(words["usage"])
    expect(page.locator("#allowances h2")).to_contain_text(words["left"])
    expect(page.get_by_test_id("allowance")).to_have_count(2)
    expect(page.locator("#allowances meter")).to_have_count(2)
    expect(page.locator("#allowances meter").first).to_have_attribute("max", "1048576")  # 1GB
    expect(page.get_by_test_id("allowance").first).to_contain_text(
        {"zh": "48元1GB流量包", "en": "¥48 1GB Data Pack"}[lang]
    )
    expect(page.get_by_test_id("allowance").first).to_contain_text(re.compile(r"\d+ / 1024 MB"))
    expect(page.get_by_test_id("allowance").last).to_contain_text(
        re.compile(rf"\d+ / 200 {words['minutes']}")
    )
    expect(page.locator("svg.chart rect.bar")).to_have_count(6)
    shot(page, "usage", lang, width, "1-allowances")
    accessible(page)


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_the_menu_is_grouped_and_collapsed_on_a_phone(demo, signed_in, lang, width):
    _, base = demo
    words = WORDS[lang]
    page = signed_in(lang, width)
    visit(page, base, lang, "/home")
    toggle = page.locator(".menu-toggle")
    summaries = page.locator("#site-menu .menu-group > summary")
    if width < 600:  # collapsed behind its button
        expect(toggle).to_be_visible()
        expect(toggle).to_have_text(words["menu"])
        expect(toggle).to_have_attribute("aria-expanded", "false")
        expect(page.locator("#site-menu")).to_be_hidden()
        shot(page, "menu", lang, width, "1-collapsed")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
    else:  # a bar of groups, no button
        expect(toggle).to_be_hidden()
    expect(page.locator("#site-menu")).to_be_visible()
    expect(summaries).to_have_text(words["groups"])
    page.locator(".menu-group[data-group=pay] summary").click()
    expect(page.locator(".menu-group[data-group=pay] a[href='/top-up']")).to_be_visible()
    shot(page, "menu", lang, width, "2-open")
    accessible(page, state="menu open")
    page.locator(".menu-group[data-group=pay] a[href='/top-up']").click()
    expect(page).to_have_url(re.compile(r"/top-up$"))


@pytest.mark.parametrize(("lang", "width"), ALL)
def test_the_language_switch_keeps_the_pages_query(demo, signed_in, lang, width):
    _, base = demo
    other = OTHER[lang]
    page = signed_in(lang, width)
    visit(page, base, lang, "/bills")
    cycle = page.get_by_test_id("bill-link").first.inner_text().removesuffix(WORDS[lang]["lines"])
    visit(page, base, lang, f"/usage/details?kind=voice&cycle={cycle}")
    expect(page.locator("h1")).to_have_text(WORDS[lang]["details"])
    if width < 600:  # the switch is in the collapsed menu
        page.locator(".menu-toggle").click()
    switch = page.locator("#site-menu a.lang")
    expect(switch).to_have_text(WORDS[lang]["switch"])
    switch.click()
    expect(page.locator("html")).to_have_attribute("lang", {"zh": "zh-Hans", "en": "en"}[other])
    expect(page.locator("h1")).to_have_text(WORDS[other]["details"])
    expect(page).to_have_url(re.compile(r"kind=voice"))
    expect(page).to_have_url(re.compile(rf"cycle={cycle}"))
    expect(page.locator("#records h2")).to_have_text(f"{WORDS[other]['voice']} · {cycle}")
    expect(page.get_by_test_id("record")).to_have_count(2)
    shot(page, "language", lang, width, "1-switched")
    accessible(page)
