"""What the fault tests share: their scale, a hall's customers and sessions, the books' laws.

``UNICOM_FAULTS_SCALE`` (default 1: the short form ``make test`` runs) multiplies the load
of each fault test; ``make faults`` runs them with 10.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import TYPE_CHECKING

from unicom_core import bootstrap
from unicom_core.domain.payments import PaymentStatus
from unicom_core.domain.shared import LoginType, Money, ResidentId, check_character
from unicom_core.domain.subscribers import (
    Account,
    AccountId,
    Customer,
    CustomerId,
    NetworkGeneration,
    PaymentMode,
    ServiceKind,
    ServiceNumber,
    Subscriber,
    SubscriberId,
)
from unicom_core.memory.hashing import MemoryPasswordHasher

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from unicom_core.domain.payments import PaymentAttempt
    from unicom_core.hall import BusinessHall
    from unicom_core.ports.storage import Storage

SCALE_VARIABLE = "UNICOM_FAULTS_SCALE"
SCALE = max(1, int(os.environ.get(SCALE_VARIABLE, "1")))
"""How many times the short form's load a fault test puts on the hall."""

PASSWORD = "284615"  # noqa: S105 - the test customers' service password
_INITIAL = "135790"
OPENING = Money(10_000)
"""Every test account's opening balance (¥100.00)."""


def make_hall(storage: Storage, **ports: object) -> BusinessHall:
    """A hall on ``storage`` with the fast test hasher (the server's and the test's alike)."""
    return bootstrap(storage=storage, hasher=MemoryPasswordHasher(), **ports)  # type: ignore[arg-type]


def number_of(index: int) -> str:
    """The mobile number of test customer ``index``."""
    return f"1861234{index:04d}"


def subscriber_of(index: int) -> str:
    """The subscriber id of test customer ``index``."""
    return f"s{index}"


def _resident_id(index: int) -> ResidentId:
    first17 = f"11010519800101{index:03d}"
    return ResidentId(first17 + check_character(first17))


def provision(hall: BusinessHall, count: int) -> None:
    """``count`` customers, each with a prepaid account of :data:`OPENING` and a number."""
    with hall.storage.transaction() as tx:
        for index in range(count):
            customer, account = CustomerId(f"c{index}"), AccountId(f"a{index}")
            tx.customers.add(Customer(customer, f"客户{index}", _resident_id(index)))
            tx.accounts.add(Account(account, customer, OPENING))
            tx.subscribers.add(
                Subscriber(
                    SubscriberId(subscriber_of(index)),
                    customer,
                    account,
                    ServiceNumber.parse(ServiceKind.MOBILE, number_of(index)),
                    "4g-national-combo",
                    dt.date(2012, 3, 1),
                    PaymentMode.PREPAID,
                    NetworkGeneration.G4,
                    "12345678",
                )
            )
    for index in range(count):
        hall.access.enroll(SubscriberId(subscriber_of(index)), _INITIAL)
        hall.access.change_password(
            LoginType.MOBILE, number_of(index), _INITIAL, PASSWORD, client="faults"
        )


def login(hall: BusinessHall, index: int) -> str:
    """A session token of test customer ``index``."""
    result = hall.access.login_with_password(
        LoginType.MOBILE, number_of(index), PASSWORD, client="faults"
    )
    return result.token


def attempts(storage: Storage, ids: Iterable[str]) -> dict[str, PaymentAttempt]:
    """The stored attempts among ``ids`` (an id never stored is left out)."""
    found = {}
    with storage.read() as tx:
        for payment_id in ids:
            attempt = tx.payment_attempts.find(payment_id)
            if attempt is not None:
                found[payment_id] = attempt
    return found


def check_books(
    storage: Storage, count: int, stored: Mapping[str, PaymentAttempt], taken: Mapping[str, Money]
) -> None:
    """The laws of money after a fault (F-PAY-1, F-PAY-3, F-QRY-1).

    * every attempt is settled (succeeded or failed), none left open;
    * the gateway took money for exactly the succeeded attempts, their amount each;
    * each account's ledger holds one credit per succeeded top-up or bill payment of it, of
      its credit, and nothing for any other attempt; and its balance is the opening
      balance plus the sum of its ledger.
    """
    assert all(a.status in {PaymentStatus.SUCCEEDED, PaymentStatus.FAILED} for a in stored.values())
    succeeded = {i: a for i, a in stored.items() if a.status is PaymentStatus.SUCCEEDED}
    assert taken == {i: a.amount for i, a in succeeded.items()}
    with storage.read() as tx:
        for index in range(count):
            account = tx.accounts.get(AccountId(f"a{index}"))
            posted: dict[str, list[Money]] = {}
            for entry in account.ledger:
                posted.setdefault(entry.reference, []).append(entry.amount)
            expected = {i: [a.credit] for i, a in succeeded.items() if a.account_id == account.id}
            assert posted == expected, account.id
            assert account.balance == OPENING + Money.total(e.amount for e in account.ledger)
