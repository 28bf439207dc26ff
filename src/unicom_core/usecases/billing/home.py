"""The home page in one query: the number, its plan and its account balance (F-QRY-1, F-QRY-7).

:meth:`BillingHome.home` is what the hall's home page and ``GET /api/v1/me`` show, gathered
in one use case call: the permission check (``query.balance``, which a random-password
session has, F-AUTH-5; another customer's number is ``NotFound`` ``access.unknown_number``,
F-AUTH-6), asked in the **one** read-only transaction
(:class:`~unicom_core.usecases.access.GrantedReads`) that also reads the account, its unsettled
bills and the catalogue's revision (the structured catalogue is cached by its immutable revision:
:mod:`unicom_core.usecases.catalog.cache`). Before, the page asked three use cases, four
transactions; the answers are the same: the balance as :meth:`BillingQueries.balance
<unicom_core.usecases.billing.queries.BillingQueries.balance>` computes it, the plan as
:meth:`CatalogService.show_plan <unicom_core.usecases.catalog.service.CatalogService.show_plan>`
details it.

The page also shows what a carrier's home page shows (F-QRY-1, F-QRY-2): the packs held this
month, the **monthly fee** the bill run charges for a whole month (the plan's own fee, if a
fixed plan, plus every pack held: :func:`~unicom_core.domain.billing.fees.charge_cycle`'s
``full`` fees, not the bundle's entry price) and, for a session that may query usage
(``query.usage``: not a random-password one, F-AUTH-5) outside an upgrade's blackout
(F-CAL-4), what is left of each allowance this month. That second permission check is answered
from the first grant (``ScopedAuthorizer.permits``: the same session, the same number), with
no read; so ``GET /api/v1/me`` is one unit of work (two, at most once a minute, when the
session's use is recorded, F-AUTH-7).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import Session
from unicom_core.domain.billing import (
    BillingProfile,
    BucketUse,
    CalendarProfile,
    Fee,
    SubscriberCharges,
    UsageTotals,
    charge_cycle,
)
from unicom_core.domain.shared import BillingCycle, Money
from unicom_core.domain.subscribers import Subscriber
from unicom_core.errors import NotFound, Refused
from unicom_core.usecases.access import GrantedReads
from unicom_core.usecases.billing.queries import QUERY_BALANCE, QUERY_USAGE, BalanceView
from unicom_core.usecases.catalog import PlanDetails, catalog_cache, plan_details

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.catalog import Catalog
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.ports.access import ScopedAuthorizer
    from unicom_core.ports.billing import BillingStorage, BillingUnitOfWork
    from unicom_core.ports.shared import Clock, Granted
    from unicom_core.usecases.billing.settings import BillingSettings

__all__ = ["BillingHome", "HomeView"]


@attrs.frozen(slots=True, kw_only=True)
class HomeView:
    """What the home page shows: the session, its subscriber, the balance and the plan.

    ``plan`` is None when the subscriber's plan is not in the catalogue (a legacy plan) or
    no catalogue is installed. ``fees`` are the plan's own fee (a fixed plan) and the packs
    held this month, each for a whole month; ``monthly_fee`` their sum (F-QRY-1).
    ``allowances`` is what is left of each allowance this month (F-QRY-2), None when the
    session may not query usage (F-AUTH-5) or the calendar refuses it now (F-CAL-4).
    """

    session: Session
    subscriber: Subscriber
    balance: BalanceView
    plan: PlanDetails | None
    fees: tuple[Fee, ...] = ()
    allowances: tuple[BucketUse, ...] | None = None

    @property
    def packs(self) -> tuple[Fee, ...]:
        """The fees of the packs held (the plan's own fee left out)."""
        return tuple(fee for fee in self.fees if fee.code != self.subscriber.plan_code)

    @property
    def monthly_fee(self) -> Money:
        """What a whole month of plan and packs costs, as the bill run charges it (F-QRY-1)."""
        return Money.total(fee.full for fee in self.fees)


class BillingHome:
    """The home page's query (``hall.billing.home``; F-QRY-1, F-QRY-7, F-AUTH-5, F-AUTH-6)."""

    def __init__(
        self,
        storage: BillingStorage,
        clock: Clock,
        *,
        authorizer: ScopedAuthorizer,
        settings: BillingSettings,
    ) -> None:
        self._reads = GrantedReads(storage, clock, authorizer, settings.retry_rule)
        self._settings = settings
        self._catalogs = catalog_cache(storage)

    def home(self, token: str, number: NumberIdentifier | None = None) -> HomeView:
        """The number's subscriber, balance and plan (default: the session's own number)."""

        def work(tx: BillingUnitOfWork, now: datetime, granted: Granted) -> HomeView:
            subscriber = granted.subscriber
            account = tx.accounts.get(subscriber.account_id)
            bills = tx.bills.unsettled_of_account(account.id)
            owed = Money.total(bill.owed_at(now) for bill in bills)
            days = max((bill.days_in_arrears(now) for bill in bills), default=0)
            balance = BalanceView(account.id, account.balance, account.credit_limit, owed, days)
            catalog = self._catalogs.find(tx, self._settings.catalog_id)  # type: ignore[arg-type]
            profile = tx.billing_profiles.find(subscriber.id)
            charges = self._charges(tx, catalog, subscriber, profile, now)
            usage = self._reads.may(granted, QUERY_USAGE)
            return HomeView(
                session=granted.session,
                subscriber=subscriber,
                balance=balance,
                plan=self._plan(catalog, subscriber.plan_code, now),
                fees=() if charges is None else (*charges.plan_fees, *charges.pack_fees),
                allowances=self._left(charges, subscriber, profile, now) if usage else None,
            )

        return self._reads.read(token, QUERY_BALANCE, number, work)

    def _charges(
        self,
        tx: BillingUnitOfWork,
        catalog: Catalog | None,
        subscriber: Subscriber,
        profile: BillingProfile | None,
        now: datetime,
    ) -> SubscriberCharges | None:
        """This month's charges so far (fees and rated usage), None without a catalogue."""
        if catalog is None:
            return None
        cycle = BillingCycle.containing(now)
        totals = tx.usage.totals(cycle, [subscriber.id]).get(subscriber.id, UsageTotals())
        try:
            return charge_cycle(
                catalog, subscriber, profile, cycle, totals, defaults=self._settings.rates
            )
        except NotFound:  # a pack the catalogue lacks: the bill run reports it, not the page
            return None

    def _left(
        self,
        charges: SubscriberCharges | None,
        subscriber: Subscriber,
        profile: BillingProfile | None,
        now: datetime,
    ) -> tuple[BucketUse, ...] | None:
        """The allowances left, unless the calendar refuses usage queries now (F-CAL-4)."""
        if charges is None:
            return None
        calendar_profile = CalendarProfile.of(
            subscriber, profile.upgraded_to_4g_in if profile else None
        )
        try:
            self._settings.billing_calendar.require_usage_query(calendar_profile, now)
        except Refused:
            return None
        return charges.usage.buckets

    def _plan(self, catalog: Catalog | None, code: str, now: datetime) -> PlanDetails | None:
        if catalog is None:
            return None
        try:
            return plan_details(catalog, code, now)
        except NotFound:
            return None
