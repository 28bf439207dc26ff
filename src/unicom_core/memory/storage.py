"""MemoryStorage: the reference implementation of the storage port, stdlib only.

It keeps the semantics of :mod:`unicom_core.ports.storage` exactly, so it is the embedded
test double, the demo's fallback and the model the SQL adapters are checked against:

- a transaction works on deep copies and commits all-or-nothing at the end of the ``with``
  block; an exception rolls back aggregates, counters and outbox alike;
- reads see the committed state plus the transaction's own writes (read committed);
  versions and unique numbers are checked when saving against the latest committed state
  and again at commit, so a concurrent commit in between makes the later transaction raise
  ``Conflict`` when its ``with`` block exits;
- counters hold what a transaction takes (or releases) as a reservation visible to every
  other transaction until it ends, so racing takers never exceed the limit; a reservation
  of a transaction that later rolls back may refuse a concurrent taker (a SQL database
  would make it wait instead): conservative, never oversold (F-PRO-2;
  :mod:`unicom_core.memory.counters`, which also deletes expired counters);
- a read-only unit of work (:meth:`MemoryStorage.read`) never commits: it always rolls back,
  and if anything was written in it the block raises ``storage.read_only`` when it ends;
- outbox entries get their ids at commit, so ``pending`` lists them in commit order; an
  entry claimed by an open transaction is held against other claims
  (:mod:`unicom_core.memory.outbox`).

Thread-safe: one lock guards the committed state and is held only for moments.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from unicom_core.domain.shared import (
    STORAGE_CLOSED,
    STORAGE_READ_ONLY,
    STORAGE_TRANSACTION_CLOSED,
)
from unicom_core.errors import Conflict
from unicom_core.memory._repositories import (
    MemoryAccountRepository,
    MemoryCatalogRepository,
    MemoryCustomerRepository,
    MemoryRepository,
    MemorySubscriberRepository,
    account_table,
    catalog_table,
    customer_table,
    subscriber_table,
)
from unicom_core.memory.access_storage import (
    MemoryLoginAttemptRepository,
    MemoryLoginCredentialRepository,
    MemoryOneTimeCodeRepository,
    MemorySessionRepository,
    MemoryThirdPartyBindingRepository,
    binding_table,
    credential_table,
    login_attempt_table,
    one_time_code_table,
    session_table,
)
from unicom_core.memory.billing_storage import (
    BillingTables,
    MemoryBilling,
    MemoryBillingProfileRepository,
    MemoryBillRepository,
    MemoryBillRunPartitionRepository,
    MemoryBillRunRepository,
    MemoryUsageRepository,
)
from unicom_core.memory.counters import CounterTable, MemoryCounters
from unicom_core.memory.growth_storage import GrowthTables, MemoryGrowthRepositories
from unicom_core.memory.handling_storage import (
    HandlingTables,
    MemoryHandling,
    MemoryHandlingRepositories,
)
from unicom_core.memory.hubs_storage import HubTables, MemoryHubRepositories
from unicom_core.memory.operators_storage import MemoryOperatorRepositories, OperatorTables
from unicom_core.memory.outbox import MemoryOutbox, OutboxTable
from unicom_core.memory.payment_storage import (
    MemoryPaymentRepositories,
    MemoryPayments,
    PaymentTables,
)
from unicom_core.memory.points_storage import MemoryPointsRepositories, PointsTables
from unicom_core.memory.promotions_storage import MemoryPromotionRepositories, PromotionTables
from unicom_core.memory.service_storage import MemoryServiceRepositories, ServiceTables
from unicom_core.memory.shared_plan_storage import (
    MemorySharedPlanRepositories,
    SharedPlanTables,
)
from unicom_core.memory.shop_storage import MemoryShopRepositories, ShopTables
from unicom_core.memory.support_storage import MemorySupportRepositories, SupportTables
from unicom_core.ports.storage import Storage, UnitOfWork

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["MemoryStorage", "MemoryUnitOfWork"]


class _State:
    """Everything committed, plus the counters' open reservations; guarded by ``lock``."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.customers = customer_table()
        self.subscribers = subscriber_table()
        self.accounts = account_table()
        self.catalogs = catalog_table()
        self.credentials = credential_table()
        self.one_time_codes = one_time_code_table()
        self.login_attempts = login_attempt_table()
        self.sessions = session_table()
        self.third_party_bindings = binding_table()
        self.billing = BillingTables()
        self.payments = PaymentTables()
        self.handling = HandlingTables()
        self.support = SupportTables()
        self.shared_plans = SharedPlanTables()
        self.points = PointsTables()
        self.services = ServiceTables()
        self.shop = ShopTables()
        self.growth = GrowthTables()
        self.promotions = PromotionTables()
        self.operators = OperatorTables()
        self.hubs = HubTables()
        self.counters = CounterTable()
        self.outbox = OutboxTable()


