"""The cap on numbers per resident ID (一证五号, F-REAL-2): at most five at this carrier.

One rule for every way a number reaches a holder: online re-registration (实名补登记), the
shop's number purchase and the back office's enrolment all call :func:`take_number_slots` in
the transaction that gives the numbers, so the cap is checked where it is kept.

The resident ID is unique per customer in the store, so the numbers of a resident ID are the
numbers of the customer holding it; a cancelled number does not count.

Concurrency: two transactions taking the last slot of the same customer both save the
customer (:func:`take_number_slots` does, bumping its version), so one of them meets
``storage.version_conflict``; the kernel re-runs it (:func:`~unicom_core.usecases.shared.run`),
it counts again and is refused ``realname.cap_reached``. Exactly one wins, on every storage.
Two customers claiming the same new resident ID at once meet the store's unique index instead
(``storage.duplicate_resident_id``): one wins, and the other, asked again, finds the winner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from unicom_core.domain.subscribers import REALNAME_CAP_REACHED, SubscriberStatus
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_core.usecases.shared import put

if TYPE_CHECKING:
    from unicom_core.domain.subscribers import Customer, CustomerId
    from unicom_core.ports.subscribers import SubscriberRepositories

__all__ = ["NUMBERS_PER_RESIDENT_ID", "live_numbers", "take_number_slots"]

NUMBERS_PER_RESIDENT_ID: Final = 5
"""The most numbers (not cancelled) one resident ID holds at one carrier (F-REAL-2)."""


def live_numbers(tx: SubscriberRepositories, customer_id: CustomerId) -> int:
    """How many numbers the customer holds that are not cancelled, as ``tx`` sees them."""
    held, page = 0, PageRequest(0, MAX_PAGE_LIMIT)
    while True:
        batch = tx.subscribers.list_by_customer(customer_id, page)
        held += sum(s.status is not SubscriberStatus.CANCELLED for s in batch.items)
        if not batch.has_more:
            return held
        page = page.next()


def take_number_slots(
    tx: SubscriberRepositories,
    customer: Customer,
    adding: int,
    *,
    limit: int = NUMBERS_PER_RESIDENT_ID,
) -> int:
    """Check that ``customer`` may hold ``adding`` more numbers, and hold the slots (F-REAL-2).

    Call it in the transaction that adds or moves the numbers, with the customer as it will
    be stored (changed or not): the customer is saved here (added if new), so racing takers
    of the last slot clash (module docstring). ``adding`` is 0 when the customer's own numbers
    come under a resident ID (re-registration of the holder itself). Returns the numbers held
    once the slots are used.

    Raises:
        Refused: ``realname.cap_reached`` (data ``limit``), nothing saved.
    """
    held = live_numbers(tx, customer.id) if customer.version else 0
    if held + adding > limit:
        raise REALNAME_CAP_REACHED.error(limit=limit)
    put(tx.customers, customer)
    return held + adding
