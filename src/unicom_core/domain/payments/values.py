"""The values of payments: outcomes, statuses, purposes, methods, actions, refunds (F-PAY-3).

Kept apart from :mod:`unicom_core.domain.payments.attempts` (the attempt aggregate) so the payment
port (:mod:`unicom_core.ports.payments.gateway`) and the gateways read the values alone.
"""

from __future__ import annotations

import enum
import re
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.payments.codes import PAYMENT_ACTION, PAYMENT_AMOUNT, PAYMENT_KEY
from unicom_core.domain.shared import Money, instance_of, to_shanghai

if TYPE_CHECKING:
    from attrs import Attribute

__all__ = [
    "ActionKind",
    "PaymentAction",
    "PaymentMethod",
    "PaymentOutcome",
    "PaymentPurpose",
    "PaymentStatus",
    "Refund",
    "RefundStatus",
    "check_key",
    "check_positive",
]

_KEY = re.compile(r"[\x21-\x7e]{1,64}")


def check_key(key: object) -> str:
    """An idempotency key: 1-64 printable ASCII characters, no spaces (``payment.key``)."""
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise PAYMENT_KEY.error(field="idempotency_key")
    return key


def check_positive(_instance: object, attribute: Attribute[Money], value: object) -> None:
    """An attrs validator: a positive amount of :class:`Money` (``payment.amount``)."""
    if not isinstance(value, Money) or not value.is_positive:
        raise PAYMENT_AMOUNT.error(
            f"{attribute.name} must be a positive amount", field=attribute.name
        )


class PaymentOutcome(enum.Enum):
    """What a gateway answered (F-PAY-3): outcomes are values, never exceptions."""

    SUCCEEDED = "succeeded"
    PENDING = "pending"
    FAILED = "failed"
    UNKNOWN = "unknown"


class PaymentStatus(enum.Enum):
    """Where an attempt stands: ``CREATED → PENDING → SUCCEEDED | FAILED``; ``REFUNDED``."""

    CREATED = "created"
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    REFUNDED = "refunded"


class PaymentPurpose(enum.Enum):
    """What a payment is for (F-PAY-1, F-PAY-2)."""

    TOP_UP = "top_up"
    """Top up a mobile or data-card number's balance (充值)."""
    BILL = "bill"
    """Pay what a fixed-line, broadband (or any) account owes (交费)."""
    CARD_ORDER = "card_order"
    """Buy recharge cards (充值卡)."""
    AUTO_DEBIT = "auto_debit"
    """A bank-card mandate debited on the bill run (银行卡代扣)."""
    SHOP_ORDER = "shop_order"
    """An order of the shop (商城订单, F-SHOP-1): delivered by the hook its area registers."""
    CAMPAIGN = "campaign"
    """A campaign's joining fee (F-PRO-1): delivered by the hook promotions registers."""


class PaymentMethod(enum.Enum):
    """How the buyer pays: on a web page, in an app, by a signed bank-card mandate, or elsewhere.

    ``RECORDED``: the money was taken outside the hall (a bank counter) and an operator's
    system recorded the payment (F-PAY-2, TMF676 ``POST payment``); no gateway charges it.
    """

    PAGE = "page"
    APP = "app"
    MANDATE = "mandate"
    RECORDED = "recorded"


class ActionKind(enum.Enum):
    """What the buyer does next to finish a PENDING payment."""

    REDIRECT = "redirect"
    """Open ``PaymentAction.payload`` (a URL) in the browser."""
    APP_ORDER = "app_order"
    """Hand ``PaymentAction.payload`` (a signed order string) to the gateway's app SDK."""


@attrs.frozen(slots=True)
class PaymentAction:
    """The next step of the buyer for a pending payment (a page to open, an app order)."""

    kind: ActionKind = attrs.field(validator=instance_of(ActionKind, PAYMENT_ACTION))
    payload: str = attrs.field(validator=instance_of(str, PAYMENT_ACTION))

    def __str__(self) -> str:
        return f"{self.kind.value}: {self.payload[:60]}"


class RefundStatus(enum.Enum):
    """Where a refund stands."""

    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


def _aware(value: datetime) -> datetime:
    return to_shanghai(value, field="at")


def _optional_aware(value: datetime | None) -> datetime | None:
    return None if value is None else to_shanghai(value, field="at")


@attrs.frozen(slots=True)
class Refund:
    """A full refund of a payment under the refund key ``id`` (F-PAY-3)."""

    id: str
    amount: Money = attrs.field(validator=check_positive)
    requested_at: datetime = attrs.field(converter=_aware)
    status: RefundStatus = RefundStatus.PENDING
    settled_at: datetime | None = attrs.field(default=None, converter=_optional_aware)
