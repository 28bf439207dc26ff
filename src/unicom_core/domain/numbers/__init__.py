"""The numbers area: the pool of numbers on sale, their pattern classes and tiers (F-NUM-1..3).

Pure values and rules: the row of a pooled number (:class:`PoolNumber`), its reservation,
the search (:class:`NumberQuery`, :class:`Mask`) and the pattern table that classifies a
number and decides its price tier (:class:`PatternTable`, read from TOML).
"""

from __future__ import annotations

from unicom_core.domain.numbers.codes import (
    NUMBER_CLASSES,
    NUMBER_DUPLICATE,
    NUMBER_ENTRY,
    NUMBER_FORMAT,
    NUMBER_MASK,
    NUMBER_QUERY,
    NUMBER_RESERVATION_EXPIRED,
    NUMBER_RESERVATION_UNKNOWN,
    NUMBER_SETTINGS,
    NUMBER_TAKEN,
    NUMBER_TOO_MANY_RESERVATIONS,
    NUMBER_UNKNOWN,
)
from unicom_core.domain.numbers.patterns import PatternClass, PatternTable, Tier
from unicom_core.domain.numbers.patterns_toml import pattern_table_from_toml
from unicom_core.domain.numbers.query import Mask, NumberQuery
from unicom_core.domain.numbers.values import (
    MAX_PAGE,
    NumberPage,
    NumberStatus,
    PoolNumber,
    Reservation,
    check_pool_number,
)

__all__ = [
    "MAX_PAGE",
    "NUMBER_CLASSES",
    "NUMBER_DUPLICATE",
    "NUMBER_ENTRY",
    "NUMBER_FORMAT",
    "NUMBER_MASK",
    "NUMBER_QUERY",
    "NUMBER_RESERVATION_EXPIRED",
    "NUMBER_RESERVATION_UNKNOWN",
    "NUMBER_SETTINGS",
    "NUMBER_TAKEN",
    "NUMBER_TOO_MANY_RESERVATIONS",
    "NUMBER_UNKNOWN",
    "Mask",
    "NumberPage",
    "NumberQuery",
    "NumberStatus",
    "PatternClass",
    "PatternTable",
    "PoolNumber",
    "Reservation",
    "Tier",
    "check_pool_number",
    "pattern_table_from_toml",
]
