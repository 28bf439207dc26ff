"""The billing profile of a number: packs held, the 4G upgrade, adjustments (F-CAL-4, F-QRY-2).

Business handling (ordering a pack, upgrading to 4G, a goodwill credit) records its outcome
here through :class:`BillingProfiles`, one of the parts
:class:`~unicom_core.usecases.billing.service.BillingService` is composed of; the bill run
and the queries read it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from unicom_core.domain.billing import (
    Adjustment,
    BillingProfile,
    CalendarProfile,
    PackHolding,
    PaymentAdvice,
)
from unicom_core.domain.shared import BillingCycle
from unicom_core.usecases.billing.lookups import load_catalog
from unicom_core.usecases.shared import publish, put, run

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from unicom_core.domain.shared import DomainEvent, Money
    from unicom_core.ports.billing import BillingStorage, BillingUnitOfWork
    from unicom_core.ports.shared import Clock
    from unicom_core.usecases.billing.settings import BillingSettings

__all__ = ["BillingProfiles"]

_T = TypeVar("_T")


class BillingProfiles:
    """Changes to the billing profile of a number, and the payment advice (F-CAL-2, F-CAL-4)."""

    def __init__(self, storage: BillingStorage, clock: Clock, settings: BillingSettings) -> None:
        self._storage, self._clock, self._settings = storage, clock, settings
        self._calendar = settings.billing_calendar
        self._rule = settings.retry_rule

    def _run(self, work: Callable[[BillingUnitOfWork, datetime], _T]) -> _T:
        return run(self._storage, self._clock, work, self._rule)

    def payment_advice(self, subscriber_id: str) -> PaymentAdvice:
        """Whether a payment for the number is allowed now and may post late (F-CAL-2, F-CAL-4).

        Raises:
            Refused: ``billing.upgrade_payment_pending`` with ``retry_at`` (F-CAL-4).
        """

        def work(tx: BillingUnitOfWork, now: datetime) -> PaymentAdvice:
            subscriber = tx.subscribers.get(subscriber_id)  # type: ignore[arg-type]
            profile = tx.billing_profiles.find(subscriber.id)
            upgraded = profile.upgraded_to_4g_in if profile is not None else None
            calendar_profile = CalendarProfile.of(subscriber, upgraded)
            return self._calendar.payment_advice(calendar_profile, now)

        return run(self._storage, self._clock, work, self._rule, readonly=True)

    def hold_pack(
        self, subscriber_id: str, pack_code: str, *, starts: datetime | None = None
    ) -> BillingProfile:
        """The number holds a pack from ``starts`` (default: now) for rating and fees (F-QRY-2).

        Raises:
            NotFound: ``storage.not_found`` (subscriber), ``catalog.unknown_product`` (pack).
            Conflict: ``billing.pack_already_held`` when that pack is held then already.
        """

        def work(tx: BillingUnitOfWork, now: datetime) -> BillingProfile:
            subscriber = tx.subscribers.get(subscriber_id)  # type: ignore[arg-type]
            load_catalog(tx, self._settings.catalog_id).pack(pack_code)
            holding = PackHolding(pack_code, now if starts is None else starts)
            return self._change_profile(tx, subscriber.id, lambda p: p.hold_pack(holding, at=now))

        return self._run(work)

    def release_pack(
        self, subscriber_id: str, pack_code: str, *, ends: datetime | None = None
    ) -> BillingProfile:
        """End a held pack at ``ends`` (default: effective next month, F-CAL-5)."""

        def work(tx: BillingUnitOfWork, now: datetime) -> BillingProfile:
            until = self._calendar.effective_next_month(now) if ends is None else ends
            return self._change_profile(
                tx, subscriber_id, lambda p: p.release_pack(pack_code, until, at=now)
            )

        return self._run(work)

    def record_4g_upgrade(
        self, subscriber_id: str, cycle: BillingCycle | None = None
    ) -> BillingProfile:
        """Record the cycle (default: next month) the 4G plan of an upgrade applies (F-CAL-4)."""

        def work(tx: BillingUnitOfWork, now: datetime) -> BillingProfile:
            tx.subscribers.get(subscriber_id)  # type: ignore[arg-type]  # it must exist
            effective = BillingCycle.containing(now).next() if cycle is None else cycle
            return self._change_profile(
                tx, subscriber_id, lambda p: p.record_upgrade(effective, at=now)
            )

        return self._run(work)

    def adjust(
        self,
        subscriber_id: str,
        adjustment_id: str,
        amount: Money,
        reason: str,
        *,
        cycle: BillingCycle | None = None,
    ) -> BillingProfile:
        """Put ``amount`` (negative: a credit) on the number's next bill, once per id.

        Raises:
            Refused: ``billing.cycle_closed`` once the cycle's bill run has begun.
        """

        def work(tx: BillingUnitOfWork, now: datetime) -> BillingProfile:
            tx.subscribers.get(subscriber_id)  # type: ignore[arg-type]  # it must exist
            target = BillingCycle.containing(now) if cycle is None else cycle
            bill_run = tx.bill_runs.find(str(target))
            if bill_run is not None and not bill_run.is_open:
                bill_run.accept_usage(0)  # raises billing.cycle_closed
            adjustment = Adjustment(adjustment_id, target, amount, reason)
            return self._change_profile(tx, subscriber_id, lambda p: p.adjust(adjustment, at=now))

        return self._run(work)

    @staticmethod
    def _change_profile(
        tx: BillingUnitOfWork,
        subscriber_id: str,
        change: Callable[[BillingProfile], tuple[DomainEvent, ...]],
    ) -> BillingProfile:
        profile = tx.billing_profiles.find(subscriber_id) or BillingProfile(subscriber_id)
        events = change(profile)
        if events:
            put(tx.billing_profiles, profile)
            publish(tx, events)
        return profile
