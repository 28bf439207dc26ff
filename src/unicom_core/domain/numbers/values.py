"""The rows of the number pool (號碼池, F-NUM-1..3): a number, where it is sold, its state.

Why a row model and not an aggregate per number: a pool holds millions of numbers that
change one at a time and only in one way each (free -> reserved -> sold, or back to free);
loading them as versioned aggregates with a JSON body would cost a read-modify-write per
reservation and a body per row. A :class:`PoolNumber` is a plain frozen value the pool port
reads and writes in bulk, and every change is one conditional update in the adapter
(docs/explanation/number-pool.md).

A reservation is valid until its ``until`` instant: after it the number counts as free in
every query, whether or not a purge has run (:meth:`PoolNumber.available`).
"""

from __future__ import annotations

import enum
import re
from datetime import datetime
from typing import Final

import attrs

from unicom_core.domain.numbers.codes import NUMBER_ENTRY, NUMBER_FORMAT
from unicom_core.domain.shared import SEGMENT_RULES, classify

__all__ = [
    "MAX_PAGE",
    "NumberPage",
    "NumberStatus",
    "PoolNumber",
    "Reservation",
    "check_pool_number",
]

MAX_PAGE: Final = 100
"""The most numbers one search page shows."""
NUMBER_LENGTH: Final = 11
_NUMBER = re.compile(r"1[0-9]{10}")
_PLACE = re.compile(r"[^\x00-\x1f\x7f]{1,32}")
_CODE = re.compile(r"[A-Za-z0-9_-]{1,64}")


class NumberStatus(enum.Enum):
    """Where a number of the pool stands (F-NUM-3)."""

    FREE = "free"
    RESERVED = "reserved"
    """Held for one customer until the reservation's ``until`` (then free again)."""
    SOLD = "sold"
    HELD = "held"
    """Held back by the carrier: never shown, never reserved."""


def check_pool_number(value: object, field: str = "number") -> str:
    """Return ``value`` if it is an 11-digit number of a known segment, else ``number.format``."""
    if not isinstance(value, str) or not _NUMBER.fullmatch(value) or classify(value) is None:
        raise NUMBER_FORMAT.error(field=field)
    return value


_HEAD: Final = max(len(rule.prefix) for rule in SEGMENT_RULES)
"""How many leading digits decide a number's segment (:func:`classify` reads no more)."""
_KNOWN_HEADS: set[str] = set()
"""Leading digits of numbers that passed the check (10,000 at most)."""


def _number_of_row(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    """:func:`check_pool_number`, its common case first: ten million rows at a bulk load."""
    if (
        type(value) is str
        and len(value) == NUMBER_LENGTH
        and value.isascii()
        and value.isdigit()
        and value[0] == "1"
    ):
        head = value[:_HEAD]
        if head in _KNOWN_HEADS:
            return
        if classify(value) is not None:
            _KNOWN_HEADS.add(head)
            return
    check_pool_number(value, attribute.name)


def _number(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    check_pool_number(value, attribute.name)


_CHECKED_MAX: Final = 10_000
"""The most values each of the remembered checks below keeps."""
_CHECKED_PLACES: set[str] = set()
"""Places that passed the check (a pool of ten million has a few hundred cities)."""


def _place(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if type(value) is str and value in _CHECKED_PLACES:
        return
    if not isinstance(value, str) or not _PLACE.fullmatch(value) or value != value.strip():
        raise NUMBER_ENTRY.error(field=attribute.name)
    if type(value) is str and len(_CHECKED_PLACES) < _CHECKED_MAX:
        _CHECKED_PLACES.add(value)


def _code(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _CODE.fullmatch(value):
        raise NUMBER_ENTRY.error(field=attribute.name)


def _aware(_instance: object, attribute: attrs.Attribute[datetime], value: object) -> None:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise NUMBER_ENTRY.error(field=attribute.name)


@attrs.frozen(slots=True)
class Reservation:
    """A number held for ``holder`` (a customer id) from ``reserved_at`` until ``until``."""

    id: str = attrs.field(validator=_code)
    number: str = attrs.field(validator=_number)
    holder: str = attrs.field(validator=_code)
    reserved_at: datetime = attrs.field(validator=_aware)
    until: datetime = attrs.field(validator=_aware)

    def __attrs_post_init__(self) -> None:
        """A reservation ends after it starts."""
        if self.until <= self.reserved_at:
            raise NUMBER_ENTRY.error("a reservation ends after it starts", field="until")

    def valid_at(self, now: datetime) -> bool:
        """Whether the reservation still holds the number at ``now``."""
        return now < self.until


_CHECKED_CLASSES: set[tuple[str, ...]] = set()
"""Class lists that passed the check (a pattern table gives a few hundred at most)."""
_CHECKED_TIERS: set[str] = set()
"""Tier codes that passed the check."""


def _classes(values: object) -> tuple[str, ...]:
    if type(values) is tuple and all(type(v) is str for v in values) and values in _CHECKED_CLASSES:
        return values
    if not isinstance(values, tuple | list) or not all(isinstance(v, str) for v in values):
        raise NUMBER_ENTRY.error(field="classes")
    checked = tuple(values)
    if all(type(v) is str for v in checked) and len(_CHECKED_CLASSES) < _CHECKED_MAX:
        _CHECKED_CLASSES.add(checked)
    return checked


def _tier(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if type(value) is str and value in _CHECKED_TIERS:
        return
    _code(instance, attribute, value)
    if type(value) is str and len(_CHECKED_TIERS) < _CHECKED_MAX:
        _CHECKED_TIERS.add(value)


def _rank(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 9999:  # noqa: PLR2004
        raise NUMBER_ENTRY.error(field=attribute.name)


@attrs.frozen(slots=True, kw_only=True)
class PoolNumber:
    """One number of the pool: where it is sold, its pattern classes and tier, its state.

    ``classes`` and ``tier``/``tier_rank`` come from the pattern table when the number is
    loaded (:meth:`~unicom_core.domain.numbers.PatternTable.row`); ``reservation`` is set
    while (and after) the number is reserved, until it is released, sold or re-reserved.
    """

    number: str = attrs.field(validator=_number_of_row)
    province: str = attrs.field(validator=_place)
    city: str = attrs.field(validator=_place)
    classes: tuple[str, ...] = attrs.field(default=(), converter=_classes)
    tier: str = attrs.field(default="ordinary", validator=_tier)
    tier_rank: int = attrs.field(default=0, validator=_rank)
    status: NumberStatus = attrs.field(default=NumberStatus.FREE)
    reservation: Reservation | None = None

    @property
    def segment(self) -> str:
        """The 3-digit segment (號段), e.g. ``186``."""
        return self.number[:3]

    def status_at(self, now: datetime) -> NumberStatus:
        """The status at ``now``: a reservation past its ``until`` counts as free."""
        if self.status is NumberStatus.RESERVED and (
            self.reservation is None or not self.reservation.valid_at(now)
        ):
            return NumberStatus.FREE
        return self.status

    def available(self, now: datetime) -> bool:
        """Whether a customer may reserve the number at ``now`` (search shows only these)."""
        return self.status_at(now) is NumberStatus.FREE

    @property
    def sort_key(self) -> tuple[int, str]:
        """The order of search results: tier rank, then number."""
        return (self.tier_rank, self.number)


@attrs.frozen(slots=True)
class NumberPage:
    """One page of a search, in (tier rank, number) order; ``has_more`` if more follow.

    A search never counts every match (at ten million numbers a count costs more than the
    page): it says whether another page exists.
    """

    items: tuple[PoolNumber, ...]
    offset: int
    limit: int
    has_more: bool
