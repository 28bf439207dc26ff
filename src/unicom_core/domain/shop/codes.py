"""The error codes of the shop area: orders, stock, real-name purchase, signed delivery.

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`). F-SHOP-1..3, F-NUM-3.
"""

from __future__ import annotations

from unicom_core.errors import Conflict, ErrorCode, InvalidInput, NotFound, Refused

__all__ = [
    "SHOP_CARDS_SOLD",
    "SHOP_DELIVERY_REFUSED",
    "SHOP_HOLDER_REQUIRED",
    "SHOP_IDENTITY_MISMATCH",
    "SHOP_IDENTITY_UNAVAILABLE",
    "SHOP_LINES",
    "SHOP_NOT_FOR_SALE",
    "SHOP_NUMBER_ORDERED",
    "SHOP_ORDER",
    "SHOP_OUT_OF_STOCK",
    "SHOP_PAYMENT_OPEN",
    "SHOP_REQUEST_REUSED",
    "SHOP_RESERVATION_REQUIRED",
    "SHOP_SETTINGS",
    "SHOP_TOO_MANY_ATTEMPTS",
    "SHOP_TRANSITION",
    "SHOP_UNKNOWN_ORDER",
    "SHOP_UNKNOWN_TRACKING",
]

SHOP_ORDER = ErrorCode(
    "shop.order", InvalidInput, "{field} of the order is invalid", fields=("field",)
)
SHOP_LINES = ErrorCode(
    "shop.lines",
    InvalidInput,
    "an order has 1 to {maximum} lines, each a product or a number with a plan",
    fields=("maximum",),
)
SHOP_SETTINGS = ErrorCode(
    "shop.settings", InvalidInput, "{field} of the shop settings is invalid", fields=("field",)
)
SHOP_NOT_FOR_SALE = ErrorCode(
    "shop.not_for_sale",
    InvalidInput,
    "the product {product_code} is not sold in the shop",
    fields=("product_code",),
)
SHOP_OUT_OF_STOCK = ErrorCode(
    "shop.out_of_stock",
    Conflict,
    "not enough of {product_code} is in stock",
    fields=("product_code",),
)
SHOP_RESERVATION_REQUIRED = ErrorCode(
    "shop.reservation_required",
    Refused,
    "reserve the number {number} before ordering it",
    fields=("number",),
)
SHOP_NUMBER_ORDERED = ErrorCode(
    "shop.number_ordered",
    Conflict,
    "the number {number} is in another order already",
    fields=("number",),
)
SHOP_HOLDER_REQUIRED = ErrorCode(
    "shop.holder_required",
    InvalidInput,
    "a phone card is bought with its holder's name and resident ID",
)
SHOP_IDENTITY_MISMATCH = ErrorCode(
    "shop.identity_mismatch",
    Refused,
    "the name does not match the resident ID ({attempts_left} attempts left today)",
    fields=("attempts_left",),
)
SHOP_IDENTITY_UNAVAILABLE = ErrorCode(
    "shop.identity_unavailable",
    Refused,
    "the identity check is unavailable; nothing was ordered, try again later",
)
SHOP_TOO_MANY_ATTEMPTS = ErrorCode(
    "shop.too_many_attempts",
    Refused,
    "too many failed identity checks today; try again after {retry_at}",
    fields=("retry_at",),
)
SHOP_REQUEST_REUSED = ErrorCode(
    "shop.request_reused",
    Conflict,
    "this request id was used for another order; submit the form again",
)
SHOP_TRANSITION = ErrorCode(
    "shop.transition",
    Conflict,
    "an order {status} cannot be {action}",
    fields=("status", "action"),
)
SHOP_PAYMENT_OPEN = ErrorCode(
    "shop.payment_open",
    Conflict,
    "the order's payment is in progress; wait for its result",
)
SHOP_CARDS_SOLD = ErrorCode(
    "shop.cards_sold",
    Refused,
    "the order's recharge cards are sold and their secrets shown; it cannot be cancelled",
)
SHOP_UNKNOWN_ORDER = ErrorCode("shop.unknown_order", NotFound, "there is no such order")
SHOP_UNKNOWN_TRACKING = ErrorCode(
    "shop.unknown_tracking", NotFound, "no order ships under this tracking number"
)
SHOP_DELIVERY_REFUSED = ErrorCode(
    "shop.delivery_refused",
    Refused,
    "the phone card is handed only to its holder in person ({reason})",
    fields=("reason",),
)
