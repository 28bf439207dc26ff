"""What the payment areas need of the other areas of the hall (F-SHOP-4, F-CAL-2, F-CAL-4)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from unicom_core.domain.billing import PaymentAdvice
    from unicom_core.domain.catalog import Channel, Quote
    from unicom_core.domain.shared import Money

__all__ = ["BillPayments", "Pricing"]


class Pricing(Protocol):
    """The catalogue's prices (``hall.catalog``; F-SHOP-4)."""

    def price(self, product_code: str, channel: Channel = ..., /) -> Quote:
        """The price now of a product on ``channel``."""
        ...


class BillPayments(Protocol):
    """What paying a bill needs of the billing area (``hall.billing``; F-CAL-2, F-CAL-4)."""

    def payment_advice(self, subscriber_id: str, /) -> PaymentAdvice:
        """Whether a payment for the number is allowed now and may post late."""
        ...

    def record_payment(self, account_id: str, amount: Money, *, payment_id: str) -> object:
        """Credit a payment once per ``payment_id`` and settle the account's bills."""
        ...
