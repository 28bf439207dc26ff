"""The error codes of the payment gateway adapters only.

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`).
"""

from __future__ import annotations

from unicom_core.errors import AdapterError, ErrorCode, InvalidInput

__all__ = [
    "PAYMENT_GATEWAY_REFUSED",
    "PAYMENT_MANDATE",
]

PAYMENT_GATEWAY_REFUSED = ErrorCode(
    "payment.gateway_refused", AdapterError, "Alipay refused the call"
)
PAYMENT_MANDATE = ErrorCode(
    "payment.mandate", InvalidInput, "a mandate payment names its agreement"
)
