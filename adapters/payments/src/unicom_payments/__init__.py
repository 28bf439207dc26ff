"""Payment gateways for unicom_core (F-PAY-3): a programmable sandbox and Alipay (RSA2).

Both implement :class:`unicom_core.ports.payments.gateway.PaymentGateway` and pass its contract
suite (:mod:`unicom_core.testing.contracts.payments`)::

    from unicom_core import bootstrap
    from unicom_payments import SandboxPaymentGateway

    hall = bootstrap(payment_gateway=SandboxPaymentGateway())
"""

from __future__ import annotations

from unicom_payments.alipay import (
    PRODUCTION_GATEWAY,
    SANDBOX_GATEWAY,
    AlipayGateway,
    AlipaySettings,
)
from unicom_payments.sandbox import Behaviour, Notify, SandboxPaymentGateway, Step

__all__ = [
    "PRODUCTION_GATEWAY",
    "SANDBOX_GATEWAY",
    "AlipayGateway",
    "AlipaySettings",
    "Behaviour",
    "Notify",
    "SandboxPaymentGateway",
    "Step",
]
