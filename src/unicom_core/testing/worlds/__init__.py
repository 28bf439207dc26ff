"""Ready-made halls for tests: a few lines give a world with customers, sessions and a gateway."""

from __future__ import annotations

from unicom_core.testing.worlds.access import (
    START,
    AccessWorld,
)
from unicom_core.testing.worlds.billing import (
    COMBO,
    BillingWorld,
)
from unicom_core.testing.worlds.payments import (
    PaymentWorld,
)
from unicom_core.testing.worlds.shop import ShopWorld

__all__ = [
    "COMBO",
    "START",
    "AccessWorld",
    "BillingWorld",
    "PaymentWorld",
    "ShopWorld",
]
