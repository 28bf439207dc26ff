"""The vocabulary every offer of the catalogue shares: channels, kinds, effective windows.

An offer is sold on some channels (the online hall, the mobile hall, a physical store, ...)
during an effective window (half-open, in Beijing time). Windows and channels are data of
the catalogue, so a carrier changes them without a release (docs/explanation/catalogue.md).
Re-exported by :mod:`unicom_core.domain.catalog.catalogs`.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar, cast

import attrs

from unicom_core.domain.catalog.codes import (
    CATALOG_CHANNELS,
    CATALOG_CODE,
    CATALOG_ENUM,
    CATALOG_NAME,
    CATALOG_WINDOW,
)
from unicom_core.domain.shared import to_shanghai

if TYPE_CHECKING:
    from attrs import Attribute

__all__ = [
    "Channel",
    "EffectiveWindow",
    "Names",
    "PackKind",
    "ProductKind",
    "check_code",
    "check_name",
    "check_sale_channels",
    "to_channels",
    "to_codes",
    "to_names",
    "to_pack_kinds",
    "to_product_kinds",
]

_E = TypeVar("_E", bound=enum.Enum)
_CODE = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
_NAME_MAX = 100
_LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}")


class Channel(enum.Enum):
    """Where an offer is sold (F-BUN-3): the online hall, the mobile hall, a store, ..."""

    ONLINE_HALL = "online_hall"
    MOBILE_HALL = "mobile_hall"
    PHYSICAL_STORE = "physical_store"
    HOTLINE = "hotline"
    SMS_HALL = "sms_hall"


class ProductKind(enum.Enum):
    """What the catalogue sells (F-SHOP-1, F-BUN-1)."""

    PLAN = "plan"
    COMBO_PLAN = "combo_plan"
    PACK = "pack"
    PHONE = "phone"
    DATA_CARD = "data_card"
    ACCESSORY = "accessory"
    RECHARGE_CARD = "recharge_card"
    TOP_UP = "top_up"
    NUMBER = "number"


class PackKind(enum.Enum):
    """The kinds of pack a combination plan is composed of (F-BUN-1); listed in bundle order."""

    DATA = "data"
    VOICE = "voice"
    SMS = "sms"
    VALUE_ADDED = "value_added"

    @property
    def order(self) -> int:
        """The position of the kind in a bundle: data first, value-added last."""
        return list(PackKind).index(self)


def check_code(_instance: object, attribute: Attribute[str], value: object) -> None:
    """Validate a catalogue code: 1-64 of ``a-z 0-9 . _ -``, starting alphanumeric."""
    if not isinstance(value, str) or not _CODE.fullmatch(value):
        raise CATALOG_CODE.error(
            f"{attribute.name} is 1-64 of a-z, 0-9, '.', '_', '-' starting with a letter or "
            f"digit, not {value!r}",
            field=attribute.name,
        )


def check_name(_instance: object, attribute: Attribute[str], value: object) -> None:
    """Validate a display name: 1-100 characters, not blank."""
    if not isinstance(value, str) or not value.strip() or len(value) > _NAME_MAX:
        raise CATALOG_NAME.error(
            f"{attribute.name} is 1-{_NAME_MAX} characters and not blank", field=attribute.name
        )


class Names(Mapping[str, str]):
    """An offering's names by catalogue language tag (``en``, ``zh-Hant``): read-only, hashable."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, str]) -> None:
        self._items = dict(items)

    def __getitem__(self, tag: str) -> str:
        return self._items[tag]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __repr__(self) -> str:
        return repr(self._items)


