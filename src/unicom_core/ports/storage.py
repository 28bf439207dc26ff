"""The storage port: a unit of work with one repository per aggregate (ARCHITECTURE.md §5).

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
  (:meth:`ServiceNumber.key <unicom_core.domain.subscribers.ServiceNumber.key>`) and a
  customer's resident id are unique in the store (numbers are not recycled); so are a
  credential's login e-mail and a binding's QQ/Weibo identity when set
  (:mod:`unicom_core.ports.access_storage`: ``storage.duplicate_email``,
  ``storage.duplicate_subject``).
- **Counters** (:class:`Counters`, defined in :mod:`unicom_core.ports.counters`) are atomic
  conditional counters: the mechanism for promotion quotas, number reservations and order
  stock (F-PRO-2, F-NUM-3, F-SHOP-1), and for rate limits by time bucket, whose counters
  expire with their bucket and are deleted by :meth:`Counters.purge_expired`.
- **Outbox** (:class:`Outbox`, defined in :mod:`unicom_core.ports.outbox`). Events appended
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
(Conflict), ``storage.closed`` (AdapterError), ``storage.transaction_closed`` (Refused).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

import attrs

from unicom_core.domain.catalog import Catalog, CatalogId
from unicom_core.domain.subscribers import (
    Account,
    AccountId,
    Customer,
    CustomerId,
    Subscriber,
    SubscriberId,
)
from unicom_core.errors import InvalidInput
from unicom_core.ports.counters import Counters
from unicom_core.ports.outbox import Outbox, OutboxEntry

if TYPE_CHECKING:
    from collections.abc import Sequence
    from contextlib import AbstractContextManager

    from attrs import Attribute

    from unicom_core.domain.resident_id import ResidentId
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.ports.access_storage import (
        LoginAttemptRepository,
        LoginCredentialRepository,
        OneTimeCodeRepository,
        SessionRepository,
        ThirdPartyBindingRepository,
    )
    from unicom_core.ports.billing_storage import (
        BillingProfileRepository,
        BillRepository,
        BillRunRepository,
        UsageRepository,
    )
    from unicom_core.ports.payment_storage import (
        AutoDebitRepository,
        InvoiceRepository,
        MandateRepository,
        PaymentAttemptRepository,
        RechargeCardBatchRepository,
        RechargeCardRepository,
    )

__all__ = [
    "MAX_PAGE_LIMIT",
    "AccountRepository",
    "CatalogRepository",
    "Counters",
    "CustomerRepository",
    "Outbox",
    "OutboxEntry",
    "Page",
    "PageRequest",
    "Repository",
    "Storage",
    "SubscriberRepository",
    "UnitOfWork",
    "check_limit",
]

MAX_PAGE_LIMIT = 500
"""The largest page a query returns (F-QRY: a business hall never lists unbounded)."""

_T_co = TypeVar("_T_co", covariant=True)
_A = TypeVar("_A")
_I_contra = TypeVar("_I_contra", contravariant=True)


def _check_offset(_instance: object, _attribute: Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInput("page.offset", f"an offset is an integer >= 0, not {value!r}")


def check_limit(value: object) -> int:
    """Return ``value`` if it is a page limit (1..500); ``InvalidInput`` ``page.limit`` if not."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_PAGE_LIMIT:
        raise InvalidInput(
            "page.limit", f"a page limit is an integer in 1..{MAX_PAGE_LIMIT}, not {value!r}"
        )
    return value


def _check_limit(_instance: object, _attribute: Attribute[int], value: object) -> None:
    check_limit(value)


@attrs.frozen(slots=True)
class PageRequest:
    """Which slice of a query to return: skip ``offset`` items, return at most ``limit``."""

    offset: int = attrs.field(default=0, validator=_check_offset)
    limit: int = attrs.field(default=50, validator=_check_limit)

    def next(self) -> PageRequest:
        """The request for the following page."""
        return PageRequest(self.offset + self.limit, self.limit)


@attrs.frozen(slots=True)
class Page(Generic[_T_co]):
    """One page of a query, in the query's stable order, with the total count of all items."""

    items: tuple[_T_co, ...]
    total: int
    request: PageRequest

    @property
    def has_more(self) -> bool:
        """True when items remain after this page."""
        return self.request.offset + len(self.items) < self.total


class Repository(Protocol[_A, _I_contra]):
    """What every aggregate repository offers (see the module docstring for the rules)."""

    def get(self, aggregate_id: _I_contra, /) -> _A:
        """The aggregate with this id; ``NotFound`` ``storage.not_found`` if there is none."""
        ...

    def find(self, aggregate_id: _I_contra, /) -> _A | None:
        """The aggregate with this id, or None."""
        ...

    def add(self, aggregate: _A, /) -> None:
        """Store a new aggregate (version 0) as version 1; ``Conflict`` if the id exists."""
        ...

    def save(self, aggregate: _A, /) -> None:
        """Store a changed aggregate if its version is current, then bump it in place."""
        ...


