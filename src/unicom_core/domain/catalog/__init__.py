"""The catalogue area: offers, products, prices and composable 4G bundles.

Effective-dated prices (F-SHOP-4), the 4G combination plan and its changes (F-BUN-1..4).
"""

from __future__ import annotations

from unicom_core.domain.catalog import codes
from unicom_core.domain.catalog.bundle_changes import (
    BundleChangePlan,
    PackChange,
    Proration,
    classify_change,
    daily_charges,
    plan_change,
    prorate,
)
from unicom_core.domain.catalog.bundles import (
    Bundle,
    BundleComparison,
    ComparedBundle,
    compare,
    compose,
)
from unicom_core.domain.catalog.catalogs import (
    DEFAULT_CATALOG_ID,
    Catalog,
    CatalogId,
    CatalogPublished,
    Offer,
)
from unicom_core.domain.catalog.change_policy import (
    ChangeKind,
    ChangePolicy,
    ChangeRule,
    ChangeTiming,
    to_rules,
)
from unicom_core.domain.catalog.codes import *  # noqa: F403 - the area's error codes, declared once there
from unicom_core.domain.catalog.drafts import draft_id, is_pending, with_product
from unicom_core.domain.catalog.offers import (
    Channel,
    EffectiveWindow,
    Names,
    PackKind,
    ProductKind,
    check_code,
    check_name,
    check_sale_channels,
    to_channels,
    to_codes,
    to_names,
    to_pack_kinds,
    to_product_kinds,
)
from unicom_core.domain.catalog.pricing import (
    PriceRule,
    Quote,
    quote,
)
from unicom_core.domain.catalog.products import (
    GOODS_KINDS,
    Allowances,
    ComboPlan,
    Goods,
    OverageRates,
    Pack,
    Plan,
    Product,
)

__all__ = [
    "DEFAULT_CATALOG_ID",
    "GOODS_KINDS",
    "Allowances",
    "Bundle",
    "BundleChangePlan",
    "BundleComparison",
    "Catalog",
    "CatalogId",
    "CatalogPublished",
    "ChangeKind",
    "ChangePolicy",
    "ChangeRule",
    "ChangeTiming",
    "Channel",
    "ComboPlan",
    "ComparedBundle",
    "EffectiveWindow",
    "Goods",
    "Names",
    "Offer",
    "OverageRates",
    "Pack",
    "PackChange",
    "PackKind",
    "Plan",
    "PriceRule",
    "Product",
    "ProductKind",
    "Proration",
    "Quote",
    "check_code",
    "check_name",
    "check_sale_channels",
    "classify_change",
    "compare",
    "compose",
    "daily_charges",
    "draft_id",
    "is_pending",
    "plan_change",
    "prorate",
    "quote",
    "to_channels",
    "to_codes",
    "to_names",
    "to_pack_kinds",
    "to_product_kinds",
    "to_rules",
    "with_product",
]
__all__ += codes.__all__
