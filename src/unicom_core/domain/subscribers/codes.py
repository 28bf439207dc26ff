"""The error codes of the subscribers area (its domain, ports and use cases).

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`).
"""

from __future__ import annotations

from unicom_core.errors import AdapterError, Conflict, ErrorCode, InvalidInput, Refused

__all__ = [
    "ACCOUNT_AMOUNT",
    "ACCOUNT_BALANCE",
    "ACCOUNT_CREDIT_LIMIT",
    "ACCOUNT_CREDIT_LIMIT_BELOW_DEBT",
    "ACCOUNT_CURRENCY",
    "ACCOUNT_INSUFFICIENT_FUNDS",
    "ACCOUNT_LEDGER",
    "ACCOUNT_REFERENCE",
    "CUSTOMER_NAME",
    "CUSTOMER_REAL_NAME_STATUS",
    "CUSTOMER_REAL_NAME_TRANSITION",
    "CUSTOMER_RESIDENT_ID",
    "IDENTITY_ANSWER",
    "IDENTITY_UNAVAILABLE",
    "PAYMENT_BILL_PAYMENT_OPEN",
    "REALNAME_CAP_REACHED",
    "REALNAME_COMPLETE",
    "REALNAME_DECEASED",
    "REALNAME_ID_IN_USE",
    "REALNAME_MISMATCH",
    "REALNAME_SHARED_ACCOUNT",
    "REALNAME_TOO_MANY_ATTEMPTS",
    "REALNAME_UNAVAILABLE",
    "SUBSCRIBER_CANCELLED",
    "SUBSCRIBER_GENERATION",
    "SUBSCRIBER_GENERATION_NOT_HIGHER",
    "SUBSCRIBER_JOINED_ON",
    "SUBSCRIBER_NETWORK_AGE_DATE",
    "SUBSCRIBER_NOT_ACTIVE",
    "SUBSCRIBER_NOT_SUSPENDED",
    "SUBSCRIBER_NO_GENERATION",
    "SUBSCRIBER_NUMBER",
    "SUBSCRIBER_PAYMENT_MODE",
    "SUBSCRIBER_PLAN",
    "SUBSCRIBER_PUK",
    "SUBSCRIBER_SAME_CUSTOMER",
    "SUBSCRIBER_SAME_PLAN",
    "SUBSCRIBER_SERVICE_KIND",
    "SUBSCRIBER_STATUS",
]

