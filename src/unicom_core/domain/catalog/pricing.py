"""Effective-dated price rules and the quotes they produce (F-SHOP-4, F-PRO-3).

A price is not a number stored on a product but a rule over time: the catalogue holds a list
price (the face value of a recharge card) and :class:`PriceRule` values that, within their
window, on their channels, for the products they select, set the price to a rate of the list
price or to a fixed campaign price. The published example: recharge cards and
fixed-denomination top-ups sold at 98.5 % of face value until 2016-01-11, and at face value
from 2016-01-12 00:00 Beijing time. The same mechanism carries a channel discount (10 % off
top-ups in the mobile hall) or a campaign price.

How rules combine (documented once, used everywhere): rules do not stack. Of the rules that
apply to a product, a channel and an instant, the one giving the **lowest** price wins (the
first in catalogue order on a tie); with none, the price is the list price. A rate is applied
with :meth:`Money.apply <unicom_core.domain.shared.money.Money.apply>` (rounded to the fen, halves
away from zero).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, cast

import attrs

from unicom_core.domain.catalog.codes import CATALOG_PRICE_RULE, CATALOG_WINDOW
from unicom_core.domain.catalog.offers import (
    Channel,
    EffectiveWindow,
    ProductKind,
    check_code,
    check_name,
    to_channels,
    to_codes,
    to_product_kinds,
)
from unicom_core.domain.shared import Money, Rate, instance_of, to_shanghai

if TYPE_CHECKING:
    from collections.abc import Iterable

    from attrs import Attribute

__all__ = ["PriceRule", "Quote", "quote"]


def _check_codes(
    _instance: object, attribute: Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    for code in value:
        check_code(None, cast("Attribute[str]", attribute), code)


def _check_rate(_instance: object, attribute: Attribute[Rate | None], value: object) -> None:
    if value is not None and not isinstance(value, Rate):
        raise CATALOG_PRICE_RULE.error(field=attribute.name)


def _check_fixed(_instance: object, attribute: Attribute[Money | None], value: object) -> None:
    if value is not None and (not isinstance(value, Money) or value.is_negative):
        raise CATALOG_PRICE_RULE.error(
            "fixed_price is an amount of Money >= 0", field=attribute.name
        )


@attrs.frozen(slots=True)
class PriceRule:
    """A price over time: within ``window``, for the selected products on ``channels`` (F-SHOP-4).

    Products are selected by ``product_kinds`` and/or ``product_codes`` (a product matches if
    it is of a listed kind or has a listed code; at least one selector is required); empty
    ``channels`` means every channel the product is sold on. Exactly one of ``rate`` (a share
    of the list price: ``Rate.percent("98.5")``) and ``fixed_price`` (a campaign price) is set.
    """

    code: str = attrs.field(validator=check_code)
    description: str = attrs.field(validator=check_name)
    window: EffectiveWindow = attrs.field(
        factory=EffectiveWindow, validator=instance_of(EffectiveWindow, CATALOG_WINDOW)
    )
    product_kinds: tuple[ProductKind, ...] = attrs.field(default=(), converter=to_product_kinds)
    product_codes: tuple[str, ...] = attrs.field(
        default=(), converter=to_codes, validator=_check_codes
    )
    channels: tuple[Channel, ...] = attrs.field(default=(), converter=to_channels)
    rate: Rate | None = attrs.field(default=None, validator=_check_rate)
    fixed_price: Money | None = attrs.field(default=None, validator=_check_fixed)

    def __attrs_post_init__(self) -> None:
        """A rule selects some products and sets exactly one kind of price."""
        if not self.product_kinds and not self.product_codes:
            raise CATALOG_PRICE_RULE.error(
                f"price rule {self.code!r} selects no product: give product_kinds or product_codes",
                field="product_kinds",
            )
        if (self.rate is None) == (self.fixed_price is None):
            raise CATALOG_PRICE_RULE.error(
                f"price rule {self.code!r} sets exactly one of rate and fixed_price", field="rate"
            )

    def selects(self, product_code: str, product_kind: ProductKind) -> bool:
        """Tell whether the rule is about this product (by kind or by code)."""
        return product_kind in self.product_kinds or product_code in self.product_codes

    def applies(
        self, product_code: str, product_kind: ProductKind, channel: Channel, at: datetime
    ) -> bool:
        """Tell whether the rule prices this product on ``channel`` at the instant ``at``."""
        return (
            self.selects(product_code, product_kind)
            and (not self.channels or channel in self.channels)
            and self.window.contains(at)
        )

    def price(self, list_price: Money) -> Money:
        """The price this rule sets for a product listed at ``list_price``."""
        if self.rate is not None:
            return list_price.apply(self.rate)
        return list_price if self.fixed_price is None else self.fixed_price


@attrs.frozen(slots=True)
class Quote:
    """The price of a product on a channel at an instant, and the rule that set it (F-SHOP-4)."""

    product_code: str
    channel: Channel
    at: datetime
    list_price: Money
    price: Money
    rule_code: str | None = None

    @property
    def discount(self) -> Money:
        """How much below the list price the price is (negative for a surcharge)."""
        return self.list_price - self.price

    def __str__(self) -> str:
        by = f" by {self.rule_code}" if self.rule_code else ""
        return f"{self.product_code} on {self.channel.value}: {self.price}{by}"


def quote(  # noqa: PLR0913, PLR0917 - a price is a function of exactly these six facts
    product_code: str,
    product_kind: ProductKind,
    list_price: Money,
    channel: Channel,
    at: datetime,
    rules: Iterable[PriceRule],
) -> Quote:
    """Price a product: the lowest price of the rules that apply, else the list price (F-SHOP-4)."""
    instant = to_shanghai(at, field="at")
    best: tuple[Money, str] | None = None
    for rule in rules:
        if rule.applies(product_code, product_kind, channel, instant):
            price = rule.price(list_price)
            if best is None or price < best[0]:
                best = (price, rule.code)
    if best is None:
        return Quote(product_code, channel, instant, list_price, list_price)
    return Quote(product_code, channel, instant, list_price, best[0], best[1])
