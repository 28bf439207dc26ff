"""The customer (客户): the person holding numbers and accounts, and their real-name status.

A customer is identified in the store by a :data:`CustomerId` and in the world by a
:class:`~unicom_core.domain.shared.resident_id.ResidentId` (unique per store). The real-name status
moves UNVERIFIED/REJECTED -> PENDING -> VERIFIED or REJECTED (F-REAL-1, F-REAL-2); each move
returns a :class:`CustomerRealNameChanged` event.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, NewType

import attrs

from unicom_core.domain.shared import (
    DomainEvent,
    ResidentId,
    check_id,
    check_version,
    domain_event,
    guarded,
    instance_of,
    require_aware,
    update,
)
from unicom_core.domain.subscribers.codes import (
    CUSTOMER_NAME,
    CUSTOMER_REAL_NAME_STATUS,
    CUSTOMER_REAL_NAME_TRANSITION,
    CUSTOMER_RESIDENT_ID,
)

if TYPE_CHECKING:
    from datetime import datetime

    from attrs import Attribute

__all__ = [
    "Customer",
    "CustomerId",
    "CustomerRealNameChanged",
    "RealNameStatus",
]

CustomerId = NewType("CustomerId", str)
"""The store's id of a customer (a uuid4 hex made by the caller)."""

_NAME_MAX = 50


class RealNameStatus(enum.Enum):
    """Where a customer stands in real-name registration (实名制, F-REAL-1)."""

    UNVERIFIED = "unverified"
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"


_REAL_NAME_MOVES: dict[RealNameStatus, frozenset[RealNameStatus]] = {
    RealNameStatus.PENDING: frozenset({RealNameStatus.UNVERIFIED, RealNameStatus.REJECTED}),
    RealNameStatus.VERIFIED: frozenset({RealNameStatus.PENDING}),
    RealNameStatus.REJECTED: frozenset({RealNameStatus.PENDING}),
}


def _strip(value: str) -> str:
    return value.strip() if isinstance(value, str) else value


def _check_name(_instance: object, _attribute: Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not 1 <= len(value) <= _NAME_MAX or not value.isprintable():
        raise CUSTOMER_NAME.error(
            f"a customer's name is 1-{_NAME_MAX} printable characters", field="name"
        )


@domain_event("customer.real_name_changed")
@attrs.frozen(slots=True, kw_only=True)
class CustomerRealNameChanged(DomainEvent):
    """A customer's real-name status moved (F-REAL-1)."""

    previous: RealNameStatus
    status: RealNameStatus


@attrs.define(slots=True)
class Customer:
    """A customer: name, resident ID and real-name status (F-QRY-7, F-REAL).

    The name is stripped and holds 1-50 printable characters (``customer.name``).
    """

    id: CustomerId = attrs.field(validator=check_id, on_setattr=guarded)
    name: str = attrs.field(converter=_strip, validator=_check_name, on_setattr=guarded)
    resident_id: ResidentId = attrs.field(
        validator=instance_of(ResidentId, CUSTOMER_RESIDENT_ID), on_setattr=guarded
    )
    real_name_status: RealNameStatus = attrs.field(
        default=RealNameStatus.UNVERIFIED,
        validator=instance_of(RealNameStatus, CUSTOMER_REAL_NAME_STATUS),
        on_setattr=guarded,
    )
    version: int = attrs.field(default=0, validator=check_version)

    def submit_real_name(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Registration submitted for checking: from UNVERIFIED or REJECTED to PENDING."""
        return self._move(RealNameStatus.PENDING, at)

    def verify_real_name(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """The identity port confirmed the registration: PENDING to VERIFIED (F-REAL-3)."""
        return self._move(RealNameStatus.VERIFIED, at)

    def reject_real_name(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """The identity port refused the registration: PENDING to REJECTED (F-REAL-3)."""
        return self._move(RealNameStatus.REJECTED, at)

    def _move(self, status: RealNameStatus, at: datetime) -> tuple[DomainEvent, ...]:
        """Move to ``status`` if allowed; ``Refused`` ``customer.real_name_transition`` if not."""
        previous = self.real_name_status
        if previous not in _REAL_NAME_MOVES[status]:
            raise CUSTOMER_REAL_NAME_TRANSITION.error(previous=previous.value, status=status.value)
        event = CustomerRealNameChanged(
            aggregate_id=self.id, occurred_at=require_aware(at), previous=previous, status=status
        )
        update(self, real_name_status=status)
        return (event,)
