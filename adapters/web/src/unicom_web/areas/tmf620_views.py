"""What a TMF620 request sees of the catalogue, and its offerings as TMF bodies (F-SHOP-1).

A :class:`CatalogView` is read once per request: the effective catalogue, or, for an
operator that asks ``?catalog=draft`` (scope ``catalog.publish``), the pending draft of the
next revision (the effective catalogue when none is pending); the instant (the hall's
clock) and the hall's channel price the offers. The mapping:

* an offering's ``id`` is the product code; ``version`` is the catalogue revision;
  ``lastUpdate`` is when that revision was published (a draft: when it last changed);
  ``lifecycleStatus`` is ``Launched``, or ``In design`` for what a draft adds or changes;
* ``productSpecification`` refers to the specification of the product's kind;
* ``productOfferingPrice`` refers to its one price, ``{code}-price``: recurring per month for
  plans, combination plans (from the cheapest composition) and monthly packs, one-time for
  goods and term packs (the half-year pack), at the price the rules give on the hall's
  channel now, in yuan;
* a combination plan is a bundle (``isBundle``) whose ``bundledProductOffering`` are its
  tiers; a pack of one is sold only within it (``isSellable`` false).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import CATALOG_PUBLISH
from unicom_core.domain.catalog import Catalog, Channel, ComboPlan, Goods, Offer, Pack, Plan
from unicom_core.domain.shared import to_shanghai
from unicom_web.areas.operator_console import bearer_token, operator_actor
from unicom_web.areas.tmf620_bodies import (
    SPECIFICATIONS,
    ProductOffering,
    ProductOfferingPrice,
    ProductSpecification,
    ProductSpecificationCharacteristic,
    SpecificationOf,
)
from unicom_web.codes import OFFERING_INVALID
from unicom_web.tmf import Ref, TimePeriod

if TYPE_CHECKING:
    from unicom_core.domain.catalog import EffectiveWindow, Product
    from unicom_web.tmf import TmfContext

__all__ = [
    "DRAFT_FLAG",
    "IN_DESIGN",
    "LAUNCHED",
    "CatalogView",
    "code_of_price",
    "offering_body",
    "price_body",
    "price_id",
    "spec_body",
    "specification_of",
    "view_of",
]

DRAFT_FLAG = "catalog"
"""The query parameter that asks for the draft (``?catalog=draft``); not an attribute filter."""
LAUNCHED = "Launched"
IN_DESIGN = "In design"
_PRICE_SUFFIX = "-price"


@attrs.frozen(slots=True)
class CatalogView:
    """The catalogue a request reads (effective or draft), the instant and channel, the root."""

    catalog: Catalog
    effective: Catalog
    at: datetime
    channel: Channel
    base: str

    @property
    def is_draft(self) -> bool:
        """Whether this is a pending draft, not the effective catalogue."""
        return self.catalog is not self.effective

    def offers(self) -> tuple[Offer, ...]:
        """What the catalogue puts on sale on the hall's channel now, priced."""
        return self.catalog.offers(self.channel, self.at)

    def status(self, product: Product) -> str:
        """``Launched``, or ``In design`` for a product a draft adds or changes."""
        if not self.is_draft or product in self.effective.products():
            return LAUNCHED
        return IN_DESIGN


def view_of(context: TmfContext, *, draft: bool = False) -> CatalogView:
    """The catalogue the request reads: ``?catalog=draft`` (or ``draft``), an operator's draft.

    Raises:
        Refused: ``access.not_logged_in`` without a Bearer token, ``operator.scope_missing``
            without scope ``catalog.publish``, ``access.capability_missing`` for a subscriber.
        InvalidInput: ``offering.invalid`` for another value of ``catalog``.
    """
    hall = context.hall
    asked = context.query.get(DRAFT_FLAG, "effective")
    if asked not in {"effective", "draft"}:
        raise OFFERING_INVALID.error("catalog is effective or draft", field=DRAFT_FLAG)
    effective = hall.catalog.catalog()
    catalog = effective
    if draft or asked == "draft":
        operator_actor(hall, bearer_token(context.request), CATALOG_PUBLISH)
        catalog = hall.catalog_drafts.pending() or effective
    at = to_shanghai(hall.clock.now(), field="clock")
    return CatalogView(catalog, effective, at, context.settings.channel, context.base)


