"""The shop over HTTP (F-SHOP-1..3, F-NUM-3): products, the signed cart, checkout, orders.

The fixture hall is re-bootstrapped on the fixture's storage with a memory identity service
the tests program, a memory courier and number pool; it pays through the memory gateway
(every charge succeeds at once). 张三 (A1) buys; 李四 (B1) is the other customer.
"""

from __future__ import annotations

import re

import pytest

from unicom_core import bootstrap
from unicom_core.domain.payments import BatchKind
from unicom_core.domain.shared import ResidentId, check_character
from unicom_core.domain.shop import OrderStatus
from unicom_core.memory.identity import MemoryIdentityVerifier
from unicom_core.memory.logistics import MemoryLogistics
from unicom_core.memory.number_pool import MemoryNumberPool
from unicom_core.usecases.numbers import PoolEntry

from .conftest import A1, B1

PHONE, CHARGER, CARD = "phone-4g-basic", "accessory-charger", "data-card-4g"
PREMIUM = "18601238888"  # AAAA: diamond, ¥3000.00 pre-stored
PLAN = "4g-national-76"
ADDRESS = {"recipient": "张三", "phone": "18612345678", "address": "北京市西城区金融大街21号"}


def _resident_id(n: int) -> str:
    first17 = f"44030419900307{n:03d}"
    return first17 + check_character(first17)


HOLDER_ID = _resident_id(1)


@pytest.fixture
def shop(world):
    """The fixture's hall with a programmable identity service; 3 phones, 1 data card stocked."""
    identity, pool = MemoryIdentityVerifier(), MemoryNumberPool()
    world.hall = bootstrap(
        storage=world.hall.storage,
        clock=world.clock,
        messages=world.messages,
        captcha=world.captcha,
        oauth=world.oauth,
        identity=identity,
        number_pool=pool,
        logistics=MemoryLogistics(),
    )
    world.hall.shop.restock(PHONE, 3)
    world.hall.shop.restock(CARD, 1)
    world.hall.numbers.load([PoolEntry(PREMIUM, "北京", "北京")])
    identity.holder(ResidentId(HOLDER_ID), "张三")
    return identity


@pytest.fixture
def browser(world, shop):  # noqa: ARG001 - the shop must be wired before the app is built
    with world.client() as test_client:
        yield test_client


def _post(world, client, path: str, form_page: str, **data):
    """Post a page's form with its CSRF token (read from ``form_page``)."""
    token = world.csrf_token(client.get(form_page).text)
    return client.post(path, data={"_csrf_token": token, **data}, follow_redirects=False)


def _checkout(world, client, **fields):
    """Post the checkout form as shown (its drawn request id), with ``fields``."""
    form = client.get("/shop/checkout")
    assert form.status_code == 200, form.text
    request_id = re.search(r'name="request_id" value="([0-9a-f]{32})"', form.text).group(1)
    data = {"_csrf_token": world.csrf_token(form.text), "request_id": request_id, **fields}
    return client.post("/shop/checkout", data=data, follow_redirects=False), data


def _buy_number(world, client) -> None:
    """Reserve the premium number on /numbers and take the buy-with-a-plan step."""
    reserved = _post(world, client, f"/numbers/{PREMIUM}/reserve", "/numbers", back="/numbers")
    assert reserved.status_code == 303
    page = client.get("/numbers")
    assert 'data-testid="buy"' in page.text
    assert f'<option value="{PLAN}">' in page.text
    step = _post(world, client, "/shop/cart/numbers", "/numbers", number=PREMIUM, plan_code=PLAN)
    assert step.status_code == 303
    assert step.headers["location"] == "/shop/checkout"


def test_f_shop_1_the_list_shows_price_and_stock_and_out_of_stock_is_not_orderable(world, browser):
    page = browser.get("/shop")
    assert page.status_code == 200
    phone = re.search(
        rf'<tr data-testid="product" data-code="{PHONE}".*?</tr>', page.text, re.DOTALL
    )
    charger = re.search(
        rf'<tr data-testid="product" data-code="{CHARGER}".*?</tr>', page.text, re.DOTALL
    )
    assert 'data-stock="3"' in phone.group(0)
    assert "¥999.00" in phone.group(0)
    assert 'data-testid="add"' in phone.group(0)
    assert 'data-testid="out-of-stock"' in charger.group(0)
    assert "<form" not in charger.group(0)
    assert "/numbers" in page.text  # plans come with a number
    assert "/recharge-cards" in page.text
    products = {p["code"]: p for p in browser.get("/api/v1/shop/products").json()}
    assert products[PHONE]["in_stock"] == 3
    assert products[PHONE]["price"]["fen"] == 99_900
    assert products[CHARGER]["in_stock"] == 0
    refused = _post(world, browser, "/shop/cart/goods", "/shop", product_code=CHARGER, quantity="1")
    assert refused.status_code == 409
    assert 'data-code="shop.out_of_stock"' in refused.text


