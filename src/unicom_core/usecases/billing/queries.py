"""The charge and usage queries of the hall (F-QRY-1, F-QRY-2, F-QRY-3, F-CAL-3, F-CAL-4).

Every query takes the session's token and goes through the one permission check, asked in
the query's own read-only transaction (:class:`~unicom_core.usecases.access.GrantedReads`;
:func:`~unicom_core.domain.access.permissions.authorize` decides): a random-password session sees
charges, balance and bills but no detail records (F-AUTH-5), and nobody sees another
customer's number (F-AUTH-6). Then the calendar has its say: during the bill run a 2G/3G
postpaid number cannot see this or last month's charges (F-CAL-3), and in the month an
upgrade to 4G takes effect nothing before 08:00 on the 4th (F-CAL-4); detail records go six
months back, mobile-internet access records two, the current month included (F-QRY-3).

What each query answers is worked out once, by :class:`SubscriberFigures` in the query's
transaction; :class:`~unicom_core.usecases.billing.history.BillingHistory` asks several of
its figures (six months of charges, the bills, the balance, the allowances) in one.
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
from unicom_core.domain.catalog import CatalogId
from unicom_core.domain.shared import BillingCycle, Money
from unicom_core.ports.shared import Page, PageRequest
from unicom_core.usecases.access import GrantedReads
from unicom_core.usecases.billing.details import DetailsView, rated_page
from unicom_core.usecases.billing.lookups import load_catalog
from unicom_core.usecases.billing.settings import BillingSettings
from unicom_core.usecases.catalog import catalog_cache

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from unicom_core.domain.billing import BillingProfile, SubscriberCharges
    from unicom_core.domain.catalog import Catalog
    from unicom_core.domain.subscribers import NumberIdentifier, Subscriber
    from unicom_core.ports.access import ScopedAuthorizer
    from unicom_core.ports.billing import BillingStorage, BillingUnitOfWork
    from unicom_core.ports.shared import Clock, Granted
    from unicom_core.usecases.catalog import CatalogCache

__all__ = [
    "AllowancesView",
    "BalanceView",
    "BillingQueries",
    "BillingReader",
    "ChargesView",
    "SubscriberFigures",
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


class SubscriberFigures:
    """One subscriber's charges, balance, bills and allowances as one transaction reads them.

    The inside of every query of :class:`BillingQueries` (one figure a transaction) and of
    :class:`~unicom_core.usecases.billing.history.BillingHistory` (several in one): the billing
    profile, the catalogue (by its revision, :mod:`unicom_core.usecases.catalog.cache`) and
    each month's rating are read once per transaction, whatever is asked.

    Args:
        tx: the query's unit of work.
        now: the query's instant.
        subscriber: the granted number's subscriber.
        settings: the calendar windows and default rates.
        catalogs: the storage's catalogue cache.
    """

    def __init__(
        self,
        tx: BillingUnitOfWork,
        now: datetime,
        subscriber: Subscriber,
        settings: BillingSettings,
        catalogs: CatalogCache,
    ) -> None:
        self.tx, self.now, self.subscriber = tx, now, subscriber
        self._settings, self._catalogs = settings, catalogs
        self._profile: tuple[BillingProfile | None] | None = None
        self._catalog: Catalog | None = None
        self._rated: dict[BillingCycle, SubscriberCharges] = {}

    @property
    def current(self) -> BillingCycle:
        """The month of ``now``."""
        return BillingCycle.containing(self.now)

    def profile(self) -> BillingProfile | None:
        """The subscriber's billing profile (packs held, the 4G upgrade), read once."""
        if self._profile is None:
            self._profile = (self.tx.billing_profiles.find(self.subscriber.id),)
        return self._profile[0]

    def calendar_profile(self) -> CalendarProfile:
        """What the billing calendar asks of the subscriber (F-CAL-3, F-CAL-4)."""
        profile = self.profile()
        return CalendarProfile.of(self.subscriber, profile.upgraded_to_4g_in if profile else None)

    def catalog(self) -> Catalog:
        """The stored catalogue; ``NotFound`` ``catalog.not_installed`` without one."""
        if self._catalog is None:
            found = self._catalogs.find(self.tx, CatalogId(self._settings.catalog_id))
            self._catalog = found or load_catalog(self.tx, self._settings.catalog_id)
        return self._catalog

    def rated(self, cycle: BillingCycle) -> SubscriberCharges:
        """The fees and rated usage of ``cycle`` so far (no bill asked; F-QRY-1, F-QRY-2)."""
        found = self._rated.get(cycle)
        if found is None:
            subscriber = self.subscriber
            totals = self.tx.usage.totals(cycle, [subscriber.id]).get(subscriber.id, UsageTotals())
            found = charge_cycle(
                self.catalog(),
                subscriber,
                self.profile(),
                cycle,
                totals,
                defaults=self._settings.rates,
            )
            self._rated[cycle] = found
        return found

    def charges(self, cycle: BillingCycle | None = None) -> ChargesView:
        """What :meth:`BillingQueries.charges` answers for ``cycle`` (F-QRY-1, F-CAL-3/4)."""
        asked = self.current if cycle is None else cycle
        if asked > self.current:
            raise BILLING_FUTURE_CYCLE.error(f"{asked} has not begun", billing_cycle=str(asked))
        calendar = self._settings.billing_calendar
        calendar.require_charge_query(self.calendar_profile(), asked, self.now)
        number = self.subscriber.number.value
        bill = self.tx.bills.find(bill_id(self.subscriber.account_id, asked))
        if bill is not None:
            return ChargesView(number, asked, bill.lines_of(self.subscriber.id), final=True)
        return ChargesView(number, asked, tuple(bill_lines(self.rated(asked))), final=False)

    def balance(self) -> BalanceView:
        """What :meth:`BillingQueries.balance` answers (F-QRY-1)."""
        account = self.tx.accounts.get(self.subscriber.account_id)
        bills = self.tx.bills.unsettled_of_account(account.id)
        owed = Money.total(bill.owed_at(self.now) for bill in bills)
        days = max((bill.days_in_arrears(self.now) for bill in bills), default=0)
        return BalanceView(account.id, account.balance, account.credit_limit, owed, days)

    def require_bills(self) -> None:
        """Raise as :meth:`bills` would before it reads: last month's charges refused now."""
        last_month = self.current.previous()
        calendar = self._settings.billing_calendar
        calendar.require_charge_query(self.calendar_profile(), last_month, self.now)

    def bills(self, page: PageRequest | None = None) -> Page[Bill]:
        """What :meth:`BillingQueries.bills` answers (F-QRY-3, F-CAL-3/4)."""
        self.require_bills()
        return self.tx.bills.list_by_account(self.subscriber.account_id, page or PageRequest())

    def allowances(self) -> AllowancesView:
        """What :meth:`BillingQueries.allowances` answers (F-QRY-2, F-CAL-4)."""
        self._settings.billing_calendar.require_usage_query(self.calendar_profile(), self.now)
        cycle = self.current
        return AllowancesView(self.subscriber.number.value, cycle, self.rated(cycle).usage.buckets)


