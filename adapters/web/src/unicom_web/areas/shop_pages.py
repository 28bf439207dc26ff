"""The shop's product list and checkout pages (網上商城, F-SHOP-1, F-SHOP-2, F-NUM-3).

* ``GET /shop`` (public): phones, data cards, accessories and recharge cards (cards in
  stock, F-SHOP-1) with their price and units in
  stock (out of stock shown, with no button), the plans (bought with a number: a link to
  ``/numbers``) and the recharge cards (a link to their page);
* ``GET /shop/checkout`` (a login): the cart's lines and total, the delivery address and,
  when the cart holds a number, the ID step: the holder's name and second-generation
  resident ID, typed into a masked field;
* ``POST /shop/checkout``: places the order under the ``request_id`` drawn when the form was
  shown (a double submit answers the same order), then pays it through the payment engine
  (the key derived from that id: one payment) and sends the browser to the gateway's
  cashier, which comes back to the order's page. A refusal (a wrong name for the ID, the
  five-number cap, a number no longer reserved, out of stock) shows on the form, nothing
  written; the form never shows the resident ID again, and the order's page shows it
  masked. The cart cookie is cleared once the order is placed.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from litestar import Request, get, post
from litestar.response import Redirect, Template

from unicom_core.domain.catalog import ProductKind
from unicom_core.domain.payments import ActionKind, PaymentStatus
from unicom_core.domain.shared import Money
from unicom_core.errors import UnicomError
from unicom_core.usecases.shop import GoodsItem, NumberItem, order_id_of
from unicom_web.areas.forms import Form, field
from unicom_web.areas.payments_pages import offers_of, problem_or_raise
from unicom_web.areas.shop_cart import cart_of, clear_cart, plan_offers, priced_lines
from unicom_web.areas.shop_views import AddressBody
from unicom_web.deps import Hall, Settings, Token
from unicom_web.metrics import count_order
from unicom_web.pages import render

if TYPE_CHECKING:
    from unicom_core.domain.shop import Order
    from unicom_core.usecases.shop import ShopPayment
    from unicom_web.areas.shop_cart import Cart
    from unicom_web.problems import Problem

__all__ = ["PAGES", "after_paying", "order_path", "shop_return_url"]

_ADDRESS = ("recipient", "phone", "address")
_KEPT = (*_ADDRESS, "holder_name")
"""The fields a refused form shows again: never the resident ID."""


def order_path(order_id: str) -> str:
    """The page of an order."""
    return f"/shop/orders/{order_id}"


def shop_return_url(request: Request[Any, Any, Any], order_id: str) -> str:
    """Where the gateway's cashier sends the buyer back to: the order's page."""
    return str(request.base_url).rstrip("/") + order_path(order_id)


def after_paying(paid: ShopPayment) -> Redirect:
    """To the cashier page if the gateway has one to finish, else to the order's page."""
    attempt = paid.payment
    if attempt is not None and attempt.status is PaymentStatus.PENDING:
        action = attempt.action
        if action is not None and action.kind is ActionKind.REDIRECT:
            return Redirect(action.payload, status_code=303)
    return Redirect(order_path(paid.order.id), status_code=303)


@get("/shop", include_in_schema=False, sync_to_thread=True)
def shop_page(request: Request[Any, Any, Any], hall: Hall, web_settings: Settings) -> Template:
    """The goods with price and stock; the plans and the recharge cards."""
    return render(
        request,
        "shop.html",
        products=hall.shop.products(),
        plans=plan_offers(hall),
        cards=offers_of(hall, web_settings, ProductKind.RECHARGE_CARD),
    )


def _checkout(  # noqa: PLR0913, PLR0917 - the state of the form
    request: Request[Any, Any, Any],
    hall: Hall,
    token: Token,
    cart: Cart,
    values: dict[str, str] | None = None,
    problem: Problem | None = None,
) -> Template:
    hall.access.session(token)  # log in first (the login page comes back here)
    lines = priced_lines(hall, cart)
    return render(
        request,
        "shop_checkout.html",
        status_code=problem.status if problem is not None else 200,
        lines=lines,
        total=Money.total(line.amount for line in lines),
        needs_holder=any(line.number is not None for line in lines),
        values=values or {},
        request_id=secrets.token_hex(16),
        problem=problem,
    )


@get("/shop/checkout", include_in_schema=False, sync_to_thread=True)
def checkout_form(
    request: Request[Any, Any, Any], hall: Hall, token: Token, web_settings: Settings
) -> Template:
    """The lines, the total, the address and (for a number) the holder's ID."""
    return _checkout(request, hall, token, cart_of(request, web_settings))


def _items(cart: Cart) -> list[GoodsItem | NumberItem]:
    goods: list[GoodsItem | NumberItem] = [GoodsItem(code, qty) for code, qty in cart.goods]
    return goods + [NumberItem(number, plan) for number, plan in cart.numbers]


def _place(data: dict[str, Any], hall: Hall, token: Token, cart: Cart) -> Order:
    request_id = field(data, "request_id")
    address = AddressBody(*(field(data, name) for name in _ADDRESS)).value()
    numbers = bool(cart.numbers)
    return hall.shop.place(
        token,
        _items(cart),
        address=address,
        request_id=request_id,
        holder_name=field(data, "holder_name") if numbers else None,
        resident_id=field(data, "resident_id") if numbers else None,
    )


def _placed_already(hall: Hall, token: Token, request_id: str) -> str | None:
    """The id of the order ``request_id`` placed for the session's buyer, if any."""
    try:
        buyer = hall.access.session(token).subscriber_id
        return hall.shop.order(token, order_id_of(buyer, request_id)).id
    except UnicomError:
        return None


@post("/shop/checkout", include_in_schema=False, sync_to_thread=True)
def checkout_submit(
    request: Request[Any, Any, Any], data: Form, hall: Hall, token: Token, web_settings: Settings
) -> Template | Redirect:
    """Place the order (once per request id), pay it, and on to the cashier."""
    cart = cart_of(request, web_settings)
    done = _placed_already(hall, token, field(data, "request_id")) if not cart.size else None
    if done is not None:  # a second submit after the first one emptied the cart
        return Redirect(order_path(done), status_code=303)
    try:
        order = _place(data, hall, token, cart)
        count_order(request, order.id)  # F-PRO-5: an order of a campaign's visitor
    except UnicomError as error:
        values = {name: field(data, name) for name in _KEPT}
        return _checkout(request, hall, token, cart, values, problem_or_raise(error))
    try:
        paid = hall.shop.pay(
            token,
            order.id,
            idempotency_key=f"pay-{field(data, 'request_id')}",
            return_url=shop_return_url(request, order.id),
        )
        response = after_paying(paid)
    except UnicomError:  # placed, not paid: its page offers to pay again
        response = Redirect(order_path(order.id), status_code=303)
    clear_cart(response, request, web_settings)
    return response


PAGES = (shop_page, checkout_form, checkout_submit)
"""The product list and the checkout."""