def test_f_shop_1_the_cart_is_a_signed_cookie_a_forged_one_is_empty(world, browser):
    added = _post(world, browser, "/shop/cart/goods", "/shop", product_code=PHONE, quantity="2")
    assert added.status_code == 303
    cart = browser.get("/shop/cart")
    assert f'data-line="g:{PHONE}"' in cart.text
    assert "¥1998.00" in cart.text
    cookie = browser.cookies.get("unicom_cart")
    payload, signature = cookie.split(".")
    browser.cookies.set("unicom_cart", f"{payload}.{'0' * len(signature)}", path="/shop")
    assert 'data-testid="line"' not in browser.get("/shop/cart").text
    too_many = _post(world, browser, "/shop/cart/goods", "/shop", product_code=PHONE, quantity="21")
    assert too_many.status_code == 422
    assert 'data-code="shop.order"' in too_many.text


def test_f_shop_1_checkout_of_goods_makes_one_order_for_a_double_submit_and_pays(world, browser):
    world.login(browser)
    _post(world, browser, "/shop/cart/goods", "/shop", product_code=PHONE, quantity="2")
    form = browser.get("/shop/checkout")
    assert 'id="resident_id"' not in form.text  # no number: no ID step
    cart = browser.cookies.get("unicom_cart")
    posted, data = _checkout(world, browser, **ADDRESS)
    assert posted.status_code == 303, posted.text
    assert browser.cookies.get("unicom_cart") in {None, ""}  # the cart is emptied
    again = browser.post("/shop/checkout", data=data, follow_redirects=False)
    assert again.headers["location"] == posted.headers["location"]
    browser.cookies.set("unicom_cart", cart, path="/shop")  # both clicks sent with the cart
    raced = browser.post("/shop/checkout", data=data, follow_redirects=False)
    assert raced.headers["location"] == posted.headers["location"]
    orders = browser.get("/api/v1/shop/orders").json()
    assert orders["total"] == 1
    order = orders["items"][0]
    assert order["status"] == "paid"
    assert order["total"]["fen"] == 199_800
    assert posted.headers["location"] == f"/shop/orders/{order['id']}"
    page = browser.get(posted.headers["location"])
    assert 'data-testid="order-status">已支付，待发货' in page.text
    assert page.text.count('data-testid="history"') == 2
    assert browser.get("/api/v1/shop/products").json()[0]["in_stock"] == 1


def test_f_num_3_checkout_with_a_number_takes_the_id_and_shows_it_masked(world, browser):
    world.login(browser)
    _buy_number(world, browser)
    form = browser.get("/shop/checkout")
    assert re.search(r'id="resident_id" name="resident_id" type="password"', form.text)
    assert "¥3000.00" in form.text
    posted, _data = _checkout(world, browser, **ADDRESS, holder_name="张三", resident_id=HOLDER_ID)
    assert posted.status_code == 303, posted.text
    page = browser.get(posted.headers["location"])
    assert HOLDER_ID not in page.text
    assert f"{HOLDER_ID[:6]}********{HOLDER_ID[-4:]}" in page.text
    order = browser.get("/api/v1" + posted.headers["location"]).json()
    assert order["holder"] == {"name": "张*", "resident_id": ResidentId(HOLDER_ID).masked()}
    assert order["lines"][0]["number"] == PREMIUM
    assert order["status"] == "paid"


