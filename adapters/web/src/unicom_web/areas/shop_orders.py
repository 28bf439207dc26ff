"""The shop's order pages (我的订单, F-SHOP-1, F-SHOP-3): the list, one order, pay, cancel.

``GET /shop/orders`` lists the session's orders, newest first; ``GET /shop/orders/{id}``
shows one: its lines and total, the holder masked, the status history with its times, the
payment, the courier's tracking, and for a delivered phone card its number active. Another
buyer's order is 404, like an unknown one. ``POST /shop/orders/{id}/pay`` pays a placed
order again (a fresh key per form shown), ``POST /shop/orders/{id}/cancel`` cancels a
placed or paid one (a paid one is refunded; never a paid one with recharge cards,
``shop.cards_sold``). ``POST /shop/orders/{id}/cards`` shows a paid order's recharge-card
secrets on the order page (F-SHOP-1; as the recharge-card page: each showing mints new
ones, so it is a POST, never a GET). Shipping and the signed delivery are the
operator's and the courier's: no page offers them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from unicom_core.errors import UnicomError
from unicom_core.ports.shared import PageRequest
from unicom_web.areas.forms import Form, field
from unicom_web.areas.payments_pages import new_key, problem_or_raise
from unicom_web.areas.shop_pages import after_paying, order_path, shop_return_url
from unicom_web.areas.shop_views import masked_name
from unicom_web.deps import Hall, Token
from unicom_web.pages import render

if TYPE_CHECKING:
    from unicom_core.domain.payments import PaymentAttempt
    from unicom_core.ports.shop import TrackingEvent
    from unicom_core.usecases.payments import RevealedCard
    from unicom_web.problems import Problem

__all__ = ["PAGES"]

_PAGE_SIZE = 20


@get("/shop/orders", include_in_schema=False, sync_to_thread=True)
def orders_page(request: Request[Any, Any, Any], hall: Hall, token: Token) -> Template:
    """The session's orders, newest first, paged."""
    text = request.query_params.get("offset", "0")
    offset = int(text) if text.isdigit() and len(text) <= 6 else 0  # noqa: PLR2004
    page = hall.shop.orders(token, PageRequest(offset, _PAGE_SIZE))
    following = offset + _PAGE_SIZE if page.has_more else None
    return render(request, "shop_orders.html", page=page, following=following)


def _payment(hall: Hall, token: Token, payment_id: str | None) -> PaymentAttempt | None:
    if payment_id is None:
        return None
    try:
        return hall.payments.payment(token, payment_id)
    except UnicomError:
        return None


def _tracking(hall: Hall, token: Token, order_id: str) -> tuple[TrackingEvent, ...]:
    try:
        return hall.shop.tracking(token, order_id)
    except UnicomError:  # the courier cannot answer now: the order still shows
        return ()


def _order_page(  # noqa: PLR0913 - the page and what it shows
    request: Request[Any, Any, Any],
    hall: Hall,
    token: Token,
    order_id: str,
    problem: Problem | None = None,
    *,
    revealed: tuple[RevealedCard, ...] | None = None,
) -> Template:
    order = hall.shop.order(token, order_id)
    holder = order.holder
    return render(
        request,
        "shop_order.html",
        status_code=problem.status if problem is not None else 200,
        order=order,
        holder_name=masked_name(holder.name) if holder is not None else None,
        holder_id=holder.resident_id.masked() if holder is not None else None,
        payment=_payment(hall, token, order.payment_id),
        events=_tracking(hall, token, order.id),
        key=new_key(),
        problem=problem,
        revealed=revealed,
    )


@get("/shop/orders/{order_id:str}", include_in_schema=False, sync_to_thread=True)
def order_page(
    request: Request[Any, Any, Any], order_id: FromPath[str], hall: Hall, token: Token
) -> Template:
    """One order: lines, holder (masked), history, payment, tracking."""
    return _order_page(request, hall, token, order_id)


@post("/shop/orders/{order_id:str}/pay", include_in_schema=False, sync_to_thread=True)
def pay_submit(
    request: Request[Any, Any, Any], order_id: FromPath[str], data: Form, hall: Hall, token: Token
) -> Template | Redirect:
    """Pay a placed order; on to the cashier (or back to the order)."""
    try:
        paid = hall.shop.pay(
            token,
            order_id,
            idempotency_key=field(data, "idempotency_key"),
            return_url=shop_return_url(request, order_id),
        )
    except UnicomError as error:
        return _order_page(request, hall, token, order_id, problem_or_raise(error))
    return after_paying(paid)


@post("/shop/orders/{order_id:str}/cancel", include_in_schema=False, sync_to_thread=True)
def cancel_submit(
    request: Request[Any, Any, Any], order_id: FromPath[str], hall: Hall, token: Token
) -> Template | Redirect:
    """Cancel a placed or paid order (a paid one is refunded), then back to it."""
    try:
        hall.shop.cancel(token, order_id)
    except UnicomError as error:
        return _order_page(request, hall, token, order_id, problem_or_raise(error))
    return Redirect(order_path(order_id), status_code=303)


@post("/shop/orders/{order_id:str}/cards", include_in_schema=False, sync_to_thread=True)
def cards_submit(
    request: Request[Any, Any, Any], order_id: FromPath[str], hall: Hall, token: Token
) -> Template:
    """Show the secrets of a paid order's recharge cards on its page (F-SHOP-1)."""
    try:
        shown = hall.shop.card_secrets(token, order_id)
    except UnicomError as error:
        return _order_page(request, hall, token, order_id, problem_or_raise(error))
    return _order_page(request, hall, token, order_id, revealed=shown)


PAGES = (orders_page, order_page, pay_submit, cancel_submit, cards_submit)
"""The order pages."""
