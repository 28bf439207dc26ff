"""The memory reference's tables and repositories (the storage port, docs/explanation/hexagon.md).

A :class:`Table` holds the committed copies of one aggregate kind and its unique indexes; a
:class:`MemoryRepository` is one transaction's view of it: reads see the transaction's own
writes over the committed rows, writes stay private until :meth:`MemoryRepository.commit`.
Every object crossing the boundary is deep-copied, so a caller never holds stored state.
The store lock is taken only for moments (a read, a commit), never across a transaction.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from unicom_core.domain.billing import split_positions
from unicom_core.domain.catalog import Catalog
from unicom_core.domain.shared import (
    PAGE_REQUEST,
    STORAGE_DUPLICATE,
    STORAGE_DUPLICATE_NUMBER,
    STORAGE_DUPLICATE_RESIDENT_ID,
    STORAGE_NOT_FOUND,
    STORAGE_NOT_NEW,
    STORAGE_TOO_MANY,
    STORAGE_VERSION_CONFLICT,
)
from unicom_core.domain.subscribers import Account, AccountId, Customer, Subscriber, number_key
from unicom_core.ports.catalog import CatalogRepository
from unicom_core.ports.shared import Page, PageRequest, check_limit
from unicom_core.ports.subscribers import (
    AccountRepository,
    CustomerRepository,
    SubscriberRepository,
)

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable, Collection

    from unicom_core.domain.shared import ResidentId
    from unicom_core.domain.subscribers import CustomerId, NumberIdentifier
    from unicom_core.errors import Conflict, ErrorCode, NotFound

__all__ = [
    "MemoryAccountRepository",
    "MemoryCatalogRepository",
    "MemoryCustomerRepository",
    "MemoryRepository",
    "MemorySubscriberRepository",
    "Table",
    "Unique",
]

MAX_MANY = 1000
"""The most ids (or aggregates) a bulk call takes: ``of_customers``, ``add_many``."""


class _Aggregate(Protocol):
    """What storage needs of an aggregate: an id and a version it may bump in place."""

    @property
    def id(self) -> str: ...

    version: int


_A = TypeVar("_A", bound=_Aggregate)


class Unique(Generic[_A]):
    """A unique index: ``key`` of each aggregate is unique; a clash raises ``Conflict(code)``."""

    def __init__(self, name: str, key: Callable[[_A], str], code: ErrorCode[Conflict]) -> None:
        self.name, self.key, self.code = name, key, code


class Table(Generic[_A]):
    """The committed rows of one aggregate kind, with their unique indexes."""

    def __init__(self, kind: str, *uniques: Unique[_A]) -> None:
        self.kind = kind
        self.uniques = uniques
        self.rows: dict[str, _A] = {}
        self.index: dict[str, dict[str, str]] = {unique.name: {} for unique in uniques}


class MemoryRepository(Generic[_A]):
    """One transaction's view of a :class:`Table` (get/find/add/save, paged queries)."""

    def __init__(
        self, table: Table[_A], lock: threading.Lock, check_open: Callable[[], None]
    ) -> None:
        self._table, self._lock, self._check_open = table, lock, check_open
        self._writes: dict[str, tuple[int, _A]] = {}  # id -> (version it replaces, new copy)

    def get(self, aggregate_id: str, /) -> _A:
        """The aggregate with this id; ``NotFound`` ``storage.not_found`` if none."""
        found = self.find(aggregate_id)
        if found is None:
            raise self._not_found(aggregate_id)
        return found

    def find(self, aggregate_id: str, /) -> _A | None:
        """A copy of the aggregate with this id, or None."""
        self._check_open()
        with self._lock:
            current = self._current(aggregate_id)
            return copy.deepcopy(current) if current is not None else None

    def add(self, aggregate: _A, /) -> None:
        """Store a new aggregate (version 0) as version 1, set in place on ``aggregate``."""
        self._check_open()
        if aggregate.version != 0:
            raise STORAGE_NOT_NEW.error(kind=self._table.kind, version=aggregate.version)
        with self._lock:
            if self._current(aggregate.id) is not None:
                raise STORAGE_DUPLICATE.error(
                    f"a {self._table.kind} with this id exists",
                    kind=self._table.kind,
                    id=aggregate.id,
                )
            self._stage(aggregate, replaces=0)

    def save(self, aggregate: _A, /) -> None:
        """Store a changed aggregate if its version is current, and bump it in place."""
        self._check_open()
        with self._lock:
            current = self._current(aggregate.id)
            if current is None:
                raise self._not_found(aggregate.id)
            if current.version != aggregate.version:
                raise self._stale(aggregate.id, current.version, aggregate.version)
            replaces = self._writes[aggregate.id][0] if aggregate.id in self._writes else None
            self._stage(aggregate, replaces=current.version if replaces is None else replaces)

    def _stage(self, aggregate: _A, *, replaces: int) -> None:
        for unique in self._table.uniques:
            holder = self._holder(unique, unique.key(aggregate))
            if holder is not None and holder != aggregate.id:
                raise unique.code.error(
                    f"another {self._table.kind} holds this {unique.name}",
                    kind=self._table.kind,
                    field=unique.name,
                )
        stored = copy.deepcopy(aggregate)
        stored.version = aggregate.version + 1
        self._writes[aggregate.id] = (replaces, stored)
        aggregate.version = stored.version

    def _current(self, aggregate_id: str) -> _A | None:
        """The aggregate as this transaction sees it (caller holds the lock)."""
        if aggregate_id in self._writes:
            return self._writes[aggregate_id][1]
        return self._table.rows.get(aggregate_id)

    def _holder(self, unique: Unique[_A], key: str) -> str | None:
        """The id holding ``key`` in ``unique`` as this transaction sees it (lock held)."""
        for aggregate_id, (_, written) in self._writes.items():
            if unique.key(written) == key:
                return aggregate_id
        committed = self._table.index[unique.name].get(key)
        return None if committed is None or committed in self._writes else committed

    def _find_unique(self, name: str, key: str) -> _A | None:
        """A copy of the aggregate whose unique index ``name`` has ``key``, or None."""
        self._check_open()
        unique = next(u for u in self._table.uniques if u.name == name)
        with self._lock:
            holder = self._holder(unique, key)
            found = None if holder is None else self._current(holder)
            return copy.deepcopy(found)

    def _merged(self, wanted: Callable[[_A], bool]) -> list[_A]:
        """Copies of the aggregates ``wanted`` selects (committed and own writes), any order."""
        self._check_open()
        with self._lock:
            rows = {**self._table.rows, **{k: v for k, (_, v) in self._writes.items()}}
            return copy.deepcopy([row for row in rows.values() if wanted(row)])

    def _newest_first(
        self, wanted: Callable[[_A], bool], when: Callable[[_A], Any], page: PageRequest
    ) -> Page[_A]:
        """One page of the aggregates ``wanted`` selects, latest ``when`` first, then by id."""
        if not isinstance(page, PageRequest):
            raise PAGE_REQUEST.error(f"expected a PageRequest, not {page!r}")
        found = self._merged(wanted)
        found.sort(key=lambda a: a.id)
        found.sort(key=when, reverse=True)
        return Page(tuple(found[page.offset : page.offset + page.limit]), len(found), page)

    def _page(self, wanted: Callable[[_A], bool], page: PageRequest) -> Page[_A]:
        """One page of the aggregates ``wanted`` selects, ordered by id."""
        self._check_open()
        if not isinstance(page, PageRequest):
            raise PAGE_REQUEST.error(f"expected a PageRequest, not {page!r}")
        with self._lock:
            merged = {**self._table.rows, **{k: v for k, (_, v) in self._writes.items()}}
            chosen = sorted((a for a in merged.values() if wanted(a)), key=lambda a: a.id)
            items = copy.deepcopy(chosen[page.offset : page.offset + page.limit])
        return Page(tuple(items), len(chosen), page)

    def check_commit(self) -> None:
        """Raise ``Conflict`` if a concurrent commit made a write stale (lock held)."""
        rows = self._table.rows
        for aggregate_id, (replaces, written) in self._writes.items():
            committed = rows.get(aggregate_id)
            version = 0 if committed is None else committed.version
            if version != replaces:
                raise self._stale(aggregate_id, version, replaces)
            for unique in self._table.uniques:
                holder = self._table.index[unique.name].get(unique.key(written))
                if holder is not None and holder != aggregate_id and not self._rekeyed(holder):
                    raise unique.code.error(
                        f"another {self._table.kind} took this {unique.name} meanwhile",
                        kind=self._table.kind,
                        field=unique.name,
                    )

    def _rekeyed(self, holder: str) -> bool:
        return holder in self._writes

    def commit(self) -> None:
        """Write this transaction's copies into the table (lock held, after check_commit)."""
        for aggregate_id, (_, written) in self._writes.items():
            old = self._table.rows.get(aggregate_id)
            for unique in self._table.uniques:
                index = self._table.index[unique.name]
                if old is not None and index.get(unique.key(old)) == aggregate_id:
                    del index[unique.key(old)]
            self._table.rows[aggregate_id] = written
        for aggregate_id, (_, written) in self._writes.items():
            for unique in self._table.uniques:
                self._table.index[unique.name][unique.key(written)] = aggregate_id
        self._writes.clear()

    def _not_found(self, aggregate_id: str) -> NotFound:
        return STORAGE_NOT_FOUND.error(kind=self._table.kind, id=aggregate_id)

    def _stale(self, aggregate_id: str, stored: int, given: int) -> Conflict:
        return STORAGE_VERSION_CONFLICT.error(
            f"the {self._table.kind} changed since it was read (version {given}, now {stored})",
            kind=self._table.kind,
            id=aggregate_id,
            stored_version=stored,
            version=given,
        )


