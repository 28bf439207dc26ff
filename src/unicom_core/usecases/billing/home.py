"""The home page in one query: the number, its plan and its account balance (F-QRY-1, F-QRY-7).

:meth:`BillingHome.home` is what the hall's home page and ``GET /api/v1/me`` show, gathered
in one use case call: the permission check (``query.balance``, which a random-password
session has, F-AUTH-5; another customer's number is ``NotFound`` ``access.unknown_number``,
F-AUTH-6), then **one** read-only transaction that reads the account, its unsettled bills
and the catalogue's revision (the structured catalogue is cached by its immutable revision:
:mod:`unicom_core.usecases.catalog.cache`). Before, the page asked three use cases, four
transactions; the answers are the same: the balance as :meth:`BillingQueries.balance
<unicom_core.usecases.billing.queries.BillingQueries.balance>` computes it, the plan as
:meth:`CatalogService.show_plan <unicom_core.usecases.catalog.service.CatalogService.show_plan>`
details it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import Session
from unicom_core.domain.shared import Money
from unicom_core.domain.subscribers import Subscriber
from unicom_core.errors import NotFound
from unicom_core.usecases.billing.queries import QUERY_BALANCE, BalanceView
from unicom_core.usecases.catalog import PlanDetails, catalog_cache, plan_details
from unicom_core.usecases.shared import run

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.ports.billing import BillingStorage, BillingUnitOfWork
    from unicom_core.ports.shared import Authorizer, Clock
    from unicom_core.usecases.billing.settings import BillingSettings

__all__ = ["BillingHome", "HomeView"]


@attrs.frozen(slots=True, kw_only=True)
class HomeView:
    """What the home page shows: the session, its subscriber, the balance and the plan.

    ``plan`` is None when the subscriber's plan is not in the catalogue (a legacy plan) or
    no catalogue is installed.
    """

    session: Session
    subscriber: Subscriber
    balance: BalanceView
    plan: PlanDetails | None


class BillingHome:
    """The home page's query (``hall.billing.home``; F-QRY-1, F-QRY-7, F-AUTH-5, F-AUTH-6)."""

    def __init__(
        self,
        storage: BillingStorage,
        clock: Clock,
        *,
        authorizer: Authorizer,
        settings: BillingSettings,
    ) -> None:
        self._storage, self._clock, self._authorizer = storage, clock, authorizer
        self._settings = settings
        self._catalogs = catalog_cache(storage)

    def home(self, token: str, number: NumberIdentifier | None = None) -> HomeView:
        """The number's subscriber, balance and plan (default: the session's own number)."""
        granted = self._authorizer.authorize(token, QUERY_BALANCE, number)
        subscriber_id = granted.subscriber.id

        def work(tx: BillingUnitOfWork, now: datetime) -> HomeView:
            subscriber = tx.subscribers.get(subscriber_id)
            account = tx.accounts.get(subscriber.account_id)
            bills = tx.bills.unsettled_of_account(account.id)
            owed = Money.total(bill.owed_at(now) for bill in bills)
            days = max((bill.days_in_arrears(now) for bill in bills), default=0)
            balance = BalanceView(account.id, account.balance, account.credit_limit, owed, days)
            return HomeView(
                session=granted.session,
                subscriber=granted.subscriber,
                balance=balance,
                plan=self._plan(tx, granted.subscriber.plan_code, now),
            )

        return run(self._storage, self._clock, work, self._settings.retry_rule, readonly=True)

    def _plan(self, tx: BillingUnitOfWork, code: str, now: datetime) -> PlanDetails | None:
        catalog = self._catalogs.find(tx, self._settings.catalog_id)  # type: ignore[arg-type]
        if catalog is None:
            return None
        try:
            return plan_details(catalog, code, now)
        except NotFound:
            return None
