"""The numbers area: the pool of numbers on sale, their pattern classes and tiers (F-NUM-1..3).

Pure values and rules: the row of a pooled number (:class:`PoolNumber`), its reservation,
the search (:class:`NumberQuery`, :class:`Mask`) and the pattern table that classifies a
number and decides its price tier (:class:`PatternTable`, read from TOML).
"""

from __future__ import annotations

from unicom_core.domain.numbers import codes
from unicom_core.domain.numbers.codes import *  # noqa: F403 - the area's error codes, declared once there
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
__all__ += codes.__all__
