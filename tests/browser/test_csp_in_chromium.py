"""The hall's pages work under their Content-Security-Policy in Chromium, with no violation.

The policy (``unicom_web.security.CONTENT_SECURITY_POLICY``) allows the hall's own scripts,
styles and images only; the bundle builder's script still prices live, and a cookie
session's same-origin ``fetch`` passes the API's origin check.
"""

from __future__ import annotations

from playwright.sync_api import expect

from unicom_core.domain.shared import MobileNumber

NUMBER = "18612345678"


def _violations(page) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return found


def test_the_pages_and_the_bundle_script_run_under_the_policy(demo, page):
    built, base = demo
    violations = _violations(page)
    page.goto(f"{base}/login")
    page.click("label[for=tab-random]")  # the login form's random-password tab
    page.fill("#user_name", NUMBER)
    page.click("#send-code")
    expect(page.locator("p.notice.info")).to_be_visible()
    page.fill("#random_password", built.messages.last_code(MobileNumber.parse(NUMBER)))
    page.click("#login-form button[type=submit]")
    expect(page.get_by_test_id("balance")).to_have_text("¥52.30")
    for path in ("/bills", "/usage", "/profile", "/payments", "/plans"):
        answer = page.goto(f"{base}{path}")
        assert answer is not None
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
    page.goto(f"{base}/bundle")
    page.check("input[name=data][value=data-300mb]")
    page.check("input[name=voice][value=voice-200min]")
    expect(page.get_by_test_id("bundle-price")).to_have_text("¥48.00")  # the script, by cookie
    assert violations == []
