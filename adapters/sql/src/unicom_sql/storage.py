"""``SqlStorage``: the storage port of unicom_core on SQLAlchemy Core (SQLite, PostgreSQL).

One ``with storage.transaction() as tx:`` block is one database transaction on one
connection (on SQLite the thread's own, on PostgreSQL a pooled one: :mod:`unicom_sql._connections`):
it commits when the block ends normally and rolls back when it raises, so the aggregates,
counters and outbox rows of a use case land together or not at all.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, TypeVar, cast

from sqlalchemy import exc

from unicom_core.ports.storage import Storage, UnitOfWork
from unicom_sql._connections import Connections
from unicom_sql._session import Session
from unicom_sql.access_repositories import (
    SqlLoginAttemptRepository,
    SqlLoginCredentialRepository,
    SqlOneTimeCodeRepository,
    SqlSessionRepository,
    SqlThirdPartyBindingRepository,
)
from unicom_sql.bill_run_partitions import (
    SqlBillRunPartitionRepository,
    SqlSplitAccountRepository,
)
from unicom_sql.billing import (
    SqlBillingProfileRepository,
    SqlBillRepository,
    SqlBillRunRepository,
    SqlUsageRepository,
)
from unicom_sql.counters import SqlCounters
from unicom_sql.engines import (
    create_engine,
    parse_url,
    printable,
    require_existing_file,
)
from unicom_sql.errors import translate, translated
from unicom_sql.growth import SqlGrowthRepositories
from unicom_sql.handling import SqlHandlingRepositories
from unicom_sql.hubs import SqlHubRepositories
from unicom_sql.migrate import require_current
from unicom_sql.operators import SqlOperatorRepositories
from unicom_sql.outbox import SqlOutbox
from unicom_sql.payments import SqlPaymentRepositories
from unicom_sql.points import SqlPointsRepositories
from unicom_sql.promotions import SqlPromotionRepositories
from unicom_sql.repositories import (
    SqlCatalogRepository,
    SqlCustomerRepository,
    SqlSubscriberRepository,
)
from unicom_sql.services import SqlServiceRepositories
from unicom_sql.shared_plans import SqlSharedPlanRepositories
from unicom_sql.shop import SqlShopRepositories
from unicom_sql.support import SqlSupportRepositories

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractContextManager
    from types import TracebackType

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
        BillRunPartitionRepository,
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

_R = TypeVar("_R")


class SqlUnitOfWork(
    SqlPaymentRepositories,
    SqlHandlingRepositories,
    SqlSupportRepositories,
    SqlPointsRepositories,
    SqlSharedPlanRepositories,
    SqlServiceRepositories,
    SqlShopRepositories,
    SqlGrowthRepositories,
    SqlOperatorRepositories,
    SqlPromotionRepositories,
    SqlHubRepositories,
    UnitOfWork,
):
    """One transaction's repositories, counters and outbox, sharing its connection."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._made: dict[Callable[[Session], Any], Any] = {}
        self._init_payments(session)
        self._init_handling(session)
        self._init_support(session)
        self._init_shared_plans(session)
        self._init_points(session)
        self._init_services(session)
        self._init_shop(session)
        self._init_growth(session)
        self._init_promotions(session)
        self._init_operators(session)
        self._init_hubs(session)

    def _repository(self, kind: Callable[[Session], _R]) -> _R:
        """The transaction's ``kind`` repository, built on first use (most use few of them)."""
        self._session.check_open()
        made = self._made.get(kind)
        if made is None:
            made = self._made[kind] = kind(self._session)
        return cast("_R", made)

    @property
    def customers(self) -> CustomerRepository:
        """The customers."""
        return self._repository(SqlCustomerRepository)

    @property
    def subscribers(self) -> SubscriberRepository:
        """The subscribers."""
        return self._repository(SqlSubscriberRepository)

    @property
    def accounts(self) -> AccountRepository:
        """The accounts."""
        return self._repository(SqlSplitAccountRepository)

    @property
    def catalogs(self) -> CatalogRepository:
        """The catalogues."""
        return self._repository(SqlCatalogRepository)

    @property
    def credentials(self) -> LoginCredentialRepository:
        """The service-password credentials (F-AUTH)."""
        return self._repository(SqlLoginCredentialRepository)

    @property
    def one_time_codes(self) -> OneTimeCodeRepository:
        """The random-password records (F-AUTH-2)."""
        return self._repository(SqlOneTimeCodeRepository)

    @property
    def login_attempts(self) -> LoginAttemptRepository:
        """The failure counters (F-AUTH-7)."""
        return self._repository(SqlLoginAttemptRepository)

    @property
    def sessions(self) -> SessionRepository:
        """The sessions (F-AUTH-7)."""
        return self._repository(SqlSessionRepository)

    @property
    def third_party_bindings(self) -> ThirdPartyBindingRepository:
        """The QQ and Weibo bindings (F-AUTH-3)."""
        return self._repository(SqlThirdPartyBindingRepository)

    @property
    def usage(self) -> UsageRepository:
        """The usage log (F-QRY-2, F-QRY-3)."""
        return self._repository(SqlUsageRepository)

    @property
    def bills(self) -> BillRepository:
        """The bills (F-QRY-3)."""
        return self._repository(SqlBillRepository)

    @property
    def bill_runs(self) -> BillRunRepository:
        """The bill runs."""
        return self._repository(SqlBillRunRepository)

    @property
    def billing_profiles(self) -> BillingProfileRepository:
        """The billing profiles (F-CAL-4, F-QRY-2)."""
        return self._repository(SqlBillingProfileRepository)

    @property
    def bill_run_partitions(self) -> BillRunPartitionRepository:
        """The partitions of split bill runs (F-QRY-3)."""
        return self._repository(SqlBillRunPartitionRepository)

    @property
    def counters(self) -> Counters:
        """The conditional counters."""
        return self._repository(SqlCounters)

    @property
    def outbox(self) -> Outbox:
        """The outbox."""
        return self._repository(SqlOutbox)