class BillingReader:
    """What every query of the billing area holds, made once (the home page, the history, ...).

    ``_reads`` runs a check and its reads in one transaction; ``_figures`` reads a granted
    subscriber's figures in it, the catalogue through the storage's revision cache.

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
        self._catalogs = catalog_cache(storage)

    def _figures(
        self, tx: BillingUnitOfWork, now: datetime, subscriber: Subscriber
    ) -> SubscriberFigures:
        return SubscriberFigures(tx, now, subscriber, self._settings, self._catalogs)


class BillingQueries(BillingReader):
    """The queries of the billing area (:class:`~unicom_core.usecases.billing.BillingService`).

    Built as :class:`BillingReader` is.
    """

    @property
    def settings(self) -> BillingSettings:
        """The settings in force."""
        return self._settings

    def _read(
        self,
        token: str,
        capability: Capability,
        number: NumberIdentifier | None,
        work: Callable[[SubscriberFigures], _T],
    ) -> _T:
        """``work`` on the granted number's figures, check and reads in one transaction."""

        def granted(tx: BillingUnitOfWork, now: datetime, grant: Granted) -> _T:
            return work(self._figures(tx, now, grant.subscriber))

        return self._reads.read(token, capability, number, granted)

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
        return self._read(token, QUERY_BILL, number, lambda figures: figures.charges(cycle))

    def balance(self, token: str, number: NumberIdentifier | None = None) -> BalanceView:
        """The balance of the number's account and what its bills owe today (F-QRY-1)."""
        return self._read(token, QUERY_BALANCE, number, SubscriberFigures.balance)

    # ------------------------------------------------------------------ F-QRY-3 bills

    def bills(
        self,
        token: str,
        page: PageRequest | None = None,
        number: NumberIdentifier | None = None,
    ) -> Page[Bill]:
        """The monthly bills of the number's account, newest first (F-QRY-3, F-CAL-3/4)."""
        return self._read(token, QUERY_BILL, number, lambda figures: figures.bills(page))

    # ------------------------------------------------------------------ F-QRY-2 usage

    def allowances(self, token: str, number: NumberIdentifier | None = None) -> AllowancesView:
        """What is left this month of each allowance of plan and packs (余量, F-QRY-2, F-CAL-4)."""
        return self._read(token, QUERY_USAGE, number, SubscriberFigures.allowances)

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

        def work(figures: SubscriberFigures) -> Page[UsageEntry]:
            require_detail_window(kind, cycle, figures.current)
            self._calendar.require_usage_query(figures.calendar_profile(), figures.now)
            wanted = page or PageRequest()
            return figures.tx.usage.records(figures.subscriber.id, kind.usage_kinds, cycle, wanted)

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

        def work(figures: SubscriberFigures) -> DetailsView:
            require_detail_window(kind, cycle, figures.current)
            self._calendar.require_usage_query(figures.calendar_profile(), figures.now)
            catalog = load_catalog(figures.tx, catalog_id)
            wanted = page or PageRequest()
            subscriber = figures.subscriber
            return rated_page(
                figures.tx, catalog, subscriber, kind=kind, cycle=cycle, page=wanted, defaults=rates
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
