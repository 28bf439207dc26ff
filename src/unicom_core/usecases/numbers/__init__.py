"""Use cases of the numbers area (F-NUM-1..3): :class:`NumbersService` is ``hall.numbers``."""

from __future__ import annotations

from unicom_core.usecases.numbers.service import (
    DEFAULT_CLASSES_RESOURCE,
    NumbersService,
    NumbersSettings,
    PoolEntry,
    default_pattern_table,
)

__all__ = [
    "DEFAULT_CLASSES_RESOURCE",
    "NumbersService",
    "NumbersSettings",
    "PoolEntry",
    "default_pattern_table",
]
