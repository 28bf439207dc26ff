"""The bill run: close a cycle to usage, issue one bill per account in chunks (F-QRY-3).

(A run split into account ranges for several workers bills each range with
:meth:`BillRunner.bill_accounts` too: :mod:`unicom_core.usecases.billing.partitions`.)

Each chunk of accounts is billed in one transaction with the run's cursor, so running it
twice gives the same bills and a crash mid-run resumes with every bill issued exactly once
(:mod:`unicom_core.domain.billing.bill_runs`). A chunk also retries ``storage.duplicate``: a
concurrent run of the same cycle issued the bill first, and the retry reads its cursor and
moves on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.billing import (
    BILL_RUN_PARTITIONED,
    BILLING_CYCLE,
    BILLING_CYCLE_NOT_OVER,
    Bill,
    BillingProfile,
    BillRun,
    RunStatus,
    UsageTotals,
    bill_id,
    charge_cycle,
    compose_bill,
)
from unicom_core.domain.catalog import Catalog
from unicom_core.domain.shared import STORAGE_DUPLICATE, BillingCycle, Money
from unicom_core.domain.subscribers import AccountId
from unicom_core.ports.billing import BillingUnitOfWork
from unicom_core.usecases.billing.lookups import chunks, load_catalog
from unicom_core.usecases.billing.settings import BillingSettings
from unicom_core.usecases.shared import RetryRule, publish, put, run

if TYPE_CHECKING:
    from collections.abc import Sequence

    from unicom_core.domain.shared import DomainEvent
    from unicom_core.domain.subscribers import Account, Subscriber
    from unicom_core.ports.billing import BillingStorage
    from unicom_core.ports.shared import Clock

__all__ = ["BillRunReport", "BillRunner", "ChunkBiller", "start"]

_MANY_CHUNK = 1000
_DUPLICATE = STORAGE_DUPLICATE.code
_NO_USAGE = UsageTotals()


@attrs.frozen(slots=True)
class BillRunReport:
    """A cycle's bill run as it stands: status, bills issued and their total."""

    cycle: BillingCycle
    status: RunStatus
    bills: int
    total: Money
    records: int


@attrs.frozen
class ChunkBiller:
    """What billing one chunk of accounts shares: the transaction, the cycle, the data read."""

    tx: BillingUnitOfWork
    now: datetime
    cycle: BillingCycle
    catalog: Catalog
    profiles: dict[str, BillingProfile]
    totals: dict[str, UsageTotals]
    settings: BillingSettings
    settled: tuple[Callable[[BillingUnitOfWork, Bill, datetime], object], ...] = ()
    """Hooks run for each bill settled from the balance at issue (points earned, F-QRY-4)."""

    def issue(
        self, account: Account, members: Sequence[Subscriber]
    ) -> tuple[Bill, tuple[DomainEvent, ...]]:
        """Rate and price the account's bill, settled from a positive balance; its events.

        The bill and its events are stored with the chunk's others (:meth:`store`).
        """
        charges = [
            charge_cycle(
                self.catalog,
                s,
                self.profiles.get(s.id),
                self.cycle,
                self.totals.get(s.id, _NO_USAGE),
                defaults=self.settings.rates,
            )
            for s in members
        ]
        bill, events = compose_bill(
            account.id, self.cycle, charges, self.settings.bills, at=self.now
        )
        return bill, events + self._settle_from_balance(account, bill)

    def store(self, issued: Sequence[tuple[Bill, tuple[DomainEvent, ...]]]) -> list[Bill]:
        """Store a chunk's bills in one statement and their events in another, in order."""
        bills = [bill for bill, _ in issued]
        self.tx.bills.add_many(bills)
        self.tx.outbox.append_many([event for _, events in issued for event in events])
        return bills

    def _settle_from_balance(self, account: Account, bill: Bill) -> tuple[DomainEvent, ...]:
        """A credit bill credits the account; a positive balance pays the bill at once."""
        events: tuple[DomainEvent, ...] = ()
        total = bill.total  # a sum of the lines: once
        if total.is_negative:
            events = account.credit(-total, at=self.now)
        elif account.balance.is_positive and total.is_positive:  # the principal is due
            paid, events = bill.pay(f"balance:{bill.id}", account.balance, at=self.now)
            if paid:
                events += account.debit(paid, at=self.now)
            if bill.settled_at is not None:
                for hook in self.settled:
                    hook(self.tx, bill, self.now)
        if events:
            self.tx.accounts.save(account)
        return events


