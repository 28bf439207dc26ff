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

import attrs

from unicom_core.domain.catalog import CATALOG_UNKNOWN_PRODUCT, ComboPlan, Goods, Offer, Pack, Plan
from unicom_core.domain.shared import Money
from unicom_core.errors import UnicomError
from unicom_web.areas import Area
from unicom_web.tmf import Ref, TimePeriod, TmfApi, TmfContext, TmfResource, tmf_shape

__all__ = ["API", "AREA", "BASE_PATH", "ProductOffering", "ProductOfferingPrice"]

BASE_PATH = "/tmf-api/productCatalogManagement/v4"


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class ProductOfferingPrice:
    """The price of a TMF620 ``ProductOffering``: recurring per month, or one-time."""

    name: str
    price_type: str
    price: Money
    recurring_charge_period_type: str | None = None
    recurring_charge_period_length: int | None = None
    type_: str = "ProductOfferingPrice"


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class ProductOffering:
    """A TMF620 ``ProductOffering`` as this hall fills it."""

    id: str
    href: str
    name: str | None = None
    description: str | None = None
    is_bundle: bool | None = None
    is_sellable: bool | None = None
    lifecycle_status: str | None = None
    version: str | None = None
    valid_for: TimePeriod | None = None
    channel: list[Ref] | None = None
    product_offering_price: list[ProductOfferingPrice] | None = None
    bundled_product_offering: list[Ref] | None = None
    type_: str = "ProductOffering"


def _price(offer: Offer) -> ProductOfferingPrice:
    recurring = isinstance(offer.product, Plan | ComboPlan | Pack)
    return ProductOfferingPrice(
        name=offer.product.name,
        price_type="recurring" if recurring else "oneTime",
        price=offer.price.price,
        recurring_charge_period_type="month" if recurring else None,
        recurring_charge_period_length=1 if recurring else None,
    )


def _description(offer: Offer) -> str:
    product = offer.product
    if isinstance(product, Goods):
        return product.description
    if isinstance(product, Plan | Pack):
        return str(product.allowances)
    return f"{len(product.tiers)} tiers"


def _offering(offer: Offer, context: TmfContext) -> ProductOffering:
    product, base = offer.product, context.base
    catalog = context.hall.catalog.catalog()
    window = product.window
    bundled = None
    if isinstance(product, ComboPlan):
        bundled = [
            Ref(id=code, href=f"{base}/productOffering/{code}", name=catalog.pack(code).name)
            for code in product.tiers
        ]
    return ProductOffering(
        id=product.code,
        href=f"{base}/productOffering/{product.code}",
        name=product.name,
        description=_description(offer),
        is_bundle=isinstance(product, ComboPlan),
        is_sellable=not isinstance(product, Pack),
        lifecycle_status="Launched",
        version=str(catalog.revision),
        valid_for=(
            TimePeriod(start_date_time=window.starts, end_date_time=window.ends)
            if window.starts is not None or window.ends is not None
            else None
        ),
        channel=[Ref(id=c.value, name=c.value) for c in product.channels],
        product_offering_price=[_price(offer)],
        bundled_product_offering=bundled,
    )


def _offers(context: TmfContext) -> tuple[Offer, ...]:
    return tuple(context.hall.catalog.offers(context.settings.channel))


def _missing(offering_id: str) -> UnicomError:
    return CATALOG_UNKNOWN_PRODUCT.error(
        f"no product offering {offering_id!r} on sale", id=offering_id
    )


PRODUCT_OFFERING: TmfResource[Offer, ProductOffering] = TmfResource(
    path="productOffering",
    body=ProductOffering,
    load=_offers,
    to_body=_offering,
    missing=_missing,
    list_doc="The offerings on sale now; other query parameters filter by attribute.",
    get_doc="One offering on sale now, by its id (the product code).",
)

API = TmfApi(tag="TMF620", base_path=BASE_PATH, resources=(PRODUCT_OFFERING,))
"""TMF620: the product offerings."""

AREA = Area(name="tmf620", routers=(API.router,))
"""TMF620 product offerings, under the spec's base path."""
