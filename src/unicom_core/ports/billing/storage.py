"""The storage the billing use cases need: usage, bills, bill runs, billing profiles (F-QRY).

Part of the storage port (:mod:`unicom_core.ports.storage` re-exports these and its
:class:`~unicom_core.ports.storage.UnitOfWork` offers them), kept here so the billing area
reads in one place. The aggregate repositories keep the port's rules (copies, versions set in
place, ``storage.version_conflict``, ``storage.duplicate``). Usage is not an aggregate but an
append-only log keyed by record id:

- :meth:`UsageRepository.add_new` stores entries whose record id is not stored yet and
  ignores the others (first one wins), so a replayed batch changes nothing;
- :meth:`UsageRepository.totals` is the rating input, a ``GROUP BY`` in SQL;
- detail pages are ordered by time, then record id.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from unicom_core.domain.billing import Bill, BillingProfile, BillRun, BillRunPartition
from unicom_core.ports.access import AccessRepositories
from unicom_core.ports.catalog import CatalogRepositories
from unicom_core.ports.shared import Repository, SharedRepositories
from unicom_core.ports.subscribers import SubscriberRepositories

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping, Sequence
    from contextlib import AbstractContextManager

    from unicom_core.domain.billing import UsageEntry, UsageKind, UsageTotals
    from unicom_core.domain.shared import BillingCycle
    from unicom_core.ports.shared import Page, PageRequest

__all__ = [
    "BillRepository",
    "BillRunPartitionRepository",
    "BillRunRepository",
    "BillingProfileRepository",
    "BillingRepositories",
    "BillingStorage",
    "BillingUnitOfWork",
    "UsageRepository",
]


class UsageRepository(Protocol):
    """Accepted usage records (CDRs), by record id (F-QRY-2, F-QRY-3)."""

    def known(self, record_ids: Collection[str], /) -> frozenset[str]:
        """Which of ``record_ids`` are stored (at most 10,000 ids per call)."""
        ...

    def add_new(self, entries: Sequence[UsageEntry], /) -> None:
        """Store the entries whose record id is not stored; ignore the others."""
        ...

    def totals(
        self, cycle: BillingCycle, subscriber_ids: Collection[str], /
    ) -> Mapping[str, UsageTotals]:
        """The billable totals of ``cycle`` per subscriber (absent: no usage; <= 1,000 ids)."""
        ...

    def records(
        self,
        subscriber_id: str,
        kinds: Collection[UsageKind],
        cycle: BillingCycle,
        page: PageRequest,
        /,
    ) -> Page[UsageEntry]:
        """One page of a subscriber's records of ``kinds`` in ``cycle``, by time then id."""
        ...


class BillRepository(Repository[Bill, str], Protocol):
    """Bills, one per account per cycle (the id says so; F-QRY-3)."""

    def existing(self, bill_ids: Collection[str], /) -> frozenset[str]:
        """Which of ``bill_ids`` are stored (at most 1,000 per call)."""
        ...

    def add_many(self, bills: Sequence[Bill], /) -> None:
        """:meth:`add` each new bill (at most 1,000 per call), in one statement (F-QRY-3).

        Each gets version 1 in place. A bill not new (version not 0) is refused before
        anything is written (``storage.not_new``); a bill whose id is stored, or given
        twice, raises ``storage.duplicate`` and the transaction must be abandoned (the
        transaction runner rolls it back), as after a failed :meth:`add`.
        """
        ...

    def list_by_account(self, account_id: str, page: PageRequest, /) -> Page[Bill]:
        """The account's bills, newest cycle first, one page (F-QRY-3)."""
        ...

    def unsettled_of_account(self, account_id: str, /) -> Sequence[Bill]:
        """The account's bills with something owed, oldest cycle first (payments go there)."""
        ...

    def unsettled_after(self, after_id: str | None, limit: int, /) -> Sequence[Bill]:
        """At most ``limit`` (1..500) unsettled bills with an id above ``after_id``, by id."""
        ...


class BillRunRepository(Repository[BillRun, str], Protocol):
    """Bill runs, one per cycle, by the cycle (``"2026-11"``)."""


class BillRunPartitionRepository(Repository[BillRunPartition, str], Protocol):
    """The account ranges of split bill runs, by ``"<cycle>/<NNNN>"`` (F-QRY-3)."""

    def of_cycle(self, cycle: BillingCycle, /) -> Sequence[BillRunPartition]:
        """Every partition of the run of ``cycle``, by id (at most 1,000)."""
        ...


class BillingProfileRepository(Repository[BillingProfile, str], Protocol):
    """Billing profiles, one per subscriber, by the subscriber's id (F-CAL-4, F-QRY-2)."""

    def find_many(self, subscriber_ids: Collection[str], /) -> Mapping[str, BillingProfile]:
        """The profiles among ``subscriber_ids`` that exist (at most 1,000 per call)."""
        ...


class BillingRepositories(Protocol):
    """The repositories of the billing area, as a unit of work offers them."""

    @property
    def usage(self) -> UsageRepository:
        """The usage log."""
        ...

    @property
    def bills(self) -> BillRepository:
        """The bills."""
        ...

    @property
    def bill_runs(self) -> BillRunRepository:
        """The bill runs."""
        ...

    @property
    def billing_profiles(self) -> BillingProfileRepository:
        """The billing profiles."""
        ...

    @property
    def bill_run_partitions(self) -> BillRunPartitionRepository:
        """The partitions of split bill runs (F-QRY-3)."""
        ...


class BillingUnitOfWork(
    SharedRepositories,
    SubscriberRepositories,
    CatalogRepositories,
    BillingRepositories,
    AccessRepositories,
    Protocol,
):
    """What one transaction offers the billing use cases.

    The access repositories too: a query asks the permission check in its own transaction
    (:class:`~unicom_core.ports.access.ScopedAuthorizer`); the audit log records operators'
    changes.
    """


class BillingStorage(Protocol):
    """A store whose transactions offer the billing repositories (every ``Storage`` does)."""

    def transaction(self) -> AbstractContextManager[BillingUnitOfWork]:
        """A new unit of work (see :meth:`unicom_core.ports.storage.Storage.transaction`)."""
        ...

    def read(self) -> AbstractContextManager[BillingUnitOfWork]:
        """A read-only unit of work (see :meth:`unicom_core.ports.storage.Storage.read`)."""
        ...
