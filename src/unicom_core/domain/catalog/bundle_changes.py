"""Changing a bundle mid-cycle: what applies now, what from next month, and the proration.

A change from one composition to another is split per pack kind into additions, removals,
raises and lowerings (:class:`~unicom_core.domain.catalog.change_policy.ChangeKind`); the
combination
plan's :class:`~unicom_core.domain.catalog.change_policy.ChangePolicy` says when each applies
(default: adding or raising now, removing or lowering from the next billing cycle).

A change that applies now is prorated by days (F-CAL-5): on day *d* of a *D*-day cycle the
days left are ``D - d + 1`` (today included), and the fee difference is split with
:meth:`Money.allocate <unicom_core.domain.shared.money.Money.allocate>` over ``[days used, days
left]``, so the used and left parts add up to the fee exactly. Each pack is prorated on its
own, as each is a line of the bill. A change from the next cycle charges nothing now and takes
effect at 00:00 on the 1st of the next month, Beijing time.
"""

from __future__ import annotations

from datetime import date, datetime

import attrs

from unicom_core.domain.catalog.bundles import Bundle
from unicom_core.domain.catalog.change_policy import ChangeKind, ChangePolicy, ChangeTiming
from unicom_core.domain.catalog.codes import BUNDLE_COMBO_MISMATCH
from unicom_core.domain.catalog.offers import PackKind
from unicom_core.domain.catalog.products import Pack
from unicom_core.domain.shared import BillingCycle, Money, to_shanghai

__all__ = [
    "BundleChangePlan",
    "PackChange",
    "Proration",
    "classify_change",
    "daily_charges",
    "plan_change",
    "prorate",
]


@attrs.frozen(slots=True)
class Proration:
    """An amount split at a day of its billing cycle: the days used and the days left (F-CAL-5).

    ``used + left == amount`` exactly; ``days_used + days_left == cycle.days``.
    """

    cycle: BillingCycle
    day: date
    days_used: int
    days_left: int
    used: Money
    left: Money


def prorate(amount: Money, at: datetime) -> Proration:
    """Split ``amount`` at the Beijing-time day of ``at``; today counts as a day left (F-CAL-5)."""
    local = to_shanghai(at, field="at")
    cycle = BillingCycle.containing(local)
    days_left = cycle.days_from(local.date())
    days_used = cycle.days - days_left
    used, left = amount.allocate([days_used, days_left])
    return Proration(cycle, local.date(), days_used, days_left, used, left)


def daily_charges(amount: Money, cycle: BillingCycle) -> tuple[Money, ...]:
    """``amount`` charged day by day over ``cycle``: one part per day, adding up exactly."""
    return amount.split(cycle.days)


def classify_change(old: Pack | None, new: Pack | None) -> ChangeKind | None:
    """Name the change from ``old`` to ``new`` (None: no change).

    A tier that does not cost more than the old one counts as lowering (it gives no more).
    """
    if old is None and new is None:
        return None
    if old is None:
        return ChangeKind.ADD
    if new is None:
        return ChangeKind.REMOVE
    if old.code == new.code:
        return None
    return ChangeKind.RAISE if new.fee > old.fee else ChangeKind.LOWER


@attrs.frozen(slots=True)
class PackChange:
    """The change of one pack kind: when it applies and what it charges now (F-BUN)."""

    kind: PackKind
    change: ChangeKind
    old: Pack | None
    new: Pack | None
    timing: ChangeTiming
    effective_at: datetime
    charge_now: Money

    @property
    def fee_delta(self) -> Money:
        """The change to the monthly fee once it applies."""
        return _fee(self.new) - _fee(self.old)


def _fee(pack: Pack | None) -> Money:
    return Money.zero() if pack is None else pack.fee


@attrs.frozen(slots=True)
class BundleChangePlan:
    """How a bundle changes from ``current`` to ``target`` at ``at`` (F-BUN, F-CAL-5).

    ``now`` is the bundle in force from ``at`` (the changes that apply now); ``target`` is in
    force from the next cycle. ``charge_now`` is the prorated amount to charge (or, if
    negative, credit) for the rest of the current cycle.
    """

    current: Bundle
    target: Bundle
    at: datetime
    changes: tuple[PackChange, ...]
    now: Bundle

    @property
    def charge_now(self) -> Money:
        """The sum of the prorated charges of the changes that apply now."""
        return Money.total(change.charge_now for change in self.changes)

    @property
    def next_cycle_starts(self) -> datetime:
        """When the changes deferred to the next cycle apply: 00:00 on the 1st, Beijing time."""
        return BillingCycle.containing(self.at).end

    @property
    def fee_from_next_cycle(self) -> Money:
        """The monthly fee from the next cycle on: the target's."""
        return self.target.monthly_fee

    def applying(self, timing: ChangeTiming) -> tuple[PackChange, ...]:
        """The changes that apply at ``timing``."""
        return tuple(change for change in self.changes if change.timing is timing)


def plan_change(
    current: Bundle, target: Bundle, at: datetime, policy: ChangePolicy
) -> BundleChangePlan:
    """Plan the change from ``current`` to ``target`` at ``at`` under ``policy`` (F-BUN).

    Raises:
        InvalidInput: ``bundle.combo_mismatch`` when the bundles are of different plans.
    """
    if current.combo_code != target.combo_code:
        raise BUNDLE_COMBO_MISMATCH.error(
            f"cannot change a {current.combo_code} bundle into a {target.combo_code} one",
            field="target",
        )
    instant = to_shanghai(at, field="at")
    next_start = BillingCycle.containing(instant).end
    changes: list[PackChange] = []
    now = current
    for kind in PackKind:
        old, new = current.pack(kind), target.pack(kind)
        change = classify_change(old, new)
        if change is None:
            continue
        timing = policy.timing(kind, change)
        if timing is ChangeTiming.NOW:
            charge = prorate(_fee(new) - _fee(old), instant).left
            now = _apply(now, kind, new)
            changes.append(PackChange(kind, change, old, new, timing, instant, charge))
        else:
            changes.append(PackChange(kind, change, old, new, timing, next_start, Money.zero()))
    return BundleChangePlan(current, target, instant, tuple(changes), now)


def _apply(bundle: Bundle, kind: PackKind, new: Pack | None) -> Bundle:
    kept = tuple(pack for pack in bundle.packs if pack.kind is not kind)
    return attrs.evolve(bundle, packs=kept if new is None else (*kept, new))
