"""The billing repositories in SQL: the usage log, bills, bill runs, billing profiles (F-QRY).

Bills, bill runs and profiles are aggregates like the others (a row, a version, a JSON body)
with the columns their queries filter on: a bill's account, cycle and whether it is settled.
The usage log is a plain table, one row per accepted record keyed by record id, with every
field a real column: the bill run's rating input is one ``GROUP BY`` over it
(:meth:`SqlUsageRepository.totals`), and a replayed record is an ``INSERT ... ON CONFLICT DO
NOTHING`` that inserts nothing. Times are stored as UTC microseconds since the epoch (an
integer orders and compares the same on every database) and read back in Beijing time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, case, func, select

from unicom_core.domain.billing import (
    Bill,
    BillingProfile,
    BillRun,
    UsageEntry,
    UsageKind,
    UsageSum,
    UsageTotals,
)
from unicom_core.domain.shared import (
    MAX_FEN,
    MIN_FEN,
    PAGE_LIMIT,
    PAGE_REQUEST,
    SHANGHAI,
    STORAGE_FAILED,
    STORAGE_NOT_NEW,
    STORAGE_TOO_MANY,
    BillingCycle,
    Money,
)
from unicom_core.ports.billing import (
    BillingProfileRepository,
    BillRepository,
    BillRunRepository,
    UsageRepository,
)
from unicom_core.ports.shared import MAX_PAGE_LIMIT, Page, PageRequest
from unicom_core.serialization import unstructure
from unicom_sql import _rendered as rendered
from unicom_sql import schema
from unicom_sql.bulk import InJson, bulk_insert, json_list
from unicom_sql.repositories import MAX_MANY, _Kind, _Repository, instant_of, micros

if TYPE_CHECKING:
    from collections.abc import Collection, Iterator, Sequence
    from datetime import datetime

    from sqlalchemy import Row

    from unicom_sql._session import Session

__all__ = [
    "SqlBillRepository",
    "SqlBillRunRepository",
    "SqlBillingProfileRepository",
    "SqlUsageRepository",
]

_MANY = 10_000


def _instant(value: int) -> datetime:
    return instant_of(value).astimezone(SHANGHAI)


def _slices(ids: Collection[str], limit: int) -> Iterator[list[str]]:
    """The distinct ids in one slice (they go as one JSON parameter); at most ``limit``."""
    items = list(dict.fromkeys(ids))
    if len(items) > limit:
        raise STORAGE_TOO_MANY.error(limit=limit)
    if items:
        yield items


_USAGE = bulk_insert(
    schema.usage_records,
    (
        "record_id",
        "subscriber_id",
        "account_id",
        "cycle",
        "kind",
        "started_at_us",
        "quantity",
        "units",
        "fee_fen",
        "detail",
    ),
    if_absent=True,
)
_BILLS = bulk_insert(
    schema.bills,
    ("id", "version", "account_id", "cycle", "settled", "body"),
    if_absent=True,
    returning="id",
)

_U = schema.usage_records
_SERVICE = case((_U.c.kind == UsageKind.VALUE_ADDED.value, _U.c.detail), else_="")
_TOTALS = (
    select(
        _U.c.subscriber_id,
        _U.c.kind,
        _SERVICE.label("service"),
        func.sum(_U.c.units).label("units"),
        func.coalesce(func.sum(_U.c.fee_fen), 0).label("fees"),
    )
    .where(_U.c.cycle == bindparam("cycle"), InJson(_U.c.subscriber_id, "ids"))
    .group_by(_U.c.subscriber_id, _U.c.kind, _SERVICE)
)
"""Units and fees per subscriber, kind (and value-added service) of a cycle: rendered once."""
_UNSETTLED = (
    select(schema.bills.c.body, schema.bills.c.version)
    .where(schema.bills.c.account_id == bindparam("account_id"), schema.bills.c.settled.is_(False))
    .order_by(schema.bills.c.cycle)
)


def _usage_rows(entries: Sequence[UsageEntry]) -> list[tuple[object, ...]]:
    """The rows of ``entries`` in the order of :data:`_USAGE`'s columns."""
    last: BillingCycle | None = None
    cycle = ""
    rows: list[tuple[object, ...]] = []
    for entry in entries:
        if entry.cycle is not last:  # a batch's entries share a few cycle objects
            last, cycle = entry.cycle, str(entry.cycle)
        rows.append(
            (
                entry.record_id,
                entry.subscriber_id,
                entry.account_id,
                cycle,
                entry.kind.value,
                micros(entry.started_at),
                entry.quantity,
                entry.units,
                entry.fee.fen if entry.fee is not None else None,
                entry.detail,
            )
        )
    return rows


