"""The storage port: a unit of work with one repository per aggregate (docs/explanation/hexagon.md).

Use::

    with storage.transaction() as tx:
        subscriber = tx.subscribers.get(subscriber_id)
        events = subscriber.suspend_for_arrears(at=now)
        tx.subscribers.save(subscriber)
        for event in events:
            tx.outbox.append(event)

Semantics every adapter keeps (the contract suite in
:mod:`unicom_core.testing.contracts.storage` checks them):

- **Transactions.** Leaving the ``with`` block normally commits; leaving it by an exception
  rolls everything back (aggregates, counters, outbox) and re-raises. There is no explicit
  ``commit()``. A transaction sees its own writes. A :class:`UnitOfWork` must not be used
  after its block ends, nor shared between threads; a thread runs one transaction at a time.
- **Read-only transactions.** ``with storage.read() as tx:`` opens a unit of work for
  queries: it sees committed data like any transaction, never waits for a writer (SQLite in
  WAL mode: a plain deferred ``BEGIN``; PostgreSQL: ``BEGIN READ ONLY``) and never commits
  anything. A write in it is refused with :class:`~unicom_core.errors.Refused`
  ``storage.read_only``: at the statement (SQL adapters) or, at the latest, when the block
  ends (the memory reference); either way the whole unit of work is rolled back.
- **Copies.** ``get``/``find``/queries return fresh objects each call; changing one changes
  nothing stored until it is passed to ``save`` (and the transaction commits).
- **Versions (optimistic concurrency).** A new aggregate has ``version == 0``. ``add`` stores
  it as version 1; ``save`` requires the stored version to equal ``aggregate.version`` and
  stores it as ``version + 1``. Both set the new version **in place** on the caller's object
  (so it can be saved again in the same transaction). A stale copy raises
  :class:`~unicom_core.errors.Conflict` ``storage.version_conflict``, either from ``save`` or,
  in adapters that validate late (the memory reference), when the block commits. After a
  rolled-back transaction the caller's objects may carry versions never committed: reload them.
- **Uniqueness.** Ids are unique per aggregate kind; a subscriber's number
  (:meth:`ServiceNumber.key <unicom_core.domain.subscribers.subscribers.ServiceNumber.key>`) and a
  customer's resident id are unique in the store (numbers are not recycled); so are a
  credential's login e-mail and a binding's QQ/Weibo identity when set
  (:mod:`unicom_core.ports.access.storage`: ``storage.duplicate_email``,
  ``storage.duplicate_subject``).
- **Counters** (:class:`Counters`, defined in :mod:`unicom_core.ports.shared.counters`) are atomic
  conditional counters: the mechanism for promotion quotas, number reservations and order
  stock (F-PRO-2, F-NUM-3, F-SHOP-1), and for rate limits by time bucket, whose counters
  expire with their bucket and are deleted by :meth:`Counters.purge_expired`.
- **Outbox** (:class:`Outbox`, defined in :mod:`unicom_core.ports.shared.outbox`). Events appended
  in a transaction become pending when it commits (and vanish if it rolls back); a relay
  claims, marks and purges them in transactions of its own, retrying failed publications
  with back-off. :meth:`Outbox.pending` never lists the current transaction's own
  appends: a relay never appends.

Error codes: ``storage.not_found`` (NotFound; data ``kind``, ``id``), ``storage.duplicate``,
``storage.duplicate_number``, ``storage.duplicate_resident_id``, ``storage.version_conflict``
(Conflict), ``storage.not_new`` (InvalidInput: ``add`` of a version other than 0),
``counter.key`` / ``counter.amount`` / ``counter.limit`` / ``counter.instant`` /
``outbox.limit`` /
``outbox.instant`` / ``page.offset`` /
``page.limit`` (InvalidInput), ``counter.underflow``
(Conflict), ``storage.closed`` (AdapterError), ``storage.transaction_closed``, ``storage.read_only``
(Refused).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from unicom_core.ports.access import AccessUnitOfWork
from unicom_core.ports.billing import BillingUnitOfWork
from unicom_core.ports.handling import (
    HandlingUnitOfWork,
    SharedPlanRepositories,
    SupportRepositories,
)
from unicom_core.ports.payments import PaymentUnitOfWork
from unicom_core.ports.promotions import GrowthRepositories, PromotionRepositories
from unicom_core.ports.shared import HubRepositories
from unicom_core.ports.shop import ShopRepositories

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

__all__ = ["Storage", "UnitOfWork"]


class UnitOfWork(
    AccessUnitOfWork,
    BillingUnitOfWork,
    PaymentUnitOfWork,
    HandlingUnitOfWork,
    SupportRepositories,
    SharedPlanRepositories,
    ShopRepositories,
    GrowthRepositories,
    PromotionRepositories,
    HubRepositories,
    Protocol,
):
    """One transaction's view of the store: every area's repositories, counters, outbox.

    Each area declares its repositories once (:class:`~unicom_core.ports.subscribers.
    SubscriberRepositories`, :class:`~unicom_core.ports.access.AccessRepositories`, ...) and
    the unit of work its use cases need; this one offers them all, so any :class:`Storage`
    serves every area.
    """


class Storage(Protocol):
    """Where aggregates live: opens transactions (units of work); adapters implement it."""

    def transaction(self) -> AbstractContextManager[UnitOfWork]:
        """A new unit of work: commits on normal exit of ``with``, rolls back on an exception.

        Raises:
            AdapterError: ``storage.closed`` after :meth:`close`, or when the backend fails.
        """
        ...

    def read(self) -> AbstractContextManager[UnitOfWork]:
        """A new read-only unit of work: sees committed data, never writes, never commits.

        Raises:
            Refused: ``storage.read_only`` for a write in the block (nothing is stored).
            AdapterError: ``storage.closed`` after :meth:`close`, or when the backend fails.
        """
        ...

    def close(self) -> None:
        """Release connections and resources; idempotent."""
        ...