def start(tx: BillingUnitOfWork, now: datetime, cycle: BillingCycle, catalog_id: str) -> Catalog:
    """Start (or find started) the run of a cycle that is over; the catalogue it bills with."""
    if now < cycle.end:
        raise BILLING_CYCLE_NOT_OVER.error(
            f"cycle {cycle} is not over; its bill run can start at {cycle.end.isoformat()}",
            retry_at=cycle.end,
            billing_cycle=str(cycle),
        )
    bill_run = tx.bill_runs.find(str(cycle)) or BillRun.of(cycle)
    events = bill_run.start(at=now)
    if events or bill_run.version == 0:
        put(tx.bill_runs, bill_run)
        publish(tx, events)
    return load_catalog(tx, catalog_id)


class BillRunner:
    """Runs (or resumes) the bill run of a cycle (``hall.billing.close_cycle``)."""

    def __init__(self, storage: BillingStorage, clock: Clock, settings: BillingSettings) -> None:
        self._storage, self._clock, self._settings = storage, clock, settings
        self._rule = settings.retry_rule
        self._chunk_rule = RetryRule(settings.conflict_retries, frozenset({_DUPLICATE}))
        self._settled: list[Callable[[BillingUnitOfWork, Bill, datetime], object]] = []

    def when_settled(self, hook: Callable[[BillingUnitOfWork, Bill, datetime], object]) -> None:
        """Run ``hook(tx, bill, now)`` for each bill the run settles from the balance at issue."""
        self._settled.append(hook)

    def close_cycle(
        self,
        cycle: BillingCycle,
        *,
        progress: Callable[[BillRunReport], object] | None = None,
    ) -> BillRunReport:
        """Run (or resume) the bill run of a cycle that is over (F-QRY-3; module docstring).

        The catalogue is read once, when the call starts (a resumed run reads it again).
        ``progress`` is called after each chunk of accounts with the run as it stands.

        Raises:
            Refused: ``billing.cycle_not_over`` before the cycle ends (``retry_at``).
            NotFound: ``catalog.not_installed``.
        """
        if not isinstance(cycle, BillingCycle):
            raise BILLING_CYCLE.error(f"expected a BillingCycle, not {cycle!r}")
        catalog = run(
            self._storage,
            self._clock,
            lambda tx, now: start(tx, now, cycle, self._settings.catalog_id),
            self._rule,
        )
        while True:
            bill_run = run(
                self._storage,
                self._clock,
                lambda tx, now: self._bill_chunk(tx, now, catalog, cycle),
                self._chunk_rule,
            )
            report = BillRunReport(
                cycle, bill_run.status, bill_run.bills, bill_run.total, bill_run.records
            )
            if progress is not None:
                progress(report)
            if bill_run.status is RunStatus.DONE:
                return report

    def _bill_chunk(
        self, tx: BillingUnitOfWork, now: datetime, catalog: Catalog, cycle: BillingCycle
    ) -> BillRun:
        bill_run = tx.bill_runs.get(str(cycle))
        if bill_run.status is RunStatus.DONE:
            return bill_run
        if bill_run.partitions:  # split: its ranges bill it (bill_run.partitioned)
            raise BILL_RUN_PARTITIONED.error(billing_cycle=str(cycle))
        accounts = tx.accounts.list_after(
            AccountId(bill_run.cursor) if bill_run.cursor else None, self._settings.chunk_size
        )
        if not accounts:
            publish(tx, bill_run.finish(at=now))
        else:
            issued = self.bill_accounts(tx, now, catalog, cycle, accounts)
            total = Money.total(bill.total for bill in issued)
            bill_run.advance(accounts[-1].id, len(issued), total)
        tx.bill_runs.save(bill_run)
        return bill_run

    def bill_accounts(
        self,
        tx: BillingUnitOfWork,
        now: datetime,
        catalog: Catalog,
        cycle: BillingCycle,
        accounts: Sequence[Account],
    ) -> list[Bill]:
        """Issue and store the bills of ``accounts`` not billed yet for ``cycle``, in ``tx``.

        The one path that rates and stores bills, for the single-process run and for each
        partition of a split one (:mod:`unicom_core.usecases.billing.partitions`).
        """
        existing = tx.bills.existing([bill_id(account.id, cycle) for account in accounts])
        owners = tx.subscribers.of_customers({account.customer_id for account in accounts})
        last_day = cycle.last_day
        members = {
            account.id: [
                s
                for s in owners.get(account.customer_id, ())
                if s.account_id == account.id and s.joined_on <= last_day
            ]
            for account in accounts
            if bill_id(account.id, cycle) not in existing
        }
        numbers = [s.id for found in members.values() for s in found]
        profiles: dict[str, BillingProfile] = {}
        totals: dict[str, UsageTotals] = {}
        for ids in chunks(numbers, _MANY_CHUNK):
            profiles.update(tx.billing_profiles.find_many(ids))
            totals.update(tx.usage.totals(cycle, ids))
        chunk = ChunkBiller(
            tx, now, cycle, catalog, profiles, totals, self._settings, tuple(self._settled)
        )
        return chunk.store(
            [
                chunk.issue(account, members[account.id])
                for account in accounts
                if members.get(account.id)
            ]
        )
