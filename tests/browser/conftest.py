"""The example hall served by a real uvicorn on a free localhost port, and Chromium.

The hall is the one ``make demo`` runs (``examples/business_hall/demo_hall.py``), built once
per test session into a template (migrated and seeded); each module serves a copy of the
template's files, wired anew (``demo_hall.wire``), so that no module sees another's traces
and none pays for the seeding again. The tests read random passwords from the hall's memory
SMS sender. Chromium is Debian's (``/usr/bin/chromium``, installed by ``.ci/browser.sh``),
driven by Playwright through ``executable_path``: Playwright never downloads a browser here.
One Playwright driver per session, one browser per module; ``page`` gives a test a page of
the module's fresh context, ``signed_in`` a page logged in once per module and number.
Screenshots go to ``test-artifacts/browser/`` (git-ignored).
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
import time
from pathlib import Path

import attrs
import pytest
import uvicorn
from tests.browser.journeys import PASSWORD, PAYER, log_in

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "business_hall"
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DATABASE = "demo.sqlite3"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _demo_hall():
    sys.path.insert(0, str(EXAMPLE))
    try:
        import demo_hall  # noqa: PLC0415 - the example, importable once on the path
    finally:
        sys.path.remove(str(EXAMPLE))
    return demo_hall


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The demo built once (4 s): its directory, and the demo with its numbers and operator."""
    folder = tmp_path_factory.mktemp("hall-template")
    built = _demo_hall().build(folder / DATABASE, echo=lambda _line: None)
    built.hall.close()
    return folder, built


@pytest.fixture(scope="module")
def demo(demo_template, tmp_path_factory):
    """A copy of the template served on 127.0.0.1:<free port>; yields (demo, base URL)."""
    template, seeded = demo_template
    folder = tmp_path_factory.mktemp("hall")
    for kept in template.iterdir():
        shutil.copy2(kept, folder / kept.name)
    wired = _demo_hall().wire(folder / DATABASE, echo=lambda _line: None)
    built = attrs.evolve(wired, numbers=seeded.numbers, operator=seeded.operator)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(built.app, host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield built, f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
    built.hall.close()


@pytest.fixture(scope="session")
def playwright_driver():
    """Playwright's driver, started once (each module still launches its own Chromium)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Debian's chromium is missing: run .ci/browser.sh")
        pytest.skip("Debian's chromium is not installed (bash .ci/browser.sh installs it)")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only when Chromium is there

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="module")
def browser(playwright_driver):
    """The module's one headless Chromium (Debian's)."""
    launched = playwright_driver.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield launched
    launched.close()


def _context(browser, width: int = 412, height: int = 915, **options):
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="zh-CN", **options
    )
    context.set_default_timeout(15_000)
    return context


@pytest.fixture(scope="module")
def browser_context(browser):
    """A fresh context (no cookies, no storage) shared by the module's ``page`` tests."""
    context = _context(browser)
    yield context
    context.close()


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    yield page
    page.close()


@pytest.fixture(scope="module")
def _sessions(browser, demo):  # noqa: ARG001 - set up before them, torn down after them
    """The module's logged-in pages, by number (closed with the module)."""
    pages = {}
    yield pages
    for page in pages.values():
        page.context.close()


@pytest.fixture
def signed_in(demo, browser, _sessions):
    """``signed_in(lang, width, number=PAYER)``: a page at that width, logged in as ``number``.

    The first call for a number logs in through the login page (the service-password tab)
    in a context of its own; later calls of the module reuse that page (and its session),
    at the width asked for. Each walk opens its first page itself, with its language.
    """
    _, base = demo

    def open_page(lang: str, width: int, number: str = PAYER, password: str = PASSWORD):
        page = _sessions.get(number)
        if page is None:
            page = _context(browser, width, 800).new_page()
            log_in(page, base, lang, number, password)
            _sessions[number] = page
        page.set_viewport_size({"width": width, "height": 800})
        return page

    return open_page


def _follow_menu(page, path: str) -> None:
    """Click the menu's link to ``path`` as a person would: on a phone, open the menu by
    its button first; open the link's group (a ``<details>``) when it is closed."""
    toggle = page.locator(".menu-toggle")
    if toggle.is_visible() and toggle.get_attribute("aria-expanded") != "true":
        toggle.click()
    link = page.locator(f"#site-menu a[href='{path}']")
    group = link.locator("xpath=ancestor::details[1]")
    if group.get_attribute("open") is None:
        group.locator("summary").click()
    link.click()


@pytest.fixture
def follow_menu():
    """``follow_menu(page, path)``: follow the hall's menu to ``path`` (the grouped menu)."""
    return _follow_menu
