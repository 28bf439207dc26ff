"""The example hall served by a real uvicorn on a free localhost port, and Chromium.

The hall is the one ``make demo`` runs (``examples/business_hall/demo_hall.py``) on a fresh
SQLite file; the test reads random passwords from its memory SMS sender. Chromium is
Debian's (``/usr/bin/chromium``, installed by ``.ci/browser.sh``), driven by Playwright
through ``executable_path``: Playwright never downloads a browser here. Screenshots go to
``test-artifacts/browser/`` (git-ignored).
"""

from __future__ import annotations

import os
import socket
import sys
import threading
import time
from pathlib import Path

import pytest
import uvicorn

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


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo hall served on 127.0.0.1:<free port>; yields (demo, base URL)."""
    sys.path.insert(0, str(EXAMPLE))
    try:
        import demo_hall  # noqa: PLC0415 - the example, importable once on the path
    finally:
        sys.path.remove(str(EXAMPLE))
    printed: list[str] = []
    built = demo_hall.build(tmp_path_factory.mktemp("hall") / "demo.sqlite3", echo=printed.append)
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


@pytest.fixture(scope="module")
def browser_context(tmp_path_factory):
    """A fresh Chromium profile (its own --user-data-dir), headless, no downloads."""
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Debian's chromium is missing: run .ci/browser.sh")
        pytest.skip("Debian's chromium is not installed (bash .ci/browser.sh installs it)")
    from playwright.sync_api import sync_playwright  # noqa: PLC0415 - only when Chromium is there

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 412, "height": 915},
            locale="zh-CN",
        )
        context.set_default_timeout(15_000)
        yield context
        context.close()


@pytest.fixture
def page(browser_context):
    page = browser_context.new_page()
    yield page
    page.close()


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
