"""WCAG 2.1 AA on every page of the demo hall, checked by axe-core in Chromium.

Every page of the hall's journeys, logged out (login, password and its reset, plans,
bundle, numbers, shop) and logged in (bills, top-up, bill payment, payments, handling,
points, services, shop, numbers, promotions, growth, support, profile, security), in Chinese
and in English, at a desktop width (1280 px, with a group's drop-down open) and a phone's
(390 px, with the menu opened by its button). The home page (with a menu group open), usage,
detail records, mandates, recharge cards and invoices are the final pages of the subscriber's
journeys, checked there in the same four combinations (``test_journeys_*_in_chromium.py``)
and not again here. axe-core (bundled by ``axe-playwright-python``, nothing downloaded) runs
the WCAG 2.0/2.1 A and AA rules once per page, and any **serious** or **critical** violation
fails the test with axe's report.

Each page's ``<html lang>`` is checked too (``zh-Hans`` or ``en``, WCAG 3.1.1), and the
layout's landmarks: a skip link to ``<main>`` (2.4.1) and a menu button whose
``aria-expanded`` tells its state (4.1.2).
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

NUMBER = "18612345678"  # the demo's first number
LOGGED_OUT = ("/login", "/password", "/password/reset", "/plans", "/bundle", "/numbers", "/shop")
LOGGED_IN = (  # the journeys' final pages are checked by their walks (journeys.accessible)
    "/profile",
    "/bills",
    "/top-up",
    "/bill-payment",
    "/payments",
    "/handling",
    "/handling/bundle",
    "/handling/records",
    "/points",
    "/services",
    "/shop",
    "/shop/orders",
    "/numbers",
    "/promotions",
    "/promotions/growth",
    "/support",
    "/security",
)
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
WIDTHS = {"desktop": 1280, "phone": 390}
OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
FAILING = frozenset({"serious", "critical"})


def _check(page, axe: Axe, path: str, lang: str, *, phone: bool) -> list[str]:
    """Axe's serious and critical violations on the page now shown, as report lines."""
    expect(page.locator("html")).to_have_attribute("lang", HTML_LANG[lang])
    if phone:
        toggle = page.locator(".menu-toggle")
        expect(toggle).to_have_attribute("aria-expanded", "false")
        toggle.click()
        expect(toggle).to_have_attribute("aria-expanded", "true")
        expect(page.locator("#site-menu")).to_be_visible()
    else:  # a drop-down open over the page, so that its links are checked too
        page.locator(".menu-group summary").first.click()
        expect(page.locator(".menu-group[open] a").first).to_be_visible()
    results = axe.run(page, options=OPTIONS)
    return [
        f"{path} [{lang}, {'phone' if phone else 'desktop'}] {violation['id']} "
        f"({violation['impact']}): {violation['help']}: "
        + "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in FAILING
    ]


def _visit(page, base: str, paths: tuple[str, ...], lang: str, *, phone: bool) -> list[str]:
    axe = Axe()
    found: list[str] = []
    for path in paths:
        answer = page.goto(f"{base}{path}")
        assert answer is not None
        assert answer.status == 200, path
        found += _check(page, axe, path, lang, phone=phone)
    return found


def _log_in(page, base: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#user_name", NUMBER)
    page.fill("#password", password)
    page.click("#login-form button.primary[type=submit]")
    expect(page).to_have_url(re.compile(r"/home$"))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", HTML_LANG)
def test_every_page_has_no_serious_violation(demo, browser_context, lang, width):
    built, base = demo
    password = next(n.password for n in built.numbers if n.number == NUMBER)
    browser_context.clear_cookies()
    page = browser_context.new_page()
    try:
        page.set_viewport_size({"width": WIDTHS[width], "height": 900})
        page.goto(f"{base}/login?lang={lang}")
        phone = width == "phone"
        found = _visit(page, base, LOGGED_OUT, lang, phone=phone)
        _log_in(page, base, password)
        found += _visit(page, base, LOGGED_IN, lang, phone=phone)
    finally:
        page.close()
    assert found == [], "\n".join(found)


def test_the_skip_link_is_first_and_moves_to_the_content(demo, page):
    _, base = demo
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}/plans?lang=zh")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("main#main")).to_be_focused()


def test_without_the_menu_script_the_phone_menu_stays_open(demo, page):
    _, base = demo
    page.route("**/static/menu.js", lambda route: route.abort())
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/plans?lang=zh")
    expect(page.locator(".menu-toggle")).to_be_hidden()
    expect(page.locator("#site-menu")).to_be_visible()
    page.locator(".menu-group summary").first.click()  # a <details>: no script needed
    expect(page.locator(".menu-group[open] a").first).to_be_visible()
