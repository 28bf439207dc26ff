"""Subscribers (用户): one per number a customer holds, with its basic information (F-QRY-7).

A subscriber holds a :class:`ServiceNumber`: a mobile number, a data card (上网卡, also a
mobile number), a fixed line or a broadband account (F-AUTH-1). SIM-based services (mobile,
data card) have a network generation (2G/3G/4G) and a PUK code of exactly 8 digits; fixed
lines and broadband accounts have neither. The status moves only through methods:

=====================  =========================================================
from                   allowed moves
=====================  =========================================================
ACTIVE                 suspend_for_arrears, suspend_at_request, cancel
SUSPENDED_ARREARS      reactivate, cancel
SUSPENDED_REQUEST      reactivate, cancel
CANCELLED              none: ``Refused`` ``subscriber.cancelled``
=====================  =========================================================

This module also re-exports the customer and account aggregates, the subscriber values and
events, so the storage port and its adapters import the three aggregates from one place.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, NewType

import attrs

from unicom_core.domain.shared import (
    add_months,
    check_id,
    check_version,
    guarded,
    instance_of,
    require_aware,
    require_date,
    update,
)
from unicom_core.domain.subscribers.accounts import (
    AccountId,
)
from unicom_core.domain.subscribers.codes import (
    SUBSCRIBER_CANCELLED,
    SUBSCRIBER_GENERATION,
    SUBSCRIBER_GENERATION_NOT_HIGHER,
    SUBSCRIBER_JOINED_ON,
    SUBSCRIBER_NETWORK_AGE_DATE,
    SUBSCRIBER_NO_GENERATION,
    SUBSCRIBER_NOT_ACTIVE,
    SUBSCRIBER_NOT_SUSPENDED,
    SUBSCRIBER_NUMBER,
    SUBSCRIBER_PAYMENT_MODE,
    SUBSCRIBER_PLAN,
    SUBSCRIBER_PUK,
    SUBSCRIBER_SAME_CUSTOMER,
    SUBSCRIBER_SAME_PLAN,
    SUBSCRIBER_STATUS,
)
from unicom_core.domain.subscribers.customers import (
    CustomerId,
)
from unicom_core.domain.subscribers.events import (
    SubscriberCancelled,
    SubscriberGenerationUpgraded,
    SubscriberMoved,
    SubscriberPlanChanged,
    SubscriberReactivated,
    SubscriberSuspended,
)
from unicom_core.domain.subscribers.values import (
    NetworkAge,
    NetworkGeneration,
    PaymentMode,
    ServiceNumber,
    SubscriberStatus,
)

if TYPE_CHECKING:
    from datetime import datetime

    from attrs import Attribute

    from unicom_core.domain.shared import DomainEvent

__all__ = ["Subscriber", "SubscriberId"]

SubscriberId = NewType("SubscriberId", str)
"""The store's id of a subscriber (a uuid4 hex made by the caller)."""

_MONTHS_PER_YEAR = 12
_PLAN_CODE_MAX = 64
_PUK_LENGTH = 8


def _strip(value: str) -> str:
    return value.strip() if isinstance(value, str) else value