def to_names(values: object) -> Names:
    """Validate an offering's ``names`` (F-SHOP-1): language tag to name, each name as ``name``.

    A tag is a BCP 47 language tag (``en``, ``zh-Hant``); a name 1-100 characters and not
    blank; otherwise ``catalog.name`` with field ``names``.
    """
    if not isinstance(values, Mapping):
        raise CATALOG_NAME.error("names map a language tag to a name", field="names")
    for tag, name in values.items():
        if not isinstance(tag, str) or not _LANGUAGE_TAG.fullmatch(tag):
            raise CATALOG_NAME.error(
                f"names are keyed by a language tag such as 'en' or 'zh-Hant', not {tag!r}",
                field="names",
            )
        if not isinstance(name, str) or not name.strip() or len(name) > _NAME_MAX:
            raise CATALOG_NAME.error(
                f"the name of {tag!r} is 1-{_NAME_MAX} characters and not blank", field="names"
            )
    return values if isinstance(values, Names) else Names(values)


def _items(values: object) -> tuple[object, ...]:
    if isinstance(values, str | bytes | enum.Enum) or not isinstance(values, Iterable):
        return (values,)
    return tuple(values)


def members(cls: type[_E], values: object) -> tuple[_E, ...]:
    """``values`` as a tuple of ``cls`` members in declaration order, without duplicates."""
    items = _items(values)
    if not all(isinstance(item, cls) for item in items):
        raise CATALOG_ENUM.error(
            f"expected {cls.__name__} members, got {items!r}", field=cls.__name__
        )
    order = list(cls)
    return tuple(sorted({cast("_E", item) for item in items}, key=order.index))


def to_channels(values: Iterable[Channel]) -> tuple[Channel, ...]:
    """An attrs converter: channels as a sorted tuple without duplicates."""
    return members(Channel, values)


def to_product_kinds(values: Iterable[ProductKind]) -> tuple[ProductKind, ...]:
    """An attrs converter: product kinds as a sorted tuple without duplicates."""
    return members(ProductKind, values)


def to_pack_kinds(values: Iterable[PackKind]) -> tuple[PackKind, ...]:
    """An attrs converter: pack kinds in bundle order, without duplicates."""
    return members(PackKind, values)


def to_codes(values: Iterable[str]) -> tuple[str, ...]:
    """An attrs converter: catalogue codes as a sorted tuple without duplicates."""
    items = _items(values)
    if not all(isinstance(item, str) for item in items):
        raise CATALOG_CODE.error(f"codes are strings, not {items!r}", field="codes")
    return tuple(sorted({cast("str", item) for item in items}))


def check_sale_channels(
    _instance: object, attribute: Attribute[tuple[Channel, ...]], value: tuple[Channel, ...]
) -> None:
    """An offer is sold on at least one channel."""
    if not value:
        raise CATALOG_CHANNELS.error(field=attribute.name)


def _to_instant(value: object) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        raise CATALOG_WINDOW.error(
            f"a window bound is an aware datetime, not {value!r}", field="window"
        )
    return to_shanghai(value, field="window")


@attrs.frozen(slots=True)
class EffectiveWindow:
    """When an offer or a price rule applies: ``starts <= instant < ends`` (F-SHOP-4).

    Either bound may be open (``None``). Bounds are kept in Beijing time, where a price
    change "from 2016-01-12" starts at 00:00 (F-CAL-5).
    """

    starts: datetime | None = attrs.field(default=None, converter=_to_instant)
    ends: datetime | None = attrs.field(default=None, converter=_to_instant)

    def __attrs_post_init__(self) -> None:
        """A window ends after it starts."""
        if self.starts is not None and self.ends is not None and self.ends <= self.starts:
            raise CATALOG_WINDOW.error(
                f"a window ends after it starts: {self.starts.isoformat()} .. "
                f"{self.ends.isoformat()}",
                field="ends",
            )

    @classmethod
    def always(cls) -> EffectiveWindow:
        """The window open at both ends."""
        return cls()

    def contains(self, instant: datetime) -> bool:
        """Tell whether the aware ``instant`` lies in the window (start in, end out)."""
        at = to_shanghai(instant)
        return (self.starts is None or self.starts <= at) and (self.ends is None or at < self.ends)

    def __str__(self) -> str:
        starts = "…" if self.starts is None else self.starts.isoformat()
        ends = "…" if self.ends is None else self.ends.isoformat()
        return f"[{starts}, {ends})"