@pytest.mark.parametrize(
    ("holder", "resident_id", "status", "code"),
    [
        ("张三", HOLDER_ID[:-1] + ("0" if HOLDER_ID[-1] != "0" else "1"), 422, "resident_id"),
        ("王五", HOLDER_ID, 403, "shop.identity_mismatch"),
        ("", HOLDER_ID, 422, "shop.holder_required"),
    ],
)
def test_f_shop_2_id_step_refusals_show_as_messages_and_write_nothing(  # noqa: PLR0913, PLR0917
    world, browser, holder, resident_id, status, code
):
    world.login(browser)
    _buy_number(world, browser)
    posted, _data = _checkout(
        world, browser, **ADDRESS, holder_name=holder, resident_id=resident_id
    )
    assert posted.status_code == status, posted.text
    assert f'data-code="{code}' in posted.text
    assert resident_id not in posted.text  # never echoed back
    assert 'id="resident_id"' in posted.text  # the form again, the ID to type again
    assert browser.get("/api/v1/shop/orders").json()["total"] == 0
    held = browser.get("/api/v1/numbers/reservations").json()
    assert [r["number"] for r in held] == [PREMIUM]


def test_f_shop_1_another_customers_order_is_404(world, browser):
    world.login(browser)
    _post(world, browser, "/shop/cart/goods", "/shop", product_code=CARD, quantity="1")
    posted, _data = _checkout(world, browser, **ADDRESS)
    order_path = posted.headers["location"]
    with world.client() as other:
        world.login(other, B1)
        assert other.get(order_path).status_code == 404
        world.problem(other.get("/api/v1" + order_path), 404, "shop.unknown_order")
        world.problem(other.post(f"/api/v1{order_path}/cancel"), 404, "shop.unknown_order")
        world.problem(other.get(f"/api/v1{order_path}/tracking"), 404, "shop.unknown_order")


def test_f_shop_1_a_random_password_session_may_not_order(world, browser):
    world.login_random(browser, A1)
    body = {"request_id": "order-0001", "address": ADDRESS, "goods": [{"product_code": PHONE}]}
    world.problem(browser.post("/api/v1/shop/orders", json=body), 403, "access.capability_missing")
    _post(world, browser, "/shop/cart/goods", "/shop", product_code=PHONE, quantity="1")
    posted, _data = _checkout(world, browser, **ADDRESS)
    assert posted.status_code == 403
    assert 'data-code="access.capability_missing"' in posted.text
    assert world.hall.shop.products()[0].in_stock == 3


def test_f_shop_1_forms_need_csrf_and_the_api_refuses_other_origins(world, browser):
    world.login(browser)
    no_token = browser.post(
        "/shop/cart/goods", data={"product_code": PHONE, "quantity": "1"}, follow_redirects=False
    )
    assert no_token.status_code == 403
    body = {"request_id": "order-0001", "address": ADDRESS, "goods": [{"product_code": PHONE}]}
    world.problem(
        browser.post("/api/v1/shop/orders", json=body, headers={"Origin": "https://evil.example"}),
        403,
        "request.cross_origin",
    )
    form = browser.post("/api/v1/shop/orders", data={"request_id": "order-0001"})
    assert form.status_code == 415
    assert browser.get("/api/v1/shop/orders").json()["total"] == 0


def test_f_shop_1_the_api_places_pays_cancels_and_refunds(world, browser):
    world.login(browser)
    body = {"request_id": "order-0001", "address": ADDRESS, "goods": [{"product_code": PHONE}]}
    placed = browser.post("/api/v1/shop/orders", json=body)
    assert placed.status_code == 201, placed.text
    order_id = placed.json()["id"]
    assert browser.post("/api/v1/shop/orders", json=body).json()["id"] == order_id
    reused = {**body, "goods": [{"product_code": CARD}]}
    world.problem(browser.post("/api/v1/shop/orders", json=reused), 409, "shop.request_reused")
    paid = browser.post(
        f"/api/v1/shop/orders/{order_id}/payment", json={}, headers={"Idempotency-Key": "pay-1"}
    )
    assert paid.status_code == 201, paid.text
    assert paid.json()["order"]["status"] == "paid"
    assert paid.json()["payment"]["amount"]["fen"] == 99_900
    cancelled = browser.post(f"/api/v1/shop/orders/{order_id}/cancel")
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["status"] == "refunded"
    assert [c["status"] for c in cancelled.json()["history"]] == [
        "placed",
        "paid",
        "cancelled",
        "refunded",
    ]
    world.problem(browser.post(f"/api/v1/shop/orders/{order_id}/cancel"), 409, "shop.transition")


