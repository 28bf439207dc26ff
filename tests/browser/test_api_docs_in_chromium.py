"""The API's own documents in Chromium: Swagger UI and ReDoc from the hall alone.

``/schema/swagger`` and ``/schema/redoc`` (:mod:`unicom_web.api_docs`) must work on a
carrier's closed network: every request the page makes goes to the hall's own host (a
request anywhere else is recorded and refused), nothing is blocked by the hall's
Content-Security-Policy (no inline script), and the UI shows the document's title. The one
error allowed is the policy refusing ReDoc's footer logo, which its bundle always asks of a
CDN: refused by the browser, it never leaves the host either.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

TITLE = "unicom_core business hall"
REDOC_LOGO = "Loading the image 'https://cdn.redoc.ly/redoc/logo-mini.svg' violates"


def _watch(page, base: str) -> tuple[list[str], list[str]]:
    """Refuse and record every request off the hall's host; record console errors."""
    host = urlsplit(base).netloc
    outside: list[str] = []
    errors: list[str] = []

    def route(route):
        if urlsplit(route.request.url).netloc == host:
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", route)

    def console(message):
        if message.type == "error" and not message.text.startswith(REDOC_LOGO):
            errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return outside, errors


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/schema/swagger", ".swagger-ui .info .title"),
        ("/schema/redoc", "#api-docs h1"),
    ],
)
def test_the_api_documents_load_from_the_hall_alone(demo, page, path, title):
    _, base = demo
    outside, errors = _watch(page, base)
    answer = page.goto(f"{base}{path}")
    assert answer is not None
    assert answer.status == 200
    expect(page.locator(title).first).to_contain_text(TITLE, timeout=20_000)
    page.wait_for_load_state("networkidle")
    assert outside == []
    assert errors == []
