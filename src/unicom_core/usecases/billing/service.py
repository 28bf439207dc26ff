"""The billing area of the hall: usage in, the bill run, payments, arrears (F-CAL, F-QRY-1..3).

:class:`BillingService` is ``hall.billing``. Every method runs in storage transactions, takes
the time from the clock port (F-CAL-1) and re-runs after a concurrent write:

* :meth:`~BillingService.ingest` takes a batch of usage records, idempotently by record id,
  and says which records it rejected and why (unknown number, negative quantity, a time
  outside any open cycle, ...); :meth:`~BillingService.drain` does so for a whole feed.
* :meth:`~BillingService.close_cycle` is the bill run: it closes a cycle to usage and issues
  one bill per account in chunks of accounts, each chunk in one transaction with the run's
  cursor, so running it twice gives the same bills and a crash mid-run resumes with every
  bill issued exactly once (:mod:`unicom_core.domain.billing.bill_runs`).
* :meth:`~BillingService.record_payment` credits an account once per payment id, settles its
  bills oldest first and reactivates numbers suspended for arrears once nothing is overdue;
  :meth:`~BillingService.enforce_arrears` suspends postpaid numbers 30 days in arrears.
* The queries (charges, balance, bills, allowances, detail records) are in
  :class:`~unicom_core.usecases.billing.queries.BillingQueries`, the billing profile (packs
  held, the 4G upgrade, adjustments) in
  :class:`~unicom_core.usecases.billing.profiles.BillingProfiles`; this class extends both.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.billing import (
    Bill,
    BillRun,
    Rejection,
    RejectReason,
    RunStatus,
    UsageEntry,
    UsageTotals,
    bill_id,
    check_record,
)
from unicom_core.domain.shared import BillingCycle, Money, to_shanghai
from unicom_core.domain.subscribers import AccountId, PaymentMode, SubscriberStatus
from unicom_core.errors import InvalidInput, Refused
from unicom_core.usecases.billing._support import (
    ChunkBiller,
    load_catalog,
    publish,
    put,
    run,
    subscribers_of,
)
from unicom_core.usecases.billing.profiles import BillingProfiles

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence
    from datetime import datetime

    from unicom_core.domain.billing import BillingProfile, UsageRecord
    from unicom_core.domain.catalog import Catalog
    from unicom_core.domain.subscribers import Account
    from unicom_core.ports.billing import BillingUnitOfWork, UsageBatch, UsageFeed

__all__ = ["ArrearsReport", "BillRunReport", "BillingService", "IngestReport", "PaymentReceipt"]

_KNOWN_CHUNK = 10_000
_MANY_CHUNK = 1000
_PAYMENT_ID_MAX = 150
_ARREARS_PAGE = 100
_CHUNK_CLASHES = frozenset({"storage.version_conflict", "storage.duplicate"})


@attrs.frozen(slots=True)
class IngestReport:
    """What became of a batch: records accepted, already known, and rejected with reasons."""

    batch_id: str
    accepted: int
    duplicates: int
    rejected: tuple[Rejection, ...]


@attrs.frozen(slots=True)
class BillRunReport:
    """A cycle's bill run as it stands: status, bills issued and their total."""

    cycle: BillingCycle
    status: RunStatus
    bills: int
    total: Money
    records: int


@attrs.frozen(slots=True)
class PaymentReceipt:
    """A payment recorded: what went to bills, the balance after, numbers reactivated."""

    payment_id: str
    account_id: str
    amount: Money
    applied_to_bills: Money
    balance: Money
    reactivated: tuple[str, ...]
    duplicate: bool = False


@attrs.frozen(slots=True)
class ArrearsReport:
    """What an arrears pass found: bills in arrears and the numbers it suspended."""

    bills_in_arrears: int
    suspended: tuple[str, ...]


def _chunks(items: Sequence[str], size: int) -> list[Sequence[str]]:
    return [items[start : start + size] for start in range(0, len(items), size)]


