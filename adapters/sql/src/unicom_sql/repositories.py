"""The aggregate repositories: one row per aggregate, its body written by the cattrs converter.

Optimistic concurrency is one statement: ``UPDATE ... SET version = :new WHERE id = :id AND
version = :expected``; no row updated means someone else saved first. ``add`` is an
``INSERT ... ON CONFLICT DO NOTHING`` and, when nothing was inserted, a look-up of which
unique key clashed (a failed statement would poison a PostgreSQL transaction, and a use
case may carry on after a ``Conflict``). The hot ones are rendered SQL: unicom_sql._rendered.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

import attrs
from sqlalchemy import ColumnElement, Select, Table, bindparam, func, select, update

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
from unicom_core.domain.subscribers import Account, Customer, Subscriber, number_key
from unicom_core.errors import Conflict, ErrorCode
from unicom_core.ports.catalog import CatalogRepository
from unicom_core.ports.shared import Page, PageRequest, check_limit
from unicom_core.ports.subscribers import (
    AccountRepository,
    CustomerRepository,
    SubscriberRepository,
)
from unicom_core.serialization import structure, unstructure
from unicom_sql import _rendered as rendered
from unicom_sql import schema
from unicom_sql._rendered import EXPECTED

if TYPE_CHECKING:
    from collections.abc import Collection

    from sqlalchemy import Row

    from unicom_core.domain.shared import ResidentId
    from unicom_core.domain.subscribers import AccountId, CustomerId, NumberIdentifier
    from unicom_core.errors import NotFound, UnicomError
    from unicom_sql._session import Session

__all__ = [
    "SqlAccountRepository",
    "SqlCatalogRepository",
    "SqlCustomerRepository",
    "SqlSubscriberRepository",
    "instant_of",
    "micros",
]


MAX_MANY = 1000
"""The most ids (or aggregates) a bulk call takes: ``of_customers``, ``add_many``."""
_IN_CHUNK = 500


class _Versioned(Protocol):
    @property
    def id(self) -> str: ...

    version: int


_A = TypeVar("_A", bound=_Versioned)


@attrs.frozen
class _Kind(Generic[_A]):
    """How one aggregate kind maps to its table: key columns and unique keys to report."""

    name: str
    table: Table
    cls: type[_A]
    keys: Callable[[_A], dict[str, object]]
    unique: tuple[tuple[str, str, ErrorCode[Conflict]], ...] = ()
    """(column, field name in errors, declared Conflict code) of each unique key besides the id."""


class _Repository(Generic[_A]):
    """get / find / add / save / paging for any aggregate kind."""

    def __init__(self, session: Session, kind: _Kind[_A]) -> None:
        self._session = session
        self._kind = kind
        self._table = kind.table

    def get(self, aggregate_id: str, /) -> _A:
        """The aggregate with this id, or ``NotFound`` ``storage.not_found``."""
        found = self.find(aggregate_id)
        if found is None:
            raise self._not_found(aggregate_id)
        return found

    def find(self, aggregate_id: str, /) -> _A | None:
        """The aggregate with this id, or None (the hottest statement: rendered SQL)."""
        sql = rendered.by_id(self._table, self._session.dialect_name)
        return self._loaded(self._session.first(sql, {"id": aggregate_id}))

    def add(self, aggregate: _A, /) -> None:
        """Insert a new aggregate (version 0) as version 1."""
        if aggregate.version != 0:
            raise STORAGE_NOT_NEW.error(
                f"only a new {self._kind.name} (version 0) can be added, this one is "
                f"version {aggregate.version}; use save",
                kind=self._kind.name,
                version=aggregate.version,
            )
        session, row, dialect = self._session, self._row(aggregate, 1), self._session.dialect_name
        if rendered.writable(self._table, dialect):
            inserted = session.write(rendered.insert(self._table, dialect), rendered.encoded(row))
        else:
            inserted = session.execute(session.insert_if_absent(self._table), row).rowcount
        if inserted == 0:
            raise self._clash(aggregate)
        aggregate.version = 1

    def save(self, aggregate: _A, /) -> None:
        """Update the row if its version is still ``aggregate.version``, then bump it.

        One statement decides: the row must carry the expected version and no other row may
        hold the aggregate's unique keys (a key may change, as in the memory reference).
        """
        expected, session = aggregate.version, self._session
        row = self._row(aggregate, expected + 1)
        held = tuple(column for column, _, _ in self._kind.unique if row[column] is not None)
        if rendered.writable(self._table, session.dialect_name):
            sql = rendered.update(self._table, held, session.dialect_name)
            updated = session.write(sql, {**rendered.encoded(dict(row)), EXPECTED: expected})
        else:
            updated = self._update_with_core(row, expected, held)
        if updated == 0:
            raise self._refused_update(aggregate, row)
        aggregate.version = expected + 1

    # ------------------------------------------------------------------ helpers
    def _row(self, aggregate: _A, version: int) -> dict[str, object]:
        body = unstructure(aggregate)
        body.pop("version", None)
        return {
            "id": aggregate.id,
            "version": version,
            "body": body,
            **self._kind.keys(aggregate),
        }

    def _load(self, row: Row[Any]) -> _A:
        return structure({**row.body, "version": row.version}, self._kind.cls)

    def _find_by_key(self, column: str, value: object) -> _A | None:
        """The aggregate whose ``column`` (a unique key) holds ``value``, or None."""
        sql = rendered.by_key(self._table, column, self._session.dialect_name)
        if sql is None or value is None:
            return self._find_by(self._table.c[column] == value)
        return self._loaded(self._session.first(sql, {column: value}))

    def _loaded(self, row: tuple[Any, int] | None) -> _A | None:
        return None if row is None else self._structured(row)

    def _structured(self, row: tuple[Any, int]) -> _A:
        """The aggregate of a driver's ``(body, version)`` tuple (a rendered query's row)."""
        return structure(rendered.decoded(*row), self._kind.cls)

    def _find_by(self, condition: ColumnElement[bool]) -> _A | None:
        columns = (self._table.c.body, self._table.c.version)
        row = self._session.execute(select(*columns).where(condition)).first()
        return None if row is None else self._load(row)

    def _exists(self, *conditions: ColumnElement[bool]) -> bool:
        found = select(self._table.c.id).where(*conditions).limit(1)
        return self._session.execute(found).first() is not None

    def _page(self, condition: ColumnElement[bool], page: PageRequest) -> Page[_A]:
        if not isinstance(page, PageRequest):
            raise PAGE_REQUEST.error(f"expected a PageRequest, not {page!r}")
        count = select(func.count()).select_from(self._table).where(condition)
        total = int(self._session.execute(count).scalar_one())
        rows = self._session.execute(
            select(self._table.c.body, self._table.c.version)
            .where(condition)
            .order_by(self._table.c.id)
            .offset(page.offset)
            .limit(page.limit)
        )
        return Page(items=tuple(self._load(row) for row in rows), total=total, request=page)

    def _update_with_core(
        self, row: dict[str, object], expected: int, held: tuple[str, ...]
    ) -> int:
        """:meth:`save` through SQLAlchemy (a table whose columns it must convert)."""
        t, other = self._table, self._table.alias("other")
        taken = (
            select(other.c.id).where(other.c[c] == row[c], other.c.id != row["id"]) for c in held
        )
        free = [~query.exists() for query in taken]
        statement = update(t).where(t.c.id == row["id"], t.c.version == expected, *free)
        return self._session.execute(statement.values(row)).rowcount

    def _not_found(self, aggregate_id: str) -> NotFound:
        return STORAGE_NOT_FOUND.error(
            f"there is no {self._kind.name} {aggregate_id}", kind=self._kind.name, id=aggregate_id
        )

    def _unique_clash(self, field: str, code: ErrorCode[Conflict]) -> Conflict:
        name = self._kind.name
        return code.error(f"another {name} holds this {field}", kind=name, field=field)

    def _clash(self, aggregate: _A) -> UnicomError:
        """Say which unique key an insert that inserted nothing ran into."""
        name = self._kind.name
        if self._exists(self._table.c.id == aggregate.id):
            return STORAGE_DUPLICATE.error(
                f"a {name} with id {aggregate.id} already exists", kind=name, id=aggregate.id
            )
        row = self._row(aggregate, 0)
        for column, field, code in self._kind.unique:
            if row[column] is not None and self._exists(self._table.c[column] == row[column]):
                return self._unique_clash(field, code)
        return STORAGE_DUPLICATE.error(f"this {name} clashes with a stored one", kind=name)

    def _refused_update(self, aggregate: _A, row: dict[str, object]) -> UnicomError:
        """Explain an update that updated nothing: unknown id, stale version, or a key clash."""
        found = self._session.execute(
            select(self._table.c.version).where(self._table.c.id == aggregate.id)
        ).scalar_one_or_none()
        if found is None:
            return self._not_found(aggregate.id)
        if found != aggregate.version:
            return STORAGE_VERSION_CONFLICT.error(
                f"{self._kind.name} {aggregate.id} changed since version {aggregate.version} "
                f"was read (now {found}); reload it and try again",
                kind=self._kind.name,
                id=aggregate.id,
                stored_version=found,
                version=aggregate.version,
            )
        for column, field, code in self._kind.unique:
            if row[column] is None:
                continue
            if self._exists(self._table.c[column] == row[column], self._table.c.id != row["id"]):
                return self._unique_clash(field, code)
        return STORAGE_DUPLICATE.error(
            f"{self._kind.name} {aggregate.id} clashes", kind=self._kind.name, id=aggregate.id
        )


def _customer_keys(customer: Customer) -> dict[str, object]:
    return {"resident_id": customer.resident_id.value}


def _subscriber_keys(subscriber: Subscriber) -> dict[str, object]:
    return {"customer_id": subscriber.customer_id, "number_key": subscriber.number.key}


def _account_keys(account: Account) -> dict[str, object]:
    return {"customer_id": account.customer_id}


def _catalog_keys(catalog: Catalog) -> dict[str, object]:
    return {"revision": catalog.revision}


CUSTOMERS = _Kind(
    "customer",
    schema.customers,
    Customer,
    _customer_keys,
    (("resident_id", "resident_id", STORAGE_DUPLICATE_RESIDENT_ID),),
)
SUBSCRIBERS = _Kind(
    "subscriber",
    schema.subscribers,
    Subscriber,
    _subscriber_keys,
    (("number_key", "number", STORAGE_DUPLICATE_NUMBER),),
)
ACCOUNTS = _Kind("account", schema.accounts, Account, _account_keys)
CATALOGS = _Kind("catalog", schema.catalogs, Catalog, _catalog_keys)


class SqlCustomerRepository(_Repository[Customer], CustomerRepository):
    """Customers in table ``customers``, unique by resident id."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, CUSTOMERS)

    def find_by_resident_id(self, resident_id: ResidentId, /) -> Customer | None:
        """The customer registered with this resident id, or None (F-REAL-1)."""
        return self._find_by_key("resident_id", resident_id.value)


