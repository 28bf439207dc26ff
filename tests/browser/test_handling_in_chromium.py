"""Business handling in headless Chromium, through the generic pages (F-BIZ-3, F-QRY-5, F-QRY-6).

A bundle change end to end: the public bundle builder's 办理 button sends to the login
page and back to the bundle change's form, opened on the packs the number holds; the
confirmation shows when it takes effect; the record's page links the acceptance form,
downloaded as HTML and as a PDF (the demo renders PDFs with ``unicom_documents``).
Screenshots go to ``test-artifacts/browser/``.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
NUMBER = "18612345678"  # the demo's first number: 1GB data and 200 minutes of its combo


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _password(built, number: str) -> str:
    return next(demo.password for demo in built.numbers if demo.number == number)


def _log_in(page, built, number: str) -> None:
    page.fill("#user_name", number)
    page.fill("#password", _password(built, number))
    page.click("#login-form button[type=submit]")


def test_a_bundle_change_from_the_builder_to_the_acceptance_form(demo, page, follow_menu):
    built, base = demo
    page.goto(f"{base}/bundle")
    page.click("#bundle-handle")
    expect(page).to_have_url(re.compile(r"/login\?next="))
    _log_in(page, built, NUMBER)

    expect(page).to_have_url(re.compile(r"/handling/bundle$"))
    expect(page.locator("input[name=data][value=data-1gb]")).to_be_checked()
    expect(page.locator("input[name=voice][value=voice-200min]")).to_be_checked()
    expect(page.get_by_test_id("held-data-1gb")).to_be_visible()
    page.check("input[name=sms][value=sms-200]")
    _shot(page, "20-handling-bundle-form")
    page.click("#handling-form button[type=submit]")

    expect(page).to_have_url(re.compile(r"/handling/bundle/confirm$"))
    expect(page.get_by_test_id("handling-effect")).to_have_text("立即生效")
    expect(page.locator("#handling-terms li").first).to_be_visible()
    _shot(page, "21-handling-bundle-confirm")
    page.check("#agree")
    page.click("#confirm-form button[type=submit]")

    expect(page).to_have_url(re.compile(r"/handling/records/[0-9a-f]{32}$"))
    expect(page.get_by_test_id("record-status")).to_have_text("已生效")
    _shot(page, "22-handling-bundle-record")

    html = page.request.get(base + page.get_attribute("#form-html", "href"))
    assert html.ok
    assert html.headers["content-disposition"].startswith("attachment;")
    assert "4G组合套餐变更" in html.text()
    pdf = page.request.get(base + page.get_attribute("#form-pdf", "href"))
    assert pdf.ok
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    follow_menu(page, "/handling/records")
    expect(page.get_by_test_id("record-row")).to_have_count(1)
    _shot(page, "23-handling-records")

    page.goto(f"{base}/handling/bundle")  # the change applied now: the form holds it
    expect(page.locator("input[name=sms][value=sms-200]")).to_be_checked()
