"""Use cases of subscribers: basic information, the numbers cap, enrolment (F-QRY-7, F-SHOP-3)."""

from __future__ import annotations

from unicom_core.usecases.subscribers.enrolment import Enrolment, Opening, enrol_number
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
    "Enrolment",
    "Opening",
    "ProfileService",
    "enrol_number",
    "live_numbers",
    "take_number_slots",
]
