"""``SqlStorage``: the storage port of unicom_core on SQLAlchemy Core (SQLite, PostgreSQL).

One ``with storage.transaction() as tx:`` block is one database transaction on one pooled
connection: it commits when the block ends normally and rolls back when it raises, so the
aggregates, counters and outbox rows of a use case land together or not at all.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from unicom_core.domain.shared import STORAGE_CLOSED
from unicom_core.ports.storage import Storage, UnitOfWork
from unicom_sql._session import Session
from unicom_sql.access_repositories import (
    SqlLoginAttemptRepository,
    SqlLoginCredentialRepository,
    SqlOneTimeCodeRepository,
    SqlSessionRepository,
    SqlThirdPartyBindingRepository,
)
from unicom_sql.billing import (
    SqlBillingProfileRepository,
    SqlBillRepository,
    SqlBillRunRepository,
    SqlUsageRepository,
)
from unicom_sql.counters import SqlCounters
from unicom_sql.engines import create_engine, parse_url, printable, require_existing_file
from unicom_sql.errors import translated
from unicom_sql.migrate import require_current
from unicom_sql.outbox import SqlOutbox
from unicom_sql.payments import SqlPaymentRepositories
from unicom_sql.repositories import (
    SqlAccountRepository,
    SqlCatalogRepository,
    SqlCustomerRepository,
    SqlSubscriberRepository,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Engine

    from unicom_core.ports.access import (
        LoginAttemptRepository,
        LoginCredentialRepository,
        OneTimeCodeRepository,
        SessionRepository,
        ThirdPartyBindingRepository,
    )
    from unicom_core.ports.billing import (
        BillingProfileRepository,
        BillRepository,
        BillRunRepository,
        UsageRepository,
    )
    from unicom_core.ports.catalog import CatalogRepository
    from unicom_core.ports.shared import Counters, Outbox
    from unicom_core.ports.subscribers import (
        AccountRepository,
        CustomerRepository,
        SubscriberRepository,
    )

__all__ = ["SqlStorage", "SqlUnitOfWork", "create_storage"]


class SqlUnitOfWork(SqlPaymentRepositories, UnitOfWork):
    """One transaction's repositories, counters and outbox, sharing its connection."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._customers = SqlCustomerRepository(session)
        self._subscribers = SqlSubscriberRepository(session)
        self._accounts = SqlAccountRepository(session)
        self._catalogs = SqlCatalogRepository(session)
        self._credentials = SqlLoginCredentialRepository(session)
        self._one_time_codes = SqlOneTimeCodeRepository(session)
        self._login_attempts = SqlLoginAttemptRepository(session)
        self._sessions = SqlSessionRepository(session)
        self._bindings = SqlThirdPartyBindingRepository(session)
        self._usage = SqlUsageRepository(session)
        self._bills = SqlBillRepository(session)
        self._bill_runs = SqlBillRunRepository(session)
        self._billing_profiles = SqlBillingProfileRepository(session)
        self._counters = SqlCounters(session)
        self._outbox = SqlOutbox(session)
        self._init_payments(session)

    @property
    def customers(self) -> CustomerRepository:
        """The customers."""
        self._session.check_open()
        return self._customers

    @property
    def subscribers(self) -> SubscriberRepository:
        """The subscribers."""
        self._session.check_open()
        return self._subscribers

    @property
    def accounts(self) -> AccountRepository:
        """The accounts."""
        self._session.check_open()
        return self._accounts

    @property
    def catalogs(self) -> CatalogRepository:
        """The catalogues."""
        self._session.check_open()
        return self._catalogs

    @property
    def credentials(self) -> LoginCredentialRepository:
        """The service-password credentials (F-AUTH)."""
        self._session.check_open()
        return self._credentials

    @property
    def one_time_codes(self) -> OneTimeCodeRepository:
        """The random-password records (F-AUTH-2)."""
        self._session.check_open()
        return self._one_time_codes

    @property
    def login_attempts(self) -> LoginAttemptRepository:
        """The failure counters (F-AUTH-7)."""
        self._session.check_open()
        return self._login_attempts

    @property
    def sessions(self) -> SessionRepository:
        """The sessions (F-AUTH-7)."""
        self._session.check_open()
        return self._sessions

    @property
    def third_party_bindings(self) -> ThirdPartyBindingRepository:
        """The QQ and Weibo bindings (F-AUTH-3)."""
        self._session.check_open()
        return self._bindings

    @property
    def usage(self) -> UsageRepository:
        """The usage log (F-QRY-2, F-QRY-3)."""
        self._session.check_open()
        return self._usage

    @property
    def bills(self) -> BillRepository:
        """The bills (F-QRY-3)."""
        self._session.check_open()
        return self._bills

    @property
    def bill_runs(self) -> BillRunRepository:
        """The bill runs."""
        self._session.check_open()
        return self._bill_runs

    @property
    def billing_profiles(self) -> BillingProfileRepository:
        """The billing profiles (F-CAL-4, F-QRY-2)."""
        self._session.check_open()
        return self._billing_profiles

    @property
    def counters(self) -> Counters:
        """The conditional counters."""
        self._session.check_open()
        return self._counters

    @property
    def outbox(self) -> Outbox:
        """The outbox."""
        self._session.check_open()
        return self._outbox


class SqlStorage(Storage):
    """Aggregates in a SQL database whose schema ``unicom-sql upgrade`` made.

    Build it with :func:`create_storage` (or :meth:`from_url`), which also checks that the
    schema is at this release's revision; pass an :class:`~sqlalchemy.Engine` directly only
    if it was made by :func:`unicom_sql.engines.create_engine` (the SQLite rules live there).
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._where = printable(engine.url)
        self._closed = False
        self._lock = threading.Lock()

    @classmethod
    def from_url(cls, url: str, **engine_options: Any) -> SqlStorage:  # noqa: ANN401 - kwargs
        """Open the database at ``url`` and check its schema; see :func:`create_storage`."""
        parsed = parse_url(url)
        require_existing_file(parsed)
        storage = cls(create_engine(parsed, **engine_options))
        try:
            storage.check_schema()
        except BaseException:
            storage.close()
            raise
        return storage

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for tests, tools and the benchmark)."""
        return self._engine

    def check_schema(self) -> None:
        """Connect once and refuse a missing or outdated schema (fail at start, not mid-use)."""
        with translated(self._where), self._engine.connect() as connection:
            require_current(connection, self._where)

    @contextmanager
    def transaction(self) -> Iterator[UnitOfWork]:
        """A unit of work in one database transaction: commit on exit, roll back on error."""
        if self._closed:
            raise STORAGE_CLOSED.error(f"the storage for {self._where} is closed", url=self._where)
        with translated(self._where), self._engine.begin() as connection:
            session = Session(connection, self._where)
            try:
                yield SqlUnitOfWork(session)
            finally:
                session.close()

    def close(self) -> None:
        """Close every pooled connection; later transactions raise ``storage.closed``."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._engine.dispose()


def create_storage(url: str, **engine_options: Any) -> SqlStorage:  # noqa: ANN401 - kwargs
    """Open the unicom database at ``url`` (``sqlite:///hall.sqlite3``, ``postgresql+psycopg://...``).

    Raises:
        AdapterError: ``storage.bad_url``, ``storage.unavailable`` (no server, wrong
            credentials, no such file), ``storage.schema_missing`` or
            ``storage.schema_outdated`` (run ``unicom-sql upgrade URL``).
    """
    return SqlStorage.from_url(url, **engine_options)
