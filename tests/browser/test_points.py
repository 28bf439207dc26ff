"""Points in headless Chromium (F-QRY-4): the 积分 page and a redemption end to end.

The demo's first number (whose seeded paid bills earned it some points already) is given
1200 more; its 积分 page shows them, the 兑换 button of the 10元话费券 goes through the
generic handling confirmation to the business record, and the page then shows 1000 fewer
points and the redemption in the history. Screenshots go to
``test-artifacts/browser/``.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from unicom_core.domain.handling import PointsAccount, PointsRules

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
NUMBER = "18612345678"


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_a_redemption_from_the_points_page_to_the_record(demo, page):
    built, base = demo
    number = next(d for d in built.numbers if d.number == NUMBER)
    now = built.hall.clock.now()
    with built.hall.storage.transaction() as tx:  # the seeded bills paid earned some already
        account = tx.points_accounts.find(number.subscriber) or PointsAccount(number.subscriber)
        account.expire(now)
        account.earn("demo-gift", 1200, at=now, rules=PointsRules())
        (tx.points_accounts.save if account.version else tx.points_accounts.add)(account)
    balance = account.available(now)

    page.goto(f"{base}/login?next=/points")
    page.fill("#user_name", NUMBER)
    page.fill("#password", number.password)
    page.click("#login-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/points$"))
    expect(page.get_by_test_id("points-balance")).to_have_text(str(balance))
    expect(page.get_by_test_id("points-expiring")).to_contain_text("积分将于")
    _shot(page, "40-points")

    page.get_by_test_id("item-voucher-10").locator("button").click()
    expect(page).to_have_url(re.compile(r"/handling/points_redeem/confirm$"))
    expect(page.locator("body")).to_contain_text(str(balance - 1000))
    _shot(page, "41-points-confirm")
    page.check("#agree")
    page.click("#confirm-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/handling/records/[0-9a-f]{32}$"))
    expect(page.get_by_test_id("record-status")).to_have_text("已生效")

    page.goto(f"{base}/points")
    expect(page.get_by_test_id("points-balance")).to_have_text(str(balance - 1000))
    expect(page.locator("[data-testid=points-entry][data-kind=spent]")).to_have_count(1)
    _shot(page, "42-points-after")