def _entry(row: Row[Any]) -> UsageEntry:
    return UsageEntry(
        row.record_id,
        row.subscriber_id,
        row.account_id,
        BillingCycle.parse(row.cycle),
        UsageKind(row.kind),
        _instant(row.started_at_us),
        row.quantity,
        row.units,
        row.detail,
        Money(row.fee_fen) if row.fee_fen is not None else None,
    )


class SqlUsageRepository(UsageRepository):
    """The usage log in table ``usage_records``."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._table = schema.usage_records

    def known(self, record_ids: Collection[str], /) -> frozenset[str]:
        """Which ids are stored."""
        found: set[str] = set()
        column = self._table.c.record_id
        query = select(column).where(InJson(column, "ids"))
        for chunk in _slices(record_ids, _MANY):
            found.update(self._session.execute(query, {"ids": json_list(chunk)}).scalars())
        return frozenset(found)

    def add_new(self, entries: Sequence[UsageEntry], /) -> None:
        """Insert the entries in one statement; a record id already stored inserts nothing.

        The rows go as one JSON parameter (:mod:`unicom_sql.bulk`): measured at 5,000 rows
        a batch, about 1.3x the rate of SQLAlchemy's ``executemany`` of parameter dicts on
        SQLite and 1.5x on PostgreSQL (psycopg's pipelined ``executemany``).
        """
        if not entries:
            return
        quantities = [entry.quantity for entry in entries]
        if min(quantities) < MIN_FEN or max(quantities) > MAX_FEN:  # a BIGINT column's range
            # As the driver refused it before (SQLite's JSON would turn it into a float).
            raise STORAGE_FAILED.error(url=self._session.where)
        self._session.execute(_USAGE, _USAGE.parameters(_usage_rows(entries)))

    def totals(
        self, cycle: BillingCycle, subscriber_ids: Collection[str], /
    ) -> dict[str, UsageTotals]:
        """One ``GROUP BY`` of at most 1,000 subscribers: units and fees per kind (and service)."""
        sql, literals = rendered.query(_TOTALS, self._session.dialect_name)
        sums: dict[str, list[UsageSum]] = {}
        for chunk in _slices(subscriber_ids, 1000):
            values = {**literals, "cycle": str(cycle), "ids": json_list(chunk)}
            for subscriber_id, kind, service, units, fees in self._session.rows(sql, values):
                item = UsageSum(UsageKind(kind), service, int(units), int(fees))
                sums.setdefault(subscriber_id, []).append(item)
        return {sid: UsageTotals.of_sums(found) for sid, found in sums.items()}

    def records(
        self,
        subscriber_id: str,
        kinds: Collection[UsageKind],
        cycle: BillingCycle,
        page: PageRequest,
        /,
    ) -> Page[UsageEntry]:
        """One page of the subscriber's records of ``kinds`` in ``cycle``, by time then id."""
        t = self._table
        where = (
            t.c.subscriber_id == subscriber_id,
            t.c.cycle == str(cycle),
            t.c.kind.in_([kind.value for kind in kinds]),
        )
        total = self._session.execute(select(func.count()).select_from(t).where(*where))
        rows = self._session.execute(
            select(t)
            .where(*where)
            .order_by(t.c.started_at_us, t.c.record_id)
            .offset(page.offset)
            .limit(page.limit)
        )
        return Page(tuple(_entry(row) for row in rows), int(total.scalar_one()), page)


def _bill_keys(bill: Bill) -> dict[str, object]:
    return {
        "account_id": bill.account_id,
        "cycle": str(bill.cycle),
        "settled": bill.settled_at is not None,
    }


def _no_keys(_aggregate: object) -> dict[str, object]:
    return {}


BILLS = _Kind("bill", schema.bills, Bill, _bill_keys)
BILL_RUNS = _Kind("bill_run", schema.bill_runs, BillRun, _no_keys)
PROFILES = _Kind("billing_profile", schema.billing_profiles, BillingProfile, _no_keys)


class SqlBillRepository(_Repository[Bill], BillRepository):
    """Bills in table ``bills``: account, cycle and settled as columns."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, BILLS)

    def existing(self, bill_ids: Collection[str], /) -> frozenset[str]:
        """Which of these bills are stored."""
        found: set[str] = set()
        query = select(self._table.c.id).where(InJson(self._table.c.id, "ids"))
        for chunk in _slices(bill_ids, 1000):
            found.update(self._session.execute(query, {"ids": json_list(chunk)}).scalars())
        return frozenset(found)

    def add_many(self, bills: Sequence[Bill], /) -> None:
        """Insert new bills in one ``INSERT ... ON CONFLICT DO NOTHING RETURNING id`` (F-QRY-3).

        The rows go as one JSON parameter (:mod:`unicom_sql.bulk`), the bodies as the
        converter writes them, as :meth:`add` stores them.

        A bill the statement did not insert (its id stored, or given twice) raises as
        :meth:`add` does; the transaction is then abandoned by its runner.
        """
        items = list(bills)
        if len(items) > MAX_MANY:
            raise STORAGE_TOO_MANY.error(limit=MAX_MANY)
        for bill in items:
            if bill.version != 0:
                raise STORAGE_NOT_NEW.error(
                    f"only a new bill (version 0) can be added, this one is version "
                    f"{bill.version}; use save",
                    kind=self._kind.name,
                    version=bill.version,
                )
        if not items:
            return
        rows = []
        for bill in items:
            body = unstructure(bill)
            body.pop("version", None)
            keys = _bill_keys(bill)
            rows.append((bill.id, 1, keys["account_id"], keys["cycle"], keys["settled"], body))
        inserted = self._session.execute(_BILLS, _BILLS.parameters(rows))
        stored = set(inserted.scalars())
        for bill in items:
            if bill.id not in stored:
                raise self._clash(bill)
            stored.discard(bill.id)  # the same id a second time did not insert
        for bill in items:
            bill.version = 1

    def list_by_account(self, account_id: str, page: PageRequest, /) -> Page[Bill]:
        """The account's bills, newest cycle first."""
        if not isinstance(page, PageRequest):
            raise PAGE_REQUEST.error(f"expected a PageRequest, not {page!r}")
        where = self._table.c.account_id == account_id
        total = self._session.execute(select(func.count()).select_from(self._table).where(where))
        rows = self._session.execute(
            select(self._table.c.body, self._table.c.version)
            .where(where)
            .order_by(self._table.c.cycle.desc())
            .offset(page.offset)
            .limit(page.limit)
        )
        return Page(tuple(self._load(row) for row in rows), int(total.scalar_one()), page)

    def unsettled_of_account(self, account_id: str, /) -> list[Bill]:
        """The account's unsettled bills, oldest cycle first."""
        sql, literals = rendered.query(_UNSETTLED, self._session.dialect_name)
        rows = self._session.rows(sql, {**literals, "account_id": account_id})
        return [self._structured(row) for row in rows]

    def unsettled_after(self, after_id: str | None, limit: int, /) -> list[Bill]:
        """Unsettled bills with an id above ``after_id``, by id."""
        if (
            isinstance(limit, bool)
            or not isinstance(limit, int)
            or not 1 <= limit <= MAX_PAGE_LIMIT
        ):
            raise PAGE_LIMIT.error(f"a limit is 1..{MAX_PAGE_LIMIT}, not {limit!r}")
        t = self._table
        query = select(t.c.body, t.c.version).where(t.c.settled.is_(False))
        if after_id is not None:
            query = query.where(t.c.id > after_id)
        rows = self._session.execute(query.order_by(t.c.id).limit(limit))
        return [self._load(row) for row in rows]


class SqlBillRunRepository(_Repository[BillRun], BillRunRepository):
    """Bill runs in table ``bill_runs``, by cycle."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, BILL_RUNS)


class SqlBillingProfileRepository(_Repository[BillingProfile], BillingProfileRepository):
    """Billing profiles in table ``billing_profiles``, by subscriber id."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, PROFILES)

    def find_many(self, subscriber_ids: Collection[str], /) -> dict[str, BillingProfile]:
        """The stored profiles among ``subscriber_ids``."""
        found: dict[str, BillingProfile] = {}
        query = select(self._table.c.body, self._table.c.version).where(
            InJson(self._table.c.id, "ids")
        )
        for chunk in _slices(subscriber_ids, 1000):
            for row in self._session.execute(query, {"ids": json_list(chunk)}):
                profile = self._load(row)
                found[profile.id] = profile
        return found
