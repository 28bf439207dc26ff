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
  :class:`~unicom_core.usecases.billing.profiles.BillingProfiles`, the bill run in
  :class:`~unicom_core.usecases.billing.bill_run.BillRunner`: this class holds one of each
  and offers their use cases under its own name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.usecases.billing.accounts import BillingAccounts
from unicom_core.usecases.billing.adjustments import BalanceAdjustments
from unicom_core.usecases.billing.balances import BalanceReads
from unicom_core.usecases.billing.bill_run import BillRunner
from unicom_core.usecases.billing.history import HISTORY_MONTHS, BillingHistory
from unicom_core.usecases.billing.home import BillingHome
from unicom_core.usecases.billing.partitions import PartitionedRun
from unicom_core.usecases.billing.profiles import BillingProfiles
from unicom_core.usecases.billing.queries import BillingQueries
from unicom_core.usecases.billing.settings import BillingSettings
from unicom_core.usecases.billing.usage import UsageIntake
from unicom_core.usecases.billing.usage_posting import UsagePosting
from unicom_core.usecases.billing.usage_window import UsageWindows

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from datetime import datetime

    from unicom_core.domain.billing import (
        Bill,
        BillingProfile,
        DetailKind,
        PaymentAdvice,
        UsageEntry,
        UsageRecord,
    )
    from unicom_core.domain.shared import BillingCycle, Money
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.ports.access import ScopedAuthorizer
    from unicom_core.ports.billing import (
        BillingStorage,
        BillingUnitOfWork,
        UsageBatch,
        UsageFeed,
    )
    from unicom_core.ports.shared import Clock, Page, PageRequest
    from unicom_core.usecases.billing.accounts import ArrearsReport, PaymentReceipt
    from unicom_core.usecases.billing.adjustments import AdjustmentRequest, BalanceAdjustment
    from unicom_core.usecases.billing.balances import NumberBalance
    from unicom_core.usecases.billing.bill_run import BillRunReport
    from unicom_core.usecases.billing.details import DetailsView
    from unicom_core.usecases.billing.history import ChargesHistory
    from unicom_core.usecases.billing.home import HomeView
    from unicom_core.usecases.billing.partitions import PartitionPlan, PartitionReport
    from unicom_core.usecases.billing.queries import AllowancesView, BalanceView, ChargesView
    from unicom_core.usecases.billing.usage import IngestReport
    from unicom_core.usecases.billing.usage_posting import PostedUsage
    from unicom_core.usecases.billing.usage_window import UsageWindow

__all__ = ["BillingService"]