class CustomerRepository(Repository[Customer, CustomerId], Protocol):
    """Customers (客戶), the holders of numbers (F-QRY-7, F-REAL)."""

    def find_by_resident_id(self, resident_id: ResidentId, /) -> Customer | None:
        """The customer registered with this resident id, or None (F-REAL-1)."""
        ...


class SubscriberRepository(Repository[Subscriber, SubscriberId], Protocol):
    """Subscribers: one per number held (F-QRY-7, F-AUTH-1)."""

    def find_by_number(self, number: NumberIdentifier, /) -> Subscriber | None:
        """The subscriber holding this mobile, fixed-line or broadband number, or None.

        A :class:`MobileNumber` matches a mobile or a data-card subscriber (they share the
        numbering space); the match is on the identifier's kind and canonical value (F-AUTH-1).
        """
        ...

    def list_by_customer(self, customer_id: CustomerId, page: PageRequest, /) -> Page[Subscriber]:
        """The customer's subscribers ordered by id, one page of them (F-QRY-7)."""
        ...


class AccountRepository(Repository[Account, AccountId], Protocol):
    """Accounts: balance and credit limit, paying for one or more subscribers (F-QRY-1)."""

    def list_by_customer(self, customer_id: CustomerId, page: PageRequest, /) -> Page[Account]:
        """The customer's accounts ordered by id, one page of them (F-QRY-1)."""
        ...

    def list_after(self, after: AccountId | None, limit: int, /) -> Sequence[Account]:
        """At most ``limit`` (1..500, ``page.limit``) accounts with an id above ``after``, by id.

        A keyset walk over every account: the bill run's order (F-QRY-3).
        """
        ...


class CatalogRepository(Repository[Catalog, CatalogId], Protocol):
    """Catalogues: one aggregate per catalogue id, replaced whole by each revision (F-BUN)."""


class UnitOfWork(Protocol):
    """One transaction's view of the store: a repository per aggregate, counters, outbox."""

    @property
    def customers(self) -> CustomerRepository:
        """The customers."""
        ...

    @property
    def subscribers(self) -> SubscriberRepository:
        """The subscribers."""
        ...

    @property
    def accounts(self) -> AccountRepository:
        """The accounts."""
        ...

    @property
    def catalogs(self) -> CatalogRepository:
        """The catalogues (F-BUN, F-SHOP-4)."""
        ...

    @property
    def credentials(self) -> LoginCredentialRepository:
        """Service-password credentials and login e-mails (F-AUTH-1, F-AUTH-2)."""
        ...

    @property
    def one_time_codes(self) -> OneTimeCodeRepository:
        """Random-password records (F-AUTH-2, F-AUTH-7)."""
        ...

    @property
    def login_attempts(self) -> LoginAttemptRepository:
        """Failure counters for captcha escalation and lock-out (F-AUTH-7)."""
        ...

    @property
    def sessions(self) -> SessionRepository:
        """Sessions, by token digest (F-AUTH-7)."""
        ...

    @property
    def third_party_bindings(self) -> ThirdPartyBindingRepository:
        """QQ and Weibo bindings (F-AUTH-3)."""
        ...

    @property
    def payment_attempts(self) -> PaymentAttemptRepository:
        """Payment attempts (F-PAY-3)."""
        ...

    @property
    def recharge_batches(self) -> RechargeCardBatchRepository:
        """Recharge-card batches (F-PAY-1)."""
        ...

    @property
    def recharge_cards(self) -> RechargeCardRepository:
        """Recharge cards, by serial and by secret digest (F-PAY-1)."""
        ...

    @property
    def mandates(self) -> MandateRepository:
        """Bank-card auto-debit mandates (F-PAY-2)."""
        ...

    @property
    def auto_debits(self) -> AutoDebitRepository:
        """The debits of bills under mandates (F-PAY-2)."""
        ...

    @property
    def invoices(self) -> InvoiceRepository:
        """Electronic invoices (F-QRY-6)."""
        ...

    @property
    def counters(self) -> Counters:
        """The conditional counters."""
        ...

    @property
    def outbox(self) -> Outbox:
        """The outbox."""
        ...

    @property
    def usage(self) -> UsageRepository:
        """Accepted usage records, by record id (F-QRY-2, F-QRY-3)."""
        ...

    @property
    def bills(self) -> BillRepository:
        """Bills, one per account per cycle (F-QRY-3)."""
        ...

    @property
    def bill_runs(self) -> BillRunRepository:
        """Bill runs, one per cycle."""
        ...

    @property
    def billing_profiles(self) -> BillingProfileRepository:
        """Billing profiles: packs held, 4G upgrade, adjustments (F-CAL-4, F-QRY-2)."""
        ...


class Storage(Protocol):
    """Where aggregates live: opens transactions (units of work); adapters implement it."""

    def transaction(self) -> AbstractContextManager[UnitOfWork]:
        """A new unit of work: commits on normal exit of ``with``, rolls back on an exception.

        Raises:
            AdapterError: ``storage.closed`` after :meth:`close`, or when the backend fails.
        """
        ...

    def close(self) -> None:
        """Release connections and resources; idempotent."""
        ...
