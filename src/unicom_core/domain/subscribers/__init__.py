"""Customers, their accounts and subscribers (numbers), with their events (F-QRY-7, F-REAL-1)."""

from __future__ import annotations

from unicom_core.domain.subscribers.accounts import (
    Account,
    AccountCredited,
    AccountCreditLimitChanged,
    AccountDebited,
    AccountId,
    LedgerEntry,
)
from unicom_core.domain.subscribers.customers import (
    Customer,
    CustomerId,
    CustomerRealNameChanged,
    RealNameStatus,
)
from unicom_core.domain.subscribers.events import (
    SubscriberCancelled,
    SubscriberGenerationUpgraded,
    SubscriberPlanChanged,
    SubscriberReactivated,
    SubscriberSuspended,
)
from unicom_core.domain.subscribers.subscribers import (
    Subscriber,
    SubscriberId,
)
from unicom_core.domain.subscribers.values import (
    NetworkAge,
    NetworkGeneration,
    NumberIdentifier,
    PaymentMode,
    ServiceKind,
    ServiceNumber,
    SubscriberStatus,
    number_key,
)

__all__ = [
    "Account",
    "AccountCreditLimitChanged",
    "AccountCredited",
    "AccountDebited",
    "AccountId",
    "Customer",
    "CustomerId",
    "CustomerRealNameChanged",
    "LedgerEntry",
    "NetworkAge",
    "NetworkGeneration",
    "NumberIdentifier",
    "PaymentMode",
    "RealNameStatus",
    "ServiceKind",
    "ServiceNumber",
    "Subscriber",
    "SubscriberCancelled",
    "SubscriberGenerationUpgraded",
    "SubscriberId",
    "SubscriberPlanChanged",
    "SubscriberReactivated",
    "SubscriberStatus",
    "SubscriberSuspended",
    "number_key",
]
