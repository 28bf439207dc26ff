"""Amounts, instants, months and quantities as a page in one language shows them (Babel).

One :class:`Formats` per page language, from its catalogue's locale:

* money: :func:`babel.numbers.format_currency` of the exact yuan (fen / 100 as a
  :class:`~decimal.Decimal`, never a float) in the amount's currency: ``¥12.34`` in Chinese,
  ``CN¥12.34`` in English; without digit grouping, as the hall has always shown amounts;
* instants: Beijing wall time (Asia/Shanghai) through :func:`babel.dates.format_datetime`
  with the catalogue's ``format.datetime`` pattern (``yyyy-MM-dd HH:mm`` in both shipped
  catalogues);
* chart months: the locale's abbreviated month name (``12月``, ``Dec``);
* numbers: :func:`babel.numbers.format_decimal` in the locale, without grouping.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import attrs
from babel import Locale
from babel.dates import format_date, format_datetime, get_month_names
from babel.numbers import format_currency, format_decimal

from unicom_core.domain.shared import Money

__all__ = ["SHANGHAI", "Formats"]

SHANGHAI = ZoneInfo("Asia/Shanghai")
_FEN_PER_YUAN = Decimal(100)
DATETIME_PATTERN = "yyyy-MM-dd HH:mm"


def _fen(value: object) -> tuple[int, str] | None:
    """The fen and currency of a Money or of its JSON form ``{"fen": 1234}``, else None."""
    if isinstance(value, Money):
        return value.fen, value.currency
    if isinstance(value, dict) and isinstance(value.get("fen"), int):
        return value["fen"], str(value.get("currency") or "CNY")
    return None


@attrs.frozen(slots=True)
class Formats:
    """The formatting of one page language: its Babel ``locale`` and date-time pattern."""

    locale: Locale
    datetime_pattern: str = DATETIME_PATTERN

    def yuan(self, fen: int) -> Decimal:
        """``fen`` as exact yuan (two decimals)."""
        return (Decimal(fen) / _FEN_PER_YUAN).quantize(Decimal("0.01"))

    def money(self, value: object) -> str:
        """A Money (or ``{"fen": ...}`` data) as ``¥12.34``; any other value as text."""
        amount = _fen(value)
        if amount is None:
            return str(value)
        fen, currency = amount
        return format_currency(self.yuan(fen), currency, locale=self.locale, group_separator=False)

    def decimal_yuan(self, fen: int) -> str:
        """``fen`` as a plain number of yuan with two decimals, ``12.34`` (for sentences)."""
        return format_decimal(self.yuan(fen), format="0.00", locale=self.locale)

    def when(self, value: object) -> str:
        """An instant (or ISO 8601 text) as Beijing wall time; other values as text."""
        instant = value
        if isinstance(value, str):
            try:
                instant = datetime.fromisoformat(value)
            except ValueError:
                return value
        if isinstance(instant, datetime) and instant.tzinfo is not None:
            return format_datetime(
                instant, self.datetime_pattern, tzinfo=SHANGHAI, locale=self.locale
            )
        return str(value)

    def day(self, value: date) -> str:
        """A calendar day in the locale's short form (``2026/12/3``, ``12/3/26``)."""
        return format_date(value, "short", locale=self.locale)

    def month(self, month: int) -> str:
        """The chart label of a month, 1-12: ``12月`` in Chinese, ``Dec`` in English."""
        names = get_month_names("abbreviated", context="stand-alone", locale=self.locale)
        return str(names[month])

    def number(self, value: int | Decimal) -> str:
        """A quantity in the locale's digits, without grouping (``1000``, ``1.5``)."""
        return format_decimal(value, locale=self.locale, group_separator=False)