class MemoryUnitOfWork(
    MemoryPaymentRepositories,
    MemoryHandlingRepositories,
    MemorySupportRepositories,
    MemoryPointsRepositories,
    MemorySharedPlanRepositories,
    MemoryServiceRepositories,
    MemoryShopRepositories,
    MemoryGrowthRepositories,
    MemoryPromotionRepositories,
    MemoryOperatorRepositories,
    MemoryHubRepositories,
    UnitOfWork,
):
    """One transaction on a :class:`MemoryStorage`; made by :meth:`MemoryStorage.transaction`."""

    def __init__(self, state: _State) -> None:
        self._state = state
        self._open = True
        self._customers = MemoryCustomerRepository(state.customers, state.lock, self._check_open)
        self._subscribers = MemorySubscriberRepository(
            state.subscribers, state.lock, self._check_open
        )
        self._accounts = MemoryAccountRepository(state.accounts, state.lock, self._check_open)
        self._catalogs = MemoryCatalogRepository(state.catalogs, state.lock, self._check_open)
        lock, check = state.lock, self._check_open
        self._credentials = MemoryLoginCredentialRepository(state.credentials, lock, check)
        self._one_time_codes = MemoryOneTimeCodeRepository(state.one_time_codes, lock, check)
        self._login_attempts = MemoryLoginAttemptRepository(state.login_attempts, lock, check)
        self._sessions = MemorySessionRepository(state.sessions, lock, check)
        self._bindings = MemoryThirdPartyBindingRepository(state.third_party_bindings, lock, check)
        self._billing = MemoryBilling(state.billing, lock, check)
        self._payments = MemoryPayments(state.payments, lock, check)
        self._handling = MemoryHandling(state.handling, lock, check)
        self._init_support(state.support, lock, check)
        self._init_shared_plans(state.shared_plans, lock, check)
        self._init_points(state.points, lock, check)
        self._init_services(state.services, lock, check)
        self._init_shop(state.shop, lock, check)
        self._init_growth(state.growth, lock, check)
        self._init_promotions(state.promotions, lock, check)
        self._init_operators(state.operators, lock, check)
        self._init_hubs(state.hubs, lock, check)
        self._counters = MemoryCounters(state.counters, state.lock, self._check_open)
        self._outbox = MemoryOutbox(state.outbox, state.lock, self._check_open)

    @property
    def customers(self) -> MemoryCustomerRepository:
        """The customers."""
        self._check_open()
        return self._customers

    @property
    def subscribers(self) -> MemorySubscriberRepository:
        """The subscribers."""
        self._check_open()
        return self._subscribers

    @property
    def accounts(self) -> MemoryAccountRepository:
        """The accounts."""
        self._check_open()
        return self._accounts

    @property
    def catalogs(self) -> MemoryCatalogRepository:
        """The catalogues."""
        self._check_open()
        return self._catalogs

    @property
    def credentials(self) -> MemoryLoginCredentialRepository:
        """The service-password credentials (F-AUTH)."""
        self._check_open()
        return self._credentials

    @property
    def one_time_codes(self) -> MemoryOneTimeCodeRepository:
        """The random-password records (F-AUTH-2)."""
        self._check_open()
        return self._one_time_codes

    @property
    def login_attempts(self) -> MemoryLoginAttemptRepository:
        """The failure counters (F-AUTH-7)."""
        self._check_open()
        return self._login_attempts

    @property
    def sessions(self) -> MemorySessionRepository:
        """The sessions (F-AUTH-7)."""
        self._check_open()
        return self._sessions

    @property
    def third_party_bindings(self) -> MemoryThirdPartyBindingRepository:
        """The QQ and Weibo bindings (F-AUTH-3)."""
        self._check_open()
        return self._bindings

    @property
    def usage(self) -> MemoryUsageRepository:
        """The usage log (F-QRY-2, F-QRY-3)."""
        self._check_open()
        return self._billing.usage

    @property
    def bills(self) -> MemoryBillRepository:
        """The bills (F-QRY-3)."""
        self._check_open()
        return self._billing.bills

    @property
    def bill_runs(self) -> MemoryBillRunRepository:
        """The bill runs."""
        self._check_open()
        return self._billing.bill_runs

    @property
    def billing_profiles(self) -> MemoryBillingProfileRepository:
        """The billing profiles (F-CAL-4, F-QRY-2)."""
        self._check_open()
        return self._billing.billing_profiles

    @property
    def bill_run_partitions(self) -> MemoryBillRunPartitionRepository:
        """The partitions of split bill runs (F-QRY-3)."""
        self._check_open()
        return self._billing.bill_run_partitions

    @property
    def counters(self) -> MemoryCounters:
        """The conditional counters."""
        self._check_open()
        return self._counters

    @property
    def outbox(self) -> MemoryOutbox:
        """The outbox."""
        self._check_open()
        return self._outbox

    def _check_open(self) -> None:
        if not self._open:
            raise STORAGE_TRANSACTION_CLOSED.error()

    def _repositories(self) -> tuple[MemoryRepository[Any], ...]:
        return (
            self._customers,
            self._subscribers,
            self._accounts,
            self._catalogs,
            self._credentials,
            self._one_time_codes,
            self._login_attempts,
            self._sessions,
            self._bindings,
            *self._billing.repositories(),
            *self._payments.repositories(),
            *self._handling.repositories(),
            self._support,
            self._shared_plans,
            self._points,
            self._service_states,
            self._orders,
            *self._hub_repositories(),
            *self._growth_repositories(),
            self._campaigns,
            self._participations,
            *self._operator_repositories(),
        )

    def wrote(self) -> bool:
        """Whether this transaction staged any write (for read-only units of work)."""
        counters, outbox = self._counters, self._outbox
        return (
            any(_staged(repository) for repository in self._repositories())
            or bool(self._billing.usage._staged)  # noqa: SLF001
            or bool(counters.takes or counters.releases or counters.expiries or counters.purged)
            or bool(outbox.appended or outbox._changed or outbox._purged)  # noqa: SLF001
        )

    def commit(self) -> None:
        """Check every write against the committed state, then apply all or nothing."""
        repositories = self._repositories()
        with self._state.lock:
            self._open = False
            try:
                for repository in repositories:
                    repository.check_commit()
            except Conflict:
                self._end(commit=False)
                raise
            for repository in repositories:
                repository.commit()
            self._billing.commit()
            self._end(commit=True)

    def rollback(self) -> None:
        """Forget every write and release every reservation."""
        with self._state.lock:
            self._open = False
            self._end(commit=False)

    def _end(self, *, commit: bool) -> None:
        self._counters.end(commit=commit)
        self._outbox.end(commit=commit)


