"""What an operator's TMF620 write says: a new offering, a patched one, a new price (F-SHOP-4).

The bodies are the spec's ``ProductOffering_Create``, ``ProductOffering_Update`` and
``ProductOfferingPrice_Update`` (JSON, or ``application/merge-patch+json`` for a ``PATCH``:
an attribute given replaces, ``null`` clears an optional one, an absent one is kept). They
are read strictly, before anything is written, into a product of the catalogue
(:mod:`unicom_core.domain.catalog`) that the draft then takes:

* a **create** makes goods (the kinds of :data:`~unicom_web.areas.tmf620_bodies.
  SPECIFICATIONS` that are goods: phone, data card, accessory, recharge card, top-up,
  number): ``name`` and ``productSpecification.id`` (the kind) are required, and
  ``productOfferingPrice`` is one ``ProductOfferingPriceRef`` whose price the new offering
  takes (change it after with ``PATCH productOfferingPrice/{id}``); ``channel`` (default:
  the hall's), ``validFor`` and ``description`` are optional. The id (product code) is the
  hall's: ``{kind}-{n}``. Plans, packs and combination plans are catalogue data (TOML);
* a **patch** of an offering changes ``name``, ``channel``, ``validFor``, ``description``
  (goods only) and ``productOfferingPrice`` (one ref: take that price; not for a
  combination plan, whose price is the sum of its packs);
* a **patch** of a price changes ``price`` (``{"unit": "CNY", "value": 12.5}``: at most two
  decimals, not negative) of the plan's monthly fee, the pack's fee (a term pack's price
  paid once) or the goods' price.

What the hall keeps (``id``, ``href``, ``lastUpdate``, ``version``, ``lifecycleStatus``,
``isBundle``/``isSellable`` and ``productSpecification`` of an existing offering, the
``priceType`` and period of a price) is 422 ``offering.read_only``; an attribute this hall
does not keep, or of the wrong type, 422 ``offering.invalid``; a bad amount 422
``offering.price``.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from unicom_core.domain.catalog import (
    Channel,
    EffectiveWindow,
    Goods,
    Pack,
    Plan,
    ProductKind,
)
from unicom_core.domain.shared import MAX_FEN, Money
from unicom_web.areas.tmf620_bodies import SPECIFICATIONS
from unicom_web.areas.tmf620_views import code_of_price
from unicom_web.codes import OFFERING_INVALID, OFFERING_PRICE, OFFERING_READ_ONLY

if TYPE_CHECKING:
    from collections.abc import Mapping

    from unicom_core.domain.catalog import Catalog, Product
    from unicom_web.areas.tmf620_views import CatalogView

__all__ = ["created_goods", "patched_offering", "patched_price", "priced"]

_META = frozenset({"@baseType", "@schemaLocation"})
_KEPT = frozenset({"id", "href", "lastUpdate", "version", "lifecycleStatus"})
_OFFERING_KEPT = _KEPT | {"isBundle", "isSellable", "productSpecification"}
_PRICE_KEPT = _KEPT | {"priceType", "recurringChargePeriodType", "recurringChargePeriodLength"}
_GOODS_KINDS = {spec.kind.value: spec.kind for spec in SPECIFICATIONS if spec.goods}
_CENTS = Decimal("0.01")


def _check_keys(
    body: Mapping[str, Any], writable: frozenset[str], kept: frozenset[str], body_type: str
) -> None:
    for key in body:
        if key in kept:
            raise OFFERING_READ_ONLY.error(field=key)
        if key not in writable and key not in _META and key != "@type":
            raise OFFERING_INVALID.error(f"this hall does not keep {key}", field=key)
    if body.get("@type", body_type) != body_type:
        raise OFFERING_INVALID.error(f"@type is {body_type}", field="@type")


def _text(body: Mapping[str, Any], field: str) -> str:
    value = body.get(field)
    if not isinstance(value, str):
        raise OFFERING_INVALID.error(f"{field} is a string", field=field)
    return value


def _ref_id(value: object, field: str) -> str:
    if not isinstance(value, dict) or not isinstance(value.get("id"), str):
        raise OFFERING_INVALID.error(f"{field} is a reference with an id", field=f"{field}.id")
    return str(value["id"])


def _channels(value: object) -> tuple[Channel, ...]:
    if not isinstance(value, list) or not value:
        raise OFFERING_INVALID.error("channel is a list of channel references", field="channel")
    known = {channel.value: channel for channel in Channel}
    channels = []
    for index, item in enumerate(value):
        channel = known.get(_ref_id(item, f"channel[{index}]"))
        if channel is None:
            raise OFFERING_INVALID.error(
                f"a channel is one of {', '.join(known)}", field=f"channel[{index}].id"
            )
        channels.append(channel)
    return tuple(channels)


def _instant(value: object, field: str) -> datetime | None:
    if value is None:
        return None
    try:
        instant = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        instant = None
    if instant is None or instant.utcoffset() is None:
        raise OFFERING_INVALID.error(f"{field} is a date-time with its offset", field=field)
    return instant


def _window(value: object, current: EffectiveWindow) -> EffectiveWindow:
    """The ``validFor`` merged into the current window (``null`` opens a bound)."""
    if value is None:
        return EffectiveWindow()
    if not isinstance(value, dict) or set(value) - {"startDateTime", "endDateTime"}:
        raise OFFERING_INVALID.error("validFor is a TimePeriod", field="validFor")
    starts = current.starts
    ends = current.ends
    if "startDateTime" in value:
        starts = _instant(value["startDateTime"], "validFor.startDateTime")
    if "endDateTime" in value:
        ends = _instant(value["endDateTime"], "validFor.endDateTime")
    return EffectiveWindow(starts, ends)


def _money(value: object, field: str) -> Money:
    """A TMF ``Money`` in CNY: a JSON number of yuan, at most two decimals, not negative."""
    if not isinstance(value, dict) or set(value) - {"unit", "value"}:
        raise OFFERING_PRICE.error(f"{field} is a Money: unit and value", field=field)
    if value.get("unit", "CNY") != "CNY":
        raise OFFERING_PRICE.error(f"{field}.unit is CNY", field=f"{field}.unit")
    amount = value.get("value")
    if isinstance(amount, bool) or not isinstance(amount, int | Decimal):
        raise OFFERING_PRICE.error(f"{field}.value is a number", field=f"{field}.value")
    yuan = Decimal(amount)
    if not yuan.is_finite() or yuan < 0 or yuan.quantize(_CENTS) != yuan:
        raise OFFERING_PRICE.error(
            f"{field}.value is a number of yuan, not negative, with at most two decimals",
            field=f"{field}.value",
        )
    fen = int(yuan * 100)
    if fen > MAX_FEN:
        raise OFFERING_PRICE.error(f"{field}.value is too large", field=f"{field}.value")
    return Money(fen)


def _referenced_price(value: object, view: CatalogView) -> Money:
    """The list price of the one offering price ``value`` refers to."""
    if not isinstance(value, list) or len(value) != 1:
        raise OFFERING_INVALID.error(
            "productOfferingPrice is one ProductOfferingPriceRef", field="productOfferingPrice"
        )
    pop_id = _ref_id(value[0], "productOfferingPrice[0]")
    code = code_of_price(pop_id)
    product = next((p for p in view.catalog.products() if p.code == code), None)
    price = None if product is None else view.catalog.list_price(product, view.at)
    if price is None:
        raise OFFERING_INVALID.error(
            f"no product offering price {pop_id!r}", field="productOfferingPrice[0].id"
        )
    return price


def _new_code(catalog: Catalog, kind: ProductKind) -> str:
    taken = {product.code for product in catalog.products()}
    stem = kind.value.replace("_", "-")
    number = 1
    while f"{stem}-{number}" in taken:
        number += 1
    return f"{stem}-{number}"


def created_goods(body: Mapping[str, Any], view: CatalogView) -> Goods:
    """The goods a ``ProductOffering_Create`` describes, with a new code of the draft."""
    writable = frozenset(
        {"name", "description", "productSpecification", "productOfferingPrice", "channel"}
        | {"validFor", "isBundle", "isSellable"}
    )
    _check_keys(body, writable, _KEPT, "ProductOffering")
    kind = _GOODS_KINDS.get(_ref_id(body.get("productSpecification"), "productSpecification"))
    if kind is None:
        raise OFFERING_INVALID.error(
            f"an offering created here is goods: {', '.join(_GOODS_KINDS)}",
            field="productSpecification.id",
        )
    if body.get("isBundle", False) is not False or body.get("isSellable", True) is not True:
        raise OFFERING_INVALID.error("goods are sellable and not a bundle", field="isBundle")
    description = body.get("description")
    return Goods(
        _new_code(view.catalog, kind),
        _text(body, "name"),
        kind,
        _referenced_price(body.get("productOfferingPrice"), view),
        _channels(body["channel"]) if "channel" in body else (view.channel,),
        _window(body["validFor"], EffectiveWindow()) if "validFor" in body else EffectiveWindow(),
        "" if description is None else _text(body, "description"),
    )


def priced(product: Product, price: Money, field: str) -> Product:
    """``product`` at ``price``: a plan's monthly fee, a pack's fee, the goods' price."""
    if isinstance(product, Plan):
        return attrs.evolve(product, monthly_fee=price)
    if isinstance(product, Pack):
        if product.is_term:
            return attrs.evolve(product, term_fee=price)
        return attrs.evolve(product, fee=price)
    if isinstance(product, Goods):
        return attrs.evolve(product, price=price)
    raise OFFERING_PRICE.error(
        f"{product.name}: a combination plan costs the sum of its packs", field=field
    )


