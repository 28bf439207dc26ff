"""The shop on the web (網上商城, F-SHOP-1..3, F-NUM-3): products, cart, checkout, orders.

One module per concept: :mod:`~unicom_web.areas.shop_api` (the JSON endpoints, bodies in
:mod:`~unicom_web.areas.shop_views`), :mod:`~unicom_web.areas.shop_cart` (the signed cart
cookie), :mod:`~unicom_web.areas.shop_pages` (the product list and the checkout with the ID
step) and :mod:`~unicom_web.areas.shop_orders` (the orders, their history, payment and
tracking). The buy step of ``/numbers`` posts to the cart. Shipping and the courier's
signed delivery are operator actions with no page or endpoint here.
"""

from __future__ import annotations

from unicom_web.areas import Area, NavLink
from unicom_web.areas import shop_api as api
from unicom_web.areas import shop_cart as cart
from unicom_web.areas import shop_orders as orders
from unicom_web.areas import shop_pages as pages

__all__ = ["AREA"]

AREA = Area(
    name="shop",
    api=api.API,
    pages=(*pages.PAGES, *cart.PAGES, *orders.PAGES),
    nav=(
        NavLink("nav.shop", "/shop", group="shop"),
        NavLink("nav.orders", "/shop/orders", needs_login=True, group="shop"),
    ),
)
"""``/api/v1/shop/...`` and the ``/shop`` pages."""