def test_f_shop_3_the_order_page_shows_tracking_and_cancel_only_while_allowed(world, browser):
    world.login(browser)
    _post(world, browser, "/shop/cart/goods", "/shop", product_code=PHONE, quantity="1")
    posted, _data = _checkout(world, browser, **ADDRESS)
    path = posted.headers["location"]
    assert 'id="cancel"' in browser.get(path).text
    order_id = path.rsplit("/", 1)[1]
    shipped = world.hall.shop.ship(order_id)  # the operator, in Python: no page does it
    page = browser.get(path)
    assert 'id="cancel"' not in page.text
    assert f'data-testid="tracking-id">{shipped.tracking_id}<' in page.text
    assert 'data-testid="tracking"' in page.text
    assert world.hall.shop.order_by_id(order_id).status is OrderStatus.SHIPPED
    refused = _post(world, browser, f"{path}/cancel", path)
    assert refused.status_code == 409
    assert 'data-code="shop.transition"' in refused.text


def test_f_shop_3_shipping_and_delivery_are_not_on_the_public_web(browser):
    paths = browser.get("/schema/openapi.json").json()["paths"]
    shop = [path for path in paths if "/shop" in path]
    assert shop
    assert not [path for path in shop if re.search(r"ship|deliver|restock|confirm", path)]
    answer = browser.post("/api/v1/shop/orders/od_x/ship", json={})
    assert answer.status_code in {404, 405}


def test_the_shop_pages_need_a_login_but_the_list(browser):
    assert browser.get("/shop").status_code == 200
    for path in ("/shop/checkout", "/shop/orders", "/shop/orders/od_x"):
        answer = browser.get(path, follow_redirects=False)
        assert answer.status_code == 303, path
        assert answer.headers["location"].startswith("/login")
    assert A1  # the buyer of the other tests


RECHARGE = "recharge-card-50"


def test_f_shop_1_recharge_cards_are_ordered_delivered_when_paid_and_shown(world, browser):
    world.hall.recharge_cards.issue_batch(RECHARGE, 2, kind=BatchKind.ONLINE)
    listed = re.search(
        rf'<tr data-testid="product" data-code="{RECHARGE}".*?</tr>',
        browser.get("/shop").text,
        re.DOTALL,
    )
    assert 'data-stock="2"' in listed.group(0)
    world.login(browser)
    _post(world, browser, "/shop/cart/goods", "/shop", product_code=RECHARGE, quantity="2")
    posted, _ = _checkout(world, browser, **ADDRESS)
    assert posted.status_code == 303, posted.text
    order_path = posted.headers["location"]
    page = browser.get(order_path)
    assert 'data-status="delivered"' in page.text  # electronic: paid means delivered
    assert 'data-testid="electronic"' in page.text
    assert 'id="cancel"' not in page.text
    assert 'data-testid="secret"' not in page.text  # shown only on asking (a POST)
    shown = _post(world, browser, f"{order_path}/cards", order_path)
    assert shown.status_code == 200, shown.text
    assert shown.headers["cache-control"] == "no-store"  # secrets are never cached
    secrets = re.findall(r'data-testid="secret">(\d{19})<', shown.text)
    assert len(secrets) == 2
    redeemed = _post(world, browser, "/recharge-cards/redeem", "/recharge-cards", secret=secrets[1])
    assert redeemed.status_code in {200, 303}, redeemed.text
    assert 'data-code="' not in redeemed.text
    again = _post(world, browser, f"{order_path}/cards", order_path)
    assert len(re.findall(r'data-testid="secret">(\d{19})<', again.text)) == 1
    products = {p["code"]: p for p in browser.get("/api/v1/shop/products").json()}
    assert products[RECHARGE]["in_stock"] == 0


def test_f_shop_1_a_paid_order_with_cards_is_not_cancelled(world, browser):
    world.hall.recharge_cards.issue_batch(RECHARGE, 1, kind=BatchKind.ONLINE)
    world.login(browser)
    _post(world, browser, "/shop/cart/goods", "/shop", product_code=PHONE, quantity="1")
    _post(world, browser, "/shop/cart/goods", "/shop", product_code=RECHARGE, quantity="1")
    posted, _ = _checkout(world, browser, **ADDRESS)
    order_path = posted.headers["location"]
    page = browser.get(order_path)
    assert 'data-status="paid"' in page.text
    assert 'id="cancel"' not in page.text
    refused = _post(world, browser, f"{order_path}/cancel", order_path)
    assert refused.status_code == 403, refused.text
    assert 'data-code="shop.cards_sold"' in refused.text
    assert 'data-status="paid"' in browser.get(order_path).text
