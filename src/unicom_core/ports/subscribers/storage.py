"""The storage of the subscribers area: customers, subscribers (numbers) and accounts.

The repositories keep the storage port's rules (:mod:`unicom_core.ports.storage`); a
subscriber's number and a customer's resident id are unique in the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from unicom_core.domain.subscribers import (
    Account,
    AccountId,
    Customer,
    CustomerId,
    Subscriber,
    SubscriberId,
)
from unicom_core.ports.shared import Repository

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping, Sequence

    from unicom_core.domain.shared import ResidentId
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.ports.shared import Page, PageRequest

__all__ = [
    "AccountRepository",
    "CustomerRepository",
    "SubscriberRepositories",
    "SubscriberRepository",
]


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

    def of_customers(
        self, customer_ids: Collection[CustomerId], /
    ) -> Mapping[str, Sequence[Subscriber]]:
        """Every subscriber of these customers (at most 1,000 ids per call), in one query.

        Keyed by customer id, each customer's subscribers ordered by id; a customer with
        none is absent. More ids: ``InvalidInput`` ``storage.too_many``. The bill run's
        members of a chunk of accounts (F-QRY-3).
        """
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

    def list_between(
        self, after: AccountId | None, upto: AccountId | None, limit: int, /
    ) -> Sequence[Account]:
        """At most ``limit`` (1..500) accounts with an id in ``(after, upto]``, by id.

        ``None`` leaves that side open: a keyset walk over one range of a split bill run
        (F-QRY-3) that reads no account past the range.
        """
        ...

    def split_points(self, count: int, /) -> Sequence[AccountId]:
        """The ids that cut the accounts by id into ``count`` (1..1,000) near-equal ranges.

        With ``n`` accounts, the ``i``-th point (``i`` = 1 .. ``count`` - 1) is the id of the
        ``floor(i * n / count)``-th account, the last of range ``i``; points that name no
        account (fewer accounts than ranges) or repeat one are left out. The bill run's
        partitions are ``(None, p1], (p1, p2], ... (p_last, None)`` (F-QRY-3).
        """
        ...


class SubscriberRepositories(Protocol):
    """The repositories of the subscribers area, as a unit of work offers them."""

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
