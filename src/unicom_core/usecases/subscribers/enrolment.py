"""Enrol a number (开户): a holder's customer, an account, the subscriber on its plan (F-SHOP-3).

One function for every way a new number reaches a holder: the shop's signed delivery of a
phone card (F-SHOP-3) and the back office's enrolment call :func:`enrol_number` in the
transaction that activates the number, so both find the customer by resident ID (or make a
new, VERIFIED one: the ID was checked through the identity port before), hold the number's
slot under the cap of five (:func:`~unicom_core.usecases.subscribers.take_number_slots`,
``realname.cap_reached``), open an account (credited with the pre-stored fee, if any) and
store the subscriber ACTIVE on its plan. The number is unique in the store
(``storage.duplicate_number``), so a number is never enrolled twice.

The service password is the access area's (above this one): the caller adds the initial
credential in the same transaction (the shop does).
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.shared import DomainEvent, new_id, to_shanghai
from unicom_core.domain.subscribers import (
    Account,
    AccountId,
    Customer,
    CustomerId,
    NetworkGeneration,
    PaymentMode,
    RealNameStatus,
    ServiceKind,
    ServiceNumber,
    Subscriber,
    SubscriberId,
    SubscriberStatus,
)
from unicom_core.usecases.shared import put
from unicom_core.usecases.subscribers.numbers_cap import NUMBERS_PER_RESIDENT_ID, take_number_slots

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.shared import Money, ResidentId
    from unicom_core.ports.subscribers import SubscriberRepositories

__all__ = ["Enrolment", "enrol_number"]

_PUK_DIGITS = 8


@attrs.frozen(slots=True)
class Enrolment:
    """What enrolling a number stored: its customer, its new account and the subscriber."""

    customer: Customer
    account: Account
    subscriber: Subscriber
    events: tuple[DomainEvent, ...] = ()


def _holder(tx: SubscriberRepositories, name: str, resident_id: ResidentId) -> Customer:
    found = tx.customers.find_by_resident_id(resident_id)
    if found is not None:
        return found
    return Customer(CustomerId(new_id()), name, resident_id, RealNameStatus.VERIFIED)


def enrol_number(  # noqa: PLR0913 - an enrolment is exactly these facts
    tx: SubscriberRepositories,
    *,
    name: str,
    resident_id: ResidentId,
    number: str,
    plan_code: str,
    at: datetime,
    prestore: Money | None = None,
    payment_mode: PaymentMode = PaymentMode.PREPAID,
    limit: int = NUMBERS_PER_RESIDENT_ID,
) -> Enrolment:
    """Activate mobile ``number`` on ``plan_code`` for the holder of ``resident_id`` (F-SHOP-3).

    The customer holding ``resident_id`` gets the number (a new VERIFIED customer named
    ``name`` if none does); ``limit`` is the slots the ID may fill (the shop passes five less
    the ID's other open orders). A new account is opened for the number and credited with
    ``prestore`` (the number tier's pre-stored fee); the subscriber is ACTIVE from ``at``'s
    day, 4G, with a fresh PUK. Call it in the transaction that activates the number.

    Raises:
        Refused: ``realname.cap_reached`` (nothing saved).
        Conflict: ``storage.duplicate_number`` if the number is held already (at commit in
            the memory store).
        InvalidInput: ``subscriber.*`` / ``customer.*`` for a malformed number, plan or name.
    """
    now = to_shanghai(at, field="at")
    customer = _holder(tx, name, resident_id)
    take_number_slots(tx, customer, 1, limit=limit)
    account = Account(AccountId(new_id()), customer.id)
    events: list[DomainEvent] = []
    if prestore is not None and prestore.is_positive:
        events += account.credit(prestore, at=now, reference=f"prestore:{number}")
    put(tx.accounts, account)
    subscriber = Subscriber(
        SubscriberId(new_id()),
        customer.id,
        account.id,
        ServiceNumber.parse(ServiceKind.MOBILE, number),
        plan_code,
        now.date(),
        payment_mode,
        NetworkGeneration.G4,
        f"{secrets.randbelow(10**_PUK_DIGITS):0{_PUK_DIGITS}d}",
        SubscriberStatus.ACTIVE,
    )
    tx.subscribers.add(subscriber)
    return Enrolment(customer, account, subscriber, tuple(events))