def customer_table() -> Table[Customer]:
    """The customers, unique by resident id."""
    by_resident = Unique[Customer](
        "resident_id", lambda c: c.resident_id.value, STORAGE_DUPLICATE_RESIDENT_ID
    )
    return Table("customer", by_resident)


def subscriber_table() -> Table[Subscriber]:
    """The subscribers, unique by number key."""
    by_number = Unique[Subscriber]("number", lambda s: s.number.key, STORAGE_DUPLICATE_NUMBER)
    return Table("subscriber", by_number)


def account_table() -> Table[Account]:
    """The accounts."""
    return Table("account")


def catalog_table() -> Table[Catalog]:
    """The catalogues (F-BUN, F-SHOP-4)."""
    return Table("catalog")


class MemoryCustomerRepository(MemoryRepository[Customer], CustomerRepository):
    """Customers in memory (F-QRY-7, F-REAL)."""

    def find_by_resident_id(self, resident_id: ResidentId, /) -> Customer | None:
        """The customer registered with this resident id, or None (F-REAL-1)."""
        return self._find_unique("resident_id", resident_id.value)


class MemorySubscriberRepository(MemoryRepository[Subscriber], SubscriberRepository):
    """Subscribers in memory (F-QRY-7, F-AUTH-1)."""

    def find_by_number(self, number: NumberIdentifier, /) -> Subscriber | None:
        """The subscriber holding this number, or None (F-AUTH-1)."""
        return self._find_unique("number", number_key(number))

    def list_by_customer(self, customer_id: CustomerId, page: PageRequest, /) -> Page[Subscriber]:
        """The customer's subscribers by id, one page (F-QRY-7)."""
        return self._page(lambda s: s.customer_id == customer_id, page)

    def of_customers(self, customer_ids: Collection[CustomerId], /) -> dict[str, list[Subscriber]]:
        """Every subscriber of these customers, by customer, each list by id (F-QRY-3)."""
        self._check_open()
        wanted = set(customer_ids)
        if len(wanted) > MAX_MANY:
            raise STORAGE_TOO_MANY.error(limit=MAX_MANY)
        with self._lock:
            merged = {**self._table.rows, **{k: v for k, (_, v) in self._writes.items()}}
            chosen = copy.deepcopy(
                sorted((s for s in merged.values() if s.customer_id in wanted), key=lambda s: s.id)
            )
        found: dict[str, list[Subscriber]] = {}
        for subscriber in chosen:
            found.setdefault(subscriber.customer_id, []).append(subscriber)
        return found


