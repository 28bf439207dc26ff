"""Quantities of detail records as people read them (F-QRY-3).

A record's ``quantity`` is in the network's unit (:mod:`unicom_core.domain.billing.usage`):
seconds for a call or a WLAN session, bytes for data, messages, uses. The detail page shows
calls as minutes:seconds (``14:00``, ``1:05:03`` past an hour), data in B, KB, MB or GB
(1024 each, two decimals at most, trailing zeros dropped: ``300 MB``, ``1.5 GB``), messages
with 条 and uses with 次. The rounding is half up, on exact decimals (never a float); the
digits are written by Babel in the page's locale (:class:`unicom_web.formatting.Formats`).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from babel import Locale

from unicom_core.domain.billing import UsageKind
from unicom_web.formatting import Formats

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["data_text", "duration_text", "quantity_text"]

_STEP = 1024
_DATA_UNITS = ("B", "KB", "MB", "GB", "TB")
_HUNDREDTH = Decimal("0.01")
_TIMED = frozenset({UsageKind.VOICE, UsageKind.WLAN})
_MINUTE, _HOUR = 60, 3600
_PLAIN = Formats(Locale.parse("zh_Hans"))


def duration_text(seconds: int) -> str:
    """``seconds`` as ``m:ss``, or ``h:mm:ss`` from an hour on."""
    hours, rest = divmod(max(seconds, 0), _HOUR)
    minutes, secs = divmod(rest, _MINUTE)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def data_text(size: int, style: Formats = _PLAIN) -> str:
    """``size`` bytes in the largest unit it reaches, two decimals at most (``300 MB``)."""
    value, unit = Decimal(max(size, 0)), 0
    while value >= _STEP and unit < len(_DATA_UNITS) - 1:
        value /= _STEP
        unit += 1
    rounded = value.quantize(_HUNDREDTH, rounding=ROUND_HALF_UP).normalize()
    return f"{style.number(rounded)} {_DATA_UNITS[unit]}"


def quantity_text(
    kind: UsageKind, quantity: int, t: Callable[..., str], style: Formats = _PLAIN
) -> str:
    """A record's (or a page's) ``quantity`` of ``kind`` in words, labels from ``t``."""
    if kind in _TIMED:
        return duration_text(quantity)
    if kind is UsageKind.DATA:
        return data_text(quantity, style)
    unit = "details.unit.uses" if kind is UsageKind.VALUE_ADDED else "details.unit.messages"
    return f"{style.number(quantity)} {t(unit)}"