def patched_offering(product: Product, body: Mapping[str, Any], view: CatalogView) -> Product:
    """``product`` with a ``ProductOffering_Update`` (merge patch) applied."""
    writable = frozenset({"name", "description", "channel", "validFor", "productOfferingPrice"})
    _check_keys(body, writable, _OFFERING_KEPT, "ProductOffering")
    changes: dict[str, Any] = {}
    if "name" in body:
        changes["name"] = _text(body, "name")
    if "description" in body:
        if not isinstance(product, Goods):
            raise OFFERING_INVALID.error(
                "only goods have a description of their own", field="description"
            )
        description = body["description"]
        changes["description"] = "" if description is None else _text(body, "description")
    if "channel" in body:
        changes["channels"] = _channels(body["channel"])
    if "validFor" in body:
        changes["window"] = _window(body["validFor"], product.window)
    changed = attrs.evolve(product, **changes)
    if "productOfferingPrice" in body:
        price = _referenced_price(body["productOfferingPrice"], view)
        changed = priced(changed, price, "productOfferingPrice")
    return changed


def patched_price(product: Product, body: Mapping[str, Any]) -> Product:
    """``product`` with a ``ProductOfferingPrice_Update`` (its ``price``) applied."""
    _check_keys(body, frozenset({"price"}), _PRICE_KEPT, "ProductOfferingPrice")
    if "price" not in body:
        return product
    return priced(product, _money(body["price"], "price"), "price")
