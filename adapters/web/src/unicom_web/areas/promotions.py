"""Promotions on the web (優惠活動, 沃之樹, F-PRO-1..4): campaigns, joining, the growth game.

One module per concept: :mod:`~unicom_web.areas.promotions_api` (the JSON endpoints, bodies
in :mod:`~unicom_web.areas.promotions_views`), :mod:`~unicom_web.areas.promotions_pages`
(the campaigns, joining and cancelling) and :mod:`~unicom_web.areas.promotions_growth` (the
tree of 沃之樹 and the public page of its prize draw). Defining, publishing and ending a
campaign, and the draw's commit, close and reveal, are the operator's: no page or endpoint.
"""

from __future__ import annotations

from unicom_web.areas import Area, NavLink
from unicom_web.areas import promotions_api as api
from unicom_web.areas import promotions_growth as growth
from unicom_web.areas import promotions_pages as pages

__all__ = ["AREA"]

# The growth pages come first: /promotions/growth is not a campaign's code.
AREA = Area(
    name="promotions",
    api=api.API,
    pages=(*growth.PAGES, *pages.PAGES),
    nav=(
        NavLink("nav.promotions", "/promotions", needs_login=True, group="promotions"),
        NavLink("nav.growth", growth.GROWTH_PATH, needs_login=True, group="promotions"),
    ),
)
"""``/api/v1/promotions/...`` and the ``/promotions`` pages."""