ACCOUNT_AMOUNT = ErrorCode(
    "account.amount", InvalidInput, "{field} has the wrong type", fields=("field",)
)
ACCOUNT_BALANCE = ErrorCode(
    "account.balance",
    InvalidInput,
    "the balance is below minus the credit limit",
    fields=("field",),
)
ACCOUNT_CREDIT_LIMIT = ErrorCode(
    "account.credit_limit", InvalidInput, "a credit limit is never negative", fields=("field",)
)
ACCOUNT_CREDIT_LIMIT_BELOW_DEBT = ErrorCode(
    "account.credit_limit_below_debt",
    Refused,
    "a limit of {credit_limit} does not cover the balance of {balance}",
    fields=("balance", "credit_limit"),
)
ACCOUNT_CURRENCY = ErrorCode(
    "account.currency",
    InvalidInput,
    "balance and credit limit share one currency",
    fields=("field",),
)
ACCOUNT_INSUFFICIENT_FUNDS = ErrorCode(
    "account.insufficient_funds",
    Refused,
    "{amount} is more than the {available} available",
    fields=("amount", "available"),
)
ACCOUNT_LEDGER = ErrorCode(
    "account.ledger",
    InvalidInput,
    "the balance is not the opening balance plus the ledger",
    fields=("field",),
)
ACCOUNT_REFERENCE = ErrorCode(
    "account.reference",
    InvalidInput,
    "a ledger reference is short text within the length limit",
    fields=("field",),
)
CUSTOMER_NAME = ErrorCode(
    "customer.name",
    InvalidInput,
    "a customer's name is printable characters within the length limit",
    fields=("field",),
)
CUSTOMER_REAL_NAME_STATUS = ErrorCode(
    "customer.real_name_status", InvalidInput, "{field} has the wrong type", fields=("field",)
)
CUSTOMER_REAL_NAME_TRANSITION = ErrorCode(
    "customer.real_name_transition",
    Refused,
    "real-name status cannot move from {previous} to {status}",
    fields=("previous", "status"),
)
CUSTOMER_RESIDENT_ID = ErrorCode(
    "customer.resident_id", InvalidInput, "{field} has the wrong type", fields=("field",)
)
IDENTITY_ANSWER = ErrorCode(
    "identity.answer", InvalidInput, "{field} is not an identity answer", fields=("field",)
)
IDENTITY_UNAVAILABLE = ErrorCode(
    "identity.unavailable",
    AdapterError,
    "the identity verification service cannot answer now",
    optional=("reason",),
)
PAYMENT_BILL_PAYMENT_OPEN = ErrorCode(
    "payment.bill_payment_open",
    Conflict,
    "a bill payment for this account is under way; finish or wait for it",
    fields=("payment_id",),
)
REALNAME_CAP_REACHED = ErrorCode(
    "realname.cap_reached",
    Refused,
    "a resident ID holds at most {limit} numbers at this carrier",
    fields=("limit",),
)
REALNAME_COMPLETE = ErrorCode(
    "realname.complete", Refused, "the holder's real-name data is complete and verified already"
)
REALNAME_DECEASED = ErrorCode(
    "realname.deceased",
    Refused,
    "the identity service reports the holder of this resident ID as deceased",
    fields=("attempts_left",),
)
REALNAME_ID_IN_USE = ErrorCode(
    "realname.id_in_use",
    Refused,
    "this resident ID is registered with another customer; re-register at a shop",
)
REALNAME_MISMATCH = ErrorCode(
    "realname.mismatch",
    Refused,
    "the name and the resident ID do not match; the data on file is unchanged",
    fields=("attempts_left",),
)
REALNAME_SHARED_ACCOUNT = ErrorCode(
    "realname.shared_account",
    Refused,
    "the number's account pays for other numbers too; re-register at a shop",
)
REALNAME_TOO_MANY_ATTEMPTS = ErrorCode(
    "realname.too_many_attempts",
    Refused,
    "too many failed re-registrations today; try again from {retry_at}",
    fields=("retry_at",),
)
REALNAME_UNAVAILABLE = ErrorCode(
    "realname.unavailable",
    Refused,
    "the identity check is unavailable; nothing was changed, try again later",
)
SUBSCRIBER_CANCELLED = ErrorCode(
    "subscriber.cancelled",
    Refused,
    "the number is cancelled; a cancelled number cannot change",
    fields=("subscriber_id",),
)
SUBSCRIBER_GENERATION = ErrorCode(
    "subscriber.generation", InvalidInput, "{field} has the wrong type", fields=("field",)
)
SUBSCRIBER_GENERATION_NOT_HIGHER = ErrorCode(
    "subscriber.generation_not_higher",
    Refused,
    "cannot upgrade from {generation} to {target}",
    fields=("generation", "target"),
)
SUBSCRIBER_JOINED_ON = ErrorCode(
    "subscriber.joined_on", InvalidInput, "{field} must be a date", fields=("field",)
)
SUBSCRIBER_NETWORK_AGE_DATE = ErrorCode(
    "subscriber.network_age_date",
    InvalidInput,
    "network age is asked for a date before the join date",
    fields=("field",),
)
SUBSCRIBER_NO_GENERATION = ErrorCode(
    "subscriber.no_generation", Refused, "this subscriber has no network generation to upgrade"
)
SUBSCRIBER_NOT_ACTIVE = ErrorCode(
    "subscriber.not_active",
    Refused,
    "only an active number can be suspended, this one is {status}",
    fields=("status",),
)
SUBSCRIBER_NOT_SUSPENDED = ErrorCode(
    "subscriber.not_suspended",
    Refused,
    "only a suspended number can be reactivated, this one is {status}",
    fields=("status",),
)
SUBSCRIBER_NUMBER = ErrorCode(
    "subscriber.number", InvalidInput, "{field} has the wrong type", fields=("field",)
)
SUBSCRIBER_PAYMENT_MODE = ErrorCode(
    "subscriber.payment_mode", InvalidInput, "{field} has the wrong type", fields=("field",)
)
SUBSCRIBER_PLAN = ErrorCode(
    "subscriber.plan",
    InvalidInput,
    "a plan code is non-blank and within the length limit",
    fields=("field",),
)
SUBSCRIBER_PUK = ErrorCode(
    "subscriber.puk", InvalidInput, "a PUK code is exactly 8 digits", fields=("field",)
)
SUBSCRIBER_SAME_CUSTOMER = ErrorCode(
    "subscriber.same_customer",
    Refused,
    "the number already belongs to customer {customer_id}",
    fields=("customer_id",),
)
SUBSCRIBER_SAME_PLAN = ErrorCode(
    "subscriber.same_plan", Refused, "the plan is already {plan}", fields=("plan",)
)
SUBSCRIBER_SERVICE_KIND = ErrorCode(
    "subscriber.service_kind", InvalidInput, "{field} has the wrong type", fields=("field",)
)
SUBSCRIBER_STATUS = ErrorCode(
    "subscriber.status", InvalidInput, "{field} has the wrong type", fields=("field",)
)
