"""Promotions in headless Chromium (F-PRO-1..4): 优惠活动 -> join -> 沃之树 -> claim.

The demo publishes the 517 festival's two campaigns around today: 张三's number on the 4G
combination plan sees ``festival-517``'s plan rule not met (no join button) and joins
``festival-517-app``; its page then shows the participation active with its benefits. The
number is given 120 points of 沃之树, whose page shows the stage 发芽 and a coupon to claim;
the claimed coupon code shows, and the iPad draw's public page shows its commitment.
Screenshots go to ``test-artifacts/browser/``.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from unicom_core.domain.promotions import EarningSource, GrowthAccount

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
NUMBER = "18612345678"


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _grow(hall, subscriber_id: str, points: int) -> None:
    now = hall.clock.now()
    with hall.storage.transaction() as tx:
        account = tx.growth_accounts.find(subscriber_id) or GrowthAccount(subscriber_id)
        account.earn("browser-gift", EarningSource.TOP_UP, points, detail="充值 120元", at=now)
        (tx.growth_accounts.save if account.version else tx.growth_accounts.add)(account)


def test_join_a_campaign_then_claim_on_the_tree(demo, page, follow_menu):
    built, base = demo
    number = next(d for d in built.numbers if d.number == NUMBER)
    page.goto(f"{base}/login?next=/promotions")
    page.fill("#user_name", NUMBER)
    page.fill("#password", number.password)
    page.click("#login-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/promotions$"))
    festival = page.locator("[data-testid=offer][data-code=festival-517]")
    expect(festival).to_have_attribute("data-eligible", "no")
    expect(festival.locator("[data-rule=plan]")).to_have_attribute("data-passed", "no")
    expect(festival.get_by_test_id("join")).to_have_count(0)
    app_offer = page.locator("[data-testid=offer][data-code=festival-517-app]")
    expect(app_offer).to_have_attribute("data-eligible", "yes")
    expect(app_offer).to_contain_text("通过手机营业厅充值9折")
    _shot(page, "50-promotions")

    app_offer.get_by_test_id("join").click()
    expect(page).to_have_url(re.compile(r"/promotions/festival-517-app$"))
    expect(page.get_by_test_id("participation-state")).to_have_text("已生效")
    expect(page.locator("[data-testid=grant][data-kind=pack_trial]")).to_have_count(1)
    _shot(page, "51-promotions-joined")

    _grow(built.hall, number.subscriber, 120)
    follow_menu(page, "/promotions/growth")
    expect(page).to_have_url(re.compile(r"/promotions/growth$"))
    expect(page.get_by_test_id("growth-points")).to_have_text("120")
    expect(page.get_by_test_id("growth-stage")).to_have_text("发芽")
    coupon = page.locator("[data-testid=reward][data-code=sprout-coupon]")
    coupon.get_by_test_id("claim").click()
    expect(page).to_have_url(re.compile(r"/promotions/growth$"))
    expect(coupon).to_have_attribute("data-state", "claimed")
    expect(page.get_by_test_id("coupon")).to_have_text(re.compile(r"^WO517[0-9A-Z]{10}$"))
    _shot(page, "52-growth")

    page.get_by_test_id("draw-link").first.click()
    expect(page).to_have_url(re.compile(r"/promotions/draws/ipad-517$"))
    expect(page.get_by_test_id("commitment")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    _shot(page, "53-draw")
