"""The subscribers area's ports: storage of customers, numbers, accounts; identity (F-REAL-2)."""

from __future__ import annotations

from unicom_core.ports.subscribers.identity import IdentityAnswer, IdentityVerifier
from unicom_core.ports.subscribers.storage import (
    AccountRepository,
    CustomerRepository,
    SubscriberRepositories,
    SubscriberRepository,
)

__all__ = [
    "AccountRepository",
    "CustomerRepository",
    "IdentityAnswer",
    "IdentityVerifier",
    "SubscriberRepositories",
    "SubscriberRepository",
]