def _check_plan_code(_instance: object, _attribute: Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not 1 <= len(value) <= _PLAN_CODE_MAX:
        raise SUBSCRIBER_PLAN.error(
            f"a plan code is 1-{_PLAN_CODE_MAX} characters after stripping", field="plan_code"
        )


def _check_puk(_instance: object, _attribute: Attribute[str | None], value: object) -> None:
    if value is None:
        return
    if (
        not isinstance(value, str)
        or len(value) != _PUK_LENGTH
        or not value.isascii()
        or not value.isdigit()
    ):
        raise SUBSCRIBER_PUK.error(field="puk")


def _check_joined_on(_instance: object, _attribute: Attribute[date], value: object) -> None:
    require_date(value, SUBSCRIBER_JOINED_ON, "joined_on")


def _mask_puk(value: str | None) -> str:
    return "None" if value is None else "'********'"


@attrs.define(slots=True)
class Subscriber:
    """A number held by a customer, with its basic information (F-QRY-7).

    ``generation`` and ``puk`` are required for SIM services and absent otherwise
    (``subscriber.generation``, ``subscriber.puk``); ``repr()`` masks the PUK.
    """

    id: SubscriberId = attrs.field(validator=check_id, on_setattr=guarded)
    customer_id: CustomerId = attrs.field(validator=check_id, on_setattr=guarded)
    account_id: AccountId = attrs.field(validator=check_id, on_setattr=guarded)
    number: ServiceNumber = attrs.field(
        validator=instance_of(ServiceNumber, SUBSCRIBER_NUMBER), on_setattr=guarded
    )
    plan_code: str = attrs.field(converter=_strip, validator=_check_plan_code, on_setattr=guarded)
    joined_on: date = attrs.field(validator=_check_joined_on, on_setattr=guarded)
    payment_mode: PaymentMode = attrs.field(
        validator=instance_of(PaymentMode, SUBSCRIBER_PAYMENT_MODE), on_setattr=guarded
    )
    generation: NetworkGeneration | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(instance_of(NetworkGeneration, SUBSCRIBER_GENERATION)),
        on_setattr=guarded,
    )
    puk: str | None = attrs.field(
        default=None, validator=_check_puk, repr=_mask_puk, on_setattr=guarded
    )
    status: SubscriberStatus = attrs.field(
        default=SubscriberStatus.ACTIVE,
        validator=instance_of(SubscriberStatus, SUBSCRIBER_STATUS),
        on_setattr=guarded,
    )
    version: int = attrs.field(default=0, validator=check_version)

    def __attrs_post_init__(self) -> None:
        """SIM services have a generation and a PUK; the others have neither."""
        sim = self.number.kind.has_sim
        if (self.generation is not None) != sim:
            raise SUBSCRIBER_GENERATION.error(
                f"a {self.number.kind.value} subscriber {'needs' if sim else 'has no'} "
                "network generation",
                field="generation",
            )
        if (self.puk is not None) != sim:
            raise SUBSCRIBER_PUK.error(
                f"a {self.number.kind.value} subscriber {'needs' if sim else 'has no'} PUK code",
                field="puk",
            )

    def network_age_on(self, day: date) -> NetworkAge:
        """Completed years and months from the join date to ``day`` (网龄, F-QRY-7).

        Month n is counted from the join date as an anchor (docs/explanation/calendar.md), so a
        number joined on 2020-02-29 completes a year on 2021-02-28 and one joined on
        01-31 completes a month on the last day of February.

        Raises:
            InvalidInput: ``subscriber.network_age_date`` if ``day`` is before the join date.
        """
        day = require_date(day, SUBSCRIBER_NETWORK_AGE_DATE, "day")
        if day < self.joined_on:
            raise SUBSCRIBER_NETWORK_AGE_DATE.error(field="day")
        months = (day.year - self.joined_on.year) * _MONTHS_PER_YEAR
        months += day.month - self.joined_on.month
        if add_months(self.joined_on, months) > day:
            months -= 1
        return NetworkAge(*divmod(months, _MONTHS_PER_YEAR))

    def suspend_for_arrears(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Suspend an active number whose account is in arrears (欠费停机)."""
        return self._suspend(SubscriberStatus.SUSPENDED_ARREARS, at)

    def suspend_at_request(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Suspend an active number at the customer's request (停机保号)."""
        return self._suspend(SubscriberStatus.SUSPENDED_REQUEST, at)

    def reactivate(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Bring a suspended number back to ACTIVE; never a cancelled one (F-QRY-7)."""
        self._refuse_if_cancelled()
        if not self.status.is_suspended:
            raise SUBSCRIBER_NOT_SUSPENDED.error(status=self.status.value)
        event = SubscriberReactivated(
            aggregate_id=self.id, occurred_at=require_aware(at), previous=self.status
        )
        update(self, status=SubscriberStatus.ACTIVE)
        return (event,)

    def cancel(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Cancel the number for good (销户); a cancelled number stays cancelled."""
        self._refuse_if_cancelled()
        event = SubscriberCancelled(
            aggregate_id=self.id, occurred_at=require_aware(at), previous=self.status
        )
        update(self, status=SubscriberStatus.CANCELLED)
        return (event,)

    def upgrade_generation(
        self, target: NetworkGeneration = NetworkGeneration.G4, *, at: datetime
    ) -> tuple[DomainEvent, ...]:
        """Move a SIM service to a higher network generation, by default 4G (F-BIZ-4)."""
        self._refuse_if_cancelled()
        current = self.generation
        if current is None or not isinstance(target, NetworkGeneration):
            raise SUBSCRIBER_NO_GENERATION.error(
                f"a {self.number.kind.value} subscriber has no network generation to upgrade"
            )
        if target.rank <= current.rank:
            raise SUBSCRIBER_GENERATION_NOT_HIGHER.error(
                generation=current.value, target=target.value
            )
        event = SubscriberGenerationUpgraded(
            aggregate_id=self.id, occurred_at=require_aware(at), previous=current, generation=target
        )
        update(self, generation=target)
        return (event,)

    def change_plan(self, plan_code: str, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Point the subscriber at another plan (F-BIZ-3); ``subscriber.same_plan`` if unchanged."""
        self._refuse_if_cancelled()
        previous, new_code = self.plan_code, _strip(plan_code)
        if new_code == previous:
            raise SUBSCRIBER_SAME_PLAN.error(plan=previous)
        event = SubscriberPlanChanged(
            aggregate_id=self.id,
            occurred_at=require_aware(at),
            previous=previous,
            plan_code=new_code,
        )
        update(self, plan_code=new_code)
        return (event,)

    def move_to(self, customer_id: CustomerId, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Join another customer, the holder of the resident ID re-registered with (F-REAL-2).

        The account moves with the number (:meth:`Account.move_to`); a cancelled number stays
        where it is (``subscriber.cancelled``), the same customer is ``subscriber.same_customer``.
        """
        self._refuse_if_cancelled()
        if customer_id == self.customer_id:
            raise SUBSCRIBER_SAME_CUSTOMER.error(customer_id=customer_id)
        previous = self.customer_id
        update(self, customer_id=customer_id)
        event = SubscriberMoved(
            aggregate_id=self.id,
            occurred_at=require_aware(at),
            previous=previous,
            customer_id=self.customer_id,
        )
        return (event,)

    def _suspend(self, status: SubscriberStatus, at: datetime) -> tuple[DomainEvent, ...]:
        self._refuse_if_cancelled()
        if self.status is not SubscriberStatus.ACTIVE:
            raise SUBSCRIBER_NOT_ACTIVE.error(status=self.status.value)
        event = SubscriberSuspended(
            aggregate_id=self.id, occurred_at=require_aware(at), status=status
        )
        update(self, status=status)
        return (event,)

    def _refuse_if_cancelled(self) -> None:
        if self.status is SubscriberStatus.CANCELLED:
            raise SUBSCRIBER_CANCELLED.error(subscriber_id=self.id)