class BillingService(BillingProfiles):
    """Usage, rating, the bill run, payments and arrears (F-CAL, F-QRY-1..3)."""

    # ------------------------------------------------------------------ usage in

    def ingest(self, batch: UsageBatch) -> IngestReport:
        """Ingest a batch once by record id; a replayed batch changes nothing (F-QRY-2)."""
        return self._run(lambda tx, now: self._ingest(tx, now, batch))

    def drain(self, feed: UsageFeed, *, max_batches: int = 1000) -> tuple[IngestReport, ...]:
        """Ingest and acknowledge the feed's pending batches, at most ``max_batches``."""
        reports: list[IngestReport] = []
        while len(reports) < max_batches:
            pending = feed.pending(min(10, max_batches - len(reports)))
            if not pending:
                break
            for batch in pending:
                reports.append(self.ingest(batch))
                feed.acknowledge(batch.batch_id)
        return tuple(reports)

    def _ingest(self, tx: BillingUnitOfWork, now: datetime, batch: UsageBatch) -> IngestReport:
        rejected: list[tuple[int, Rejection]] = []
        fresh: dict[str, tuple[int, UsageRecord]] = {}
        duplicates = 0
        for index, record in enumerate(batch.records):
            problem = check_record(record)
            if problem is not None:
                rejected.append((index, problem))
            elif record.record_id in fresh:
                duplicates += 1
            else:
                fresh[record.record_id] = (index, record)
        ids = list(fresh)
        for chunk in _chunks(ids, _KNOWN_CHUNK):
            for known in tx.usage.known(chunk):
                del fresh[known]
                duplicates += 1
        entries = self._entries(tx, now, fresh.values(), rejected)
        tx.usage.add_new(entries)
        self._count_usage(tx, entries)
        rejected.sort(key=lambda item: item[0])
        return IngestReport(batch.batch_id, len(entries), duplicates, tuple(r for _, r in rejected))

    def _entries(
        self,
        tx: BillingUnitOfWork,
        now: datetime,
        records: Iterable[tuple[int, UsageRecord]],
        rejected: list[tuple[int, Rejection]],
    ) -> list[UsageEntry]:
        current = BillingCycle.containing(now)
        earliest = current.shifted(1 - self._settings.open_months)
        cycles: dict[tuple[int, int], BillingCycle | None] = {}  # None: not open
        entries = []
        for index, record in records:
            owner = self._owners.resolve(tx, record.number)
            local = to_shanghai(record.started_at)
            key = (local.year, local.month)
            if key not in cycles:
                cycle = BillingCycle(*key)
                usable = earliest <= cycle <= current and self._open(tx, cycle)
                cycles[key] = cycle if usable else None
            if owner is None:
                reason, why = RejectReason.UNKNOWN_NUMBER, f"no subscriber holds {record.number}"
            elif cycles[key] is None:
                reason, why = RejectReason.OUTSIDE_OPEN_CYCLE, f"{key[0]}-{key[1]:02d} is closed"
            else:
                entries.append(UsageEntry.accept(record, *owner, cycle=cycles[key]))
                continue
            rejected.append((index, Rejection(record.record_id, reason, why)))
        return entries

    @staticmethod
    def _open(tx: BillingUnitOfWork, cycle: BillingCycle) -> bool:
        found = tx.bill_runs.find(str(cycle))
        return found is None or found.is_open

    @staticmethod
    def _count_usage(tx: BillingUnitOfWork, entries: Sequence[UsageEntry]) -> None:
        """Count the entries on their cycles' runs: this serialises them with a run's start."""
        for cycle, count in Counter(entry.cycle for entry in entries).items():
            bill_run = tx.bill_runs.find(str(cycle)) or BillRun.of(cycle)
            bill_run.accept_usage(count)
            put(tx.bill_runs, bill_run)

    # ------------------------------------------------------------------ the bill run

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
            raise InvalidInput("billing.cycle", f"expected a BillingCycle, not {cycle!r}")
        catalog = self._run(lambda tx, now: self._start(tx, now, cycle))
        while True:
            bill_run = run(
                self._storage,
                self._clock,
                lambda tx, now: self._bill_chunk(tx, now, catalog, cycle),
                self._settings.conflict_retries,
                _CHUNK_CLASHES,
            )
            report = BillRunReport(
                cycle, bill_run.status, bill_run.bills, bill_run.total, bill_run.records
            )
            if progress is not None:
                progress(report)
            if bill_run.status is RunStatus.DONE:
                return report

    def _start(self, tx: BillingUnitOfWork, now: datetime, cycle: BillingCycle) -> Catalog:
        if now < cycle.end:
            raise Refused(
                "billing.cycle_not_over",
                f"cycle {cycle} is not over; its bill run can start at {cycle.end.isoformat()}",
                retry_at=cycle.end,
                billing_cycle=str(cycle),
            )
        bill_run = tx.bill_runs.find(str(cycle)) or BillRun.of(cycle)
        events = bill_run.start(at=now)
        if events or bill_run.version == 0:
            put(tx.bill_runs, bill_run)
            publish(tx, events)
        return load_catalog(tx, self._settings.catalog_id)

    def _bill_chunk(
        self, tx: BillingUnitOfWork, now: datetime, catalog: Catalog, cycle: BillingCycle
    ) -> BillRun:
        bill_run = tx.bill_runs.get(str(cycle))
        if bill_run.status is RunStatus.DONE:
            return bill_run
        accounts = tx.accounts.list_after(
            AccountId(bill_run.cursor) if bill_run.cursor else None, self._settings.chunk_size
        )
        if not accounts:
            publish(tx, bill_run.finish(at=now))
        else:
            issued = self._bill_accounts(tx, now, catalog, cycle, accounts)
            total = Money.total(bill.total for bill in issued)
            bill_run.advance(accounts[-1].id, len(issued), total)
        tx.bill_runs.save(bill_run)
        return bill_run

    def _bill_accounts(
        self,
        tx: BillingUnitOfWork,
        now: datetime,
        catalog: Catalog,
        cycle: BillingCycle,
        accounts: Sequence[Account],
    ) -> list[Bill]:
        existing = tx.bills.existing([bill_id(account.id, cycle) for account in accounts])
        members = {
            account.id: [s for s in subscribers_of(tx, account) if s.joined_on <= cycle.last_day]
            for account in accounts
            if bill_id(account.id, cycle) not in existing
        }
        numbers = [s.id for found in members.values() for s in found]
        profiles: dict[str, BillingProfile] = {}
        totals: dict[str, UsageTotals] = {}
        for ids in _chunks(numbers, _MANY_CHUNK):
            profiles.update(tx.billing_profiles.find_many(ids))
            totals.update(tx.usage.totals(cycle, ids))
        chunk = ChunkBiller(tx, now, cycle, catalog, profiles, totals, self._settings)
        return [
            chunk.issue(account, members[account.id])
            for account in accounts
            if members.get(account.id)
        ]

    # ------------------------------------------------------------------ payments, arrears

    def record_payment(self, account_id: str, amount: Money, *, payment_id: str) -> PaymentReceipt:
        """Credit a payment once per ``payment_id``, settle bills, reactivate (F-PAY, F-QRY-1).

        The account is credited with ``amount``; its unsettled bills are then paid from the
        balance, oldest first; once none is in arrears, its numbers suspended for arrears are
        reactivated. The same ``payment_id`` again changes nothing (``duplicate=True``).

        Raises:
            InvalidInput: ``billing.payment`` for a non-positive amount or a bad payment id.
            NotFound: ``storage.not_found`` for an unknown account.
        """
        if not isinstance(amount, Money) or not amount.is_positive:
            raise InvalidInput("billing.payment", "a payment is a positive amount", field="amount")
        if not isinstance(payment_id, str) or not 1 <= len(payment_id) <= _PAYMENT_ID_MAX:
            raise InvalidInput(
                "billing.payment",
                f"a payment id is 1-{_PAYMENT_ID_MAX} characters",
                field="payment_id",
            )
        return self._run(lambda tx, now: self._pay(tx, now, account_id, amount, payment_id))

    def _pay(
        self, tx: BillingUnitOfWork, now: datetime, account_id: str, amount: Money, payment_id: str
    ) -> PaymentReceipt:
        account = tx.accounts.get(account_id)  # type: ignore[arg-type]  # an AccountId
        if not tx.counters.try_take(f"billing.payment:{payment_id}", 1, 1):
            return PaymentReceipt(
                payment_id, account.id, amount, Money.zero(), account.balance, (), duplicate=True
            )
        events = list(account.credit(amount, at=now, reference=payment_id))
        applied = Money.zero()
        for bill in tx.bills.unsettled_of_account(account.id):
            paid, bill_events = bill.pay(payment_id, account.balance, at=now)
            if paid:
                events += [*bill_events, *account.debit(paid, at=now)]
                applied += paid
                tx.bills.save(bill)
        tx.accounts.save(account)
        publish(tx, events)
        reactivated = self._reactivate_if_clear(tx, now, account)
        return PaymentReceipt(payment_id, account.id, amount, applied, account.balance, reactivated)

    def _reactivate_if_clear(
        self, tx: BillingUnitOfWork, now: datetime, account: Account
    ) -> tuple[str, ...]:
        if any(bill.days_in_arrears(now) for bill in tx.bills.unsettled_of_account(account.id)):
            return ()
        reactivated = []
        for subscriber in subscribers_of(tx, account):
            if subscriber.status is SubscriberStatus.SUSPENDED_ARREARS:
                publish(tx, subscriber.reactivate(at=now))
                tx.subscribers.save(subscriber)
                reactivated.append(subscriber.id)
        return tuple(reactivated)

    def enforce_arrears(self) -> ArrearsReport:
        """Suspend the postpaid numbers of accounts in arrears for the configured days (F-QRY-1).

        Late fees need no pass: a bill computes them for any day
        (:mod:`~unicom_core.domain.billing.bills`).
        """
        cursor: list[str | None] = [None]
        in_arrears, suspended = 0, list[str]()
        while True:
            found = self._run(lambda tx, now: self._arrears_page(tx, now, cursor[0]))
            if found is None:
                return ArrearsReport(in_arrears, tuple(suspended))
            cursor[0], count, numbers = found
            in_arrears += count
            suspended += numbers

    def _arrears_page(
        self, tx: BillingUnitOfWork, now: datetime, after: str | None
    ) -> tuple[str, int, list[str]] | None:
        bills = tx.bills.unsettled_after(after, _ARREARS_PAGE)
        if not bills:
            return None
        limit = self._settings.bills.suspend_after_days
        overdue = [bill for bill in bills if bill.days_in_arrears(now)]
        due_for_suspension = {b.account_id for b in overdue if b.days_in_arrears(now) >= limit}
        suspended: list[str] = []
        for account_id in sorted(due_for_suspension):
            account = tx.accounts.find(account_id)  # type: ignore[arg-type]  # an AccountId
            for subscriber in subscribers_of(tx, account) if account is not None else ():
                if (
                    subscriber.payment_mode is PaymentMode.POSTPAID
                    and subscriber.status is SubscriberStatus.ACTIVE
                ):
                    publish(tx, subscriber.suspend_for_arrears(at=now))
                    tx.subscribers.save(subscriber)
                    suspended.append(subscriber.id)
        return bills[-1].id, len(overdue), suspended
