"""The charge and usage queries of the hall (F-QRY-1, F-QRY-2, F-QRY-3, F-CAL-3, F-CAL-4).

Every query takes the session's token and goes through the one permission check, asked in
the query's own read-only transaction (:class:`~unicom_core.usecases.access.GrantedReads`;
:func:`~unicom_core.domain.access.permissions.authorize` decides): a random-password session sees
charges, balance and bills but no detail records (F-AUTH-5), and nobody sees another
customer's number (F-AUTH-6). Then the calendar has its say: during the bill run a 2G/3G
postpaid number cannot see this or last month's charges (F-CAL-3), and in the month an
upgrade to 4G takes effect nothing before 08:00 on the 4th (F-CAL-4); detail records go six
months back, mobile-internet access records two, the current month included (F-QRY-3).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

import attrs

from unicom_core.domain.access import Capability
from unicom_core.domain.billing import (
    BILLING_DETAIL_KIND,
    BILLING_FUTURE_CYCLE,
    Bill,
    BillLine,
    BucketUse,
    CalendarProfile,
    DetailKind,
    UsageEntry,
    UsageTotals,
    bill_id,
    bill_lines,
    charge_cycle,
    require_detail_window,
)
from unicom_core.domain.shared import BillingCycle, Money
from unicom_core.ports.shared import Page, PageRequest
from unicom_core.usecases.access import GrantedReads
from unicom_core.usecases.billing.details import DetailsView, rated_page
from unicom_core.usecases.billing.lookups import load_catalog
from unicom_core.usecases.billing.settings import BillingSettings

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from unicom_core.domain.subscribers import NumberIdentifier, Subscriber
    from unicom_core.ports.access import ScopedAuthorizer
    from unicom_core.ports.billing import BillingStorage, BillingUnitOfWork
    from unicom_core.ports.shared import Clock, Granted

__all__ = [
    "AllowancesView",
    "BalanceView",
    "BillingQueries",
    "ChargesView",
]

_T = TypeVar("_T")
QUERY_BILL = Capability("query.bill")
QUERY_BALANCE = Capability("query.balance")
QUERY_USAGE = Capability("query.usage")


@attrs.frozen(slots=True)
class ChargesView:
    """A number's charges (话费) for a cycle: from its bill once issued, else so far (F-QRY-1)."""

    number: str
    cycle: BillingCycle
    lines: tuple[BillLine, ...]
    final: bool = attrs.field(kw_only=True)

    @property
    def total(self) -> Money:
        """The sum of the lines."""
        return Money.total(line.amount for line in self.lines)


@attrs.frozen(slots=True)
class BalanceView:
    """An account's balance, credit, and what its bills still owe, late fees included."""

    account_id: str
    balance: Money
    credit_limit: Money
    owed: Money
    days_in_arrears: int

    @property
    def available(self) -> Money:
        """Balance plus credit limit (F-QRY-1)."""
        return self.balance + self.credit_limit


@attrs.frozen(slots=True)
class AllowancesView:
    """What is left of each allowance this cycle (余量, F-QRY-2), in consumption order."""

    number: str
    cycle: BillingCycle
    buckets: tuple[BucketUse, ...]


