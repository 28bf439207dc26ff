"""The plan pages' reads: 4G upgrade status, credit limit allowed, shared plan (F-BIZ-3..7).

What the pages show besides the handlings: the 4G upgrade status and its F-CAL-4 windows, the
credit limit the rules allow, the shared plan of a primary number.
:class:`PlanQueries` (``hall.plans``) reads; the changes themselves are business handlings
(``hall.handling``). Every query is authorized like the business records
(``query.business_records``) and runs in a read-only transaction.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import Capability
from unicom_core.domain.billing import CalendarProfile
from unicom_core.domain.handling import BusinessRecord, CreditLimitRules, RecordStatus
from unicom_core.domain.shared import BillingCycle
from unicom_core.domain.subscribers import NetworkGeneration
from unicom_core.ports.shared import PageRequest
from unicom_core.usecases.access import GrantedReads
from unicom_core.usecases.handling.credit_limit import (
    CreditLimitChange,
    CreditLimitQuote,
    quote_credit_limit,
)
from unicom_core.usecases.handling.primary_number import masked
from unicom_core.usecases.handling.upgrade_4g import UPGRADE_KIND

if TYPE_CHECKING:
    from unicom_core.domain.billing import BillingCalendar
    from unicom_core.domain.handling import SharedPlan
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.ports.access import ScopedAuthorizer
    from unicom_core.ports.handling import HandlingStorage, HandlingUnitOfWork
    from unicom_core.ports.shared import Clock, Granted
    from unicom_core.usecases.handling.engine import HandlingEngine
    from unicom_core.usecases.shared import RetryRule

__all__ = ["PlanQueries", "SharedPlanView", "UpgradeState", "UpgradeStatus"]

QUERY_RECORDS = Capability("query.business_records")


class UpgradeState(enum.Enum):
    """Where a number stands with the 4G upgrade (F-BIZ-4)."""

    NOT_UPGRADED = "not_upgraded"
    """2G/3G, no upgrade waiting (or not a SIM service)."""
    PENDING = "pending"
    """An upgrade waits for 00:00 on the 1st of the next month."""
    UPGRADED = "upgraded"
    """The number is 4G."""


@attrs.frozen(slots=True)
class UpgradeStatus:
    """The upgrade status page: state, the latest upgrade record, the F-CAL-4 windows.

    ``effective_cycle`` is the cycle the 4G plan takes (or took) effect in, if upgraded
    through the hall; ``payment_opens`` / ``query_opens`` are when the number may be paid
    for / its charges and usage queried, if not now (F-CAL-4), else None.
    """

    state: UpgradeState
    generation: NetworkGeneration | None
    plan_code: str
    record: BusinessRecord | None
    effective_cycle: BillingCycle | None
    payment_opens: datetime | None
    query_opens: datetime | None


@attrs.frozen(slots=True)
class SharedPlanView:
    """A shared plan as its primary number sees it (F-BIZ-3): the numbers masked.

    ``primary`` and ``members`` are masked (``186****0001``): a secondary card may be
    another person's number.
    """

    plan_code: str
    primary: str
    members: tuple[str, ...]


class PlanQueries:
    """Reads for the plan pages: upgrade status, credit limit allowed, shared plan."""

    def __init__(  # noqa: PLR0913 - the service's ports and settings
        self,
        storage: HandlingStorage,
        clock: Clock,
        *,
        authorizer: ScopedAuthorizer,
        calendar: BillingCalendar,
        engine: HandlingEngine,
        retry_rule: RetryRule,
    ) -> None:
        self._storage, self._clock, self._authorizer = storage, clock, authorizer
        self._calendar, self._engine, self._rule = calendar, engine, retry_rule
        self._reads = GrantedReads(storage, clock, authorizer, self._rule)

    def upgrade_status(self, token: str, number: NumberIdentifier | None = None) -> UpgradeStatus:
        """The number's 4G upgrade status and its F-CAL-4 windows (F-BIZ-4)."""

        def work(tx: HandlingUnitOfWork, now: datetime, grant: Granted) -> UpgradeStatus:
            subscriber = grant.subscriber
            current = tx.subscribers.get(subscriber.id)
            profile = tx.billing_profiles.find(current.id)
            cycle = None if profile is None else profile.upgraded_to_4g_in
            found = tx.business_records.list_by_subscriber(
                current.id, PageRequest(0, 1), kind=UPGRADE_KIND
            ).items
            record = found[0] if found else None
            if current.generation is NetworkGeneration.G4:
                state = UpgradeState.UPGRADED
            elif record is not None and record.status is RecordStatus.PENDING:
                state = UpgradeState.PENDING
            else:
                state = UpgradeState.NOT_UPGRADED
            calendar_profile = CalendarProfile.of(current, cycle)
            return UpgradeStatus(
                state,
                current.generation,
                current.plan_code,
                record,
                cycle,
                self._calendar.payment_opens(calendar_profile, now),
                self._calendar.usage_query_opens(calendar_profile, now),
            )

        return self._reads.read(token, QUERY_RECORDS, number, work)

    def credit_limit(self, token: str, number: NumberIdentifier | None = None) -> CreditLimitQuote:
        """The credit limit the rules allow the number now, and why (F-BIZ-7)."""
        rules = self._credit_rules()

        def work(tx: HandlingUnitOfWork, now: datetime, grant: Granted) -> CreditLimitQuote:
            subscriber = grant.subscriber
            current = tx.subscribers.get(subscriber.id)
            account = tx.accounts.get(current.account_id)
            return quote_credit_limit(tx, current, account, rules, now)

        return self._reads.read(token, QUERY_RECORDS, number, work)

    def shared_plan(self, token: str, number: NumberIdentifier | None = None) -> SharedPlan | None:
        """The 4G shared plan whose primary is the number, or None (F-BIZ-3)."""

        def work(tx: HandlingUnitOfWork, _now: datetime, grant: Granted) -> SharedPlan | None:
            subscriber = grant.subscriber
            return tx.shared_plans.find_by_primary(subscriber.id)

        return self._reads.read(token, QUERY_RECORDS, number, work)

    def shared_group(
        self, token: str, number: NumberIdentifier | None = None
    ) -> SharedPlanView | None:
        """:meth:`shared_plan` with its numbers, masked, for pages (F-BIZ-3)."""

        def work(tx: HandlingUnitOfWork, _now: datetime, grant: Granted) -> SharedPlanView | None:
            subscriber = grant.subscriber
            group = tx.shared_plans.find_by_primary(subscriber.id)
            if group is None:
                return None
            members = tuple(masked(tx.subscribers.get(m)) for m in group.member_ids)  # type: ignore[arg-type]
            return SharedPlanView(
                group.plan_code, masked(tx.subscribers.get(subscriber.id)), members
            )

        return self._reads.read(token, QUERY_RECORDS, number, work)

    def _credit_rules(self) -> CreditLimitRules:
        handler = next((h for h in self._engine.handlers if isinstance(h, CreditLimitChange)), None)
        return CreditLimitRules() if handler is None else handler.rules
