"""Use cases of subscribers: a number's basic information, the numbers cap (F-QRY-7, F-REAL)."""

from __future__ import annotations

from unicom_core.usecases.subscribers.numbers_cap import (
    NUMBERS_PER_RESIDENT_ID,
    live_numbers,
    take_number_slots,
)
from unicom_core.usecases.subscribers.profile import (
    MASKED_PUK,
    BasicInfo,
    ProfileService,
)

__all__ = [
    "MASKED_PUK",
    "NUMBERS_PER_RESIDENT_ID",
    "BasicInfo",
    "ProfileService",
    "live_numbers",
    "take_number_slots",
]
