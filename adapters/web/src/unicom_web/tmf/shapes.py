"""The TMF shapes several APIs share: references, periods, characteristics, quantities, money.

Each is an attrs class marked with :func:`~unicom_web.tmf.converter.tmf_shape`, so the TMF
converter writes it with the spec's names and without its empty attributes, and OpenAPI
documents it the same way. :class:`TmfMoney` only documents how the converter writes a
:class:`~unicom_core.domain.shared.Money`: a body carries the domain value (fen).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

import attrs

from unicom_web.tmf.converter import tmf_shape

__all__ = ["Characteristic", "Quantity", "Ref", "TimePeriod", "TmfMoney"]


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class TmfMoney:
    """A TMF ``Money``: ``unit`` (``CNY``) and ``value`` in yuan, written from fen."""

    unit: str
    value: Decimal


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class Ref:
    """A TMF reference to another entity (``...Ref``): its id and what else is known."""

    id: str
    href: str | None = None
    name: str | None = None
    value: str | None = None
    description: str | None = None
    type_: str | None = None
    referred_type: str | None = None


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class TimePeriod:
    """A TMF ``TimePeriod``: from ``startDateTime`` to ``endDateTime`` (either open)."""

    start_date_time: datetime | None = None
    end_date_time: datetime | None = None


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class Characteristic:
    """A TMF ``Characteristic``: a named value and its type."""

    name: str
    value: Any
    value_type: str


@tmf_shape
@attrs.frozen(slots=True, kw_only=True)
class Quantity:
    """A TMF ``Quantity``: an amount in a unit (an exact ``Decimal`` for money)."""

    amount: Decimal | float | None = None
    units: str | None = None
