"""The points catalogue (積分兌換目錄, F-QRY-4): what points buy, as data.

Each :class:`PointsItem` costs ``points`` and gives exactly one thing: a pack of the product
catalogue (``pack_code``) held free for the rest of the current billing cycle, or a top-up
voucher (``voucher``, a :class:`~unicom_core.domain.shared.Money` amount credited to the
number's account). :func:`points_catalogue_from_toml` reads a catalogue written in TOML (the
default ships with the library, ``unicom_core/usecases/handling/points.toml``); every problem
is ``points.catalogue`` naming the ``field``.
"""

from __future__ import annotations

import re
import tomllib
from typing import Final, cast

import attrs

from unicom_core.domain.handling.codes import POINTS_CATALOGUE, POINTS_UNKNOWN_ITEM
from unicom_core.domain.handling.points import MAX_POINTS
from unicom_core.domain.shared import Money
from unicom_core.errors import InvalidInput

__all__ = ["PointsCatalogue", "PointsItem", "points_catalogue_from_toml"]

_CODE = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
_NAME_MAX: Final = 60
_ITEMS_MAX: Final = 100


def _code(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _CODE.fullmatch(value):
        raise POINTS_CATALOGUE.error(field=attribute.name)


def _optional_code(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value is not None:
        _code(_instance, attribute, value)


def _name(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > _NAME_MAX:
        raise POINTS_CATALOGUE.error(field=attribute.name)


def _cost(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_POINTS:
        raise POINTS_CATALOGUE.error(field=attribute.name)


def _voucher(_instance: object, attribute: attrs.Attribute[Money], value: object) -> None:
    if value is not None and (not isinstance(value, Money) or not value.is_positive):
        raise POINTS_CATALOGUE.error(field=attribute.name)


@attrs.frozen(slots=True, kw_only=True)
class PointsItem:
    """One item of the points catalogue: its code, name, cost and what it gives."""

    code: str = attrs.field(validator=_code)
    name: str = attrs.field(validator=_name)
    points: int = attrs.field(validator=_cost)
    pack_code: str | None = attrs.field(default=None, validator=_optional_code)
    """A pack of the product catalogue, held free until the end of the current cycle."""
    voucher: Money | None = attrs.field(default=None, validator=_voucher)
    """A top-up voucher credited to the account."""

    def __attrs_post_init__(self) -> None:
        """An item gives exactly one thing."""
        if (self.pack_code is None) == (self.voucher is None):
            raise POINTS_CATALOGUE.error(
                "an item gives either a pack_code or a voucher", field="pack_code"
            )


def _items(values: object) -> tuple[PointsItem, ...]:
    if not isinstance(values, tuple | list) or not all(isinstance(v, PointsItem) for v in values):
        raise POINTS_CATALOGUE.error(field="items")
    items = tuple(values)
    if len(items) > _ITEMS_MAX or len({item.code for item in items}) != len(items):
        raise POINTS_CATALOGUE.error("item codes are unique (at most 100 items)", field="items")
    return items


@attrs.frozen(slots=True)
class PointsCatalogue:
    """The items points buy, in the order they are shown."""

    items: tuple[PointsItem, ...] = attrs.field(converter=_items)

    def item(self, code: str) -> PointsItem:
        """The item ``code`` (``points.unknown_item`` if the catalogue has none)."""
        for item in self.items:
            if item.code == code:
                return item
        raise POINTS_UNKNOWN_ITEM.error(code=str(code)[:40])


def _item_of(index: int, table: object) -> PointsItem:
    if not isinstance(table, dict):
        raise POINTS_CATALOGUE.error(field=f"items[{index}]")
    unknown = set(table) - {"code", "name", "points", "pack_code", "voucher"}
    if unknown:
        raise POINTS_CATALOGUE.error(f"unknown field {min(unknown)!r}", field=f"items[{index}]")
    voucher = table.get("voucher")
    if voucher is not None and not isinstance(voucher, str):
        raise POINTS_CATALOGUE.error('write a voucher as "10元"', field="voucher")
    try:
        amount = None if voucher is None else Money.parse(voucher)
        return PointsItem(
            code=cast("str", table.get("code")),  # the validators check each field
            name=cast("str", table.get("name")),
            points=cast("int", table.get("points")),
            pack_code=table.get("pack_code"),
            voucher=amount,
        )
    except InvalidInput as error:
        field = error.data.get("field", "voucher")
        raise POINTS_CATALOGUE.error(f"items[{index}]: {error.message}", field=str(field)) from None


def points_catalogue_from_toml(text: str) -> PointsCatalogue:
    """Read a points catalogue written in TOML.

    The file holds ``[[items]]`` tables of ``code``, ``name``, ``points`` and either
    ``pack_code`` or ``voucher`` (an amount such as ``"10元"``).

    Raises:
        InvalidInput: ``points.catalogue`` naming the ``field``.
    """
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise POINTS_CATALOGUE.error(f"not valid TOML: {error}", field="$") from None
    items = document.get("items")
    if set(document) != {"items"} or not isinstance(items, list):
        raise POINTS_CATALOGUE.error("the file holds [[items]] only", field="items")
    return PointsCatalogue(tuple(_item_of(index, table) for index, table in enumerate(items)))
