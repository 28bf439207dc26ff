"""The shop as JSON (網上商城, F-SHOP-1..3, F-NUM-3): products, orders, payment, tracking.

* ``GET /shop/products`` is public: the goods on sale with their price and units in stock;
* ``POST /shop/orders`` places an order (``handle.order``; with numbers
  ``handle.number_purchase`` and the holder's name and resident ID, verified at once): 201
  with the order; its ``request_id`` makes it idempotent;
* ``GET /shop/orders`` (newest first) and ``GET /shop/orders/{order_id}`` read the
  session's orders (``query.orders``); another buyer's order is 404 ``shop.unknown_order``;
* ``POST /shop/orders/{order_id}/payment`` pays it through the payment engine (``pay``;
  the ``Idempotency-Key`` header or ``idempotency_key``; 201, 200 for a retried key);
* ``POST /shop/orders/{order_id}/cancel`` cancels a placed or paid order (a paid one is
  refunded);
* ``GET /shop/orders/{order_id}/tracking``: the shipment's moves so far.

A random-password session may read but not order or pay (403 ``access.capability_missing``,
F-AUTH-5). The holder is answered masked (:mod:`unicom_web.areas.shop_views`). Shipping and
the courier's signed delivery are the operator's (``hall.shop.ship``,
``hall.shop.confirm_delivery``): they have no endpoint on the public web.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from unicom_core.ports.shared import Page, PageRequest
from unicom_web.areas.payments_api import IdempotencyKey, Limit, require_key
from unicom_web.areas.shop_views import (
    OrderPaymentRequest,
    OrderRequest,
    OrderView,
    ProductView,
    ShopPaymentView,
    TrackingView,
    order_view,
    payment_view,
    product_view,
)
from unicom_web.bodies import PROBLEMS, ConvertedResponse, Offset
from unicom_web.deps import Hall, Settings, Token
from unicom_web.metrics import count_order
from unicom_web.security import checked_return_url

__all__ = ["API"]

_TAGS = ["shop"]
_PAYING = {
    **PROBLEMS,
    HTTP_200_OK: ResponseSpec(
        ShopPaymentView,
        generate_examples=False,
        description="The answer to a retried idempotency key: the first call's payment",
    ),
}


@get(
    "/shop/products",
    tags=_TAGS,
    summary="The shop's goods, with price and stock",
    sync_to_thread=True,
)
def products(hall: Hall) -> list[ProductView]:
    """Phones, data cards, accessories, recharge cards on sale now, with stock (F-SHOP-1)."""
    return [product_view(item) for item in hall.shop.products()]


@post(
    "/shop/orders",
    tags=_TAGS,
    summary="Place an order",
    sync_to_thread=True,
    status_code=HTTP_201_CREATED,
    responses=PROBLEMS,
)
def place(
    data: JSONBody[OrderRequest], request: Request[Any, Any, Any], hall: Hall, token: Token
) -> OrderView:
    """Goods from stock and reserved numbers with a plan; numbers need their holder (F-SHOP-2)."""
    order = hall.shop.place(
        token,
        data.items(),
        address=data.address.value(),
        request_id=data.request_id,
        holder_name=data.holder_name,
        resident_id=data.resident_id,
    )
    count_order(request, order.id)  # F-PRO-5: an order of a campaign's visitor
    return order_view(order)


@get(
    "/shop/orders",
    tags=_TAGS,
    summary="My orders, newest first",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def orders(hall: Hall, token: Token, offset: Offset = 0, limit: Limit = 20) -> Page[OrderView]:
    """The session's orders, newest first, one page of them."""
    page = hall.shop.orders(token, PageRequest(offset, limit))
    return Page(tuple(order_view(order) for order in page.items), page.total, page.request)


@get(
    "/shop/orders/{order_id:str}",
    tags=_TAGS,
    summary="One of my orders",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def order(order_id: FromPath[str], hall: Hall, token: Token) -> OrderView:
    """An order of the session's buyer, with its status history; another's is 404."""
    return order_view(hall.shop.order(token, order_id))


@post(
    "/shop/orders/{order_id:str}/payment",
    tags=_TAGS,
    summary="Pay an order",
    sync_to_thread=True,
    status_code=HTTP_201_CREATED,
    responses=_PAYING,
)
def pay(  # noqa: PLR0913, PLR0917 - the path, the body, the header and the dependencies
    order_id: FromPath[str],
    data: JSONBody[OrderPaymentRequest],
    hall: Hall,
    token: Token,
    web_settings: Settings,
    idempotency_key: IdempotencyKey = None,
) -> ConvertedResponse[ShopPaymentView]:
    """Pay a placed order through the payment engine (F-SHOP-1, F-PAY-3): once per key."""
    paid = hall.shop.pay(
        token,
        order_id,
        idempotency_key=require_key(idempotency_key, data.idempotency_key),
        method=data.method,
        return_url=checked_return_url(data.return_url, web_settings),
    )
    status = HTTP_200_OK if paid.duplicate else HTTP_201_CREATED
    return ConvertedResponse(payment_view(paid), status_code=status)


@post(
    "/shop/orders/{order_id:str}/cancel",
    tags=_TAGS,
    summary="Cancel an order",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def cancel(order_id: FromPath[str], hall: Hall, token: Token) -> OrderView:
    """Placed or paid -> cancelled (a paid one is refunded); else 409 ``shop.transition``."""
    return order_view(hall.shop.cancel(token, order_id))


@get(
    "/shop/orders/{order_id:str}/tracking",
    tags=_TAGS,
    summary="An order's shipment tracking",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def tracking(order_id: FromPath[str], hall: Hall, token: Token) -> TrackingView:
    """The courier's moves of the order's shipment so far (none before it ships)."""
    events = hall.shop.tracking(token, order_id)
    found = hall.shop.order(token, order_id)
    return TrackingView(found.id, found.tracking_id, events)


API = (products, place, orders, order, pay, cancel, tracking)
"""The shop's endpoints, mounted under ``/api/v1``."""
