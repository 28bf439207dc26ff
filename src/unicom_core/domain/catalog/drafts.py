"""A catalogue draft: the next revision, edited by operators before it is published (F-SHOP-4).

A draft is a :class:`~unicom_core.domain.catalog.catalogs.Catalog` of its own, stored beside
the catalogue it will replace under the id ``<catalogue id>.draft`` (:func:`draft_id`), with
the revision it will be published as: one more than the effective revision it was started
from. It is *pending* while its revision is newer than the effective one
(:func:`is_pending`); once published (or discarded, or overtaken by a newer revision) it is
not, and the next change starts a new draft from the effective catalogue. Nothing prices,
bills or sells from a draft: every use case reads the effective catalogue by its own id.

:func:`with_product` is the one edit: a product added, or replacing the product of its code
(which keeps its kind: ``catalog.draft_kind``), the result checked as every catalogue is
(duplicate codes, tiers, price rules).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.catalog.catalogs import Catalog, CatalogId
from unicom_core.domain.catalog.codes import CATALOG_DRAFT_KIND, CATALOG_DUPLICATE_CODE
from unicom_core.domain.catalog.products import ComboPlan, Goods, Pack, Plan

if TYPE_CHECKING:
    from unicom_core.domain.catalog.products import Product

__all__ = ["draft_id", "is_pending", "with_product"]

_SECTION_OF: dict[type, str] = {Plan: "plans", ComboPlan: "combos", Pack: "packs", Goods: "goods"}


def draft_id(catalog_id: CatalogId) -> CatalogId:
    """The store's id of the draft of the catalogue ``catalog_id``: ``default.draft``."""
    return CatalogId(f"{catalog_id}.draft")


def is_pending(draft: Catalog | None, effective: Catalog) -> bool:
    """Whether ``draft`` is a pending draft of ``effective``: newer than it, not yet published."""
    return draft is not None and draft.revision > effective.revision


def with_product(base: Catalog, product: Product, *, revision: int, new: bool = False) -> Catalog:
    """``base``'s contents with ``product`` added, or replacing the product of its code.

    The result has ``base``'s id and the given ``revision``, and is checked as every
    catalogue is (``catalog.duplicate_code``, ``catalog.unknown_tier``, ...).

    Raises:
        InvalidInput: ``catalog.draft_kind`` when ``product`` would change the kind
            (plan, combination plan, pack, goods) of the product of its code;
            ``catalog.duplicate_code`` when ``new`` and its code is taken.
    """
    section = _SECTION_OF[type(product)]
    current = next((p for p in base.products() if p.code == product.code), None)
    if new and current is not None:
        raise CATALOG_DUPLICATE_CODE.error(
            f"product code {product.code!r} is taken", field="code", path="$.code"
        )
    if current is not None and type(current) is not type(product):
        raise CATALOG_DRAFT_KIND.error(product_code=product.code)
    sections = {name: getattr(base, name) for name in _SECTION_OF.values()}
    items = sections[section]
    sections[section] = (
        (*items, product)
        if current is None
        else tuple(product if item.code == product.code else item for item in items)
    )
    return Catalog(base.id, revision, price_rules=base.price_rules, **sections)
