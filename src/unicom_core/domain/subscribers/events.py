"""The events a subscriber reports when its status, generation, plan or holder changes (F-QRY-7).

Fields are simple values (ids, enums, strings) that the cattrs converter stores as they are.
Re-exported by :mod:`unicom_core.domain.subscribers.subscribers`.
"""

from __future__ import annotations

import attrs

from unicom_core.domain.shared import DomainEvent, domain_event
from unicom_core.domain.subscribers.values import NetworkGeneration, SubscriberStatus

__all__ = [
    "SubscriberCancelled",
    "SubscriberGenerationUpgraded",
    "SubscriberMoved",
    "SubscriberPlanChanged",
    "SubscriberReactivated",
    "SubscriberSuspended",
]


@domain_event("subscriber.suspended")
@attrs.frozen(slots=True, kw_only=True)
class SubscriberSuspended(DomainEvent):
    """An active number was suspended, for arrears or at request (F-QRY-7)."""

    status: SubscriberStatus


@domain_event("subscriber.reactivated")
@attrs.frozen(slots=True, kw_only=True)
class SubscriberReactivated(DomainEvent):
    """A suspended number is active again (F-QRY-7)."""

    previous: SubscriberStatus


@domain_event("subscriber.cancelled")
@attrs.frozen(slots=True, kw_only=True)
class SubscriberCancelled(DomainEvent):
    """A number was cancelled for good (F-QRY-7)."""

    previous: SubscriberStatus


@domain_event("subscriber.generation_upgraded")
@attrs.frozen(slots=True, kw_only=True)
class SubscriberGenerationUpgraded(DomainEvent):
    """A SIM service moved to a higher network generation, e.g. to 4G (F-BIZ-4)."""

    previous: NetworkGeneration
    generation: NetworkGeneration


@domain_event("subscriber.plan_changed")
@attrs.frozen(slots=True, kw_only=True)
class SubscriberPlanChanged(DomainEvent):
    """The subscriber's current plan reference changed (F-BIZ-3, F-QRY-7)."""

    previous: str
    plan_code: str


@domain_event("subscriber.moved")
@attrs.frozen(slots=True, kw_only=True)
class SubscriberMoved(DomainEvent):
    """The number joined the customer holding the resident ID it re-registered with (F-REAL-2)."""

    previous: str
    customer_id: str
