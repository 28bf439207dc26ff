"""The shop's cart (购物车, F-SHOP-1, F-NUM-3): a signed cookie, and the pages that change it.

The cart lives in the browser, in the cookie :data:`CART_COOKIE` (path ``/shop``,
``HttpOnly``, ``SameSite=Lax``, ``Secure`` over TLS or as
:attr:`WebSettings.secure_cookies` forces, kept 7 days): a JSON document of product codes
with their quantities and of reserved numbers with the plan chosen for each, then an
HMAC-SHA256 of it under a key derived from :attr:`WebSettings.secret`. A cookie whose
signature does not verify, or that does not parse, is an empty cart. The cart holds nothing
personal (never the holder's name or resident ID) and decides nothing: the order is priced,
checked for stock and reservations, and authorized by the hall when it is placed. The
signature only keeps a forged or garbled cookie from reaching the pages.

Pages: ``GET /shop/cart`` (the lines, priced now), ``POST /shop/cart/goods`` (add a product),
``POST /shop/cart/numbers`` (a reserved number with its plan: the "buy with a plan" step of
``/numbers``; needs a login), ``POST /shop/cart/remove``.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import TYPE_CHECKING, Any, Final

import attrs
from litestar import Request, get, post
from litestar.response import Redirect, Template

from unicom_core.domain.catalog import Channel, ProductKind
from unicom_core.domain.shared import Money
from unicom_core.domain.shop import (
    MAX_LINES,
    MAX_QUANTITY,
    SHOP_LINES,
    SHOP_NOT_FOR_SALE,
    SHOP_ORDER,
    SHOP_OUT_OF_STOCK,
    SHOP_RESERVATION_REQUIRED,
)
from unicom_core.errors import UnicomError
from unicom_web.areas.forms import Form, field
from unicom_web.areas.payments_pages import problem_or_raise
from unicom_web.deps import Hall, Settings, Token
from unicom_web.pages import render

if TYPE_CHECKING:
    from litestar import Response

    from unicom_core.domain.catalog import Offer
    from unicom_core.hall import BusinessHall
    from unicom_web.problems import Problem
    from unicom_web.settings import WebSettings

__all__ = [
    "CART_COOKIE",
    "PAGES",
    "Cart",
    "CartLine",
    "cart_of",
    "clear_cart",
    "decode_cart",
    "encode_cart",
    "plan_offers",
    "priced_lines",
]

CART_COOKIE: Final = "unicom_cart"
"""The name of the cart's cookie."""
_PATH: Final = "/shop"
_LIFETIME: Final = 7 * 24 * 3600
_MAX_COOKIE: Final = 3000
_NUMBER_MAX: Final = 20


@attrs.frozen(slots=True)
class Cart:
    """Goods (product code -> quantity) and numbers (number -> plan code), in the order added."""

    goods: tuple[tuple[str, int], ...] = ()
    numbers: tuple[tuple[str, str], ...] = ()

    @property
    def size(self) -> int:
        """How many lines the cart has."""
        return len(self.goods) + len(self.numbers)

    def with_goods(self, code: str, quantity: int) -> Cart:
        """The cart with ``quantity`` more of ``code`` (``shop.order``, ``shop.lines``: limits)."""
        have = dict(self.goods)
        total = have.get(code, 0) + quantity
        if not 1 <= total <= MAX_QUANTITY:
            raise SHOP_ORDER.error(f"a quantity is 1..{MAX_QUANTITY}", field="quantity")
        if code not in have and self.size >= MAX_LINES:
            raise SHOP_LINES.error(maximum=MAX_LINES)
        have[code] = total
        return attrs.evolve(self, goods=tuple(have.items()))

    def with_number(self, number: str, plan_code: str) -> Cart:
        """The cart with ``number`` on ``plan_code`` (its plan replaced if it was there)."""
        have = dict(self.numbers)
        if number not in have and self.size >= MAX_LINES:
            raise SHOP_LINES.error(maximum=MAX_LINES)
        have[number] = plan_code
        return attrs.evolve(self, numbers=tuple(have.items()))

    def without(self, line: str) -> Cart:
        """The cart without the line ``g:<code>`` or ``n:<number>`` (unchanged if absent)."""
        kind, _, key = line.partition(":")
        if kind == "g":
            return attrs.evolve(self, goods=tuple(g for g in self.goods if g[0] != key))
        if kind == "n":
            return attrs.evolve(self, numbers=tuple(n for n in self.numbers if n[0] != key))
        return self


