"""Use cases of subscribers: the basic information of a number (F-QRY-7, F-REAL-1)."""

from __future__ import annotations

from unicom_core.usecases.subscribers.profile import (
    MASKED_PUK,
    BasicInfo,
    ProfileService,
)

__all__ = [
    "MASKED_PUK",
    "BasicInfo",
    "ProfileService",
]
