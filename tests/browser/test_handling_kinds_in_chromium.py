"""Other kinds of handling through the same generic pages, in headless Chromium (F-BIZ).

No page of these was written for its kind: the form, the confirmation and the record come
from the handler's ``kind``, ``title`` and ``fields``. A call forwarding (F-BIZ-1, its
choices as radio buttons), a real-name re-registration (F-REAL-2, the resident ID shown
masked) and a 4G upgrade (F-BIZ-4, from the next cycle, cancelled before it applies).
Screenshots go to ``test-artifacts/browser/``.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from unicom_core.domain.shared import check_character

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
NUMBER = "18612345678"  # the demo's first number, 张三's
OTHER = "18687654321"  # 李四's: a number of the carrier to forward to
THREE_G = "18687650000"  # 王五's 3G number on a 3G plan


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _open(page, built, url: str) -> None:
    """Open ``url``, logging in with the first number's service password if asked to."""
    page.goto(url)
    if "/login" in page.url:
        password = next(demo.password for demo in built.numbers if demo.number == NUMBER)
        page.fill("#user_name", NUMBER)
        page.fill("#password", password)
        page.click("#login-form button[type=submit]")


def _confirm_and_accept(page) -> None:
    page.click("#handling-form button[type=submit]")
    expect(page.get_by_test_id("handling-effect")).to_have_text("立即生效")
    page.check("#agree")
    page.click("#confirm-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/handling/records/[0-9a-f]{32}$"))


def test_a_call_forwarding_through_the_generic_pages(demo, page):
    built, base = demo
    _open(page, built, f"{base}/handling")
    expect(page).to_have_url(re.compile(r"/handling$"))
    page.get_by_test_id("handling-call_forwarding").click()

    expect(page.locator("h1")).to_have_text("呼叫转移设置")
    page.check("input[name=condition][value=busy]")
    page.check("input[name=action][value=set]")
    page.fill("#field-target", OTHER)
    _shot(page, "30-handling-forwarding-form")
    page.click("#handling-form button[type=submit]")
    expect(page.get_by_test_id("handling-summary")).to_contain_text("遇忙")
    _shot(page, "31-handling-forwarding-confirm")
    page.check("#agree")
    page.click("#confirm-form button[type=submit]")

    expect(page).to_have_url(re.compile(r"/handling/records/[0-9a-f]{32}$"))
    expect(page.get_by_test_id("record-status")).to_have_text("已生效")
    expect(page.get_by_test_id("record-summary")).to_contain_text("186****4321")  # masked
    _shot(page, "32-handling-forwarding-record")


def test_a_forwarding_to_the_number_itself_is_refused_on_the_form(demo, page):
    built, base = demo
    _open(page, built, f"{base}/handling/call_forwarding")
    page.check("input[name=condition][value=unconditional]")
    page.check("input[name=action][value=set]")
    page.fill("#field-target", NUMBER)
    page.click("#handling-form button[type=submit]")
    expect(page.locator("p.notice.error")).to_be_visible()
    expect(page.locator("#handling-form")).to_be_visible()
    expect(page.locator("#field-target")).to_have_value(NUMBER)
    _shot(page, "33-handling-forwarding-refused")


def test_a_real_name_re_registration_through_the_generic_pages(demo, page):
    built, base = demo
    first17 = "11010519491231001"  # 张三's, as the demo seeds it
    resident_id = first17 + check_character(first17)
    _open(page, built, f"{base}/handling/realname")
    expect(page.locator("h1")).to_have_text("实名补登记")
    page.fill("#field-name", "张三")
    page.fill("#field-resident_id", resident_id)
    page.click("#handling-form button[type=submit]")
    expect(page.get_by_test_id("handling-summary")).to_contain_text("110105")
    expect(page.get_by_test_id("handling-summary")).not_to_contain_text(resident_id)
    _shot(page, "34-handling-realname-confirm")
    page.check("#agree")
    page.click("#confirm-form button[type=submit]")

    expect(page).to_have_url(re.compile(r"/handling/records/[0-9a-f]{32}$"))
    expect(page.get_by_test_id("record-status")).to_have_text("已生效")
    expect(page.locator("body")).not_to_contain_text(resident_id)
    _shot(page, "35-handling-realname-record")
    page.goto(f"{base}/profile")
    expect(page.locator("body")).to_contain_text("已实名")


def test_a_4g_upgrade_waits_for_the_next_cycle_and_can_be_cancelled(demo, page):
    """F-BIZ-4: the upgrade is a next-cycle change; its record offers the cancel button."""
    built, base = demo
    page.goto(f"{base}/login?next=/handling/upgrade_4g")
    page.fill("#user_name", THREE_G)
    page.fill("#password", next(d.password for d in built.numbers if d.number == THREE_G))
    page.click("#login-form button[type=submit]")

    expect(page).to_have_url(re.compile(r"/handling/upgrade_4g$"))
    expect(page.locator("h1")).to_have_text("升级4G套餐")
    page.check('input[name=plan][value="4g-national-76"]')
    page.click("#handling-form button[type=submit]")
    expect(page.get_by_test_id("handling-effect")).to_have_text("次月1日生效")
    expect(page.get_by_test_id("handling-effective-from")).to_contain_text("-01 00:00")
    _shot(page, "36-handling-upgrade-confirm")
    page.check("#agree")
    page.click("#confirm-form button[type=submit]")

    expect(page).to_have_url(re.compile(r"/handling/records/[0-9a-f]{32}$"))
    expect(page.get_by_test_id("record-status")).to_have_text("待生效")
    _shot(page, "37-handling-upgrade-pending")
    page.click("#cancel-record")
    expect(page.get_by_test_id("record-status")).to_have_text("已撤销")
    expect(page.locator("#cancel-record")).to_have_count(0)
