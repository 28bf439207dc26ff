"""Points on the web (積分, F-QRY-4): the ``/points`` page and its JSON endpoints.

The page shows the balance, the points that expire next, the history and the catalogue;
each item's button posts to the generic handling flow (``/handling/points_redeem/confirm``),
so a redemption is confirmed, recorded and printed like every business handling. The JSON
endpoints are in :mod:`unicom_web.areas.points_api`.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.params import FromQuery
from litestar.response import Template

from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_web.areas import Area, NavLink
from unicom_web.areas.points_api import API, KIND
from unicom_web.deps import Hall, Token
from unicom_web.pages import render

__all__ = ["AREA"]

_PAGE = 20


@get("/points", include_in_schema=False, sync_to_thread=True)
def points_page(
    request: Request[Any, Any, Any], hall: Hall, token: Token, offset: FromQuery[int] = 0
) -> Template:
    """积分: balance, soon-expiring points, history, and the items to redeem."""
    start = min(max(offset, 0), 10_000)
    return render(
        request,
        "points.html",
        view=hall.points.balance(token),
        history=hall.points.history(token, PageRequest(start, min(_PAGE, MAX_PAGE_LIMIT))),
        catalogue=hall.points.catalogue(),
        kind=KIND,
    )


AREA = Area(
    name="points",
    api=API,
    pages=(points_page,),
    nav=(NavLink("nav.points", "/points", needs_login=True, group="query"),),
)
"""``/api/v1/points...`` and the ``/points`` page."""
