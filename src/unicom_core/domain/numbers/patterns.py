"""Pattern classes and price tiers as data (靚號規則, F-NUM-2).

A :class:`PatternClass` names a set of number **tails** (the last digits), written one of
three ways:

* a ``shape`` of letters, read on the last ``len(shape)`` digits: the same letter is the
  same digit, different letters are different digits (``AAAA``, ``AABB``, ``ABAB``,
  ``ABCABC``, ``AAAB``); with ``step`` each new letter is the previous digit plus ``step``
  (``ABCD`` with ``step = 1`` is 1234, ``DCBA`` with ``step = -1`` is 4321);
* ``tails``: lucky endings listed as they are (``8``, ``88``, ``168``, ``518``);
* a ``date``: ``MMDD`` (a real day of a leap year, 0229 included) or ``YYYYMMDD`` (a real
  date of the years ``years = [first, last]``).

Each class names the :class:`Tier` it puts a number in; a number in several classes takes
the best tier (the lowest ``rank``), a number in none the table's default tier. A tier is a
pre-stored fee (預存話費), a minimum monthly spend (最低消費) and a contract period
(協議期). :class:`PatternTable` expands every class to its tails once, so classifying a
number is a few dictionary look-ups (ten million numbers load in seconds).
"""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, NoReturn

import attrs

from unicom_core.domain.numbers.codes import NUMBER_CLASSES, NUMBER_FORMAT
from unicom_core.domain.numbers.values import NumberStatus, PoolNumber
from unicom_core.domain.shared import Money

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["PatternClass", "PatternTable", "Tier"]

_CODE = re.compile(r"[A-Za-z0-9_-]{1,64}")
_SHAPE = re.compile(r"[A-Z]{2,8}")
_TAIL = re.compile(r"[0-9]{1,8}")
_NAME_MAX: Final = 40
_MAX_TAILS: Final = 200_000
_MAX_RANK: Final = 9999
_MAX_MONTHS: Final = 120
_DATES: Final = ("MMDD", "YYYYMMDD")
_LEAP_YEAR: Final = 2000
_SHORT: Final = 4
"""Tails up to this many digits are classified once per tail and remembered."""
_MEMO_SIZE: Final = 20_000


def _fail(entry: str, why: str) -> NoReturn:
    raise NUMBER_CLASSES.error(f"the pattern table is invalid at {entry}: {why}", entry=entry)


def _checked_code(entry: str, value: object) -> None:
    if not isinstance(value, str) or not _CODE.fullmatch(value):
        _fail(entry, "a code is 1-64 letters, digits, _ or -")


def _checked_name(entry: str, value: object) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > _NAME_MAX:
        _fail(entry, f"a name is 1-{_NAME_MAX} characters")


def _money(entry: str, value: object) -> None:
    if not isinstance(value, Money) or value.is_negative:
        _fail(entry, "an amount is Money, zero or more")


@attrs.frozen(slots=True, kw_only=True)
class Tier:
    """A price tier: what a number of it costs to take (F-NUM-2)."""

    code: str
    name: str
    rank: int
    """The order of tiers in results: 1 first (the dearest), the default tier last."""
    prestore: Money
    """The pre-stored fee paid with the number (預存話費), credited to the account."""
    min_monthly: Money
    """The minimum monthly spend during the contract (最低消費)."""
    contract_months: int
    """How long the minimum spend applies (0: no contract)."""

    def __attrs_post_init__(self) -> None:
        """Check every field, naming the tier in the error."""
        entry = f"tiers.{self.code}"
        _checked_code("tiers", self.code)
        _checked_name(entry, self.name)
        if isinstance(self.rank, bool) or not isinstance(self.rank, int):
            _fail(entry, "a rank is an integer")
        if not 1 <= self.rank <= _MAX_RANK:
            _fail(entry, f"a rank is 1..{_MAX_RANK}")
        _money(entry, self.prestore)
        _money(entry, self.min_monthly)
        months = self.contract_months
        if (
            isinstance(months, bool)
            or not isinstance(months, int)
            or not 0 <= months <= _MAX_MONTHS
        ):
            _fail(entry, f"a contract is 0..{_MAX_MONTHS} months")


