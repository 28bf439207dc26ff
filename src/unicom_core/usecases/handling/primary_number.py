"""Changing the primary number of a 4G shared plan (主副卡主卡变更), next cycle (F-BIZ-3).

Only the primary number of a :class:`~unicom_core.domain.handling.SharedPlan` asks; the new
primary is one of its active secondary cards, named by its number. The members stay: at 00:00
on the 1st of the next month (:meth:`PrimaryNumberChange.take_effect`) the chosen card
becomes the primary and takes the shared plan, and the old primary becomes a secondary card
on the plan's member plan; until then the change may be cancelled (nothing is written ahead).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from unicom_core.domain.access import Capability
from unicom_core.domain.catalog import Plan
from unicom_core.domain.handling import (
    HANDLING_NOT_ACTIVE,
    HANDLING_NOT_MEMBER,
    HANDLING_NOT_PRIMARY,
    Change,
    Effect,
)
from unicom_core.domain.subscribers import SubscriberStatus
from unicom_core.errors import NotFound
from unicom_core.usecases.handling.handlers import Field, Handler, param
from unicom_core.usecases.handling.plan_change import move_to_plan

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from unicom_core.domain.handling import BusinessRecord, SharedPlan
    from unicom_core.domain.subscribers import Subscriber
    from unicom_core.usecases.handling.handlers import HandlingContext

__all__ = ["PrimaryNumberChange", "masked"]


def masked(subscriber: Subscriber) -> str:
    """The number as a form prints it: ``186****0001``."""
    identifier = subscriber.number.identifier
    masking: Callable[[], str] | None = getattr(identifier, "masked", None)
    return masking() if masking is not None else str(identifier)


def _member_plan(ctx: HandlingContext, group: SharedPlan) -> str | None:
    try:
        plan = ctx.catalog.plan(group.plan_code)
    except NotFound:
        return None
    return plan.member_plan if isinstance(plan, Plan) else None


class PrimaryNumberChange(Handler):
    """Make a secondary card the primary number of the 4G shared plan (F-BIZ-3)."""

    kind: ClassVar[str] = "primary_number"
    title: ClassVar[str] = "4G主副卡主卡变更"
    capability: ClassVar[Capability] = Capability("handle.primary_number")
    fields: ClassVar[tuple[Field, ...]] = (
        Field("new_primary", "新主卡号码", hint="本共享套餐中一张副卡的手机号码"),
    )

    def decide(self, ctx: HandlingContext, params: Mapping[str, str]) -> Change:
        """The new primary number from 00:00 on the 1st of the next month; members stay."""
        wanted = param(params, "new_primary").replace(" ", "")
        group = ctx.tx.shared_plans.find_by_primary(ctx.subscriber.id)
        if group is None:
            raise HANDLING_NOT_PRIMARY.error()
        members = [ctx.tx.subscribers.get(m) for m in group.member_ids]  # type: ignore[arg-type]
        chosen = next((m for m in members if m.number.value == wanted), None)
        if chosen is None:
            raise HANDLING_NOT_MEMBER.error(number=wanted[:32])
        if chosen.status is not SubscriberStatus.ACTIVE:
            raise HANDLING_NOT_ACTIVE.error(status=chosen.status.value)
        stay = [masked(m) for m in members if m.id != chosen.id]
        starts = ctx.calendar.effective_next_month(ctx.now)
        return Change(
            summary=f"主卡 {masked(ctx.subscriber)} → {masked(chosen)}",
            effect=Effect.NEXT_CYCLE,
            before=(
                ("主卡", masked(ctx.subscriber)),
                ("副卡", "、".join(masked(m) for m in members)),
            ),
            after=(("主卡", masked(chosen)), ("副卡", "、".join([masked(ctx.subscriber), *stay]))),
            terms=(
                (
                    f"新主卡于 {starts.date().isoformat()} 0时（次月1日）生效，"
                    "原主卡转为副卡，其他副卡不变。"
                ),
                "生效后共享套餐月费由新主卡支付；生效前可撤销。",
            ),
            params=(("group", group.id), ("new_primary", chosen.id)),
        )

    def take_effect(self, ctx: HandlingContext, record: BusinessRecord) -> None:
        """Swap the roles; the plans follow (skipped if the group changed meanwhile)."""
        group = ctx.tx.shared_plans.find(record.change.param("group"))
        new_primary = record.change.param("new_primary")
        if group is None or group.primary_id != ctx.subscriber.id:
            return
        if not group.has_member(new_primary):
            return
        ctx.write(ctx.tx.shared_plans, group, group.change_primary(new_primary, at=ctx.now))
        member_plan = _member_plan(ctx, group)
        if member_plan is not None:
            move_to_plan(ctx, ctx.subscriber.id, member_plan)
            move_to_plan(ctx, new_primary, group.plan_code)
