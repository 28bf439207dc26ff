"""The catalogue area's use cases: install, publish, draft, browse, compose and price bundles.

F-BUN-1..4 and F-SHOP-4.
"""

from __future__ import annotations

from unicom_core.usecases.catalog.cache import CatalogCache, catalog_cache
from unicom_core.usecases.catalog.drafts import AuditHook, CatalogDrafts
from unicom_core.usecases.catalog.service import (
    CatalogService,
    OfferingNames,
    PlanDetails,
    PricedBundle,
    TierGroup,
    offering_names,
    plan_details,
)

__all__ = [
    "AuditHook",
    "CatalogCache",
    "CatalogDrafts",
    "CatalogService",
    "OfferingNames",
    "PlanDetails",
    "PricedBundle",
    "TierGroup",
    "catalog_cache",
    "offering_names",
    "plan_details",
]
