"""Changing a 3G plan (3G套餐变更), from the next billing cycle (F-BIZ-3, F-CAL-5).

A 3G number moves to another 3G plan of the catalogue (a fixed plan, not shared, offered in
its payment mode and on sale on the channel). Nothing changes in the month asked: the
record is PENDING and the subscriber's plan changes at 00:00 on the 1st of the next month
(:meth:`PlanChange.take_effect`, run once by ``hall.handling.apply_due``), so the bill of
the month asked charges the old plan and the next one the new. Until then the change may be
cancelled (nothing was written ahead). The 4G combination plan changes its bundle instead
(:mod:`unicom_core.usecases.handling.bundle`); 2G/3G to 4G is an upgrade
(:mod:`unicom_core.usecases.handling.upgrade_4g`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from unicom_core.domain.access import Capability
from unicom_core.domain.catalog import Plan
from unicom_core.domain.handling import (
    HANDLING_NO_CHANGE,
    HANDLING_PENDING_EXISTS,
    HANDLING_PLAN_NOT_OFFERED,
    Change,
    Effect,
)
from unicom_core.domain.subscribers import NetworkGeneration, SubscriberStatus
from unicom_core.errors import NotFound
from unicom_core.usecases.handling.handlers import Field, Handler, param

if TYPE_CHECKING:
    from collections.abc import Mapping

    from unicom_core.domain.catalog import ComboPlan
    from unicom_core.domain.handling import BusinessRecord
    from unicom_core.usecases.handling.handlers import HandlingContext

__all__ = ["PLAN_KINDS", "PlanChange", "move_to_plan", "plan_label", "refuse_if_plan_pending"]

PLAN_KINDS = frozenset({"plan_change", "upgrade_4g"})
"""The handlings that change a number's plan from the next cycle: one may wait at a time."""


def refuse_if_plan_pending(ctx: HandlingContext) -> None:
    """Refuse a plan change while another one (a change, an upgrade) waits for its cycle.

    Raises:
        Conflict: ``handling.pending_exists`` naming the waiting record.
    """
    for pending in ctx.tx.business_records.pending_of(ctx.subscriber.id):
        if pending.kind in PLAN_KINDS:
            raise HANDLING_PENDING_EXISTS.error(kind=pending.kind, record_id=pending.id)


def plan_label(ctx: HandlingContext, code: str) -> str:
    """The plan's name and monthly fee as the subscriber reads them (the code if unknown)."""
    try:
        plan: Plan | ComboPlan = ctx.catalog.plan(code)
    except NotFound:
        return code
    return f"{plan.name}（{plan.monthly_fee}/月）" if isinstance(plan, Plan) else plan.name


def move_to_plan(ctx: HandlingContext, subscriber_id: str, plan_code: str) -> None:
    """Point a subscriber at ``plan_code`` when a change takes effect (skip if moot).

    A number cancelled meanwhile, or already on the plan, is left as it is: a due change
    never fails the run that applies it.
    """
    if subscriber_id == ctx.subscriber.id:
        subscriber = ctx.subscriber
    else:
        subscriber = ctx.tx.subscribers.get(subscriber_id)  # type: ignore[arg-type]
    if subscriber.status is SubscriberStatus.CANCELLED or subscriber.plan_code == plan_code:
        return
    ctx.write(ctx.tx.subscribers, subscriber, subscriber.change_plan(plan_code, at=ctx.now))


class PlanChange(Handler):
    """Change a 3G number's plan from the next cycle (F-BIZ-3)."""

    kind: ClassVar[str] = "plan_change"
    title: ClassVar[str] = "3G套餐变更"
    capability: ClassVar[Capability] = Capability("handle.plan_change")
    fields: ClassVar[tuple[Field, ...]] = (
        Field("plan", "新套餐", hint="3G套餐编码，例如 3g-basic-a-66"),
    )

    def decide(self, ctx: HandlingContext, params: Mapping[str, str]) -> Change:
        """The new plan, from 00:00 on the 1st of the next month."""
        subscriber = ctx.subscriber
        code = param(params, "plan")
        target = ctx.catalog.plan(code)
        if subscriber.generation is not NetworkGeneration.G3 or not (
            isinstance(target, Plan)
            and target.generation is NetworkGeneration.G3
            and target.max_members == 0
            and subscriber.payment_mode in target.payment_modes
        ):
            generation = subscriber.generation
            raise HANDLING_PLAN_NOT_OFFERED.error(
                plan_code=code, generation=None if generation is None else generation.value
            )
        if target.code == subscriber.plan_code:
            raise HANDLING_NO_CHANGE.error(field="plan")
        ctx.catalog.require_on_sale(target, ctx.channel, ctx.now)
        refuse_if_plan_pending(ctx)
        starts = ctx.calendar.effective_next_month(ctx.now)
        return Change(
            summary=f"{plan_label(ctx, subscriber.plan_code)} → {plan_label(ctx, target.code)}",
            effect=Effect.NEXT_CYCLE,
            before=(("套餐", plan_label(ctx, subscriber.plan_code)),),
            after=(("套餐", plan_label(ctx, target.code)), ("包含", str(target.allowances))),
            terms=(
                f"新套餐于 {starts.date().isoformat()} 0时（次月1日）生效，本月仍按原套餐计费。",
                "生效前可撤销。",
            ),
            params=(("plan", target.code),),
        )

    def take_effect(self, ctx: HandlingContext, record: BusinessRecord) -> None:
        """The subscriber's plan is the new one from this cycle on."""
        move_to_plan(ctx, ctx.subscriber.id, record.change.param("plan"))
