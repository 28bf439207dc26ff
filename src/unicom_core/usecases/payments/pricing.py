"""The price of what a payment buys: the catalogue's, or a lower one a hook offers (F-SHOP-4).

The catalogue prices a product by its rules (:mod:`unicom_core.domain.catalog.pricing`:
rules do not stack, the lowest price wins). An area above payments may offer a price of its
own for one buyer through a :class:`PriceHook` registered at wiring (promotions: a
campaign's 10 % off top-ups in the mobile hall for its participants, F-PRO-3). Each hook runs
in the quote's transaction and answers a :class:`~unicom_core.domain.catalog.Quote` or None;
the same rule holds: the lowest price of the catalogue's and the hooks' wins (the first on a
tie), never a stack of discounts. The list price (the face value a top-up credits) stays.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.catalog import (
    CATALOG_NOT_INSTALLED,
    DEFAULT_CATALOG_ID,
    Channel,
    ProductKind,
    Quote,
)
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
    from unicom_core.ports.payments import PaymentUnitOfWork
    from unicom_core.usecases.payments.engine import PaymentEngine

__all__ = ["PriceAsk", "PriceHook", "PriceHooks", "catalog_quote"]

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


@attrs.frozen(slots=True)
class PriceAsk:
    """What a price hook is asked: who buys what, where, and the catalogue's quote."""

    buyer: str | None
    """The buying subscriber's id (None: not known, no hook offers a price)."""
    product_code: str
    kind: ProductKind
    channel: Channel
    catalog: Quote


PriceHook = Callable[["PaymentUnitOfWork", PriceAsk, datetime], Quote | None]
"""A price an area above payments offers one buyer (a campaign's discount), or None."""


class PriceHooks:
    """The price hooks registered at wiring; :meth:`best` is the lowest price of all."""

    def __init__(self) -> None:
        self._hooks: list[PriceHook] = []

    def register(self, hook: PriceHook) -> None:
        """Ask ``hook`` for a price on every quote from now on."""
        self._hooks.append(hook)

    def best(self, tx: PaymentUnitOfWork, ask: PriceAsk, now: datetime) -> Quote:
        """The lowest of the catalogue's quote and the hooks' (the catalogue's on a tie)."""
        best = ask.catalog
        if ask.buyer is None:
            return best
        for hook in self._hooks:
            offered = hook(tx, ask, now)
            if offered is not None and offered.price < best.price:
                best = offered
        return best


def catalog_quote(  # noqa: PLR0913, PLR0917 - a price is a function of these facts
    tx: PaymentUnitOfWork,
    code: str,
    kind: ProductKind,
    engine: PaymentEngine,
    now: datetime,
    channel: Channel | None = None,
    *,
    buyer: str | None = None,
) -> Quote:
    """The price now of ``code`` on ``channel`` (default: the settings' channel) for ``buyer``.

    The product must be of ``kind`` (F-SHOP-4: effective-dated rules, channel campaigns).
    The catalogue is the revision ``tx`` sees, structured once per revision (the cache of
    the engine's storage, shared with the catalogue use cases). With a ``buyer``, the
    engine's :class:`PriceHooks` may offer a lower price (module docstring, F-PRO-3).
    """
    catalog = catalog_cache(engine.storage).find(tx, DEFAULT_CATALOG_ID)
    if catalog is None:
        raise CATALOG_NOT_INSTALLED.error("no catalogue is installed (bootstrap does)")
    product = catalog.product(code)
    if getattr(product, "product_kind", None) is not kind:
        raise _NOT_OF_KIND[kind].error(f"{code} is not a {kind.value.replace('_', ' ')}")
    where = channel or engine.settings.channel
    listed = catalog.quote(code, where, now)
    return engine.price_hooks.best(tx, PriceAsk(buyer, code, kind, where, listed), now)
