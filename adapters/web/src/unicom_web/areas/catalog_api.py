"""The JSON endpoints of the catalogue: offers, plans, prices, 4G bundles (F-BUN, F-SHOP-4).

Public (no session): what is on sale and at what price is no secret. Every price is the
domain's: composed and priced by :class:`~unicom_core.usecases.catalog.service.CatalogService` at
the hall's clock, on the settings' channel unless the request names one (F-BUN-3 refuses a
combination plan off the online and mobile halls).
"""

from __future__ import annotations

import attrs
from litestar import get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK

from unicom_core.domain.catalog import (
    BundleChangePlan,
    BundleComparison,
    Channel,
    Product,
    ProductKind,
    Quote,
)
from unicom_core.usecases.catalog import PlanDetails, PricedBundle
from unicom_web.bodies import PROBLEMS
from unicom_web.deps import Hall, Settings

__all__ = ["API", "BundleChange", "BundleComparisonRequest", "BundleRequest", "OfferView"]

_TAGS = ["catalog"]


@attrs.frozen(slots=True)
class BundleRequest:
    """A composition of a combination plan: its code and the tier codes (F-BUN-1, F-BUN-4)."""

    combo_code: str
    packs: list[str]
    channel: Channel | None = None


@attrs.frozen(slots=True)
class BundleComparisonRequest:
    """Several compositions of one combination plan, to set side by side."""

    combo_code: str
    bundles: list[list[str]]


@attrs.frozen(slots=True)
class BundleChange:
    """A change of bundle, from the current composition to the target one (F-BUN, F-CAL-5)."""

    combo_code: str
    current: list[str]
    target: list[str]
    channel: Channel | None = None


@attrs.frozen(slots=True)
class OfferView:
    """A product on sale, its kind, and its price on the channel now (F-SHOP-1)."""

    kind: ProductKind
    product: Product
    price: Quote


@get(
    "/catalog/offers",
    tags=_TAGS,
    summary="What is on sale now",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def offers(
    hall: Hall, web_settings: Settings, channel: FromQuery[Channel | None] = None
) -> list[OfferView]:
    """Every product on sale on the channel now, with its price (F-SHOP-1, F-SHOP-4)."""
    found = hall.catalog.offers(channel or web_settings.channel)
    return [OfferView(offer.product.product_kind, offer.product, offer.price) for offer in found]


@get(
    "/catalog/plans/{code:str}",
    tags=_TAGS,
    summary="A plan's details",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def plan(code: FromPath[str], hall: Hall) -> PlanDetails:
    """A fixed or combination plan: fee, allowances, and the tiers of a combination plan."""
    return hall.catalog.show_plan(code)


@get(
    "/catalog/products/{code:str}/price",
    tags=_TAGS,
    summary="A product's price now",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def price(
    code: FromPath[str],
    hall: Hall,
    web_settings: Settings,
    channel: FromQuery[Channel | None] = None,
) -> Quote:
    """The price of a product on the channel now (98.5 % recharge cards until 2016-01-12)."""
    return hall.catalog.price(code, channel or web_settings.channel)


@post(
    "/catalog/bundles/price",
    tags=_TAGS,
    summary="Compose and price a 4G bundle",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def price_bundle(data: JSONBody[BundleRequest], hall: Hall, web_settings: Settings) -> PricedBundle:
    """Compose a bundle from tiers and price it now (F-BUN-1..4)."""
    return hall.catalog.compose(data.combo_code, data.packs, data.channel or web_settings.channel)


@post(
    "/catalog/bundles/compare",
    tags=_TAGS,
    summary="Compare bundles side by side",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def compare_bundles(data: JSONBody[BundleComparisonRequest], hall: Hall) -> BundleComparison:
    """Compose each composition now and set them side by side."""
    return hall.catalog.compare(data.combo_code, data.bundles)


@post(
    "/catalog/bundles/change-plan",
    tags=_TAGS,
    summary="Plan a change of bundle",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def plan_bundle_change(
    data: JSONBody[BundleChange], hall: Hall, web_settings: Settings
) -> BundleChangePlan:
    """What a change applies now (prorated) and what from the next cycle (F-CAL-5)."""
    return hall.catalog.plan_change(
        data.combo_code, data.current, data.target, data.channel or web_settings.channel
    )


API = (offers, plan, price, price_bundle, compare_bundles, plan_bundle_change)
"""The catalogue endpoints, mounted under ``/api/v1``."""