class SqlSubscriberRepository(_Repository[Subscriber], SubscriberRepository):
    """Subscribers in table ``subscribers``, unique by number key."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, SUBSCRIBERS)

    def find_by_number(self, number: NumberIdentifier, /) -> Subscriber | None:
        """The subscriber holding this number, matched on its key (F-AUTH-1)."""
        return self._find_by_key("number_key", number_key(number))

    def list_by_customer(self, customer_id: CustomerId, page: PageRequest, /) -> Page[Subscriber]:
        """The customer's subscribers ordered by id, one page (F-QRY-7)."""
        return self._page(self._table.c.customer_id == customer_id, page)

    def of_customers(self, customer_ids: Collection[CustomerId], /) -> dict[str, list[Subscriber]]:
        """Every subscriber of these customers, by customer, each list by id (F-QRY-3)."""
        wanted = list(dict.fromkeys(customer_ids))
        if len(wanted) > MAX_MANY:
            raise STORAGE_TOO_MANY.error(limit=MAX_MANY)
        t = self._table
        found: dict[str, list[Subscriber]] = {}
        for start in range(0, len(wanted), _IN_CHUNK):
            rows = self._session.execute(
                select(t.c.body, t.c.version)
                .where(t.c.customer_id.in_(wanted[start : start + _IN_CHUNK]))
                .order_by(t.c.id)
            )
            for row in rows:
                subscriber = self._load(row)
                found.setdefault(subscriber.customer_id, []).append(subscriber)
        return found


