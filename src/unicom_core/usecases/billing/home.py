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

import contextlib
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import Session
from unicom_core.domain.billing import (
    BucketUse,
    Fee,
    SubscriberCharges,
)
from unicom_core.domain.shared import Money
from unicom_core.domain.subscribers import Subscriber
from unicom_core.errors import NotFound, Refused
from unicom_core.usecases.billing.queries import (
    QUERY_BALANCE,
    QUERY_USAGE,
    BalanceView,
    BillingReader,
)
from unicom_core.usecases.catalog import OfferingNames, PlanDetails, offering_names, plan_details

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.catalog import Catalog
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.ports.billing import BillingUnitOfWork
    from unicom_core.ports.shared import Granted

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
    offerings: OfferingNames = attrs.field(factory=dict)
    """The catalogue's offering names (``hall.catalog.names()``): the page names with them."""

    @property
    def packs(self) -> tuple[Fee, ...]:
        """The fees of the packs held (the plan's own fee left out)."""
        return tuple(fee for fee in self.fees if fee.code != self.subscriber.plan_code)

    @property
    def monthly_fee(self) -> Money:
        """What a whole month of plan and packs costs, as the bill run charges it (F-QRY-1)."""
        return Money.total(fee.full for fee in self.fees)


class BillingHome(BillingReader):
    """The home page's query (``hall.billing.home``; F-QRY-1, F-QRY-7, F-AUTH-5, F-AUTH-6)."""

    def home(self, token: str, number: NumberIdentifier | None = None) -> HomeView:
        """The number's subscriber, balance and plan (default: the session's own number)."""

        def work(tx: BillingUnitOfWork, now: datetime, granted: Granted) -> HomeView:
            subscriber = granted.subscriber
            figures = self._figures(tx, now, subscriber)
            catalog: Catalog | None = None
            charges: SubscriberCharges | None = None
            with contextlib.suppress(NotFound):  # no catalogue, or a pack it lacks (the bill
                catalog = figures.catalog()  # run reports that one): no plan, or no fees
                charges = figures.rated(figures.current)
            allowances = None
            if charges is not None and self._reads.may(granted, QUERY_USAGE):
                with contextlib.suppress(Refused):  # the calendar's upgrade window (F-CAL-4)
                    allowances = figures.allowances().buckets  # this month: rated above
            return HomeView(
                session=granted.session,
                subscriber=subscriber,
                balance=figures.balance(),
                plan=self._plan(catalog, subscriber.plan_code, now),
                fees=() if charges is None else (*charges.plan_fees, *charges.pack_fees),
                allowances=allowances,
                offerings={} if catalog is None else offering_names(catalog),
            )

        return self._reads.read(token, QUERY_BALANCE, number, work)

    def _plan(self, catalog: Catalog | None, code: str, now: datetime) -> PlanDetails | None:
        if catalog is None:
            return None
        try:
            return plan_details(catalog, code, now)
        except NotFound:
            return None
