"""A subscriber's charges for one cycle: monthly fees prorated by days, plus rated usage (F-CAL-5).

**Monthly fees.** A fixed plan charges its monthly fee; a 4G combination plan has no fee of
its own, its packs carry it (F-BUN-4); every pack held charges its fee. A fee is prorated by
the days of the cycle it covers (:meth:`BillingCalendar.active_days
<unicom_core.domain.billing.billing_calendar.BillingCalendar.active_days>`): the plan from the join
date, a pack from the day it was taken up to the day it ended, each day started counting
whole. The split goes through :meth:`Money.allocate
<unicom_core.domain.shared.money.Money.allocate>` over ``[days charged, days not charged]``, so the
charged and uncharged parts add up to the fee exactly. A cancelled number pays no plan fee.

**Discounts** (F-PRO-3). A :class:`~unicom_core.domain.billing.discounts.FeeDiscount` of the
profile discounts the fee of its product: of the days the fee charges in the cycle, those in
the discount's window count, and its line is ``-(fee prorated to those days) x rate``
(:func:`discount_lines`), at most what the fee still charges after the discounts before it.

:func:`charge_cycle` puts it together with :func:`~unicom_core.domain.billing.rating.rate` into the
:class:`SubscriberCharges` a bill is made of.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.billing.billing_calendar import BillingCalendar
from unicom_core.domain.billing.discounts import DiscountLine
from unicom_core.domain.billing.profiles import Adjustment
from unicom_core.domain.billing.rating import DefaultRates, RatedUsage, rate, tariff_for
from unicom_core.domain.catalog import ComboPlan, Plan
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.domain.subscribers import SubscriberStatus
from unicom_core.errors import NotFound

if TYPE_CHECKING:
    from collections.abc import Sequence

    from unicom_core.domain.billing.discounts import FeeDiscount
    from unicom_core.domain.billing.profiles import BillingProfile
    from unicom_core.domain.billing.usage import UsageTotals
    from unicom_core.domain.catalog import Catalog, Pack
    from unicom_core.domain.subscribers import Subscriber

__all__ = ["Fee", "SubscriberCharges", "charge_cycle", "discount_lines", "prorated"]


@attrs.frozen(slots=True)
class Fee:
    """A monthly fee of a plan or pack for one cycle: ``amount`` is ``full`` for ``days``."""

    code: str
    name: str
    full: Money
    days: int
    cycle_days: int
    amount: Money


def prorated(full: Money, days: int, cycle_days: int) -> Money:
    """``full`` for ``days`` of a ``cycle_days`` cycle, the split adding up exactly (F-CAL-5)."""
    if days >= cycle_days:
        return full
    if days <= 0:
        return Money.zero(full.currency)
    return full.allocate([days, cycle_days - days])[0]


@attrs.frozen(slots=True)
class SubscriberCharges:
    """What one subscriber is charged for a cycle: fees, rated usage, adjustments (F-QRY-1)."""

    subscriber_id: str
    number: str
    cycle: BillingCycle
    plan_fees: tuple[Fee, ...]
    pack_fees: tuple[Fee, ...]
    usage: RatedUsage
    adjustments: tuple[Adjustment, ...] = ()
    discounts: tuple[DiscountLine, ...] = ()

    @property
    def total(self) -> Money:
        """Fees + usage + adjustments + discounts (negative)."""
        fees = Money.total(fee.amount for fee in (*self.plan_fees, *self.pack_fees))
        adjusted = Money.total(a.amount for a in self.adjustments)
        discounted = Money.total(d.amount for d in self.discounts)
        return fees + self.usage.total + adjusted + discounted


def discount_lines(
    fee: Fee,
    span: tuple[datetime, datetime | None],
    discounts: Sequence[FeeDiscount],
    cycle: BillingCycle,
) -> tuple[DiscountLine, ...]:
    """The lines of ``discounts`` of ``fee``, charged for ``span`` in ``cycle`` (F-PRO-3).

    Each discount of the fee's product counts the days of ``cycle`` in both the span and its
    own window; its line is minus the fee prorated to those days times its rate, capped so
    the discounts of one fee never exceed what it charges.
    """
    lines: list[DiscountLine] = []
    left = fee.amount
    for discount in discounts:
        if discount.product_code != fee.code or not left.is_positive:
            continue
        covered = discount.span_within(*span)
        days = 0 if covered is None else BillingCalendar.active_days(cycle, *covered)
        days = min(days, fee.days)
        amount = min(prorated(fee.full, days, cycle.days).apply(discount.rate), left)
        if days <= 0 or not amount.is_positive:
            continue
        left -= amount
        lines.append(
            DiscountLine(discount.id, fee.code, discount.description, days, cycle.days, -amount)
        )
    return tuple(lines)


def _joined(subscriber: Subscriber) -> datetime:
    return datetime.combine(subscriber.joined_on, time(), tzinfo=SHANGHAI)


def _plan_fee(plan: Plan | ComboPlan | None, subscriber: Subscriber, cycle: BillingCycle) -> Fee:
    full = plan.monthly_fee if isinstance(plan, Plan) else Money.zero()
    joined = _joined(subscriber)
    days = 0
    if subscriber.status is not SubscriberStatus.CANCELLED:
        days = BillingCalendar.active_days(cycle, joined, None)
    name = plan.name if plan is not None else subscriber.plan_code
    return Fee(subscriber.plan_code, name, full, days, cycle.days, prorated(full, days, cycle.days))


def charge_cycle(  # noqa: PLR0913 - a cycle's charges are a function of exactly these
    catalog: Catalog,
    subscriber: Subscriber,
    profile: BillingProfile | None,
    cycle: BillingCycle,
    totals: UsageTotals,
    *,
    defaults: DefaultRates,
) -> SubscriberCharges:
    """Rate and price one subscriber's ``cycle`` (pure; F-QRY-1, F-QRY-2, F-CAL-5).

    Raises:
        NotFound: ``catalog.unknown_product`` for a pack held that the catalogue lacks.
    """
    holdings = profile.packs_in(cycle) if profile is not None else ()
    packs: Sequence[Pack] = [catalog.pack(holding.pack_code) for holding in holdings]
    tariff = tariff_for(catalog, subscriber.plan_code, packs, defaults)
    plan = _known_plan(catalog, subscriber.plan_code)
    plan_fees = (_plan_fee(plan, subscriber, cycle),) if isinstance(plan, Plan) else ()
    pack_fees = tuple(
        _pack_fee(pack, BillingCalendar.active_days(cycle, holding.starts, holding.ends), cycle)
        for holding, pack in zip(holdings, packs, strict=True)
    )
    adjustments = profile.adjustments_for(cycle) if profile is not None else ()
    offered = profile.discounts_in(cycle) if profile is not None else ()
    spans: list[tuple[datetime, datetime | None]] = [(_joined(subscriber), None)] * len(plan_fees)
    spans += [(holding.starts, holding.ends) for holding in holdings]
    discounts = tuple(
        line
        for fee, span in zip((*plan_fees, *pack_fees), spans, strict=True)
        for line in discount_lines(fee, span, offered, cycle)
    )
    return SubscriberCharges(
        subscriber.id,
        subscriber.number.value,
        cycle,
        plan_fees,
        pack_fees,
        rate(tariff, totals),
        adjustments,
        discounts,
    )


def _pack_fee(pack: Pack, days: int, cycle: BillingCycle) -> Fee:
    return Fee(
        pack.code, pack.name, pack.fee, days, cycle.days, prorated(pack.fee, days, cycle.days)
    )


def _known_plan(catalog: Catalog, code: str) -> Plan | ComboPlan | None:
    try:
        return catalog.plan(code)
    except NotFound:  # an unknown plan has no fee (see rating.tariff_for)
        return None