class SqlStorage(Storage):
    """Aggregates in a SQL database whose schema ``unicom db upgrade`` made.

    Build it with :func:`create_storage` (or :meth:`from_url`), which also checks that the
    schema is at this release's revision; pass an :class:`~sqlalchemy.Engine` directly only
    if it was made by :func:`unicom_sql.engines.create_engine` (the SQLite rules live there).
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._where = printable(engine.url)
        self._closed = False
        self._lock = threading.Lock()
        self._connections = Connections(engine, self._where)

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

    def transaction(self) -> AbstractContextManager[UnitOfWork]:
        """A unit of work in one database transaction: commit on exit, roll back on error.

        On SQLite it opens with ``BEGIN IMMEDIATE`` (the writer takes the lock at once).
        """
        return _Opened(self._connections, readonly=False)

    def read(self) -> AbstractContextManager[UnitOfWork]:
        """A read-only unit of work: ``BEGIN`` (deferred) on SQLite, ``READ ONLY`` on PostgreSQL.

        A reader never waits for a writer (SQLite in WAL mode reads its snapshot); any write
        statement raises ``storage.read_only`` and sends nothing. The transaction writes
        nothing: SQLite rolls it back, PostgreSQL commits its ``READ ONLY`` transaction (the
        same there; psycopg keeps its prepared statements across a commit, not a rollback).
        """
        return _Opened(self._connections, readonly=True)

    def close(self) -> None:
        """Close every connection; later transactions raise ``storage.closed``.

        A thread's own connection that is in use closes when its unit of work ends.
        """
        with self._lock:
            if not self._closed:
                self._closed = True
                self._connections.close()
                self._engine.dispose()


class _Opened:
    """The ``with`` block of one unit of work (a class: cheaper than a generator's)."""

    __slots__ = ("_commits", "_connections", "_readonly", "_session")

    def __init__(self, connections: Connections, *, readonly: bool) -> None:
        self._connections = connections
        self._readonly = readonly
        # A read rolls back on SQLite; PostgreSQL commits its READ ONLY transaction, the
        # same thing there, and psycopg keeps its prepared statements (a rollback drops them).
        self._commits = not readonly or connections.dialect_name == "postgresql"

    def __enter__(self) -> UnitOfWork:
        connections, readonly = self._connections, self._readonly
        connection = connections.take(readonly=readonly)
        try:
            session = Session(connection, connections.where, readonly=readonly, renew=connections)
        except BaseException:
            connections.give_back(connection, clean=False)
            raise
        self._session = session
        return SqlUnitOfWork(session)

    def __exit__(
        self,
        error_type: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        session = self._session
        session.close()
        clean = False
        try:
            session.end(commit=error_type is None and self._commits)
            clean = True
        finally:
            self._connections.give_back(session.connection, clean=clean)
        if isinstance(error, exc.SQLAlchemyError):  # a Core call of the block's own
            raise translate(error, session.where) from error


def create_storage(url: str, **engine_options: Any) -> SqlStorage:  # noqa: ANN401 - kwargs
    """Open the unicom database at ``url`` (``sqlite:///hall.sqlite3``, ``postgresql+psycopg://...``).

    Raises:
        AdapterError: ``storage.bad_url``, ``storage.unavailable`` (no server, wrong
            credentials, no such file), ``storage.schema_missing`` or
            ``storage.schema_outdated`` (run ``unicom db upgrade``).
    """
    return SqlStorage.from_url(url, **engine_options)
