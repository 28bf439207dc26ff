"""BusinessHall: the facade an embedder calls, one attribute per area of the hall.

Build it with :func:`unicom_core.bootstrap.bootstrap`. Each area is a use-case class of
:mod:`unicom_core.usecases` whose methods are the use cases (``hall.access.login(...)``,
``hall.catalog.compose(...)``); every method runs in one storage transaction and takes
the time from the hall's clock.
"""

from __future__ import annotations

import attrs

from unicom_core.domain.shared import BillingCycle
from unicom_core.ports.shared import Clock, Documents
from unicom_core.ports.storage import Storage
from unicom_core.usecases.access import AccessService
from unicom_core.usecases.billing import BillingService, BillRunReport
from unicom_core.usecases.catalog import CatalogDrafts, CatalogService
from unicom_core.usecases.handling import (
    HandlingEngine,
    PlanQueries,
    PointsService,
    ServicesQuery,
    SubscribersService,
    SupportService,
)
from unicom_core.usecases.numbers import NumbersService
from unicom_core.usecases.payments import (
    AutoDebitReport,
    AutoDebitService,
    InvoiceService,
    PaymentsService,
    RechargeCardService,
)
from unicom_core.usecases.promotions import GrowthService, MetricsService, PromotionsService
from unicom_core.usecases.shared import HubService, OutboxRelay
from unicom_core.usecases.shop import ShopService
from unicom_core.usecases.subscribers import ProfileService

__all__ = ["BillCycleReport", "BusinessHall"]


@attrs.frozen(slots=True)
class BillCycleReport:
    """What closing a cycle did: the bill run, then the auto-debit pass over its bills."""

    cycle: BillingCycle
    bill_run: BillRunReport
    auto_debit: AutoDebitReport


@attrs.frozen(slots=True)
class BusinessHall:
    """The business hall: its ports, and its areas of use cases."""

    storage: Storage
    clock: Clock
    documents: Documents
    """Renders acceptance forms and invoice copies to HTML or PDF (F-QRY-6)."""
    catalog: CatalogService
    """Offers, plans, 4G bundles and prices (F-BUN-1..4, F-SHOP-4)."""
    access: AccessService
    """Logins, sessions, passwords and the one permission check (F-AUTH-1..7)."""
    billing: BillingService
    """Usage, rating, the bill run, payments, arrears and charge queries (F-CAL, F-QRY-1..3)."""
    payments: PaymentsService
    """Top-ups, bill payments, notifications, refunds, the reconciler (F-PAY-1, F-PAY-3)."""
    recharge_cards: RechargeCardService
    """Recharge cards: issue, sell, redeem (F-PAY-1, F-SHOP-4)."""
    invoices: InvoiceService
    """Electronic invoices, one per paid item; red-letter for a refund (F-QRY-6)."""
    auto_debit: AutoDebitService
    """Bank-card mandates and the auto-debit of bills (F-PAY-2)."""
    profile: ProfileService
    """Basic information of a number and its real-name status (F-QRY-7, F-REAL-1)."""
    relay: OutboxRelay
    """The outbox relay: publishes domain events at least once, retries, purges."""
    handling: HandlingEngine
    """Business handling: one engine, a handler per kind; records and forms (F-BIZ, F-QRY-5)."""
    plans: PlanQueries
    """The plan pages' reads: 4G upgrade status, credit limit allowed, shared plan (F-BIZ-3..7)."""
    support: SupportService
    """Customer service: the robot answers first, then the human queue and agents (F-BIZ-8)."""
    points: PointsService
    """Points: balance, history, the catalogue; earned from paid bills, expiring (F-QRY-4)."""
    numbers: NumbersService
    """The number pool: search by mask and pattern, tiers, reservations (F-NUM-1..3)."""
    services: ServicesQuery
    """The forwarding, roaming, WLAN and 4G switches of a number, for pages (F-BIZ-1, -5, -6)."""
    shop: ShopService
    """The shop: orders of goods and numbers, paid, shipped, signed for (F-SHOP-1..3)."""
    subscribers: SubscribersService
    """The back office's enrolment of new numbers (开户, F-REAL-1, F-REAL-2)."""
    metrics: MetricsService
    """Campaign metrics: buffered counts per campaign and day, the report (F-PRO-5)."""
    growth: GrowthService
    """The growth game 沃之樹: tree, claims, history; its prize draw (F-PRO-4)."""
    promotions: PromotionsService
    """Campaigns as data: offers, joining under a quota, benefits, entitlements (F-PRO-1..3)."""
    hubs: HubService
    """TMF event hubs: operators' listeners, signed and retried deliveries (TMF630)."""
    catalog_drafts: CatalogDrafts
    """Operators' draft of the next catalogue revision: change, publish, discard (F-SHOP-4)."""

    def run_bill_cycle(self, cycle: BillingCycle) -> BillCycleReport:
        """Close ``cycle`` and debit its bills under bank-card mandates (F-PAY-2, F-QRY-3).

        This is the bill run as a carrier schedules it (after the cycle ends, early on the
        1st): the business handlings due by the cycle's end take effect first
        (:meth:`HandlingEngine.apply_due`, F-BIZ), :meth:`BillingService.close_cycle` issues
        every bill exactly once, then
        :meth:`AutoDebitService.debit_bills` charges the bills whose holders signed a
        mandate. Every step is idempotent, so running it again (after a crash, or by a
        second scheduler) issues and debits nothing twice.
        """
        self.handling.apply_due(until=cycle.end)
        bill_run = self.billing.close_cycle(cycle)
        return BillCycleReport(cycle, bill_run, self.auto_debit.debit_bills())

    def close(self) -> None:
        """Flush the campaign metrics, then release the hall's resources (connections)."""
        self.metrics.flush()
        self.storage.close()