@attrs.frozen(slots=True)
class CartLine:
    """A line of the cart, priced now: what the checkout shows (the order prices it again)."""

    key: str
    kind: ProductKind
    code: str
    name: str
    quantity: int
    unit_price: Money
    in_stock: int | None = None
    number: str | None = None
    plan_code: str | None = None

    @property
    def amount(self) -> Money:
        """Unit price times quantity."""
        return self.unit_price * self.quantity


def _key(settings: WebSettings) -> bytes:
    return hmac.new(settings.secret.encode(), b"unicom_web.shop.cart", hashlib.sha256).digest()


def _sign(payload: str, settings: WebSettings) -> str:
    return hmac.new(_key(settings), payload.encode(), hashlib.sha256).hexdigest()


def encode_cart(cart: Cart, settings: WebSettings) -> str:
    """The cookie value of ``cart``: base64url JSON, ``.``, its HMAC-SHA256 (hex)."""
    body = json.dumps({"g": cart.goods, "n": cart.numbers}, separators=(",", ":"))
    payload = base64.urlsafe_b64encode(body.encode()).decode().rstrip("=")
    return f"{payload}.{_sign(payload, settings)}"


def _pairs(value: object, second: type) -> tuple[tuple[Any, Any], ...]:
    if not isinstance(value, list) or len(value) > MAX_LINES:
        raise ValueError
    pairs = []
    for item in value:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], str)):  # noqa: PLR2004
            raise ValueError
        if not isinstance(item[1], second) or isinstance(item[1], bool):
            raise ValueError  # noqa: TRY004 - a garbled cart, caught as one by decode_cart
        pairs.append((item[0], item[1]))
    return tuple(pairs)


def decode_cart(text: str, settings: WebSettings) -> Cart:
    """The cart of a cookie value; an empty cart unless it verifies and parses."""
    payload, _, signature = text.partition(".")
    try:  # bytes: compare_digest refuses a str with non-ASCII characters
        expected = _sign(payload, settings).encode()
        if len(text) > _MAX_COOKIE or not hmac.compare_digest(signature.encode(), expected):
            return Cart()
        body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return Cart(_pairs(body["g"], int), _pairs(body["n"], str))
    except (ValueError, TypeError, KeyError):
        return Cart()


def cart_of(request: Request[Any, Any, Any], settings: WebSettings) -> Cart:
    """The request's cart (empty when it has none, or one that does not verify)."""
    return decode_cart(request.cookies.get(CART_COOKIE, ""), settings)


def _secure(request: Request[Any, Any, Any], settings: WebSettings) -> bool:
    if settings.secure_cookies is not None:
        return settings.secure_cookies
    return request.url.scheme == "https"


def _store(
    response: Response[Any], request: Request[Any, Any, Any], settings: WebSettings, cart: Cart
) -> None:
    response.set_cookie(
        key=CART_COOKIE,
        value=encode_cart(cart, settings) if cart.size else "",
        max_age=_LIFETIME if cart.size else 0,
        path=_PATH,
        secure=_secure(request, settings),
        httponly=True,
        samesite="lax",
    )


def clear_cart(
    response: Response[Any], request: Request[Any, Any, Any], settings: WebSettings
) -> None:
    """Tell the browser to forget its cart (the order is placed)."""
    _store(response, request, settings, Cart())


def plan_offers(hall: BusinessHall) -> list[Offer]:
    """The plans a new number can be bought on, with their monthly fee (F-NUM-3)."""
    return [
        offer
        for offer in hall.catalog.offers(Channel.ONLINE_HALL)
        if offer.product.product_kind is ProductKind.PLAN
    ]