class BillingService:
    """Usage, rating, the bill run, payments, arrears and the queries (F-CAL, F-QRY-1..3).

    Args:
        storage: any storage whose units of work offer the billing repositories.
        clock: the hall's clock (F-CAL-1).
        authorizer: the permission check (``hall.access``).
        settings: the calendar windows, bill policy and default rates.
    """

    def __init__(
        self,
        storage: BillingStorage,
        clock: Clock,
        *,
        authorizer: ScopedAuthorizer,
        settings: BillingSettings | None = None,
    ) -> None:
        chosen = settings if settings is not None else BillingSettings()
        self._queries = BillingQueries(storage, clock, authorizer=authorizer, settings=chosen)
        self._home = BillingHome(storage, clock, authorizer=authorizer, settings=chosen)
        self._history = BillingHistory(storage, clock, authorizer=authorizer, settings=chosen)
        self._windows = UsageWindows(storage, clock, authorizer=authorizer, settings=chosen)
        self._balances = BalanceReads(storage, clock, authorizer=authorizer, settings=chosen)
        self._profiles = BillingProfiles(storage, clock, chosen)
        self._intake = UsageIntake(storage, clock, chosen)
        self._runner = BillRunner(storage, clock, chosen)
        self._partitioned = PartitionedRun(storage, clock, chosen, self._runner)
        self._accounts = BillingAccounts(storage, clock, chosen)
        self._posting = UsagePosting(
            storage, clock, authorizer=authorizer, intake=self._intake, settings=chosen
        )
        self._adjustments = BalanceAdjustments(
            storage, clock, authorizer=authorizer, settings=chosen
        )

    @property
    def settings(self) -> BillingSettings:
        """The settings in force."""
        return self._queries.settings

    # ------------------------------------------------------------------ usage in, the bill run

    def ingest(self, batch: UsageBatch) -> IngestReport:
        """Ingest a batch once by record id (:meth:`UsageIntake.ingest`; F-QRY-2)."""
        return self._intake.ingest(batch)

    def drain(self, feed: UsageFeed, *, max_batches: int = 1000) -> tuple[IngestReport, ...]:
        """Ingest and acknowledge the feed's pending batches (:meth:`UsageIntake.drain`)."""
        return self._intake.drain(feed, max_batches=max_batches)

    def post_usage(self, token: str, record: UsageRecord) -> PostedUsage:
        """An operator posts one record, once by id, audited (:meth:`UsagePosting.post`)."""
        return self._posting.post(token, record)

    def close_cycle(
        self,
        cycle: BillingCycle,
        *,
        progress: Callable[[BillRunReport], object] | None = None,
    ) -> BillRunReport:
        """Run (or resume) the bill run of a cycle that is over (:meth:`BillRunner.close_cycle`)."""
        return self._runner.close_cycle(cycle, progress=progress)

    def plan_partitions(self, cycle: BillingCycle, count: int) -> tuple[PartitionPlan, ...]:
        """Start a cycle's run split into ``count`` account ranges (:meth:`PartitionedRun.plan`)."""
        return self._partitioned.plan(cycle, count)

    def close_partition(
        self,
        cycle: BillingCycle,
        partition_id: str,
        *,
        progress: Callable[[PartitionReport], object] | None = None,
    ) -> PartitionReport:
        """Bill one range of a split run (:meth:`PartitionedRun.close_partition`; F-QRY-3)."""
        return self._partitioned.close_partition(cycle, partition_id, progress=progress)

    def finish_partitioned(self, cycle: BillingCycle) -> BillRunReport:
        """Finish a split run once every range is billed (:meth:`PartitionedRun.finish`)."""
        return self._partitioned.finish(cycle)

    # ------------------------------------------------------------------ payments, arrears

    def record_payment(self, account_id: str, amount: Money, *, payment_id: str) -> PaymentReceipt:
        """Credit a payment once per id (:meth:`BillingAccounts.record_payment`; F-PAY)."""
        return self._accounts.record_payment(account_id, amount, payment_id=payment_id)

    def when_settled(self, hook: Callable[[BillingUnitOfWork, Bill, datetime], object]) -> None:
        """Run ``hook(tx, bill, now)`` in each payment settling a bill (F-QRY-4 points).

        A payment (:meth:`BillingAccounts.when_settled`) and the bill run settling a bill from
        a positive balance at issue alike; bootstrap earns the points of paid bills there.
        """
        self._accounts.when_settled(hook)
        self._runner.when_settled(hook)

    def adjust_balance(
        self, token: str, request: AdjustmentRequest
    ) -> tuple[BalanceAdjustment, bool]:
        """An operator credits or debits an account (:meth:`BalanceAdjustments.adjust`)."""
        return self._adjustments.adjust(token, request)

    def balance_adjustments(
        self, token: str, number: NumberIdentifier | None = None
    ) -> tuple[BalanceAdjustment, ...]:
        """The account's adjustments (:meth:`BalanceAdjustments.adjustments`)."""
        return self._adjustments.adjustments(token, number)

    def enforce_arrears(self) -> ArrearsReport:
        """Suspend numbers in arrears (:meth:`BillingAccounts.enforce_arrears`; F-QRY-1)."""
        return self._accounts.enforce_arrears()

    # ------------------------------------------------------------------ the billing profile

    def payment_advice(self, subscriber_id: str) -> PaymentAdvice:
        """Whether a payment may be made now (:meth:`BillingProfiles.payment_advice`)."""
        return self._profiles.payment_advice(subscriber_id)

    def hold_pack(
        self, subscriber_id: str, pack_code: str, *, starts: datetime | None = None
    ) -> BillingProfile:
        """The number holds a pack (:meth:`BillingProfiles.hold_pack`; F-QRY-2)."""
        return self._profiles.hold_pack(subscriber_id, pack_code, starts=starts)

    def release_pack(
        self, subscriber_id: str, pack_code: str, *, ends: datetime | None = None
    ) -> BillingProfile:
        """End a held pack (:meth:`BillingProfiles.release_pack`; F-CAL-5)."""
        return self._profiles.release_pack(subscriber_id, pack_code, ends=ends)

    def record_4g_upgrade(
        self, subscriber_id: str, cycle: BillingCycle | None = None
    ) -> BillingProfile:
        """Record a 4G upgrade (:meth:`BillingProfiles.record_4g_upgrade`; F-CAL-4)."""
        return self._profiles.record_4g_upgrade(subscriber_id, cycle)

    def adjust(
        self,
        subscriber_id: str,
        adjustment_id: str,
        amount: Money,
        reason: str,
        *,
        cycle: BillingCycle | None = None,
    ) -> BillingProfile:
        """Put an adjustment on the next bill (:meth:`BillingProfiles.adjust`)."""
        return self._profiles.adjust(subscriber_id, adjustment_id, amount, reason, cycle=cycle)

    # ------------------------------------------------------------------ queries

    def charges(
        self, token: str, cycle: BillingCycle | None = None, number: NumberIdentifier | None = None
    ) -> ChargesView:
        """A number's charges (:meth:`BillingQueries.charges`; F-QRY-1, F-CAL-3/4)."""
        return self._queries.charges(token, cycle, number)

    def balance(self, token: str, number: NumberIdentifier | None = None) -> BalanceView:
        """The balance of the number's account (:meth:`BillingQueries.balance`; F-QRY-1)."""
        return self._queries.balance(token, number)

    def balance_of(self, token: str, number: NumberIdentifier | None = None) -> NumberBalance:
        """The balance with its number, in one read (:meth:`BalanceReads.balance_of`)."""
        return self._balances.balance_of(token, number)

    def buckets(
        self, token: str, number: NumberIdentifier | None = None
    ) -> tuple[BalanceView, AllowancesView]:
        """The balance and allowances left, in one read (:meth:`BalanceReads.buckets`)."""
        return self._balances.buckets(token, number)

    def home(self, token: str, number: NumberIdentifier | None = None) -> HomeView:
        """The home page in one query: balance and plan (:meth:`BillingHome.home`; F-QRY-1)."""
        return self._home.home(token, number)

    def history(  # noqa: PLR0913 - what the page asks for, each a flag
        self,
        token: str,
        months: int = HISTORY_MONTHS,
        *,
        bills: bool = False,
        balance: bool = False,
        allowances: bool = False,
        page: PageRequest | None = None,
        number: NumberIdentifier | None = None,
    ) -> ChargesHistory:
        """Months of charges, and bills, balance, allowances, in one read (F-QRY-1..3).

        :meth:`BillingHistory.history`: each month as :meth:`charges` answers it or its
        refusal (F-CAL-3, F-CAL-4), each further figure under its own capability (F-AUTH-5).
        """
        return self._history.history(
            token,
            months,
            bills=bills,
            balance=balance,
            allowances=allowances,
            page=page,
            number=number,
        )

    def bills(
        self,
        token: str,
        page: PageRequest | None = None,
        number: NumberIdentifier | None = None,
    ) -> Page[Bill]:
        """The monthly bills, newest first (:meth:`BillingQueries.bills`; F-QRY-3)."""
        return self._queries.bills(token, page, number)

    def allowances(self, token: str, number: NumberIdentifier | None = None) -> AllowancesView:
        """What is left of each allowance (:meth:`BillingQueries.allowances`; F-QRY-2)."""
        return self._queries.allowances(token, number)

    def details(
        self,
        token: str,
        kind: DetailKind,
        cycle: BillingCycle,
        *,
        page: PageRequest | None = None,
        number: NumberIdentifier | None = None,
    ) -> Page[UsageEntry]:
        """Detail records of ``kind`` (:meth:`BillingQueries.details`; F-QRY-3, F-AUTH-5)."""
        return self._queries.details(token, kind, cycle, page=page, number=number)

    def usage_window(
        self,
        token: str,
        kinds: Sequence[DetailKind],
        cycles: Sequence[BillingCycle],
        *,
        number: NumberIdentifier | None = None,
        skip_pending: bool = False,
    ) -> UsageWindow:
        """Records of several kinds and months in one read (:meth:`UsageWindows.window`)."""
        return self._windows.window(token, kinds, cycles, number=number, skip_pending=skip_pending)

    def rated_details(
        self,
        token: str,
        kind: DetailKind,
        cycle: BillingCycle,
        *,
        page: PageRequest | None = None,
        number: NumberIdentifier | None = None,
    ) -> DetailsView:
        """Detail records with their rated fees (:meth:`BillingQueries.rated_details`)."""
        return self._queries.rated_details(token, kind, cycle, page=page, number=number)

    def internet_access(
        self,
        token: str,
        cycle: BillingCycle,
        *,
        page: PageRequest | None = None,
        number: NumberIdentifier | None = None,
    ) -> Page[UsageEntry]:
        """Mobile-internet access records (:meth:`BillingQueries.internet_access`; F-QRY-3)."""
        return self._queries.internet_access(token, cycle, page=page, number=number)
