"""A subscriber's billing profile: packs held, the 4G upgrade, adjustments (F-CAL-4, F-QRY-2).

The :class:`~unicom_core.domain.subscribers.subscribers.Subscriber` names its plan; what else a
bill needs
to know about the number lives here, one :class:`BillingProfile` per subscriber (same id):

* the packs it holds (:class:`PackHolding`), each from an instant until an instant or for good
  (the packs of a 4G combination plan's bundle are held the same way); rating consumes their
  allowances and the bill charges their fees, prorated by the days held in the cycle;
* the cycle in which its 4G plan takes effect after an upgrade from 2G/3G (F-CAL-4);
* adjustments (调账) to be put on the bill of a cycle, each applied once by its id;
* fee discounts (:class:`~unicom_core.domain.billing.discounts.FeeDiscount`): a rate off the
  monthly fee of one plan or pack for a window, granted by whoever grants them (a campaign,
  F-PRO-3) and billed as their own lines.

Business handling (ordering a pack, upgrading to 4G) records its outcome here; the bill run
and the queries read it.
"""

from __future__ import annotations

from datetime import datetime

import attrs

from unicom_core.domain.billing.codes import (
    BILLING_ADJUSTMENT,
    BILLING_ADJUSTMENT_ID,
    BILLING_DISCOUNT_ID,
    BILLING_PACK_ALREADY_HELD,
    BILLING_PACK_HOLDING,
    BILLING_PACK_NOT_HELD,
    BILLING_PROFILE,
)
from unicom_core.domain.billing.discounts import DiscountGranted, DiscountWithdrawn, FeeDiscount
from unicom_core.domain.catalog import check_code
from unicom_core.domain.shared import (
    BillingCycle,
    DomainEvent,
    Money,
    check_id,
    check_version,
    domain_event,
    guarded,
    instance_of,
    require_aware,
    to_shanghai,
    tuple_of,
    update,
)

__all__ = [
    "Adjustment",
    "AdjustmentRecorded",
    "BillingProfile",
    "PackHeld",
    "PackHolding",
    "PackReleased",
    "UpgradeRecorded",
    "UpgradeWithdrawn",
]

_REASON_MAX = 200


def _to_instant(value: datetime) -> datetime:
    return to_shanghai(value, field="starts")


def _to_optional_instant(value: datetime | None) -> datetime | None:
    return None if value is None else to_shanghai(value, field="ends")


@attrs.frozen(slots=True)
class PackHolding:
    """A pack held from ``starts`` until ``ends`` (exclusive; None: for good), Beijing time."""

    pack_code: str = attrs.field(validator=check_code)
    starts: datetime = attrs.field(converter=_to_instant)
    ends: datetime | None = attrs.field(default=None, converter=_to_optional_instant)

    def __attrs_post_init__(self) -> None:
        """A holding ends after it starts."""
        if self.ends is not None and self.ends <= self.starts:
            raise BILLING_PACK_HOLDING.error(field="ends")

    def overlaps(self, cycle: BillingCycle) -> bool:
        """Whether the pack is held at some instant of ``cycle``."""
        return self.starts < cycle.end and (self.ends is None or self.ends > cycle.start)

    def held_at(self, instant: datetime) -> bool:
        """Whether the pack is held at ``instant``."""
        at = to_shanghai(instant)
        return self.starts <= at and (self.ends is None or at < self.ends)


