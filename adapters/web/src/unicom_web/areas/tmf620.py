"""TMF620 Product Catalog Management v4: the product offerings, read-only (F-SHOP-1).

``GET /tmf-api/productCatalogManagement/v4/productOffering`` lists what is on sale on the
hall's channel now, and ``.../productOffering/{id}`` returns one, with the field names,
types and status codes of the TM Forum specification: ``fields`` selects attributes (``id``,
``href`` and ``@type`` always come), ``offset`` and ``limit`` page the list (with
``X-Total-Count`` and ``X-Result-Count``), and any other query parameter filters on the
attribute of that name (``?isBundle=true``, ``?name=...``). Errors are TMF ``Error``
objects. The mapping: a product's code is the offering's ``id``; a combination plan is a
bundle (``isBundle``) whose ``bundledProductOffering`` are its tiers; a pack of a
combination plan is sold only within it (``isSellable`` false); the price is one
``productOfferingPrice`` (recurring per month for plans and packs, one-time for goods) in
yuan.
"""

from __future__ import annotations

from typing import Any, cast

import attrs
from litestar import Request, Response, Router, get
from litestar.params import FromPath, FromQuery

from unicom_core.domain.catalog import Catalog, ComboPlan, Goods, Offer, Pack, Plan
from unicom_core.errors import NotFound
from unicom_web.areas import Area
from unicom_web.areas.tmf import TMF_ERRORS, Limit, Offset, listing, money, select
from unicom_web.deps import Hall, Settings
from unicom_web.settings import WebSettings

__all__ = ["AREA", "BASE_PATH", "ProductOffering"]

BASE_PATH = "/tmf-api/productCatalogManagement/v4"


@attrs.frozen(slots=True, kw_only=True)
class ProductOffering:
    """The schema of a TMF620 ``ProductOffering`` as this hall fills it (all optional)."""

    id: str | None = None
    href: str | None = None
    name: str | None = None
    description: str | None = None
    isBundle: bool | None = None  # noqa: N815 - TM Forum field names
    isSellable: bool | None = None  # noqa: N815
    lifecycleStatus: str | None = None  # noqa: N815
    version: str | None = None
    validFor: dict[str, str] | None = None  # noqa: N815
    channel: list[dict[str, str]] | None = None
    productOfferingPrice: list[dict[str, Any]] | None = None  # noqa: N815
    bundledProductOffering: list[dict[str, str]] | None = None  # noqa: N815


def _price(offer: Offer) -> dict[str, Any]:
    recurring = isinstance(offer.product, Plan | ComboPlan | Pack)
    price: dict[str, Any] = {
        "name": offer.product.name,
        "priceType": "recurring" if recurring else "oneTime",
        "price": money(offer.price.price),
        "@type": "ProductOfferingPrice",
    }
    if recurring:
        price["recurringChargePeriodType"] = "month"
        price["recurringChargePeriodLength"] = 1
    return price


def _description(offer: Offer) -> str:
    product = offer.product
    if isinstance(product, Goods):
        return product.description
    if isinstance(product, Plan | Pack):
        return str(product.allowances)
    return f"{len(product.tiers)} tiers"


def _offering(offer: Offer, catalog: Catalog, base: str) -> dict[str, Any]:
    product = offer.product
    window = {
        key: bound.isoformat()
        for key, bound in (
            ("startDateTime", product.window.starts),
            ("endDateTime", product.window.ends),
        )
        if bound is not None
    }
    body: dict[str, Any] = {
        "id": product.code,
        "href": f"{base}/productOffering/{product.code}",
        "name": product.name,
        "description": _description(offer),
        "isBundle": isinstance(product, ComboPlan),
        "isSellable": not isinstance(product, Pack),
        "lifecycleStatus": "Launched",
        "version": str(catalog.revision),
        "channel": [{"id": c.value, "name": c.value} for c in product.channels],
        "productOfferingPrice": [_price(offer)],
        "@type": "ProductOffering",
    }
    if window:
        body["validFor"] = window
    if isinstance(product, ComboPlan):
        body["bundledProductOffering"] = [
            {"id": code, "href": f"{base}/productOffering/{code}", "name": catalog.pack(code).name}
            for code in product.tiers
        ]
    return body


def _offerings(
    request: Request[Any, Any, Any], hall: Hall, settings: WebSettings
) -> list[dict[str, Any]]:
    base = str(request.base_url).rstrip("/") + BASE_PATH
    catalog = hall.catalog.catalog()
    return [_offering(offer, catalog, base) for offer in hall.catalog.offers(settings.channel)]


@get(
    "/productOffering",
    summary="List or find ProductOffering objects",
    tags=["TMF620"],
    operation_id="listProductOffering",
    sync_to_thread=True,
    responses=TMF_ERRORS,
)
def list_product_offering(  # noqa: PLR0913 - the spec's query parameters
    *,
    request: Request[Any, Any, Any],
    hall: Hall,
    web_settings: Settings,
    fields: FromQuery[str | None] = None,
    offset: Offset = 0,
    limit: Limit = None,
) -> Response[list[ProductOffering]]:
    """The offerings on sale now; other query parameters filter by attribute."""
    return listing(
        _offerings(request, hall, web_settings),
        request.query_params,
        fields=fields,
        offset=offset,
        limit=limit,
    )


@get(
    "/productOffering/{offering_id:str}",
    summary="Retrieves a ProductOffering by ID",
    tags=["TMF620"],
    operation_id="retrieveProductOffering",
    sync_to_thread=True,
    responses=TMF_ERRORS,
)
def retrieve_product_offering(
    request: Request[Any, Any, Any],
    offering_id: FromPath[str],
    hall: Hall,
    web_settings: Settings,
    fields: FromQuery[str | None] = None,
) -> Response[ProductOffering]:
    """One offering on sale now, by its id (the product code)."""
    for body in _offerings(request, hall, web_settings):
        if body["id"] == offering_id:
            return Response(cast("ProductOffering", select(body, fields)))
    raise NotFound(
        "catalog.unknown_product", f"no product offering {offering_id!r} on sale", id=offering_id
    )


def _router() -> Router:
    return Router(BASE_PATH, route_handlers=[list_product_offering, retrieve_product_offering])


AREA = Area(name="tmf620", requires=("catalog",), routers=(_router,))
"""TMF620 product offerings, under the spec's base path."""