def priced_lines(hall: BusinessHall, cart: Cart) -> list[CartLine]:
    """The cart's lines priced now; products no longer on sale and unknown numbers drop out."""
    products = {item.product.code: item for item in hall.shop.products()}
    plans = {offer.product.code: offer for offer in plan_offers(hall)}
    lines = []
    for code, quantity in cart.goods:
        item = products.get(code)
        if item is not None:
            product = item.product
            lines.append(
                CartLine(
                    f"g:{code}",
                    product.product_kind,
                    code,
                    product.name,
                    quantity,
                    item.price.price,
                    item.in_stock,
                )
            )
    for number, plan_code in cart.numbers:
        plan = plans.get(plan_code)
        try:
            row = hall.numbers.number(number)
        except UnicomError:
            continue
        tier = hall.numbers.table.tier(row.tier)
        name = plan.product.name if plan is not None else plan_code
        lines.append(
            CartLine(
                f"n:{number}",
                ProductKind.NUMBER,
                tier.code,
                name,
                1,
                tier.prestore,
                number=number,
                plan_code=plan_code,
            )
        )
    return lines


def _cart_page(
    request: Request[Any, Any, Any], hall: Hall, web_settings: Settings, problem: Problem | None
) -> Template:
    lines = priced_lines(hall, cart_of(request, web_settings))
    return render(
        request,
        "shop_cart.html",
        status_code=problem.status if problem is not None else 200,
        lines=lines,
        total=Money.total(line.amount for line in lines),
        problem=problem,
    )


@get(f"{_PATH}/cart", include_in_schema=False, sync_to_thread=True)
def cart_page(request: Request[Any, Any, Any], hall: Hall, web_settings: Settings) -> Template:
    """The cart's lines, priced now, and the way to the checkout."""
    return _cart_page(request, hall, web_settings, None)


def _quantity(text: str) -> int:
    if not text.isdigit() or len(text) > 2:  # noqa: PLR2004 - at most MAX_QUANTITY
        raise SHOP_ORDER.error(f"a quantity is 1..{MAX_QUANTITY}", field="quantity")
    return int(text)


def _changed(
    request: Request[Any, Any, Any], settings: WebSettings, cart: Cart, target: str
) -> Redirect:
    response = Redirect(target, status_code=303)
    _store(response, request, settings, cart)
    return response


@post(f"{_PATH}/cart/goods", include_in_schema=False, sync_to_thread=True)
def add_goods(
    request: Request[Any, Any, Any], data: Form, hall: Hall, web_settings: Settings
) -> Template | Redirect:
    """Add ``quantity`` of a product, at most what is in stock; a refusal shows on the cart page."""
    code = field(data, "product_code")
    try:
        on_sale = {item.product.code: item for item in hall.shop.products()}
        item = on_sale.get(code)
        if item is None:
            raise SHOP_NOT_FOR_SALE.error(product_code=code[:64])
        cart = cart_of(request, web_settings).with_goods(code, _quantity(field(data, "quantity")))
        if dict(cart.goods)[code] > item.in_stock:
            raise SHOP_OUT_OF_STOCK.error(product_code=code)
    except UnicomError as error:
        return _cart_page(request, hall, web_settings, problem_or_raise(error))
    return _changed(request, web_settings, cart, f"{_PATH}/cart")


@post(f"{_PATH}/cart/numbers", include_in_schema=False, sync_to_thread=True)
def add_number(
    request: Request[Any, Any, Any], data: Form, hall: Hall, token: Token, web_settings: Settings
) -> Template | Redirect:
    """Buy a reserved number with a plan: into the cart, then on to the checkout (F-NUM-3)."""
    number, plan_code = field(data, "number"), field(data, "plan_code")
    try:
        held = {r.number for r in hall.numbers.reservations(token)}
        if number not in held:
            raise SHOP_RESERVATION_REQUIRED.error(number=number[:_NUMBER_MAX])
        if plan_code not in {offer.product.code for offer in plan_offers(hall)}:
            raise SHOP_NOT_FOR_SALE.error(product_code=plan_code[:64])
        cart = cart_of(request, web_settings).with_number(number, plan_code)
    except UnicomError as error:
        return _cart_page(request, hall, web_settings, problem_or_raise(error))
    return _changed(request, web_settings, cart, f"{_PATH}/checkout")


@post(f"{_PATH}/cart/remove", include_in_schema=False, sync_to_thread=True)
def remove_line(request: Request[Any, Any, Any], data: Form, web_settings: Settings) -> Redirect:
    """Take a line out of the cart."""
    cart = cart_of(request, web_settings).without(field(data, "line"))
    return _changed(request, web_settings, cart, f"{_PATH}/cart")


PAGES = (cart_page, add_goods, add_number, remove_line)
"""The cart's pages."""
