"""The catalogue area on the web: plans and offers, plan details, the 4G bundle builder.

The builder is a plain GET form (one radio group per pack kind), so it works without
JavaScript and its URL can be shared; ``static/bundle.js`` only refreshes the price as
the choice changes, through ``POST /api/v1/catalog/bundles/price``. Its 办理 button opens
the bundle change's form (``/handling/bundle``, F-BIZ-3) with the builder's choice, or, with
none, on the packs the number holds.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from litestar import Request, get
from litestar.params import FromPath
from litestar.response import Template

from unicom_core.domain.catalog import PackKind, ProductKind
from unicom_core.errors import UnicomError
from unicom_web.areas import Area, NavLink
from unicom_web.areas.catalog_api import API
from unicom_web.deps import Hall, Settings
from unicom_web.pages import render
from unicom_web.problems import problem_for

__all__ = ["AREA"]

_GROUPS = {
    ProductKind.PLAN: "plan",
    ProductKind.COMBO_PLAN: "combo_plan",
    ProductKind.PACK: "pack",
}


@get("/plans", include_in_schema=False, sync_to_thread=True)
def plans_page(request: Request[Any, Any, Any], hall: Hall, web_settings: Settings) -> Template:
    """Every offer on sale now, grouped: plans, combination plans, packs, goods."""
    groups: dict[str, list[Any]] = {"plan": [], "combo_plan": [], "pack": [], "goods": []}
    for offer in hall.catalog.offers(web_settings.channel):
        groups[_GROUPS.get(offer.product.product_kind, "goods")].append(offer)
    return render(request, "plans.html", groups=groups)


@get("/plans/{code:str}", include_in_schema=False, sync_to_thread=True)
def plan_page(request: Request[Any, Any, Any], code: FromPath[str], hall: Hall) -> Template:
    """One plan's details; a combination plan links to the builder."""
    return render(request, "plan.html", plan=hall.catalog.show_plan(code))


def _default_combo(hall: Hall, web_settings: Settings) -> str:
    for offer in hall.catalog.offers(web_settings.channel):
        if offer.product.product_kind is ProductKind.COMBO_PLAN:
            return offer.product.code
    return ""


@get("/bundle", include_in_schema=False, sync_to_thread=True)
def bundle_page(request: Request[Any, Any, Any], hall: Hall, web_settings: Settings) -> Template:
    """The 4G bundle builder: choose a tier per kind, see the monthly price (F-BUN-1..4)."""
    query = request.query_params
    combo = query.get("combo") or _default_combo(hall, web_settings)
    details = hall.catalog.show_plan(combo)
    chosen = {kind.value: query.get(kind.value, "") for kind in PackKind}
    priced, problem = None, None
    if any(chosen.values()):
        packs = [code for code in chosen.values() if code]
        try:
            priced = hall.catalog.compose(combo, packs, web_settings.channel)
        except UnicomError as error:
            problem = problem_for(error)
    return render(
        request,
        "bundle.html",
        status_code=problem.status if problem is not None else 200,
        plan=details,
        chosen=chosen,
        priced=priced,
        problem=problem,
        handle_url=_handle_url(chosen),
    )


def _handle_url(chosen: dict[str, str]) -> str:
    """The bundle change's form (業務辦理), carrying the builder's choice if it has one.

    Without a choice the form opens on the packs the number holds; logged out, the form
    sends to the login page and back here.
    """
    query = urlencode({kind: code for kind, code in chosen.items() if code})
    return f"/handling/bundle?{query}" if query else "/handling/bundle"


AREA = Area(
    name="catalog",
    api=API,
    pages=(plans_page, plan_page, bundle_page),
    nav=(
        NavLink("nav.plans", "/plans", group="handling"),
        NavLink("nav.bundle", "/bundle", group="handling"),
    ),
)
"""Plans, offers, prices and the 4G bundle builder."""
