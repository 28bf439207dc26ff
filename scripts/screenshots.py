"""Take the README's two screenshots of the demo hall: the desktop home and the phone menu.

Builds the demo hall (``examples/business_hall/demo_hall.py``) on a temporary SQLite file,
serves it on a free localhost port, logs in as the demo's first number with its service
password in Debian's Chromium (driven by Playwright, which downloads no browser) and saves:

- ``docs/_static/hall-desktop.png``: the home page at 1280 x 800, in Chinese;
- ``docs/_static/hall-phone-menu.png``: the home page at 390 x 844 with the menu opened.

Usage::

    .venv/bin/python scripts/screenshots.py   # needs /usr/bin/chromium (.ci/browser.sh)

Run once when the layout changes, and commit the PNGs.
"""

# ruff: noqa: INP001 - a script run by path, like those beside it, not a package

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import uvicorn
from playwright.sync_api import Page, sync_playwright

if TYPE_CHECKING:
    from collections.abc import Iterator

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "business_hall"
OUT = ROOT / "docs" / "_static"
CHROMIUM = "/usr/bin/chromium"
NUMBER = "18612345678"  # the demo's first number
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _demo() -> Iterator[tuple[Any, str]]:
    """The demo hall served on 127.0.0.1:<free port>: (the demo, its base URL)."""
    sys.path.insert(0, str(EXAMPLE))
    import demo_hall  # noqa: PLC0415 - the example, importable once on the path

    with tempfile.TemporaryDirectory() as folder:
        built = demo_hall.build(Path(folder) / "demo.sqlite3", echo=lambda _: None)
        port = _free_port()
        config = uvicorn.Config(built.app, host="127.0.0.1", port=port, log_level="warning")
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        try:
            yield built, f"http://127.0.0.1:{port}"
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            built.hall.close()


def _log_in(page: Page, base: str, password: str) -> None:
    page.goto(f"{base}/login?lang=zh")
    page.fill("#user_name", NUMBER)
    page.fill("#password", password)
    page.click("#login-form button.primary[type=submit]")
    page.wait_for_url(f"{base}/home")


def main() -> None:
    """Save the two screenshots under ``docs/_static/``."""
    OUT.mkdir(parents=True, exist_ok=True)
    with _demo() as (built, base), sync_playwright() as playwright:
        password = next(n.password for n in built.numbers if n.number == NUMBER)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
        page = context.new_page()
        _log_in(page, base, password)
        page.screenshot(path=str(OUT / "hall-desktop.png"))
        page.set_viewport_size(PHONE)
        page.goto(f"{base}/bills")
        page.click(".menu-toggle")
        page.screenshot(path=str(OUT / "hall-phone-menu.png"))
        browser.close()


if __name__ == "__main__":
    main()
