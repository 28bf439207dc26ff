"""Changing the packs of a 4G combination plan (4G组合套餐变更, F-BUN-1..4, F-BIZ-3).

The catalogue plans the change (:func:`~unicom_core.domain.catalog.plan_change`): per pack
kind an addition, removal, raise or lowering, each applying now (prorated by the days left,
F-CAL-5) or from the next cycle, as the combination plan's change policy says. This handler
turns the plan into pack holdings of the number's billing profile, so rating and the bill run
follow it at once:

* a change that applies now releases the old pack and holds the new one from now;
* a change from the next cycle is written ahead, as holdings ending and starting at 00:00 on
  the 1st of the next month (so usage rated in the first minutes of the new cycle already
  meets the new packs); cancelling the pending change removes exactly those.

The record is PENDING (effective next month) when any part applies from the next cycle, else
DONE. The fee of a change applied now is billed with the cycle, prorated by the days held.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar

from unicom_core.domain.access import Capability
from unicom_core.domain.billing import PackHolding
from unicom_core.domain.catalog import ChangeTiming, PackChange, PackKind, compose, plan_change
from unicom_core.domain.handling import (
    HANDLING_NO_BUNDLE,
    HANDLING_NO_CHANGE,
    HANDLING_PARAMETER,
    Change,
    Effect,
)
from unicom_core.domain.shared import Money
from unicom_core.usecases.handling.handlers import Field, Handler, param

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from unicom_core.domain.billing import BillingProfile
    from unicom_core.domain.catalog import Bundle, BundleChangePlan, ComboPlan
    from unicom_core.domain.handling import BusinessRecord
    from unicom_core.domain.shared import DomainEvent
    from unicom_core.usecases.handling.handlers import HandlingContext

__all__ = ["BundleChange", "held_bundle"]

_MAX_PACKS = 8


def held_bundle(ctx: HandlingContext) -> tuple[ComboPlan, Bundle]:
    """The number's combination plan and the bundle of packs it holds now.

    Raises:
        Refused: ``handling.no_bundle`` if the number's plan is not a combination plan.
    """
    combo = _combo_of(ctx)
    if combo is None:
        raise HANDLING_NO_BUNDLE.error(plan_code=ctx.subscriber.plan_code)
    return combo, compose(ctx.catalog, combo.code, _held_codes(ctx, combo), ctx.now)


def _combo_of(ctx: HandlingContext) -> ComboPlan | None:
    plan_code = ctx.subscriber.plan_code
    return next((c for c in ctx.catalog.combos if c.code == plan_code), None)


def _held_codes(ctx: HandlingContext, combo: ComboPlan) -> list[str]:
    tiers = set(combo.tiers)
    return [h.pack_code for h in ctx.profile.packs if h.held_at(ctx.now) and h.pack_code in tiers]


def _target_codes(params: Mapping[str, str]) -> list[str]:
    codes = [code.strip() for code in param(params, "packs").split(",") if code.strip()]
    if not codes or len(codes) > _MAX_PACKS or len(set(codes)) != len(codes):
        raise HANDLING_PARAMETER.error(field="packs")
    return codes


_KIND_LABELS = {
    PackKind.DATA: "流量包",
    PackKind.VOICE: "语音包",
    PackKind.SMS: "短彩信包",
    PackKind.VALUE_ADDED: "增值业务包",
}


def _row(bundle: Bundle) -> tuple[tuple[str, str], ...]:
    """The bundle as the form prints it: one row per pack kind (in Chinese), then the fee."""
    rows = tuple((_KIND_LABELS[pack.kind], pack.name) for pack in bundle.packs)
    return (*rows, ("月费", str(bundle.monthly_fee)))


class BundleChange(Handler):
    """Add, drop, raise or lower packs of the number's 4G combination plan (F-BUN, F-BIZ-3)."""

    kind: ClassVar[str] = "bundle"
    title: ClassVar[str] = "4G组合套餐变更"
    capability: ClassVar[Capability] = Capability("handle.bundle")
    fields: ClassVar[tuple[Field, ...]] = (
        Field("packs", "套餐包", hint="逗号分隔的套餐包编码，例如 data-1gb,voice-200min"),
    )

    def _plan(self, ctx: HandlingContext, params: Mapping[str, str]) -> BundleChangePlan:
        combo, current = held_bundle(ctx)
        target = compose(ctx.catalog, combo.code, _target_codes(params), ctx.now)
        return plan_change(current, target, ctx.now, combo.change_policy)

    def current(self, ctx: HandlingContext) -> Mapping[str, str]:
        """The packs the number holds now (none for a number not on a combination plan)."""
        combo = _combo_of(ctx)
        return {} if combo is None else {"packs": ",".join(_held_codes(ctx, combo))}

    def decide(self, ctx: HandlingContext, params: Mapping[str, str]) -> Change:
        """The plan of the change, shown as the bundle before and after, and its terms."""
        plan = self._plan(ctx, params)
        if not plan.changes:
            raise HANDLING_NO_CHANGE.error(field="packs")
        later = plan.applying(ChangeTiming.NEXT_CYCLE)
        terms = [
            f"立即生效的变更本月按剩余天数折算收费，约 {plan.charge_now}，计入本月账单。",
            f"自下一账期起月费为 {plan.fee_from_next_cycle}。",
        ]
        if later:
            terms.append("退订或降档的套餐包于次月1日0时生效，生效前可撤销。")
        return Change(
            summary=f"{plan.current} → {plan.target}",
            effect=Effect.NEXT_CYCLE if later else Effect.NOW,
            before=_row(plan.current),
            after=_row(plan.target),
            terms=terms,
            params=(("packs", ",".join(plan.target.pack_codes)),),
            fee=max(plan.charge_now, Money.zero()),
        )

    def apply_now(self, ctx: HandlingContext, record: BusinessRecord) -> None:
        """Hold and release the packs: those of now from now, the others from next cycle."""
        plan = self._plan(ctx, dict(record.change.params))
        for change in plan.changes:
            ctx.change_profile(partial(_apply, change=change, at=ctx.now))

    def cancel(self, ctx: HandlingContext, record: BusinessRecord) -> None:
        """Remove what was written ahead for the next cycle; what applied now stays."""
        starts = record.effective_from
        if starts <= ctx.now:
            return
        combo, _ = held_bundle(ctx)
        tiers = set(combo.tiers)
        packs = [h for h in ctx.profile.packs if h.pack_code in tiers]
        for code in [h.pack_code for h in packs if h.starts == starts]:
            ctx.change_profile(lambda p, c=code: p.drop_pack(c, starts, at=ctx.now))  # type: ignore[misc]
        for code in [h.pack_code for h in packs if h.ends == starts]:
            ctx.change_profile(lambda p, c=code: p.reopen_pack(c, starts, at=ctx.now))  # type: ignore[misc]


def _apply(profile: BillingProfile, *, change: PackChange, at: datetime) -> tuple[DomainEvent, ...]:
    events: list[DomainEvent] = []
    when = change.effective_at
    if change.old is not None:
        events += profile.release_pack(change.old.code, when, at=at)
    if change.new is not None:
        events += profile.hold_pack(PackHolding(change.new.code, when), at=at)
    return tuple(events)
