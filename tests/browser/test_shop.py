"""Buying a premium number with a plan in headless Chromium (F-NUM-3, F-SHOP-1..3).

A logged-in customer searches the demo's pool by a mask, reserves a premium number, takes
the "buy with a plan" step, gives the holder's name and resident ID at the checkout, and
pays on the sandbox's checkout page. The operator's steps have no page: the test ships the
order and plays the courier in Python (``hall.shop.ship``, ``hall.shop.confirm_delivery``
with the holder's ID), as the support console's test drives its agents. The order's page
then shows it delivered and the number active. Screenshots go to ``test-artifacts/browser/``.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from unicom_core.domain.numbers import NumberStatus
from unicom_core.domain.shared import check_character
from unicom_core.domain.shop import OrderStatus
from unicom_core.domain.subscribers import SubscriberStatus

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
BUYER = "18612345678"  # the demo's first number
PLAN = "4g-national-76"
_FIRST17 = "11010519900307123"
HOLDER_ID = _FIRST17 + check_character(_FIRST17)  # a holder the demo's identity service matches


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _log_in(page, base: str, password: str) -> None:
    page.goto(f"{base}/login")
    page.fill("#user_name", BUYER)
    page.fill("#password", password)
    page.click("#login-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/home$"))


def _reserve_and_buy(page, base: str) -> str:
    """Search ``186*8888``, reserve the first, buy it with the plan: the number chosen."""
    page.goto(f"{base}/numbers")
    page.fill("#mask", "186*8888")
    page.click("#search")
    first = page.get_by_test_id("number").first
    expect(first).to_have_attribute("data-number", re.compile(r"^186\d{4}8888$"))
    chosen = str(first.get_attribute("data-number"))
    first.get_by_test_id("reserve").click()
    held = page.locator(f"[data-testid=reservation][data-number='{chosen}']")
    expect(held).to_be_visible()
    held.get_by_test_id("plan").select_option(PLAN)
    _shot(page, "shop-01-reserved")
    held.get_by_test_id("buy").click()
    expect(page).to_have_url(re.compile(r"/shop/checkout$"))
    return chosen


def _check_out(page) -> None:
    expect(page.get_by_test_id("total").last).to_have_text("¥3000.00")
    page.fill("#recipient", "王小明")
    page.fill("#phone", BUYER)
    page.fill("#address", "北京市西城区金融大街21号")
    page.fill("#holder_name", "王小明")
    page.fill("#resident_id", HOLDER_ID)
    expect(page.locator("#resident_id")).to_have_attribute("type", "password")
    _shot(page, "shop-02-checkout")
    page.click("#place")


def test_f_shop_buy_a_premium_number_with_a_plan_pay_ship_and_deliver(demo, page):
    built, base = demo
    password = next(number.password for number in built.numbers if number.number == BUYER)
    _log_in(page, base, password)
    chosen = _reserve_and_buy(page, base)
    _check_out(page)

    expect(page).to_have_url(re.compile(r"/sandbox/checkout/pa_"))
    page.click("#sandbox-pay")
    expect(page).to_have_url(re.compile(r"/shop/orders/od_\w+"))
    expect(page.get_by_test_id("order-status")).to_have_text("已支付，待发货")
    expect(page.get_by_test_id("holder-id")).to_have_text(
        f"{HOLDER_ID[:6]}********{HOLDER_ID[-4:]}"
    )
    assert HOLDER_ID not in page.content()
    _shot(page, "shop-03-paid")

    order_id = re.search(r"/shop/orders/(od_\w+)", page.url).group(1)
    shipped = built.hall.shop.ship(order_id)  # the operator
    built.hall.shop.confirm_delivery(shipped.tracking_id, HOLDER_ID)  # the courier, signed
    page.reload()
    expect(page.get_by_test_id("order-status")).to_have_text("已签收")
    expect(page.get_by_test_id("tracking-id")).to_have_text(str(shipped.tracking_id))
    expect(page.locator(f"[data-testid=activated][data-number='{chosen}']")).to_be_visible()
    expect(page.get_by_test_id("history")).to_have_count(4)
    _shot(page, "shop-04-delivered")

    delivered = built.hall.shop.order_by_id(order_id)
    assert delivered.status is OrderStatus.DELIVERED
    assert built.hall.numbers.number(chosen).status is NumberStatus.SOLD
    with built.hall.storage.read() as tx:
        subscriber = tx.subscribers.get(delivered.subscriber_ids[0])
    assert subscriber.status is SubscriberStatus.ACTIVE
    assert str(subscriber.number) == chosen
    assert subscriber.plan_code == PLAN