class SqlAccountRepository(_Repository[Account], AccountRepository):
    """Accounts in table ``accounts``."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, ACCOUNTS)

    def list_by_customer(self, customer_id: CustomerId, page: PageRequest, /) -> Page[Account]:
        """The customer's accounts ordered by id, one page (F-QRY-1)."""
        return self._page(self._table.c.customer_id == customer_id, page)

    def list_after(self, after: AccountId | None, limit: int, /) -> tuple[Account, ...]:
        """At most ``limit`` accounts with an id above ``after``, by id (the bill run's walk)."""
        check_limit(limit)
        query = select(self._table.c.body, self._table.c.version)
        if after is not None:
            query = query.where(self._table.c.id > after)
        rows = self._session.execute(query.order_by(self._table.c.id).limit(limit))
        return tuple(self._load(row) for row in rows)


_REVISION = select(CATALOGS.table.c.revision).where(CATALOGS.table.c.id == bindparam("id"))
"""A catalogue's revision column by id: the catalogue cache asks it on every query."""


class SqlCatalogRepository(_Repository[Catalog], CatalogRepository):
    """Catalogues in table ``catalogs``: the revision as a column, the rest in the body."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, CATALOGS)

    def revision_of(self, catalog_id: str, /) -> int | None:
        """The revision column of the catalogue ``catalog_id``, or None (no body read)."""
        sql, literals = rendered.query(_REVISION, self._session.dialect_name)
        row = self._session.first(sql, {**literals, "id": catalog_id})
        return None if row is None else int(row[0])


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def micros(instant: datetime) -> int:
    """An instant as the integer column stores it: UTC microseconds since the epoch."""
    return (instant - _EPOCH) // timedelta(microseconds=1)


def instant_of(value: int) -> datetime:
    """The instant (UTC) an integer column of :func:`micros` stores."""
    return _EPOCH + timedelta(microseconds=value)


class _Listing(_Repository[Any]):
    """A repository with listing queries: rows of a select, loaded; newest-first pages."""

    def _rows(self, query: Select[Any]) -> list[Any]:
        return [self._load(row) for row in self._session.execute(query)]

    def _bodies(self, *where: ColumnElement[bool]) -> Select[Any]:
        return select(self._table.c.body, self._table.c.version).where(*where)

    def _newest_first(
        self, where: ColumnElement[bool], time_column: str, page: PageRequest
    ) -> Page[Any]:
        if not isinstance(page, PageRequest):
            raise PAGE_REQUEST.error(f"expected a PageRequest, not {page!r}")
        t = self._table
        total = self._session.execute(select(func.count()).select_from(t).where(where))
        query = (
            self._bodies(where)
            .order_by(t.c[time_column].desc(), t.c.id)
            .offset(page.offset)
            .limit(page.limit)
        )
        return Page(tuple(self._rows(query)), int(total.scalar_one()), page)