class MemoryAccountRepository(MemoryRepository[Account], AccountRepository):
    """Accounts in memory (F-QRY-1)."""

    def list_by_customer(self, customer_id: CustomerId, page: PageRequest, /) -> Page[Account]:
        """The customer's accounts by id, one page (F-QRY-1)."""
        return self._page(lambda a: a.customer_id == customer_id, page)

    def list_after(self, after: AccountId | None, limit: int, /) -> tuple[Account, ...]:
        """At most ``limit`` accounts with an id above ``after``, by id (the bill run's walk)."""
        check_limit(limit)
        self._check_open()
        with self._lock:
            merged = {**self._table.rows, **{k: v for k, (_, v) in self._writes.items()}}
            chosen = sorted(
                (a for a in merged.values() if after is None or a.id > after), key=lambda a: a.id
            )
            return tuple(copy.deepcopy(chosen[:limit]))

    def list_between(
        self, after: AccountId | None, upto: AccountId | None, limit: int, /
    ) -> tuple[Account, ...]:
        """At most ``limit`` accounts with an id in ``(after, upto]``, by id (F-QRY-3)."""
        walked = self.list_after(after, check_limit(limit))
        return tuple(a for a in walked if upto is None or a.id <= upto)

    def split_points(self, count: int, /) -> tuple[AccountId, ...]:
        """The last id of each near-equal range of accounts by id but the last (F-QRY-3)."""
        self._check_open()
        with self._lock:
            merged = {**self._table.rows, **{k: v for k, (_, v) in self._writes.items()}}
            ids = sorted(merged)
        return tuple(AccountId(ids[p - 1]) for p in split_positions(len(ids), count))


class MemoryCatalogRepository(MemoryRepository[Catalog], CatalogRepository):
    """Catalogues in memory (F-BUN, F-SHOP-4)."""

    def revision_of(self, catalog_id: str, /) -> int | None:
        """The revision of the catalogue as this transaction sees it, or None."""
        self._check_open()
        with self._lock:
            current = self._current(catalog_id)
            return None if current is None else current.revision
