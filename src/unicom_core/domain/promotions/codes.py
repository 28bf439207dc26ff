"""The error codes of the promotions area: campaigns, joining, the growth game, the draw.

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`). F-PRO-1..5.
"""

from __future__ import annotations

from unicom_core.errors import ErrorCode

__all__: list[str] = []

# ---------------------------------------------------------------- campaigns (F-PRO-1..3)

# ---------------------------------------------------------------- the growth game (F-PRO-4)

_ = ErrorCode
