"""The customer (客户): the person holding numbers and accounts, and their real-name status.

A customer is identified in the store by a :data:`CustomerId` and in the world by a
:class:`~unicom_core.domain.shared.resident_id.ResidentId` (unique per store). The real-name status
moves UNVERIFIED/REJECTED -> PENDING -> VERIFIED or REJECTED (F-REAL-1, F-REAL-2); each move
returns a :class:`CustomerRealNameChanged` event.

A customer who joined without complete real-name data is one not VERIFIED yet
(:attr:`Customer.needs_real_name`): its name and resident ID are what was given at joining,
unchecked. Re-registration (实名补登记, F-REAL-2) replaces both at once, and only once the
identity port confirmed them (:meth:`Customer.register_real_name`); its event carries the
masked forms only.
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
    "CustomerIdentityReplaced",
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


@domain_event("customer.identity_replaced")
@attrs.frozen(slots=True, kw_only=True)
class CustomerIdentityReplaced(DomainEvent):
    """Re-registration replaced the name and resident ID, both shown masked (F-REAL-2)."""

    holder: str
    resident_id: str


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

    def masked_name(self) -> str:
        """The name as a stranger may see it: the first character, then ``*`` (``張*``).

        A payer topping up someone else's number, an acceptance form, a log line: none shows
        more of a holder's name than this (F-REAL).
        """
        return self.name[0] + "*" * max(1, len(self.name) - 1)

    @property
    def needs_real_name(self) -> bool:
        """Whether the customer joined without complete real-name data: not VERIFIED (F-REAL-2)."""
        return self.real_name_status is not RealNameStatus.VERIFIED

    def register_real_name(
        self, name: str, resident_id: ResidentId, *, at: datetime
    ) -> tuple[DomainEvent, ...]:
        """Replace name and resident ID with data the identity port confirmed (F-REAL-2).

        The status moves to VERIFIED (through PENDING unless it is PENDING already). All or
        nothing: a VERIFIED customer is refused (``customer.real_name_transition``) and a bad
        name (``customer.name``) or ID (``customer.resident_id``) leaves the customer as it was.
        """
        if not self.needs_real_name:
            raise CUSTOMER_REAL_NAME_TRANSITION.error(
                previous=self.real_name_status.value, status=RealNameStatus.VERIFIED.value
            )
        at = require_aware(at)
        checked = attrs.evolve(self, name=name, resident_id=resident_id)
        events: list[DomainEvent] = []
        if self.real_name_status is not RealNameStatus.PENDING:
            events += self.submit_real_name(at=at)
        update(self, name=checked.name, resident_id=checked.resident_id)
        events.append(
            CustomerIdentityReplaced(
                aggregate_id=self.id,
                occurred_at=at,
                holder=self.masked_name(),
                resident_id=self.resident_id.masked(),
            )
        )
        return (*events, *self.verify_real_name(at=at))

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
