"""The catalogue's price of what a payment buys (F-SHOP-4)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.catalog import CATALOG_NOT_INSTALLED, DEFAULT_CATALOG_ID, ProductKind
from unicom_core.domain.payments import (
    PAYMENT_NOT_ACCESSORY_PRODUCT,
    PAYMENT_NOT_COMBO_PLAN_PRODUCT,
    PAYMENT_NOT_DATA_CARD_PRODUCT,
    PAYMENT_NOT_NUMBER_PRODUCT,
    PAYMENT_NOT_PACK_PRODUCT,
    PAYMENT_NOT_PHONE_PRODUCT,
    PAYMENT_NOT_PLAN_PRODUCT,
    PAYMENT_NOT_RECHARGE_CARD_PRODUCT,
    PAYMENT_NOT_TOP_UP_PRODUCT,
)
from unicom_core.usecases.catalog import catalog_cache

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.catalog import Channel, Quote
    from unicom_core.ports.payments import PaymentUnitOfWork
    from unicom_core.usecases.payments.engine import PaymentEngine

__all__ = ["catalog_quote"]

_NOT_OF_KIND = {
    ProductKind.PLAN: PAYMENT_NOT_PLAN_PRODUCT,
    ProductKind.COMBO_PLAN: PAYMENT_NOT_COMBO_PLAN_PRODUCT,
    ProductKind.PACK: PAYMENT_NOT_PACK_PRODUCT,
    ProductKind.PHONE: PAYMENT_NOT_PHONE_PRODUCT,
    ProductKind.DATA_CARD: PAYMENT_NOT_DATA_CARD_PRODUCT,
    ProductKind.ACCESSORY: PAYMENT_NOT_ACCESSORY_PRODUCT,
    ProductKind.RECHARGE_CARD: PAYMENT_NOT_RECHARGE_CARD_PRODUCT,
    ProductKind.TOP_UP: PAYMENT_NOT_TOP_UP_PRODUCT,
    ProductKind.NUMBER: PAYMENT_NOT_NUMBER_PRODUCT,
}
"""The code of a product that is not of the kind asked for (F-SHOP-4)."""


def catalog_quote(  # noqa: PLR0913, PLR0917 - a price is a function of these facts
    tx: PaymentUnitOfWork,
    code: str,
    kind: ProductKind,
    engine: PaymentEngine,
    now: datetime,
    channel: Channel | None = None,
) -> Quote:
    """The catalogue's price now of ``code`` on ``channel`` (default: the settings' channel).

    The product must be of ``kind`` (F-SHOP-4: effective-dated rules, channel campaigns).
    The catalogue is the revision ``tx`` sees, structured once per revision (the cache of
    the engine's storage, shared with the catalogue use cases).
    """
    catalog = catalog_cache(engine.storage).find(tx, DEFAULT_CATALOG_ID)
    if catalog is None:
        raise CATALOG_NOT_INSTALLED.error("no catalogue is installed (bootstrap does)")
    product = catalog.product(code)
    if getattr(product, "product_kind", None) is not kind:
        raise _NOT_OF_KIND[kind].error(f"{code} is not a {kind.value.replace('_', ' ')}")
    return catalog.quote(code, channel or engine.settings.channel, now)
