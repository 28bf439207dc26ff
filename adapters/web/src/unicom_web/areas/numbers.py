"""The number pool on the web (號碼隨心搜, F-NUM-1..3): the search page and its reservations.

``/numbers`` is a plain GET form (works without JavaScript): a mask such as
``186****8888``, contains, ends with, "without 4", segment, city, tier and pattern class;
the results come by tier then number, 20 a page, each with its tier's pre-stored fee and
minimum spend and a reserve button. Reserving and releasing post forms (a login is asked
for first); the customer's reservations show with a countdown that ``static/numbers.js``
ticks down each second. The JSON endpoints are :mod:`unicom_web.areas.numbers_api`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from unicom_core.domain.numbers import Reservation
from unicom_core.errors import UnicomError
from unicom_web.areas import Area, NavLink
from unicom_web.areas.forms import Form, field
from unicom_web.areas.numbers_api import API, query_of
from unicom_web.areas.shop_cart import plan_offers
from unicom_web.deps import Hall, Token
from unicom_web.pages import render
from unicom_web.problems import Problem, problem_for

__all__ = ["AREA"]

_PAGE = "/numbers"
_FIELDS = (
    "mask",
    "contains",
    "ends_with",
    "starts_with",
    "without",
    "segment",
    "province",
    "city",
    "tier",
    "pattern",
)
_PAGE_SIZE = 20


def _offset(text: str) -> int:
    return int(text) if text.isdigit() and len(text) <= 5 else 0  # noqa: PLR2004


def _page(
    request: Request[Any, Any, Any],
    hall: Hall,
    token: Token,
    problem: Problem | None = None,
) -> Template:
    params = {name: request.query_params.get(name, "").strip() for name in _FIELDS}
    offset = _offset(request.query_params.get("offset", ""))
    page = None
    try:
        page = hall.numbers.search(query_of(**params, offset=offset, limit=_PAGE_SIZE))
    except UnicomError as error:
        problem = problem or problem_for(error)
    held: tuple[Reservation, ...] = ()
    if token:
        try:
            held = hall.numbers.reservations(token)
        except UnicomError:
            held = ()
    table = hall.numbers.table
    filled = {name: value for name, value in params.items() if value}
    return render(
        request,
        "numbers.html",
        status_code=problem.status if problem is not None else 200,
        problem=problem,
        params=params,
        page=page,
        reservations=held,
        plans=plan_offers(hall) if held else (),
        tiers={tier.code: tier for tier in table.tiers},
        tier_list=sorted(table.tiers, key=lambda tier: tier.rank),
        classes=table.classes,
        class_names={pattern.code: pattern.name for pattern in table.classes},
        previous=_link(filled, offset - _PAGE_SIZE) if offset > 0 else None,
        following=_link(filled, offset + _PAGE_SIZE) if page and page.has_more else None,
        here=_link(filled, offset),
    )


def _link(params: dict[str, str], offset: int) -> str:
    query = {**params, "offset": str(max(offset, 0))} if offset > 0 else params
    return f"{_PAGE}?{urlencode(query)}" if query else _PAGE


@get(_PAGE, include_in_schema=False, sync_to_thread=True)
def search_page(request: Request[Any, Any, Any], hall: Hall, token: Token) -> Template:
    """The search form, the classes and tiers, a page of results, the reservations."""
    return _page(request, hall, token)


def _changed(  # noqa: PLR0913, PLR0917 - the handler's values, then what to do
    request: Request[Any, Any, Any],
    hall: Hall,
    token: Token,
    data: dict[str, Any],
    action: str,
    number: str,
) -> Template | Redirect:
    back = field(data, "back")
    target = back if back.startswith(_PAGE) and "//" not in back else _PAGE
    try:
        if action == "reserve":
            hall.numbers.reserve(token, number)
        else:
            hall.numbers.release(token, number)
    except UnicomError as error:
        problem = problem_for(error)
        if problem.status == 401:  # noqa: PLR2004 - not logged in: the handler redirects
            raise
        return _page(request, hall, token, problem)
    return Redirect(target, status_code=303)


@post(f"{_PAGE}/{{number:str}}/reserve", include_in_schema=False, sync_to_thread=True)
def reserve_page(
    request: Request[Any, Any, Any], number: FromPath[str], data: Form, hall: Hall, token: Token
) -> Template | Redirect:
    """Reserve a number (a login first), then back to the results."""
    return _changed(request, hall, token, data, "reserve", number)


@post(f"{_PAGE}/{{number:str}}/release", include_in_schema=False, sync_to_thread=True)
def release_page(
    request: Request[Any, Any, Any], number: FromPath[str], data: Form, hall: Hall, token: Token
) -> Template | Redirect:
    """Give a reserved number back."""
    return _changed(request, hall, token, data, "release", number)


AREA = Area(
    name="numbers",
    api=API,
    pages=(search_page, reserve_page, release_page),
    nav=(NavLink("nav.numbers", _PAGE, group="shop"),),
)
"""``/api/v1/numbers/...`` and the ``/numbers`` search page."""
