"""The error codes of the payments area (its domain, ports and use cases).

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`).
"""

from __future__ import annotations

from unicom_core.errors import Conflict, ErrorCode, InvalidInput, NotFound, Refused

__all__ = [
    "AUTO_DEBIT_STATUS",
    "INVOICE_AMOUNT",
    "INVOICE_KEY_REUSED",
    "INVOICE_KIND",
    "INVOICE_NOT_BILLABLE",
    "INVOICE_NOT_ISSUED",
    "INVOICE_NUMBER",
    "INVOICE_NUMBERS_EXHAUSTED",
    "INVOICE_REGION",
    "INVOICE_RENUMBERED",
    "INVOICE_TAX_ID",
    "INVOICE_TITLE",
    "INVOICE_UNKNOWN",
    "MANDATE_BANK",
    "MANDATE_CARD",
    "MANDATE_DUPLICATE",
    "MANDATE_OVER_LIMIT",
    "MANDATE_RETRY_SCHEDULE",
    "MANDATE_UNKNOWN",
    "PAYMENT_ACTION",
    "PAYMENT_AMOUNT",
    "PAYMENT_AMOUNT_MISMATCH",
    "PAYMENT_AMOUNT_NOT_POSITIVE",
    "PAYMENT_AMOUNT_TOO_LARGE",
    "PAYMENT_CREDIT",
    "PAYMENT_KEY",
    "PAYMENT_KEY_REUSED",
    "PAYMENT_KEY_REUSED_AT_GATEWAY",
    "PAYMENT_METHOD",
    "PAYMENT_NOTHING_OWED",
    "PAYMENT_NOTIFICATION_FORGED",
    "PAYMENT_NOTIFICATION_MALFORMED",
    "PAYMENT_NOT_ACCESSORY_PRODUCT",
    "PAYMENT_NOT_COMBO_PLAN_PRODUCT",
    "PAYMENT_NOT_DATA_CARD_PRODUCT",
    "PAYMENT_NOT_NUMBER_PRODUCT",
    "PAYMENT_NOT_PACK_PRODUCT",
    "PAYMENT_NOT_PHONE_PRODUCT",
    "PAYMENT_NOT_PLAN_PRODUCT",
    "PAYMENT_NOT_RECHARGE_CARD_PRODUCT",
    "PAYMENT_NOT_REFUNDABLE",
    "PAYMENT_NOT_SUCCEEDED",
    "PAYMENT_NOT_TOP_UP_NUMBER",
    "PAYMENT_NOT_TOP_UP_PRODUCT",
    "PAYMENT_OTHERS_DAILY_LIMIT",
    "PAYMENT_OTHER_CARRIER",
    "PAYMENT_OUTCOME",
    "PAYMENT_PURPOSE",
    "PAYMENT_RECORD_BILL",
    "PAYMENT_RECORD_REQUEST",
    "PAYMENT_SETTINGS",
    "PAYMENT_SUBJECT",
    "PAYMENT_UNKNOWN",
    "PAYMENT_UNKNOWN_NUMBER",
    "PAYMENT_UNKNOWN_TRADE",
    "PAYMENT_WRONG_PURPOSE",
    "RECHARGE_CARD_ALREADY_REDEEMED",
    "RECHARGE_CARD_BATCH",
    "RECHARGE_CARD_BATCHES_EXHAUSTED",
    "RECHARGE_CARD_COUNT",
    "RECHARGE_CARD_EXPIRED",
    "RECHARGE_CARD_EXPIRY",
    "RECHARGE_CARD_FACE_VALUE",
    "RECHARGE_CARD_INACTIVE",
    "RECHARGE_CARD_KIND",
    "RECHARGE_CARD_NOT_IN_STOCK",
    "RECHARGE_CARD_NOT_ORDERED",
    "RECHARGE_CARD_NOT_PAID",
    "RECHARGE_CARD_OUT_OF_STOCK",
    "RECHARGE_CARD_QUANTITY",
    "RECHARGE_CARD_SECRET_FORMAT",
    "RECHARGE_CARD_STATUS",
    "RECHARGE_CARD_TOO_MANY_ATTEMPTS",
    "RECHARGE_CARD_WRONG_SECRET",
]

