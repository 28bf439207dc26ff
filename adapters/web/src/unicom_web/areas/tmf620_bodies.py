"""The TMF620 bodies this hall writes: offerings, their prices, specifications (F-SHOP-1).

Each is an attrs class marked as a TMF shape (:func:`~unicom_web.tmf.tmf_shape`), written
with the spec's names and without the attributes it has no value for. An offering refers to
its :class:`ProductOfferingPrice` by a ``ProductOfferingPriceRef`` (``id``, ``href``,
``name``) and to its :class:`ProductSpecification` by a ``ProductSpecificationRef``, as the
v4 specification defines them; the price and the specification are resources of their own
(``GET productOfferingPrice/{id}``, ``GET productSpecification/{id}``).

The specifications are the product kinds of the catalogue (:data:`SPECIFICATIONS`): a fixed
plan, a combination plan, a pack, and each kind of goods (phone, data card, accessory,
recharge card, fixed-denomination top-up, number); each lists the characteristics an
offering of that kind has in the catalogue data.
"""

from __future__ import annotations

from datetime import datetime

import attrs

from unicom_core.domain.catalog import ProductKind
from unicom_core.domain.shared import Money
from unicom_web.tmf import Ref, TimePeriod, tmf_shape

__all__ = [
    "SPECIFICATIONS",
    "CatalogBody",
    "ProductOffering",
    "ProductOfferingPrice",
    "ProductSpecification",
    "ProductSpecificationCharacteristic",
    "SpecificationOf",
]


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class ProductOfferingPrice:
    """A TMF620 ``ProductOfferingPrice``: recurring per month, or one-time, in CNY.

    Only ``id``, ``href`` and ``@type`` always come: a ``fields`` selection leaves out the
    rest, the spec's mandatory ``name``, ``priceType`` and ``price`` included (TMF630).
    """

    id: str
    href: str
    name: str | None = None
    price_type: str | None = None
    price: Money | None = None
    description: str | None = None
    last_update: datetime | None = None
    lifecycle_status: str | None = None
    version: str | None = None
    valid_for: TimePeriod | None = None
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
    last_update: datetime | None = None
    lifecycle_status: str | None = None
    version: str | None = None
    valid_for: TimePeriod | None = None
    channel: list[Ref] | None = None
    product_specification: Ref | None = None
    product_offering_price: list[Ref] | None = None
    bundled_product_offering: list[Ref] | None = None
    type_: str = "ProductOffering"


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class ProductSpecificationCharacteristic:
    """A TMF620 ``ProductSpecificationCharacteristic``: what an offering of a kind states."""

    name: str
    value_type: str
    description: str | None = None
    configurable: bool | None = None
    min_cardinality: int | None = None
    max_cardinality: int | None = None


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class ProductSpecification:
    """A TMF620 ``ProductSpecification``: a product kind (``fields`` may leave ``name`` out)."""

    id: str
    href: str
    name: str | None = None
    description: str | None = None
    is_bundle: bool | None = None
    last_update: datetime | None = None
    lifecycle_status: str | None = None
    version: str | None = None
    product_spec_characteristic: list[ProductSpecificationCharacteristic] | None = None
    type_: str = "ProductSpecification"


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class CatalogBody:
    """A TMF620 ``Catalog``: the revision published (the answer of a publication).

    Without ``href``: this hall serves no ``catalog`` resource to refer to.
    """

    id: str
    name: str
    version: str
    lifecycle_status: str
    last_update: datetime | None = None
    catalog_type: str = "productCatalog"
    type_: str = "Catalog"


@attrs.frozen(slots=True)
class SpecificationOf:
    """What the hall says of one product kind: its name, whether goods, its characteristics."""

    kind: ProductKind
    name: str
    description: str
    goods: bool
    characteristics: tuple[tuple[str, str, str], ...]
    """``(name, valueType, description)`` of each characteristic."""


_PRICE = ("price", "money", "the list price in CNY, paid once")
_GOODS = (_PRICE, ("description", "string", "what the goods are"))
_ALLOWANCES = (
    ("dataMb", "integer", "data included each month, in MB (1 GB = 1024 MB)"),
    ("voiceMinutes", "integer", "domestic voice minutes included each month"),
    ("messages", "integer", "SMS/MMS included each month"),
    ("services", "string", "value-added services included"),
)
_PLAN_TERMS = (
    ("generation", "string", "the network generation: 3G or 4G"),
    ("paymentMode", "string", "prepaid or postpaid"),
)


def _goods(kind: ProductKind, name: str, description: str) -> SpecificationOf:
    return SpecificationOf(kind, name, description, goods=True, characteristics=_GOODS)


SPECIFICATIONS: tuple[SpecificationOf, ...] = (
    SpecificationOf(
        ProductKind.PLAN,
        "套餐 (plan)",
        "A fixed plan: a monthly fee for included allowances.",
        goods=False,
        characteristics=(
            ("monthlyFee", "money", "the monthly fee in CNY"),
            *_PLAN_TERMS,
            *_ALLOWANCES,
        ),
    ),
    SpecificationOf(
        ProductKind.COMBO_PLAN,
        "组合套餐 (combination plan)",
        "A plan composed from tiers of packs; its fee is the sum of the chosen packs.",
        goods=False,
        characteristics=(
            *_PLAN_TERMS,
            ("tier", "string", "the packs it may be composed of (bundledProductOffering)"),
            ("requiredPackKind", "string", "the pack kinds a composition must hold"),
        ),
    ),
    SpecificationOf(
        ProductKind.PACK,
        "套餐包 (pack)",
        "A data, voice, SMS/MMS or value-added pack, monthly or for a term of cycles.",
        goods=False,
        characteristics=(
            ("packKind", "string", "data, voice, sms or value_added"),
            ("fee", "money", "the monthly fee in CNY (a term pack: paid once)"),
            ("termCycles", "integer", "a term pack's cycles (0: monthly)"),
            *_ALLOWANCES,
        ),
    ),
    _goods(ProductKind.PHONE, "手机 (phone)", "A phone, shipped."),
    _goods(ProductKind.DATA_CARD, "上网卡 (data card)", "A data card, shipped."),
    _goods(ProductKind.ACCESSORY, "配件 (accessory)", "An accessory, shipped."),
    _goods(
        ProductKind.RECHARGE_CARD, "充值卡 (recharge card)", "A recharge card at its face value."
    ),
    _goods(ProductKind.TOP_UP, "充值 (top-up)", "A fixed-denomination top-up at face value."),
    _goods(ProductKind.NUMBER, "号码 (number)", "A mobile number of the pool."),
)
"""The specifications, one per product kind, in the catalogue's order of kinds."""
