"""The subscribers area's ports: the storage of customers, subscribers and accounts."""

from __future__ import annotations

from unicom_core.ports.subscribers.storage import (
    AccountRepository,
    CustomerRepository,
    SubscriberRepositories,
    SubscriberRepository,
)

__all__ = [
    "AccountRepository",
    "CustomerRepository",
    "SubscriberRepositories",
    "SubscriberRepository",
]
