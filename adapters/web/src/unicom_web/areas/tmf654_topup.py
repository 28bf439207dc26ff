"""The TMF654 top-up request: what ``POST topupBalance`` reads from its body (F-PAY-1).

``amount`` (the spec's one required field, a ``Quantity``: ``{"amount": 50, "units":
"CNY"}``) picks the top-up product of that face value, or ``product.id`` names it;
``logicalResource.id`` (or ``.value``, the MSISDN) names another number of the customer
(default: the session's; the response echoes it);
``paymentMethod.id`` is ``page`` (default) or ``app``. The price is the hall's channel's (a
request's ``channel`` is not trusted for pricing). Auto top-ups and vouchers are refused.

``amount.amount`` is read exactly (:class:`~unicom_web.amounts.YuanAmount`): a JSON number
of yuan with at most two decimals, positive and at most the web maximum; a string, a
boolean, ``12.345`` or ``1e400`` is 422 ``payment.amount`` before any use case runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from unicom_core.domain.catalog import ProductKind
from unicom_core.domain.payments import PaymentMethod
from unicom_core.domain.shared import MobileNumber
from unicom_core.errors import InvalidInput
from unicom_web.amounts import YuanAmount
from unicom_web.codes import TOPUP_INVALID

if TYPE_CHECKING:
    from unicom_core.hall import BusinessHall

__all__ = [
    "TopupBalanceCreate",
    "TopupQuantity",
    "invalid",
    "method_of",
    "number_of",
    "product_code",
]


@attrs.frozen(slots=True, kw_only=True)
class TopupQuantity:
    """The ``Quantity`` of a top-up request: an exact amount of yuan in CNY."""

    amount: YuanAmount | None = None
    units: str | None = None


@attrs.frozen(slots=True, kw_only=True)
class TopupBalanceCreate:
    """The schema of a TMF654 ``TopupBalance_Create`` this hall reads (``amount`` required)."""

    amount: TopupQuantity
    description: str | None = None
    isAutoTopup: bool | None = None  # noqa: N815 - TM Forum field names
    usageType: str | None = None  # noqa: N815
    voucher: str | None = None
    product: dict[str, Any] | None = None
    logicalResource: dict[str, Any] | None = None  # noqa: N815
    paymentMethod: dict[str, Any] | None = None  # noqa: N815
    channel: dict[str, Any] | None = None


def invalid(field: str, message: str) -> InvalidInput:
    """The refusal of a top-up request's ``field`` (``topup.invalid``)."""
    return TOPUP_INVALID.error(message, field=field)


def product_code(hall: BusinessHall, data: TopupBalanceCreate) -> str:
    """The top-up product the request names (``product.id``) or whose face value it asks."""
    named = (data.product or {}).get("id")
    if named is not None:
        if not isinstance(named, str):
            raise invalid("product.id", "product.id is a string")
        return named
    units, amount = data.amount.units, data.amount.amount
    if units not in {None, "CNY", "yuan", "元"}:
        raise invalid("amount.units", "a top-up amount is in CNY")
    denominations = sorted(
        (goods.price.fen, goods.code)
        for goods in hall.catalog.catalog().goods
        if goods.kind is ProductKind.TOP_UP
    )
    for price, code in denominations:
        if amount is not None and amount.money.fen == price:
            return code
    offered = ", ".join(f"{price / 100:g}" for price, _ in denominations)
    raise invalid("amount.amount", f"a top-up is one of these amounts in CNY: {offered}")


def number_of(data: TopupBalanceCreate) -> MobileNumber | None:
    """The number the ``logicalResource`` reference names, or None for the session's.

    TMF654's ``LogicalResourceRef`` requires ``id`` (here the MSISDN) and may carry ``value``
    (the MSISDN again): either names the number, and when both are given they must agree. A
    reference this hall cannot honour is refused rather than read as "the session's number",
    so a top-up never credits a number the request did not name (F-PAY-1).
    """
    ref = data.logicalResource
    if ref is None:
        return None
    numbers: dict[str, MobileNumber] = {}
    for field in ("id", "value"):
        value = ref.get(field)
        if value is None:
            continue
        if not isinstance(value, str):
            raise invalid(f"logicalResource.{field}", f"logicalResource.{field} is a number")
        numbers[field] = MobileNumber.parse(value)
    if not numbers:
        raise invalid("logicalResource.id", "logicalResource.id names the number to top up")
    if len(set(numbers.values())) > 1:
        raise invalid(
            "logicalResource.value", "logicalResource.id and logicalResource.value differ"
        )
    return next(iter(numbers.values()))


def method_of(data: TopupBalanceCreate) -> PaymentMethod:
    """The payment method asked (``paymentMethod.id`` or ``.name``): page (default) or app."""
    asked = data.paymentMethod or {}
    value = asked.get("id", asked.get("name", PaymentMethod.PAGE.value))
    if value not in {PaymentMethod.PAGE.value, PaymentMethod.APP.value}:
        raise invalid("paymentMethod.id", "a top-up is paid on a page or in an app")
    return PaymentMethod(value)