class BillingQueries:
    """The queries of the billing area (:class:`~unicom_core.usecases.billing.BillingService`).

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
        self._settings = settings if settings is not None else BillingSettings()
        self._calendar = self._settings.billing_calendar
        self._reads = GrantedReads(storage, clock, authorizer, self._settings.retry_rule)

    @property
    def settings(self) -> BillingSettings:
        """The settings in force."""
        return self._settings

    def _read(
        self,
        token: str,
        capability: Capability,
        number: NumberIdentifier | None,
        work: Callable[[BillingUnitOfWork, datetime, Subscriber], _T],
    ) -> _T:
        """``work`` on the granted number's subscriber, check and reads in one transaction."""

        def granted(tx: BillingUnitOfWork, now: datetime, grant: Granted) -> _T:
            return work(tx, now, grant.subscriber)

        return self._reads.read(token, capability, number, granted)

    def _profile(self, tx: BillingUnitOfWork, subscriber: Subscriber) -> CalendarProfile:
        profile = tx.billing_profiles.find(subscriber.id)
        return CalendarProfile.of(subscriber, profile.upgraded_to_4g_in if profile else None)

    # ------------------------------------------------------------------ F-QRY-1

    def charges(
        self, token: str, cycle: BillingCycle | None = None, number: NumberIdentifier | None = None
    ) -> ChargesView:
        """A number's charges for ``cycle`` (default: this month so far; F-QRY-1, F-CAL-3/4).

        Raises:
            Refused: ``access.*`` (F-AUTH), ``billing.query_blackout`` (F-CAL-3),
                ``billing.upgrade_query_pending`` (F-CAL-4), each with ``retry_at``.
            InvalidInput: ``billing.future_cycle`` for a month not begun.
        """

        def work(tx: BillingUnitOfWork, now: datetime, subscriber: Subscriber) -> ChargesView:
            asked = BillingCycle.containing(now) if cycle is None else cycle
            if asked > BillingCycle.containing(now):
                raise BILLING_FUTURE_CYCLE.error(f"{asked} has not begun", billing_cycle=str(asked))
            self._calendar.require_charge_query(self._profile(tx, subscriber), asked, now)
            bill = tx.bills.find(bill_id(subscriber.account_id, asked))
            if bill is not None:
                lines = bill.lines_of(subscriber.id)
                return ChargesView(subscriber.number.value, asked, lines, final=True)
            totals = tx.usage.totals(asked, [subscriber.id]).get(subscriber.id, UsageTotals())
            charges = charge_cycle(
                load_catalog(tx, self._settings.catalog_id),
                subscriber,
                tx.billing_profiles.find(subscriber.id),
                asked,
                totals,
                defaults=self._settings.rates,
            )
            return ChargesView(
                subscriber.number.value, asked, tuple(bill_lines(charges)), final=False
            )

        return self._read(token, QUERY_BILL, number, work)

    def balance(self, token: str, number: NumberIdentifier | None = None) -> BalanceView:
        """The balance of the number's account and what its bills owe today (F-QRY-1)."""

        def work(tx: BillingUnitOfWork, now: datetime, subscriber: Subscriber) -> BalanceView:
            account = tx.accounts.get(subscriber.account_id)
            bills = tx.bills.unsettled_of_account(account.id)
            owed = Money.total(bill.owed_at(now) for bill in bills)
            days = max((bill.days_in_arrears(now) for bill in bills), default=0)
            return BalanceView(account.id, account.balance, account.credit_limit, owed, days)

        return self._read(token, QUERY_BALANCE, number, work)

    # ------------------------------------------------------------------ F-QRY-3 bills

    def bills(
        self,
        token: str,
        page: PageRequest | None = None,
        number: NumberIdentifier | None = None,
    ) -> Page[Bill]:
        """The monthly bills of the number's account, newest first (F-QRY-3, F-CAL-3/4)."""

        def work(tx: BillingUnitOfWork, now: datetime, subscriber: Subscriber) -> Page[Bill]:
            last_month = BillingCycle.containing(now).previous()
            self._calendar.require_charge_query(self._profile(tx, subscriber), last_month, now)
            return tx.bills.list_by_account(subscriber.account_id, page or PageRequest())

        return self._read(token, QUERY_BILL, number, work)

    # ------------------------------------------------------------------ F-QRY-2 usage

    def allowances(self, token: str, number: NumberIdentifier | None = None) -> AllowancesView:
        """What is left this month of each allowance of plan and packs (余量, F-QRY-2, F-CAL-4)."""

        def work(tx: BillingUnitOfWork, now: datetime, subscriber: Subscriber) -> AllowancesView:
            self._calendar.require_usage_query(self._profile(tx, subscriber), now)
            cycle = BillingCycle.containing(now)
            totals = tx.usage.totals(cycle, [subscriber.id]).get(subscriber.id, UsageTotals())
            charges = charge_cycle(
                load_catalog(tx, self._settings.catalog_id),
                subscriber,
                tx.billing_profiles.find(subscriber.id),
                cycle,
                totals,
                defaults=self._settings.rates,
            )
            return AllowancesView(subscriber.number.value, cycle, charges.usage.buckets)

        return self._read(token, QUERY_USAGE, number, work)

    def details(
        self,
        token: str,
        kind: DetailKind,
        cycle: BillingCycle,
        *,
        page: PageRequest | None = None,
        number: NumberIdentifier | None = None,
    ) -> Page[UsageEntry]:
        """Detail records of ``kind`` for a month of the allowed window (F-QRY-3, F-AUTH-5).

        Raises:
            Refused: ``access.capability_missing`` (a random-password session),
                ``billing.detail_window`` naming ``earliest``, ``billing.upgrade_query_pending``.
        """
        if not isinstance(kind, DetailKind):
            raise BILLING_DETAIL_KIND.error(f"not a detail kind: {kind!r}")

        def work(tx: BillingUnitOfWork, now: datetime, subscriber: Subscriber) -> Page[UsageEntry]:
            require_detail_window(kind, cycle, BillingCycle.containing(now))
            self._calendar.require_usage_query(self._profile(tx, subscriber), now)
            return tx.usage.records(subscriber.id, kind.usage_kinds, cycle, page or PageRequest())

        return self._read(token, Capability(kind.capability_name), number, work)

    def rated_details(
        self,
        token: str,
        kind: DetailKind,
        cycle: BillingCycle,
        *,
        page: PageRequest | None = None,
        number: NumberIdentifier | None = None,
    ) -> DetailsView:
        """:meth:`details` with each record's fee as rated and the page's totals (F-QRY-3).

        Raises:
            As :meth:`details`.
        """
        if not isinstance(kind, DetailKind):
            raise BILLING_DETAIL_KIND.error(f"not a detail kind: {kind!r}")
        catalog_id, rates = self._settings.catalog_id, self._settings.rates

        def work(tx: BillingUnitOfWork, now: datetime, subscriber: Subscriber) -> DetailsView:
            require_detail_window(kind, cycle, BillingCycle.containing(now))
            self._calendar.require_usage_query(self._profile(tx, subscriber), now)
            catalog = load_catalog(tx, catalog_id)
            wanted = page or PageRequest()
            return rated_page(
                tx, catalog, subscriber, kind=kind, cycle=cycle, page=wanted, defaults=rates
            )

        return self._read(token, Capability(kind.capability_name), number, work)

    def internet_access(
        self,
        token: str,
        cycle: BillingCycle,
        *,
        page: PageRequest | None = None,
        number: NumberIdentifier | None = None,
    ) -> Page[UsageEntry]:
        """Mobile-internet access records (手机上网记录) of the last two months (F-QRY-3)."""
        return self.details(token, DetailKind.INTERNET, cycle, page=page, number=number)
