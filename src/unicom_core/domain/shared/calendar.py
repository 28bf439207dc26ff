"""Billing cycles: calendar months in Asia/Shanghai time (F-CAL-1, F-CAL-5).

A billing cycle (账期) is one calendar month of Beijing time: it starts at 00:00 on the 1st in
``Asia/Shanghai`` and ends, exclusively, where the next cycle starts. Every cycle boundary,
every proration of a mid-cycle change and every "effective next month" change is computed
here, so the rest of the library never does month arithmetic by hand.

Why period *n* is computed from the anchor: month lengths differ, so stepping one month at a
time loses information. Chaining ``2024-01-31`` + 1 month gives ``2024-02-29`` and another
+ 1 month then gives ``2024-03-29``: the 31st has been forgotten. python-dateutil's model is
to compute period *n* directly from the anchor, ``anchor + relativedelta(months=n)``, which
clamps to the last day of a short month without carrying the clamp forward, so ``2024-01-31``
+ 2 months is ``2024-03-31``: day 31 survives February. :func:`add_months`,
:meth:`BillingCycle.shifted` and :meth:`BillingCycle.from_anchor` all follow that model.

This module is pure (F-CAL-1): it never reads a clock. Callers pass aware datetimes, usually
taken from the :class:`~unicom_core.ports.shared.clock.Clock` port.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Self, TypeGuard
from zoneinfo import ZoneInfo

import attrs
from dateutil.relativedelta import relativedelta

from unicom_core.domain.shared.codes import (
    BILLING_CYCLE_DATE_OUTSIDE,
    BILLING_CYCLE_FORMAT,
    BILLING_CYCLE_MONTH,
    BILLING_CYCLE_YEAR,
    TIME_MONTHS,
    TIME_NAIVE,
    TIME_NOT_A_DATE,
    TIME_NOT_A_DATETIME,
    TIME_OUT_OF_RANGE,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from attrs import Attribute

    from unicom_core.errors import InvalidInput

__all__ = ["MAX_YEAR", "MIN_YEAR", "SHANGHAI", "BillingCycle", "add_months", "to_shanghai"]

SHANGHAI = ZoneInfo("Asia/Shanghai")
"""Beijing time, the zone of every billing-cycle boundary (F-CAL-5)."""

MIN_YEAR = 1900
"""The earliest year a :class:`BillingCycle` may fall in."""
MAX_YEAR = 9999
"""The latest year a :class:`BillingCycle` may fall in (the last year :mod:`datetime` holds)."""
_MONTHS_PER_YEAR = 12
_CYCLE_TEXT = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})")


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _require_months(n: object, field: str) -> int:
    """Return ``n`` if it is a whole number of months, else refuse it."""
    if _is_int(n):
        return n
    raise TIME_MONTHS.error(
        f"a number of months is an integer, not {type(n).__name__} {n!r}", field=field
    )


def _require_date(value: object, field: str) -> date:
    """Return ``value`` if it is a calendar date (and not a datetime), else refuse it."""
    if isinstance(value, datetime) or not isinstance(value, date):
        raise TIME_NOT_A_DATE.error(
            f"expected a calendar date, not {type(value).__name__} {value!r}", field=field
        )
    return value


def to_shanghai(instant: datetime, field: str = "instant") -> datetime:
    """Return the aware ``instant`` as Beijing time; refuse naive datetimes (F-CAL-1).

    A naive datetime has no meaning as an instant (which zone was it read in?), so it is
    refused with code ``time.naive`` rather than guessed at.
    """
    if not isinstance(instant, datetime):
        raise TIME_NOT_A_DATETIME.error(
            f"expected an aware datetime, not {type(instant).__name__} {instant!r}", field=field
        )
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise TIME_NAIVE.error(
            f"a naive datetime is not an instant; give it a zone: {instant.isoformat()}",
            field=field,
        )
    try:
        return instant.astimezone(SHANGHAI)
    except OverflowError:
        raise TIME_OUT_OF_RANGE.error(
            f"{instant.isoformat()} has no Beijing-time equivalent within years 1..9999",
            field=field,
        ) from None


def add_months(anchor_date: date, n: int) -> date:
    """Return period ``n`` from ``anchor_date``: ``anchor_date + relativedelta(months=n)``.

    The day is clamped to the end of a short month, but the clamp is not carried on, because
    every period is computed from the anchor: from 2024-01-31, period 1 is 2024-02-29 and
    period 2 is 2024-03-31 (F-CAL-5).
    """
    anchor = _require_date(anchor_date, "anchor_date")
    months = _require_months(n, "n")
    try:
        return anchor + relativedelta(months=months)
    except (ValueError, OverflowError):
        raise TIME_OUT_OF_RANGE.error(
            f"{anchor.isoformat()} + {months} months falls outside years 1..9999", field="n"
        ) from None


def _check_year(_instance: object, attribute: Attribute[int], value: object) -> None:
    if not _is_int(value) or not MIN_YEAR <= value <= MAX_YEAR:
        raise BILLING_CYCLE_YEAR.error(
            f"a billing cycle's year is an integer {MIN_YEAR}..{MAX_YEAR}, not {value!r}",
            field=attribute.name,
        )


def _check_month(_instance: object, attribute: Attribute[int], value: object) -> None:
    if not _is_int(value) or not 1 <= value <= _MONTHS_PER_YEAR:
        raise BILLING_CYCLE_MONTH.error(
            f"a billing cycle's month is an integer 1..12, not {value!r}", field=attribute.name
        )


# Pure calendar arithmetic, cached: a bill run asks the same few cycles thousands of times.
@functools.lru_cache(maxsize=1024)
def _months_after(year: int, month: int, months: int) -> date:
    """The 1st of the month ``months`` after ``year-month`` (relativedelta; may raise)."""
    return date(year, month, 1) + relativedelta(months=months)


@functools.lru_cache(maxsize=1024)
def _last_day(year: int, month: int) -> date:
    return date(year, month, 1) + relativedelta(day=31)


@functools.lru_cache(maxsize=1024)
def _end(cycle: BillingCycle) -> datetime:
    return cycle.next().start


def _beyond_years(anchor: BillingCycle, months: int) -> InvalidInput:
    return BILLING_CYCLE_YEAR.error(
        f"{anchor} shifted by {months} months leaves years {MIN_YEAR}..{MAX_YEAR}", field="n"
    )


@attrs.frozen(order=True, slots=True)
class BillingCycle:
    """One billing cycle (账期): a calendar month in Asia/Shanghai time (F-CAL-5).

    Cycles are ordered (``2025-12 < 2026-01``), hashable, and print as ``"2026-11"``. The
    interval is half-open: :attr:`start` belongs to the cycle, :attr:`end` to the next one.
    Years run 1900..9999; stepping past either end raises ``billing_cycle.year``.
    """

    year: int = attrs.field(validator=_check_year)
    month: int = attrs.field(validator=_check_month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    # ------------------------------------------------------------------ construction

    @classmethod
    def containing(cls, instant: datetime) -> Self:
        """Return the cycle that holds the aware ``instant``, in whatever zone it is given.

        ``2026-01-31T16:30Z`` is ``2026-02-01 00:30`` in Beijing, so it lies in ``2026-02``.
        """
        local = to_shanghai(instant)
        return cls(local.year, local.month)

    @classmethod
    def of_date(cls, day: date) -> Self:
        """Return the cycle that holds the calendar date ``day`` (a Beijing-time date)."""
        checked = _require_date(day, "day")
        return cls(checked.year, checked.month)

    @classmethod
    def parse(cls, text: str) -> Self:
        """Parse the strict ``YYYY-MM`` form that :meth:`__str__` writes (``"2026-11"``)."""
        match = _CYCLE_TEXT.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise BILLING_CYCLE_FORMAT.error(
                f"a billing cycle is written YYYY-MM, such as 2026-11, not {text!r}",
                field="billing_cycle",
            )
        return cls(int(match["year"]), int(match["month"]))

    @classmethod
    def from_anchor(cls, anchor: BillingCycle, n: int) -> Self:
        """Return the cycle ``n`` months after ``anchor`` (before it if ``n`` is negative).

        Computed from the anchor with ``relativedelta(months=n)``, never by chaining
        :meth:`next` (see the module docstring).
        """
        months = _require_months(n, "n")
        try:
            first = _months_after(anchor.year, anchor.month, months)
        except (ValueError, OverflowError):
            raise _beyond_years(anchor, months) from None
        if first.year < MIN_YEAR:
            raise _beyond_years(anchor, months)
        return cls(first.year, first.month)

    def shifted(self, n: int) -> BillingCycle:
        """Return the cycle ``n`` months from this one (``n`` may be negative)."""
        return BillingCycle.from_anchor(self, n)

    def next(self) -> BillingCycle:
        """Return the following cycle."""
        return self.shifted(1)

    def previous(self) -> BillingCycle:
        """Return the preceding cycle."""
        return self.shifted(-1)

    def months_until(self, other: BillingCycle) -> int:
        """Return how many months lie from this cycle to ``other``: ``self.shifted(n) == other``."""
        delta = relativedelta(other.first_day, self.first_day)
        return delta.years * _MONTHS_PER_YEAR + delta.months

    # ------------------------------------------------------------------ boundaries

    @property
    def start(self) -> datetime:
        """Return the first instant of the cycle: 00:00 on the 1st, Beijing time."""
        return datetime(self.year, self.month, 1, tzinfo=SHANGHAI)

    @property
    def end(self) -> datetime:
        """Return the exclusive end of the cycle: the :attr:`start` of the next cycle."""
        return _end(self)

    @property
    def first_day(self) -> date:
        """Return the 1st of the month."""
        return date(self.year, self.month, 1)

    @property
    def last_day(self) -> date:
        """Return the last calendar day of the month (28, 29, 30 or 31)."""
        return _last_day(self.year, self.month)

    @property
    def days(self) -> int:
        """Return the number of days in the cycle."""
        return self.last_day.day

    def dates(self) -> Iterator[date]:
        """Yield every calendar day of the cycle, from :attr:`first_day` to :attr:`last_day`."""
        first = self.first_day
        return (first + timedelta(days=offset) for offset in range(self.days))

    def contains(self, instant: datetime) -> bool:
        """Tell whether the aware ``instant`` lies in this cycle (any zone; naive refused)."""
        return BillingCycle.containing(instant) == self

    # ------------------------------------------------------------------ proration

    def day_index(self, day: date) -> int:
        """Return the 0-based position of ``day`` in the cycle (the 1st is 0).

        Raises ``billing_cycle.date_outside`` when ``day`` belongs to another cycle.
        """
        checked = _require_date(day, "day")
        if (checked.year, checked.month) != (self.year, self.month):
            raise BILLING_CYCLE_DATE_OUTSIDE.error(
                f"{checked.isoformat()} is not a day of billing cycle {self}",
                field="day",
                billing_cycle=str(self),
            )
        return checked.day - 1

    def days_from(self, day: date) -> int:
        """Return how many days run from ``day`` to the end of the cycle, both included.

        This is the count a mid-cycle change is prorated over: a change on day *d* of a
        *D*-day cycle counts ``D - d + 1`` days (on the 1st, the whole cycle; on the last
        day, one day).
        """
        return self.days - self.day_index(day)