def _check_reason(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > _REASON_MAX:
        raise BILLING_ADJUSTMENT.error(f"a reason is 1-{_REASON_MAX} characters", field="reason")


@attrs.frozen(slots=True)
class Adjustment:
    """An amount put on the bill of ``cycle``: negative credits the subscriber (调账)."""

    id: str = attrs.field(validator=check_id)
    cycle: BillingCycle = attrs.field(validator=instance_of(BillingCycle, BILLING_ADJUSTMENT))
    amount: Money = attrs.field(validator=instance_of(Money, BILLING_ADJUSTMENT))
    reason: str = attrs.field(validator=_check_reason)


@domain_event("billing.pack_held")
@attrs.frozen(slots=True, kw_only=True)
class PackHeld(DomainEvent):
    """A subscriber holds a pack from an instant (F-QRY-2)."""

    holding: PackHolding


@domain_event("billing.pack_released")
@attrs.frozen(slots=True, kw_only=True)
class PackReleased(DomainEvent):
    """A held pack ends at an instant (F-QRY-2)."""

    pack_code: str
    ends: datetime


@domain_event("billing.upgrade_recorded")
@attrs.frozen(slots=True, kw_only=True)
class UpgradeRecorded(DomainEvent):
    """The 4G plan of an upgraded 2G/3G subscriber takes effect in a cycle (F-CAL-4)."""

    cycle: BillingCycle


@domain_event("billing.upgrade_withdrawn")
@attrs.frozen(slots=True, kw_only=True)
class UpgradeWithdrawn(DomainEvent):
    """A recorded upgrade was cancelled before its cycle began (F-BIZ-4, F-CAL-4)."""

    cycle: BillingCycle


@domain_event("billing.adjustment_recorded")
@attrs.frozen(slots=True, kw_only=True)
class AdjustmentRecorded(DomainEvent):
    """An adjustment waits for the bill of its cycle."""

    adjustment: Adjustment


def _holdings(values: object) -> tuple[PackHolding, ...]:
    items = tuple(values) if isinstance(values, tuple | list) else ()
    if not isinstance(values, tuple | list) or not all(isinstance(v, PackHolding) for v in items):
        raise BILLING_PROFILE.error(field="packs")
    return tuple(sorted(items, key=lambda h: (h.starts, h.pack_code)))


def _adjustments(values: object) -> tuple[Adjustment, ...]:
    return tuple_of(values, Adjustment, BILLING_PROFILE, "adjustments")


def _discounts(values: object) -> tuple[FeeDiscount, ...]:
    return tuple_of(values, FeeDiscount, BILLING_PROFILE, "discounts")


@attrs.define(slots=True)
class BillingProfile:
    """The billing facts of one subscriber, stored under the subscriber's id (F-QRY-2)."""

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    packs: tuple[PackHolding, ...] = attrs.field(
        default=(), converter=_holdings, on_setattr=guarded
    )
    upgraded_to_4g_in: BillingCycle | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(instance_of(BillingCycle, BILLING_PROFILE)),
        on_setattr=guarded,
    )
    adjustments: tuple[Adjustment, ...] = attrs.field(
        default=(), converter=_adjustments, on_setattr=guarded
    )
    discounts: tuple[FeeDiscount, ...] = attrs.field(
        default=(), converter=_discounts, on_setattr=guarded
    )
    version: int = attrs.field(default=0, validator=check_version)

    def packs_in(self, cycle: BillingCycle) -> tuple[PackHolding, ...]:
        """The holdings overlapping ``cycle``, earliest start first (the rating order)."""
        return tuple(h for h in self.packs if h.overlaps(cycle))

    def adjustments_for(self, cycle: BillingCycle) -> tuple[Adjustment, ...]:
        """The adjustments for the bill of ``cycle``, in the order recorded."""
        return tuple(a for a in self.adjustments if a.cycle == cycle)

    def discounts_in(self, cycle: BillingCycle) -> tuple[FeeDiscount, ...]:
        """The fee discounts in force at some instant of ``cycle``, in the order granted."""
        return tuple(d for d in self.discounts if d.overlaps(cycle))

    def grant_discount(self, discount: FeeDiscount, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Hold a fee discount once: the same id again changes nothing, a different one clashes."""
        for known in self.discounts:
            if known.id == discount.id:
                if known != discount:
                    raise BILLING_DISCOUNT_ID.error(id=discount.id)
                return ()
        update(self, discounts=(*self.discounts, discount))
        return (
            DiscountGranted(aggregate_id=self.id, occurred_at=require_aware(at), discount=discount),
        )

    def withdraw_discount(self, discount_id: str, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Forget the fee discount ``discount_id`` (none: nothing changes), F-PRO-1's cancel."""
        kept = tuple(d for d in self.discounts if d.id != discount_id)
        if len(kept) == len(self.discounts):
            return ()
        update(self, discounts=kept)
        event = DiscountWithdrawn(
            aggregate_id=self.id, occurred_at=require_aware(at), discount_id=discount_id
        )
        return (event,)

    def withdraw_pack(
        self, pack_code: str, starts: datetime, *, at: datetime
    ) -> tuple[DomainEvent, ...]:
        """Forget the holding of ``pack_code`` starting at ``starts`` as if never held.

        For a grant withdrawn before any bill covered it (a cancelled campaign's free pack,
        F-PRO-1): the caller owns that rule. No such holding: nothing changes.
        """
        begins, now = to_shanghai(starts, field="starts"), require_aware(at)
        for index, held in enumerate(self.packs):
            if held.pack_code == pack_code and held.starts == begins:
                update(self, packs=(*self.packs[:index], *self.packs[index + 1 :]))
                event = PackReleased(
                    aggregate_id=self.id, occurred_at=now, pack_code=pack_code, ends=begins
                )
                return (event,)
        return ()

    def hold_pack(self, holding: PackHolding, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Hold a pack from ``holding.starts``; ``Conflict`` if that pack's holdings overlap."""
        for held in self.packs:
            if held.pack_code == holding.pack_code and _overlap(held, holding):
                raise BILLING_PACK_ALREADY_HELD.error(pack_code=holding.pack_code)
        update(self, packs=(*self.packs, holding))
        return (PackHeld(aggregate_id=self.id, occurred_at=require_aware(at), holding=holding),)

    def release_pack(
        self, pack_code: str, ends: datetime, *, at: datetime
    ) -> tuple[DomainEvent, ...]:
        """End the open holding of ``pack_code`` at ``ends`` (``billing.pack_not_held``)."""
        until = to_shanghai(ends, field="ends")
        for index, held in enumerate(self.packs):
            if held.pack_code == pack_code and held.ends is None and held.starts < until:
                changed = attrs.evolve(held, ends=until)
                packs = (*self.packs[:index], changed, *self.packs[index + 1 :])
                update(self, packs=packs)
                event = PackReleased(
                    aggregate_id=self.id,
                    occurred_at=require_aware(at),
                    pack_code=pack_code,
                    ends=until,
                )
                return (event,)
        raise BILLING_PACK_NOT_HELD.error(
            f"no open holding of pack {pack_code} starting before {until.isoformat()}",
            pack_code=pack_code,
        )

    def reopen_pack(
        self, pack_code: str, ends: datetime, *, at: datetime
    ) -> tuple[DomainEvent, ...]:
        """Undo a release not yet in force: the holding ending at ``ends`` (after ``at``) stays.

        A pending change cancelled (F-BIZ-3) holds the pack for good again.
        """
        until, now = to_shanghai(ends, field="ends"), to_shanghai(at, field="at")
        for index, held in enumerate(self.packs):
            if held.pack_code == pack_code and held.ends == until and until > now:
                reopened = attrs.evolve(held, ends=None)
                packs = (*self.packs[:index], reopened, *self.packs[index + 1 :])
                update(self, packs=packs)
                return (PackHeld(aggregate_id=self.id, occurred_at=now, holding=reopened),)
        raise BILLING_PACK_NOT_HELD.error(
            f"no holding of pack {pack_code} ends at {until.isoformat()} after now",
            pack_code=pack_code,
        )

    def drop_pack(
        self, pack_code: str, starts: datetime, *, at: datetime
    ) -> tuple[DomainEvent, ...]:
        """Forget a holding of ``pack_code`` that starts at ``starts``, after ``at`` (not begun)."""
        begins, now = to_shanghai(starts, field="starts"), to_shanghai(at, field="at")
        for index, held in enumerate(self.packs):
            if held.pack_code == pack_code and held.starts == begins and begins > now:
                update(self, packs=(*self.packs[:index], *self.packs[index + 1 :]))
                event = PackReleased(
                    aggregate_id=self.id, occurred_at=now, pack_code=pack_code, ends=begins
                )
                return (event,)
        raise BILLING_PACK_NOT_HELD.error(
            f"no holding of pack {pack_code} starts at {begins.isoformat()} after now",
            pack_code=pack_code,
        )

    def record_upgrade(self, cycle: BillingCycle, *, at: datetime) -> tuple[DomainEvent, ...]:
        """The 4G plan takes effect in ``cycle`` (F-CAL-4); recording it again changes nothing."""
        if self.upgraded_to_4g_in == cycle:
            return ()
        update(self, upgraded_to_4g_in=cycle)
        return (UpgradeRecorded(aggregate_id=self.id, occurred_at=require_aware(at), cycle=cycle),)

    def withdraw_upgrade(self, cycle: BillingCycle, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Forget the upgrade recorded for ``cycle`` before it begins (a cancelled F-BIZ-4)."""
        if self.upgraded_to_4g_in != cycle or require_aware(at) >= cycle.start:
            return ()
        update(self, upgraded_to_4g_in=None)
        return (UpgradeWithdrawn(aggregate_id=self.id, occurred_at=at, cycle=cycle),)

    def adjust(self, adjustment: Adjustment, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Record an adjustment once: the same id again changes nothing, a different one clashes."""
        for known in self.adjustments:
            if known.id == adjustment.id:
                if known != adjustment:
                    raise BILLING_ADJUSTMENT_ID.error(id=adjustment.id)
                return ()
        update(self, adjustments=(*self.adjustments, adjustment))
        event = AdjustmentRecorded(
            aggregate_id=self.id, occurred_at=require_aware(at), adjustment=adjustment
        )
        return (event,)


def _overlap(a: PackHolding, b: PackHolding) -> bool:
    return (a.ends is None or b.starts < a.ends) and (b.ends is None or a.starts < b.ends)