def price_id(code: str) -> str:
    """The id of the price of the offering ``code``: ``{code}-price``."""
    return code + _PRICE_SUFFIX


def code_of_price(pop_id: str) -> str | None:
    """The offering code of a price id, or None for an id that names no offering's price."""
    return pop_id.removesuffix(_PRICE_SUFFIX) if pop_id.endswith(_PRICE_SUFFIX) else None


def specification_of(product: Product) -> SpecificationOf:
    """The specification of the product's kind."""
    return next(spec for spec in SPECIFICATIONS if spec.kind is product.product_kind)


def _period(window: EffectiveWindow) -> TimePeriod | None:
    if window.starts is None and window.ends is None:
        return None
    return TimePeriod(start_date_time=window.starts, end_date_time=window.ends)


def _recurring(product: Product) -> bool:
    return isinstance(product, Plan | ComboPlan) or (
        isinstance(product, Pack) and not product.is_term
    )


def _description(product: Product) -> str:
    if isinstance(product, Goods):
        return product.description
    if isinstance(product, Plan | Pack):
        return str(product.allowances)
    return f"{len(product.tiers)} tiers"


def price_body(offer: Offer, view: CatalogView) -> ProductOfferingPrice:
    """The ``ProductOfferingPrice`` of an offer: its price on the hall's channel now."""
    product = offer.product
    recurring = _recurring(product)
    return ProductOfferingPrice(
        id=price_id(product.code),
        href=f"{view.base}/productOfferingPrice/{price_id(product.code)}",
        name=product.name,
        description=str(product) if isinstance(product, Pack) else None,
        last_update=view.catalog.updated_at,
        lifecycle_status=view.status(product),
        version=str(view.catalog.revision),
        valid_for=_period(product.window),
        price_type="recurring" if recurring else "oneTime",
        price=offer.price.price,
        recurring_charge_period_type="month" if recurring else None,
        recurring_charge_period_length=1 if recurring else None,
    )


def offering_body(offer: Offer, view: CatalogView) -> ProductOffering:
    """The ``ProductOffering`` of an offer of the view's catalogue."""
    product, base = offer.product, view.base
    bundled = None
    if isinstance(product, ComboPlan):
        bundled = [
            Ref(id=code, href=f"{base}/productOffering/{code}", name=view.catalog.pack(code).name)
            for code in product.tiers
        ]
    spec = specification_of(product)
    return ProductOffering(
        id=product.code,
        href=f"{base}/productOffering/{product.code}",
        name=product.name,
        description=_description(product),
        is_bundle=isinstance(product, ComboPlan),
        is_sellable=not isinstance(product, Pack),
        last_update=view.catalog.updated_at,
        lifecycle_status=view.status(product),
        version=str(view.catalog.revision),
        valid_for=_period(product.window),
        channel=[Ref(id=c.value, name=c.value) for c in product.channels],
        product_specification=Ref(
            id=spec.kind.value,
            href=f"{base}/productSpecification/{spec.kind.value}",
            name=spec.name,
        ),
        product_offering_price=[
            Ref(
                id=price_id(product.code),
                href=f"{base}/productOfferingPrice/{price_id(product.code)}",
                name=product.name,
            )
        ],
        bundled_product_offering=bundled,
    )


def spec_body(spec: SpecificationOf, view: CatalogView) -> ProductSpecification:
    """The ``ProductSpecification`` of a product kind, as of the view's revision."""
    return ProductSpecification(
        id=spec.kind.value,
        href=f"{view.base}/productSpecification/{spec.kind.value}",
        name=spec.name,
        description=spec.description,
        is_bundle=spec.kind.value == "combo_plan",
        last_update=view.catalog.updated_at,
        lifecycle_status=LAUNCHED,
        version=str(view.catalog.revision),
        product_spec_characteristic=[
            ProductSpecificationCharacteristic(
                name=name, value_type=value_type, description=text, configurable=False
            )
            for name, value_type, text in spec.characteristics
        ],
    )