AUTO_DEBIT_STATUS = ErrorCode(
    "auto_debit.status", InvalidInput, "{field} has the wrong type", fields=("field",)
)
INVOICE_AMOUNT = ErrorCode(
    "invoice.amount", InvalidInput, "{field} has the wrong type", fields=("field",)
)
INVOICE_KEY_REUSED = ErrorCode(
    "invoice.key_reused", Conflict, "this invoice key was used for another invoice"
)
INVOICE_KIND = ErrorCode(
    "invoice.kind",
    InvalidInput,
    ("a blue invoice is positive; a red one is negative and cancels a blue one"),
    fields=("field",),
)
INVOICE_NOT_BILLABLE = ErrorCode(
    "invoice.not_billable", Refused, "a {status} payment gets no invoice", fields=("status",)
)
INVOICE_NOT_ISSUED = ErrorCode(
    "invoice.not_issued", Conflict, "only an issued blue invoice can be cancelled"
)
INVOICE_NUMBER = ErrorCode(
    "invoice.number", InvalidInput, "{field} is not a valid invoice number", fields=("field",)
)
INVOICE_NUMBERS_EXHAUSTED = ErrorCode(
    "invoice.numbers_exhausted", Conflict, "the invoice code has no numbers left"
)
INVOICE_REGION = ErrorCode(
    "invoice.region", InvalidInput, "a region code is 4 digits", fields=("field",)
)
INVOICE_RENUMBERED = ErrorCode("invoice.renumbered", Conflict, "the invoice is numbered already")
INVOICE_TAX_ID = ErrorCode(
    "invoice.tax_id",
    InvalidInput,
    "a taxpayer id is 15-20 digits or capital letters",
    fields=("field",),
)
INVOICE_TITLE = ErrorCode(
    "invoice.title",
    InvalidInput,
    "an invoice title is non-empty and within the length limit",
    fields=("field",),
)
INVOICE_UNKNOWN = ErrorCode(
    "invoice.unknown", NotFound, "this invoice was not issued here", fields=("id",)
)
MANDATE_BANK = ErrorCode(
    "mandate.bank", InvalidInput, "a bank name is non-empty and within the length limit"
)
MANDATE_CARD = ErrorCode(
    "mandate.card", InvalidInput, "a bank card number is 12-19 digits with a valid check digit"
)
MANDATE_OVER_LIMIT = ErrorCode(
    "mandate.over_limit",
    Refused,
    "the amount is above this mandate's limit of {limit}",
    fields=("limit",),
)
MANDATE_RETRY_SCHEDULE = ErrorCode(
    "mandate.retry_schedule",
    InvalidInput,
    "retries are a few growing, positive delays",
    fields=("field",),
)
MANDATE_UNKNOWN = ErrorCode("mandate.unknown", NotFound, "there is no such mandate")
MANDATE_DUPLICATE = ErrorCode(
    "mandate.duplicate",
    Conflict,
    "this card already has an active mandate for this number",
    optional=("mandate_id",),  # unknown while a racing signature still holds the card's slot
)
PAYMENT_ACTION = ErrorCode(
    "payment.action", InvalidInput, "{field} has the wrong type", fields=("field",)
)
PAYMENT_AMOUNT = ErrorCode(
    "payment.amount", InvalidInput, "an amount is Money", optional=("field", "value")
)
PAYMENT_AMOUNT_MISMATCH = ErrorCode(
    "payment.amount_mismatch",
    Conflict,
    "the gateway reports another amount paid for payment {payment_id}",
    fields=("payment_id",),
    optional=("amount", "expected"),
)
PAYMENT_AMOUNT_NOT_POSITIVE = ErrorCode(
    "payment.amount_not_positive",
    InvalidInput,
    "a payment is a positive amount",
    fields=("field",),
)
PAYMENT_AMOUNT_TOO_LARGE = ErrorCode(
    "payment.amount_too_large",
    InvalidInput,
    "the amount is more than the {limit} one payment may charge; pay in parts",
    fields=("field", "limit"),
)
PAYMENT_CREDIT = ErrorCode(
    "payment.credit", InvalidInput, "{field} has the wrong type", fields=("field",)
)
PAYMENT_KEY = ErrorCode(
    "payment.key",
    InvalidInput,
    "an idempotency key is 1-64 printable ASCII characters without spaces",
    fields=("field",),
)
PAYMENT_KEY_REUSED = ErrorCode(
    "payment.key_reused",
    Conflict,
    "this idempotency key was used for another payment; choose a new key",
    fields=("payment_id",),
)
PAYMENT_METHOD = ErrorCode(
    "payment.method", InvalidInput, "a top-up is paid on a page or in an app", optional=("field",)
)
PAYMENT_NOT_ACCESSORY_PRODUCT = ErrorCode(
    "payment.not_accessory_product", Refused, "the product is not an accessory"
)
PAYMENT_NOT_COMBO_PLAN_PRODUCT = ErrorCode(
    "payment.not_combo_plan_product", Refused, "the product is not a combo plan"
)
PAYMENT_NOT_DATA_CARD_PRODUCT = ErrorCode(
    "payment.not_data_card_product", Refused, "the product is not a data card"
)
PAYMENT_NOT_NUMBER_PRODUCT = ErrorCode(
    "payment.not_number_product", Refused, "the product is not a number"
)
PAYMENT_NOT_PACK_PRODUCT = ErrorCode(
    "payment.not_pack_product", Refused, "the product is not a pack"
)
PAYMENT_NOT_PHONE_PRODUCT = ErrorCode(
    "payment.not_phone_product", Refused, "the product is not a phone"
)
PAYMENT_NOT_PLAN_PRODUCT = ErrorCode(
    "payment.not_plan_product", Refused, "the product is not a plan"
)
PAYMENT_NOT_RECHARGE_CARD_PRODUCT = ErrorCode(
    "payment.not_recharge_card_product", Refused, "the product is not a recharge card"
)
PAYMENT_NOT_REFUNDABLE = ErrorCode(
    "payment.not_refundable",
    Refused,
    "payment {payment_id} cannot be refunded now",
    fields=("payment_id",),
    optional=("status",),
)
PAYMENT_NOT_SUCCEEDED = ErrorCode(
    "payment.not_succeeded",
    Refused,
    "payment {payment_id} has not succeeded: nothing to deliver",
    fields=("payment_id",),
)
PAYMENT_NOT_TOP_UP_NUMBER = ErrorCode(
    "payment.not_top_up_number",
    Refused,
    "only mobile and data-card numbers are topped up; pay a bill instead",
    fields=("kind",),
)
PAYMENT_NOT_TOP_UP_PRODUCT = ErrorCode(
    "payment.not_top_up_product", Refused, "the product is not a top up"
)
PAYMENT_NOTHING_OWED = ErrorCode("payment.nothing_owed", Refused, "the account owes nothing now")
PAYMENT_NOTIFICATION_FORGED = ErrorCode(
    "payment.notification_forged", Refused, "the notification's signature is wrong"
)
PAYMENT_NOTIFICATION_MALFORMED = ErrorCode(
    "payment.notification_malformed", InvalidInput, "cannot read the payment notification"
)
PAYMENT_OUTCOME = ErrorCode(
    "payment.outcome", InvalidInput, "{field} has the wrong type", fields=("field",)
)
PAYMENT_PURPOSE = ErrorCode(
    "payment.purpose", InvalidInput, "{field} has the wrong type", fields=("field",)
)
PAYMENT_SETTINGS = ErrorCode(
    "payment.settings", InvalidInput, "{field} is a positive timedelta", fields=("field",)
)
PAYMENT_SUBJECT = ErrorCode(
    "payment.subject", InvalidInput, "{field} has the wrong type", fields=("field",)
)
PAYMENT_UNKNOWN = ErrorCode(
    "payment.unknown", NotFound, "there is no such payment", optional=("id",)
)
PAYMENT_UNKNOWN_NUMBER = ErrorCode(
    "payment.unknown_number", NotFound, "no subscriber of this hall has this number"
)
PAYMENT_OTHER_CARRIER = ErrorCode(
    "payment.other_carrier",
    Refused,
    "this is not a number of this carrier ({carrier}): top it up with its own carrier",
    fields=("carrier",),
)
PAYMENT_OTHERS_DAILY_LIMIT = ErrorCode(
    "payment.others_daily_limit",
    Refused,
    "you reached today's limit of {what} for other numbers; try again tomorrow",
    fields=("what", "retry_at"),
)
PAYMENT_UNKNOWN_TRADE = ErrorCode(
    "payment.unknown_trade", NotFound, "no payment has this trade number"
)
PAYMENT_WRONG_PURPOSE = ErrorCode(
    "payment.wrong_purpose", InvalidInput, "the payment was made for another purpose"
)
RECHARGE_CARD_ALREADY_REDEEMED = ErrorCode(
    "recharge_card.already_redeemed",
    Conflict,
    "this card was redeemed already",
    fields=("redeemed_at",),
)
RECHARGE_CARD_BATCH = ErrorCode(
    "recharge_card.batch", InvalidInput, "a batch number is 1..9999999", fields=("field",)
)
RECHARGE_CARD_BATCHES_EXHAUSTED = ErrorCode(
    "recharge_card.batches_exhausted", Conflict, "no batch number is left"
)
RECHARGE_CARD_COUNT = ErrorCode(
    "recharge_card.count",
    InvalidInput,
    "a batch holds at least one card and no more than the batch limit",
    fields=("field",),
)
RECHARGE_CARD_EXPIRED = ErrorCode(
    "recharge_card.expired", Refused, "this card expired at {expired_at}", fields=("expired_at",)
)
RECHARGE_CARD_EXPIRY = ErrorCode(
    "recharge_card.expiry", InvalidInput, "a batch expires after it is issued", fields=("field",)
)
RECHARGE_CARD_FACE_VALUE = ErrorCode(
    "recharge_card.face_value",
    InvalidInput,
    "a face value is a whole number of yuan below 1000",
    fields=("field",),
)
RECHARGE_CARD_INACTIVE = ErrorCode(
    "recharge_card.inactive", Refused, "this card is not on sale", fields=("serial",)
)
RECHARGE_CARD_KIND = ErrorCode(
    "recharge_card.kind", InvalidInput, "{field} has the wrong type", fields=("field",)
)
RECHARGE_CARD_NOT_IN_STOCK = ErrorCode(
    "recharge_card.not_in_stock", Conflict, "card {serial} is not in stock", fields=("serial",)
)
RECHARGE_CARD_NOT_ORDERED = ErrorCode(
    "recharge_card.not_ordered", Conflict, "card {serial} is not of this order", fields=("serial",)
)
RECHARGE_CARD_NOT_PAID = ErrorCode("recharge_card.not_paid", Refused, "the order is not paid (yet)")
RECHARGE_CARD_OUT_OF_STOCK = ErrorCode(
    "recharge_card.out_of_stock", Conflict, "not enough cards of this face value are in stock"
)
RECHARGE_CARD_QUANTITY = ErrorCode(
    "recharge_card.quantity", InvalidInput, "a quantity is an integer"
)
RECHARGE_CARD_SECRET_FORMAT = ErrorCode(
    "recharge_card.secret_format",
    InvalidInput,
    "a recharge card secret is a fixed number of digits",
    fields=("field",),
)
RECHARGE_CARD_STATUS = ErrorCode(
    "recharge_card.status", InvalidInput, "{field} has the wrong type", fields=("field",)
)
RECHARGE_CARD_TOO_MANY_ATTEMPTS = ErrorCode(
    "recharge_card.too_many_attempts",
    Refused,
    "too many wrong secrets today; try again tomorrow",
    fields=("retry_at",),
)
RECHARGE_CARD_WRONG_SECRET = ErrorCode(
    "recharge_card.wrong_secret", Refused, "no card has this secret"
)
PAYMENT_KEY_REUSED_AT_GATEWAY = PAYMENT_KEY_REUSED.variant(
    InvalidInput, "this key was paid for another amount", optional=("idempotency_key",)
)

PAYMENT_RECORD_BILL = ErrorCode(
    "payment.record_bill",
    InvalidInput,
    "bill {bill_id} is not a bill of this account",
    fields=("bill_id",),
)

PAYMENT_RECORD_REQUEST = ErrorCode(
    "payment.record_request", InvalidInput, "{field} is invalid", fields=("field",)
)
