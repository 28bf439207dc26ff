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
from datetime import date
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.shared import DomainEvent, Money, new_id, to_shanghai
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

    from unicom_core.domain.shared import ResidentId
    from unicom_core.ports.subscribers import SubscriberRepositories

__all__ = ["Enrolment", "Opening", "enrol_number"]

_PUK_DIGITS = 8


@attrs.frozen(slots=True, kw_only=True)
class Opening:
    """What the back office fixes of a new number (:func:`enrol_number`); None: the default.

    ``subscriber_id`` / ``account_id``: the ids (default: fresh ones); ``credit_limit``: the
    new account's (default zero); ``generation``: the number's network (default 4G);
    ``joined_on``: the day it joined (default: the day of ``at``); ``customer_id``: a new
    holder's id (default: a fresh one); ``on_existing_account``: ``account_id`` names a stored
    account of the holder (the caller checked it), which the number joins: no account is
    opened, and a pre-stored fee is credited to it.
    """

    subscriber_id: SubscriberId | None = None
    account_id: AccountId | None = None
    credit_limit: Money | None = None
    generation: NetworkGeneration = NetworkGeneration.G4
    joined_on: date | None = None
    customer_id: CustomerId | None = None
    on_existing_account: bool = False


@attrs.frozen(slots=True)
class Enrolment:
    """What enrolling a number stored: its customer, its new account and the subscriber."""

    customer: Customer
    account: Account
    subscriber: Subscriber
    events: tuple[DomainEvent, ...] = ()


def _holder(
    tx: SubscriberRepositories, name: str, resident_id: ResidentId, customer_id: CustomerId | None
) -> Customer:
    found = tx.customers.find_by_resident_id(resident_id)
    if found is not None:
        return found
    new = customer_id or CustomerId(new_id())
    return Customer(new, name, resident_id, RealNameStatus.VERIFIED)


def _account(tx: SubscriberRepositories, customer: Customer, opened: Opening) -> Account:
    if opened.on_existing_account and opened.account_id is not None:
        return tx.accounts.get(opened.account_id)
    return Account(
        opened.account_id or AccountId(new_id()),
        customer.id,
        credit_limit=opened.credit_limit if opened.credit_limit is not None else Money.zero(),
    )


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
    opening: Opening | None = None,
) -> Enrolment:
    """Activate mobile ``number`` on ``plan_code`` for the holder of ``resident_id`` (F-SHOP-3).

    The customer holding ``resident_id`` gets the number (a new VERIFIED customer named
    ``name`` if none does); ``limit`` is the slots the ID may fill (the shop passes five less
    the ID's other open orders). A new account is opened for the number and credited with
    ``prestore`` (the number tier's pre-stored fee); the subscriber is ACTIVE from ``at``'s
    day, 4G, with a fresh PUK. Call it in the transaction that activates the number.
    ``opening`` fixes what the back office's enrolment decides (the ids, named by its request
    id; the credit limit, the network generation and the day joined); the shop leaves it out.

    Raises:
        Refused: ``realname.cap_reached`` (nothing saved).
        Conflict: ``storage.duplicate_number`` if the number is held already (at commit in
            the memory store).
        InvalidInput: ``subscriber.*`` / ``customer.*`` for a malformed number, plan or name.
    """
    now = to_shanghai(at, field="at")
    opened = opening if opening is not None else Opening()
    customer = _holder(tx, name, resident_id, opened.customer_id)
    take_number_slots(tx, customer, 1, limit=limit)
    account = _account(tx, customer, opened)
    events: list[DomainEvent] = []
    if prestore is not None and prestore.is_positive:
        events += account.credit(prestore, at=now, reference=f"prestore:{number}")
    if account.version == 0 or events:
        put(tx.accounts, account)
    subscriber = Subscriber(
        opened.subscriber_id or SubscriberId(new_id()),
        customer.id,
        account.id,
        ServiceNumber.parse(ServiceKind.MOBILE, number),
        plan_code,
        opened.joined_on or now.date(),
        payment_mode,
        opened.generation,
        f"{secrets.randbelow(10**_PUK_DIGITS):0{_PUK_DIGITS}d}",
        SubscriberStatus.ACTIVE,
    )
    tx.subscribers.add(subscriber)
    return Enrolment(customer, account, subscriber, tuple(events))