def _shape_tails(entry: str, shape: str, step: int | None) -> frozenset[str]:
    letters = list(dict.fromkeys(shape))
    found: set[str] = set()
    if step is not None:
        for first in range(10):
            digits = [first + step * index for index in range(len(letters))]
            if all(0 <= d <= 9 for d in digits):  # noqa: PLR2004
                named = dict(zip(letters, map(str, digits), strict=True))
                found.add("".join(named[letter] for letter in shape))
        return frozenset(found)
    if len(letters) > 6:  # noqa: PLR2004 - 10P7 tails would be far too many
        _fail(entry, "a shape has at most 6 different letters")
    for chosen in itertools.permutations("0123456789", len(letters)):
        table = dict(zip(letters, chosen, strict=True))
        found.add("".join(table[letter] for letter in shape))
    return frozenset(found)


def _date_tails(entry: str, date: str, years: tuple[int, int] | None) -> frozenset[str]:
    days = [
        f"{month:02d}{day:02d}"
        for month in range(1, 13)
        for day in range(1, calendar.monthrange(_LEAP_YEAR, month)[1] + 1)
    ]
    if date == "MMDD":
        return frozenset(days)
    if years is None or not 1900 <= years[0] <= years[1] <= 2099:  # noqa: PLR2004
        _fail(entry, "a YYYYMMDD class names years = [first, last] within 1900..2099")
    first, last = years
    return frozenset(
        f"{year}{day}"
        for year in range(first, last + 1)
        for day in days
        if day != "0229" or calendar.isleap(year)
    )


@attrs.frozen(slots=True, kw_only=True)
class PatternClass:
    """One pattern class (module docstring): a code, a name, its tier, how its tails read."""

    code: str
    name: str
    tier: str
    shape: str | None = None
    step: int | None = None
    tails: tuple[str, ...] = ()
    date: str | None = None
    years: tuple[int, int] | None = None
    matched: frozenset[str] = attrs.field(init=False, eq=False, repr=False)
    """Every tail the class matches (computed)."""

    def __attrs_post_init__(self) -> None:
        """Check the class and expand it to its tails."""
        _checked_code("classes", self.code)
        entry = f"classes.{self.code}"
        _checked_name(entry, self.name)
        _checked_code(entry, self.tier)
        ways = [self.shape is not None, bool(self.tails), self.date is not None]
        if sum(ways) != 1:
            _fail(entry, "a class has exactly one of shape, tails or date")
        object.__setattr__(self, "matched", self._expand(entry))

    def _expand(self, entry: str) -> frozenset[str]:
        if self.shape is not None:
            if not isinstance(self.shape, str) or not _SHAPE.fullmatch(self.shape):
                _fail(entry, "a shape is 2-8 capital letters")
            if self.step is not None and (isinstance(self.step, bool) or self.step not in {-1, 1}):
                _fail(entry, "a step is 1 or -1")
            return _shape_tails(entry, self.shape, self.step)
        if self.tails:
            if not all(isinstance(t, str) and _TAIL.fullmatch(t) for t in self.tails):
                _fail(entry, "tails are 1-8 digits each")
            return frozenset(self.tails)
        if self.date not in _DATES:
            _fail(entry, "a date is MMDD or YYYYMMDD")
        return _date_tails(entry, self.date, self.years)

    def matches(self, number: str) -> bool:
        """Whether ``number`` ends with one of the class's tails."""
        return any(number[-len(tail) :] == tail for tail in self.matched)


def _rank_of(tier: Tier) -> int:
    return tier.rank


_Index = tuple[tuple[int, dict[str, tuple[int, ...]]], ...]
_Verdict = tuple[tuple[str, ...], Tier]


def _index(classes: tuple[PatternClass, ...]) -> _Index:
    by_width: dict[int, dict[str, list[int]]] = {}
    for position, pattern in enumerate(classes):
        for tail in pattern.matched:
            by_width.setdefault(len(tail), {}).setdefault(tail, []).append(position)
    return tuple(
        (width, {tail: tuple(found) for tail, found in table.items()})
        for width, table in sorted(by_width.items())
    )


def _hits(index: _Index, number: str) -> list[int]:
    """The positions of the classes of ``index`` whose tails end ``number``."""
    found: list[int] = []
    for width, table in index:
        hit = table.get(number[-width:])
        if hit is not None:
            found.extend(hit)
    return found


