"""The error codes of the SQL adapter only.

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`).
"""

from __future__ import annotations

from unicom_core.errors import ErrorCode, InvalidInput

__all__ = [
    "RELAY_PUBLISHER",
]

RELAY_PUBLISHER = ErrorCode(
    "relay.publisher", InvalidInput, "cannot make an event publisher from that name"
)
