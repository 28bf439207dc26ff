"""The search of the pool (號碼隨心搜, F-NUM-1): masks and filters, as a pure predicate.

A :class:`Mask` is written over the 11 digits: a digit must be there, ``?`` is any one
digit, ``*`` any run of digits (also none): ``186****8888`` is 186, four digits, 8888;
``*520*`` contains 520; ``*1314`` ends with 1314. A mask without ``*`` has exactly 11
positions. A :class:`NumberQuery` combines a mask with the other filters (contains, ends
with, starts with, without some digits, segments, province, city, tiers, one pattern
class); :meth:`NumberQuery.matches` is the definition every adapter's search must agree
with, and results are ordered by tier rank, then number.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

import attrs

from unicom_core.domain.numbers.codes import NUMBER_MASK, NUMBER_QUERY
from unicom_core.domain.numbers.values import MAX_PAGE, NUMBER_LENGTH, PoolNumber

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["Mask", "NumberQuery"]

_MASK = re.compile(r"[0-9?*]{1,32}")
_DIGITS = re.compile(r"[0-9]{1,11}")
_SEGMENT = re.compile(r"1[0-9]{2}")
_CODE = re.compile(r"[A-Za-z0-9_-]{1,64}")
_PLACE = re.compile(r"[^\x00-\x1f\x7f]{1,32}")
_MAX_CHOICES: Final = 50
_MAX_OFFSET: Final = 10_000


def _collapsed(value: object) -> object:
    return re.sub(r"\*+", "*", value) if isinstance(value, str) else value


def _check_mask(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not _MASK.fullmatch(value):
        raise NUMBER_MASK.error(field="mask")
    positions = len(value.replace("*", ""))
    if positions > NUMBER_LENGTH or ("*" not in value and positions != NUMBER_LENGTH):
        raise NUMBER_MASK.error(field="mask")
    if value == "*":
        raise NUMBER_MASK.error("a mask of only * filters nothing; leave it out", field="mask")


@attrs.frozen(slots=True)
class Mask:
    """A digit mask over the 11 digits (module docstring); runs of ``*`` count as one."""

    text: str = attrs.field(converter=_collapsed)
    _pattern: re.Pattern[str] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        """Check the text and compile it."""
        _check_mask(self, attrs.fields(Mask).text, self.text)
        body = "".join({"?": "[0-9]", "*": "[0-9]*"}.get(char, char) for char in self.text)
        object.__setattr__(self, "_pattern", re.compile(body))

    def matches(self, number: str) -> bool:
        """Whether the 11-digit ``number`` fits the mask."""
        return self._pattern.fullmatch(number) is not None

    @property
    def prefix(self) -> str:
        """The digits fixed at the start (before the first ``?`` or ``*``)."""
        return re.match(r"[0-9]*", self.text).group()  # type: ignore[union-attr]

    @property
    def suffix(self) -> str:
        """The digits fixed at the end (after the last ``?`` or ``*``)."""
        return re.search(r"[0-9]*$", self.text).group()  # type: ignore[union-attr]

    @property
    def like(self) -> str:
        """The mask as a SQL ``LIKE`` pattern (``?`` is ``_``, ``*`` is ``%``)."""
        return self.text.replace("?", "_").replace("*", "%")


def _digits(_instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not _DIGITS.fullmatch(value)):
        raise NUMBER_QUERY.error(field=attribute.name)


def _place(_instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not _PLACE.fullmatch(value)):
        raise NUMBER_QUERY.error(field=attribute.name)


def _frozen(value: object) -> object:
    if isinstance(value, list | tuple | set):
        return frozenset(value)
    return value


def _choices(
    pattern: re.Pattern[str],
) -> Callable[[object, attrs.Attribute[frozenset[str]], object], None]:
    def check(_instance: object, attribute: attrs.Attribute[frozenset[str]], value: object) -> None:
        if (
            not isinstance(value, frozenset)
            or len(value) > _MAX_CHOICES
            or not all(isinstance(v, str) and pattern.fullmatch(v) for v in value)
        ):
            raise NUMBER_QUERY.error(field=attribute.name)

    return check


def _without(_instance: object, attribute: attrs.Attribute[frozenset[str]], value: object) -> None:
    if not isinstance(value, frozenset) or not all(
        isinstance(v, str) and len(v) == 1 and v.isdigit() and v.isascii() for v in value
    ):
        raise NUMBER_QUERY.error(field=attribute.name)


def _pattern(_instance: object, attribute: attrs.Attribute[str | None], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not _CODE.fullmatch(value)):
        raise NUMBER_QUERY.error(field=attribute.name)


def _mask(_instance: object, attribute: attrs.Attribute[Mask | None], value: object) -> None:
    if value is not None and not isinstance(value, Mask):
        raise NUMBER_QUERY.error(field=attribute.name)


def _offset(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_OFFSET:
        raise NUMBER_QUERY.error(field=attribute.name)


def _limit(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_PAGE:
        raise NUMBER_QUERY.error(field=attribute.name)


@attrs.frozen(slots=True, kw_only=True)
class NumberQuery:
    """What a customer looks for (F-NUM-1); every filter left out matches every number.

    ``contains``, ``ends_with`` and ``starts_with`` are 1-11 digits; ``without`` is a set of
    digits none of which may appear ("without 4"); ``segments`` 3-digit segments;
    ``tiers`` tier codes; ``pattern`` one pattern class code. ``offset`` (at most 10,000)
    and ``limit`` (1..100) page the results.
    """

    mask: Mask | None = attrs.field(default=None, validator=_mask)
    contains: str | None = attrs.field(default=None, validator=_digits)
    ends_with: str | None = attrs.field(default=None, validator=_digits)
    starts_with: str | None = attrs.field(default=None, validator=_digits)
    without: frozenset[str] = attrs.field(
        default=frozenset(), converter=_frozen, validator=_without
    )
    segments: frozenset[str] = attrs.field(
        default=frozenset(), converter=_frozen, validator=_choices(_SEGMENT)
    )
    province: str | None = attrs.field(default=None, validator=_place)
    city: str | None = attrs.field(default=None, validator=_place)
    tiers: frozenset[str] = attrs.field(
        default=frozenset(), converter=_frozen, validator=_choices(_CODE)
    )
    pattern: str | None = attrs.field(default=None, validator=_pattern)
    offset: int = attrs.field(default=0, validator=_offset)
    limit: int = attrs.field(default=20, validator=_limit)

    def matches(self, row: PoolNumber) -> bool:  # noqa: PLR0911 - one line per filter
        """Whether ``row`` passes every filter (availability is the pool's to add)."""
        number = row.number
        if self.mask is not None and not self.mask.matches(number):
            return False
        if self.contains is not None and self.contains not in number:
            return False
        if self.ends_with is not None and not number.endswith(self.ends_with):
            return False
        if self.starts_with is not None and not number.startswith(self.starts_with):
            return False
        if any(digit in number for digit in self.without):
            return False
        if self.segments and row.segment not in self.segments:
            return False
        if (self.province is not None and row.province != self.province) or (
            self.city is not None and row.city != self.city
        ):
            return False
        if self.tiers and row.tier not in self.tiers:
            return False
        return self.pattern is None or self.pattern in row.classes

    def page(self, offset: int) -> NumberQuery:
        """The same query at another ``offset``."""
        return attrs.evolve(self, offset=offset)
