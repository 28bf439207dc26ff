"""Customers, their accounts and subscribers (numbers), with their events (F-QRY-7, F-REAL-1)."""

from __future__ import annotations

from unicom_core.domain.subscribers import codes
from unicom_core.domain.subscribers.accounts import (
    Account,
    AccountCredited,
    AccountCreditLimitChanged,
    AccountDebited,
    AccountId,
    AccountMoved,
    LedgerEntry,
)
from unicom_core.domain.subscribers.codes import *  # noqa: F403 - the area's error codes, declared once there
from unicom_core.domain.subscribers.customers import (
    Customer,
    CustomerId,
    CustomerIdentityReplaced,
    CustomerRealNameChanged,
    RealNameStatus,
)
from unicom_core.domain.subscribers.events import (
    SubscriberCancelled,
    SubscriberGenerationUpgraded,
    SubscriberMoved,
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
    "AccountMoved",
    "Customer",
    "CustomerId",
    "CustomerIdentityReplaced",
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
    "SubscriberMoved",
    "SubscriberPlanChanged",
    "SubscriberReactivated",
    "SubscriberStatus",
    "SubscriberSuspended",
    "number_key",
]
__all__ += codes.__all__