def _staged(repository: MemoryRepository[Any]) -> bool:
    """Whether ``repository`` holds writes or deletions of an open transaction."""
    return bool(repository._writes or getattr(repository, "_deleted", None))  # noqa: SLF001


class MemoryStorage(Storage):
    """The storage port in memory: the reference semantics, thread-safe, stdlib only."""

    def __init__(self) -> None:
        self._state = _State()
        self._closed = False

    @contextmanager
    def transaction(self) -> Iterator[MemoryUnitOfWork]:
        """A unit of work: commits on normal exit, rolls back on an exception."""
        if self._closed:
            raise STORAGE_CLOSED.error()
        unit = MemoryUnitOfWork(self._state)
        try:
            yield unit
        except BaseException:
            unit.rollback()
            raise
        unit.commit()

    @contextmanager
    def read(self) -> Iterator[MemoryUnitOfWork]:
        """A read-only unit of work: always rolled back; ``storage.read_only`` if it wrote."""
        if self._closed:
            raise STORAGE_CLOSED.error()
        unit = MemoryUnitOfWork(self._state)
        try:
            yield unit
        finally:
            wrote = unit.wrote()
            unit.rollback()
        if wrote:
            raise STORAGE_READ_ONLY.error()

    def close(self) -> None:
        """Refuse new transactions from now on (the data is kept; idempotent)."""
        self._closed = True