@attrs.frozen(slots=True, kw_only=True)
class PatternTable:
    """The tiers and pattern classes of a carrier (module docstring; F-NUM-2)."""

    tiers: tuple[Tier, ...]
    classes: tuple[PatternClass, ...]
    default_tier: str
    _tiers: Mapping[str, Tier] = attrs.field(init=False, eq=False, repr=False)
    _short: _Index = attrs.field(init=False, eq=False, repr=False)
    """The tails of up to :data:`_SHORT` digits, by width."""
    _long: _Index = attrs.field(init=False, eq=False, repr=False)
    _class_tiers: tuple[Tier, ...] = attrs.field(init=False, eq=False, repr=False)
    _memo: dict[str, tuple[list[int], _Verdict]] = attrs.field(init=False, eq=False, repr=False)
    """What the short tails say, by the last :data:`_SHORT` digits (10,000 at most)."""

    def __attrs_post_init__(self) -> None:
        """Check the cross-references and build the tail index."""
        tiers = {tier.code: tier for tier in self.tiers}
        if len(tiers) != len(self.tiers) or not tiers:
            _fail("tiers", "tier codes are unique, and there is at least one")
        if len({tier.rank for tier in self.tiers}) != len(self.tiers):
            _fail("tiers", "tier ranks are unique")
        if self.default_tier not in tiers:
            _fail("default_tier", "the default tier is one of the tiers")
        if len({pattern.code for pattern in self.classes}) != len(self.classes):
            _fail("classes", "class codes are unique")
        for pattern in self.classes:
            if pattern.tier not in tiers:
                _fail(f"classes.{pattern.code}", f"no tier {pattern.tier!r}")
        if sum(len(pattern.matched) for pattern in self.classes) > _MAX_TAILS:
            _fail("classes", f"the classes match at most {_MAX_TAILS} tails in all")
        object.__setattr__(self, "_tiers", tiers)
        index = _index(self.classes)
        object.__setattr__(self, "_short", tuple(i for i in index if i[0] <= _SHORT))
        object.__setattr__(self, "_long", tuple(i for i in index if i[0] > _SHORT))
        object.__setattr__(self, "_memo", {})
        object.__setattr__(
            self, "_class_tiers", tuple(tiers[pattern.tier] for pattern in self.classes)
        )

    def tier(self, code: str) -> Tier:
        """The tier ``code`` (``number.classes`` naming it if the table has none)."""
        found = self._tiers.get(code)
        if found is None:
            raise NUMBER_CLASSES.error(entry=f"tiers.{code}")
        return found

    def pattern(self, code: str) -> PatternClass | None:
        """The class ``code``, or None."""
        return next((pattern for pattern in self.classes if pattern.code == code), None)

    def _verdict(self, positions: Iterable[int]) -> _Verdict:
        """The codes of the classes at ``positions`` (in order) and their best tier."""
        ordered = sorted(set(positions))
        tiers = self._class_tiers
        best = min(
            (tiers[position] for position in ordered),
            key=_rank_of,
            default=self._tiers[self.default_tier],
        )
        return tuple(self.classes[position].code for position in ordered), best

    def _classified(self, number: object) -> _Verdict:
        """The classes and tier of ``number``: its last 4 digits remembered, longer tails looked up.

        Loading ten million numbers classifies each; the short tails (most classes) repeat
        every 10,000 numbers, so their verdict is computed once per tail. Not a string is
        ``number.format`` (the rest of the format is :class:`PoolNumber`'s to check).
        """
        if not isinstance(number, str):
            raise NUMBER_FORMAT.error(field="number")
        tail = number[-_SHORT:]
        known = self._memo.get(tail)
        if known is None:
            short = _hits(self._short, tail)
            known = (short, self._verdict(short))
            if len(self._memo) < _MEMO_SIZE:
                self._memo[tail] = known
        longer = _hits(self._long, number)
        return self._verdict(known[0] + longer) if longer else known[1]

    def classify(self, number: str) -> tuple[str, ...]:
        """The codes of the classes ``number`` belongs to, in the table's order."""
        return self._classified(number)[0]

    def tier_of(self, classes: Iterable[str]) -> Tier:
        """The best tier of ``classes`` (the lowest rank), or the default tier."""
        by_code = {pattern.code: pattern for pattern in self.classes}
        tiers = [self._tiers[by_code[code].tier] for code in classes if code in by_code]
        return min(tiers, key=_rank_of, default=self._tiers[self.default_tier])

    def row(
        self,
        number: str,
        province: str,
        city: str,
        status: NumberStatus = NumberStatus.FREE,
    ) -> PoolNumber:
        """The pool row of ``number``, classified (``status`` FREE or HELD at loading)."""
        classes, tier = self._classified(number)
        return PoolNumber(
            number=number,
            province=province,
            city=city,
            classes=classes,
            tier=tier.code,
            tier_rank=tier.rank,
            status=status,
        )
