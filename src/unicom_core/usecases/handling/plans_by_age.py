"""The network-age upgrade plan and the 20元 plan's optional packs (F-BIZ-1).

:class:`NetworkAgeUpgrade` (网龄升级计划) moves a number onto a plan of the catalogue whose
``min_network_age_months`` its network age (:meth:`Subscriber.network_age_on
<unicom_core.domain.subscribers.Subscriber.network_age_on>`, today in Beijing) reaches; the
plan must be offered in the number's payment mode and on sale on the channel. It takes effect
from the next cycle (00:00 on the 1st), when the subscriber's plan changes
(:meth:`Subscriber.change_plan <unicom_core.domain.subscribers.Subscriber.change_plan>`) and
the packs of the old plan (a combination plan's tiers, a plan's optional packs) end.

:class:`OptionalPacks` (可选包) adds or removes one of the optional packs the number's plan
lists (the 20元 basic plan of the default catalogue): adding holds the pack from now on
(its fee prorated by the days left, F-CAL-5); removing ends it at the next cycle, written
ahead in the billing profile and undone by cancelling the pending change, like a bundle change
(:mod:`unicom_core.usecases.handling.bundle`).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar

from unicom_core.domain.access import Capability
from unicom_core.domain.billing import PackHolding
from unicom_core.domain.catalog import ComboPlan, Plan, prorate
from unicom_core.domain.handling import (
    HANDLING_NETWORK_AGE,
    HANDLING_NO_CHANGE,
    HANDLING_PACK_NOT_OFFERED,
    HANDLING_PLAN_NOT_OFFERED,
    Change,
    Effect,
)
from unicom_core.domain.shared import Money, to_shanghai
from unicom_core.usecases.handling.handlers import Field, Handler, param
from unicom_core.usecases.handling.service_states import choice

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import datetime

    from unicom_core.domain.billing import BillingProfile
    from unicom_core.domain.catalog import Pack
    from unicom_core.domain.handling import BusinessRecord
    from unicom_core.domain.shared import DomainEvent
    from unicom_core.usecases.handling.handlers import HandlingContext

__all__ = ["NetworkAgeUpgrade", "OptionalPacks"]

_ACTIONS = (("add", "订购"), ("remove", "退订"))


def _find_plan(ctx: HandlingContext, code: str) -> Plan | ComboPlan | None:
    plans: tuple[Plan | ComboPlan, ...] = (*ctx.catalog.plans, *ctx.catalog.combos)
    return next((plan for plan in plans if plan.code == code), None)


def _plan_name(ctx: HandlingContext, code: str) -> str:
    plan = _find_plan(ctx, code)
    return code if plan is None else plan.name


def _old_plan_packs(ctx: HandlingContext, plan_code: str) -> frozenset[str]:
    """The packs that belong to ``plan_code``: a combination plan's tiers, optional packs."""
    plan = _find_plan(ctx, plan_code)
    if plan is None:
        return frozenset()
    return frozenset(plan.tiers if isinstance(plan, ComboPlan) else plan.optional_packs)


class NetworkAgeUpgrade(Handler):
    """Move onto a network-age upgrade plan from the next cycle (F-BIZ-1; module docstring)."""

    kind: ClassVar[str] = "network_age_upgrade"
    title: ClassVar[str] = "网龄升级计划"
    capability: ClassVar[Capability] = Capability("handle.network_age_upgrade")
    fields: ClassVar[tuple[Field, ...]] = (
        Field("plan", "升级套餐", hint="套餐编码，例如 age-upgrade-1y、age-upgrade-3y"),
    )

    def _target(self, ctx: HandlingContext, code: str) -> Plan:
        plan = next((p for p in ctx.catalog.plans if p.code == code), None)
        mode = ctx.subscriber.payment_mode
        if plan is None or plan.min_network_age_months <= 0 or mode not in plan.payment_modes:
            raise HANDLING_PLAN_NOT_OFFERED.error(plan_code=code)
        ctx.catalog.require_on_sale(plan, ctx.channel, ctx.now)
        if plan.code == ctx.subscriber.plan_code:
            raise HANDLING_NO_CHANGE.error(field="plan")
        age = ctx.subscriber.network_age_on(to_shanghai(ctx.now).date())
        if age.total_months < plan.min_network_age_months:
            raise HANDLING_NETWORK_AGE.error(
                required_months=plan.min_network_age_months, months=age.total_months
            )
        return plan

    def decide(self, ctx: HandlingContext, params: Mapping[str, str]) -> Change:
        """Check the plan and the network age; the change applies from the next cycle."""
        plan = self._target(ctx, param(params, "plan"))
        age = ctx.subscriber.network_age_on(to_shanghai(ctx.now).date())
        return Change(
            summary=f"{_plan_name(ctx, ctx.subscriber.plan_code)} → {plan.name}",
            effect=Effect.NEXT_CYCLE,
            before=(("套餐", _plan_name(ctx, ctx.subscriber.plan_code)), ("网龄", str(age))),
            after=(("套餐", plan.name), ("月费", str(plan.monthly_fee))),
            terms=(
                f"网龄满{plan.min_network_age_months}个月可办理；新套餐于次月1日0时生效，生效前可撤销。",
                "原套餐的套餐包、可选包随原套餐于生效时终止。",
            ),
            params=(("plan", plan.code),),
        )

    def take_effect(self, ctx: HandlingContext, record: BusinessRecord) -> None:
        """Change the plan; end the old plan's packs when the new one starts."""
        code, starts = record.change.param("plan"), record.effective_from
        old = ctx.subscriber.plan_code
        if old == code:
            return
        ctx.change_subscriber(lambda s: s.change_plan(code, at=ctx.now))
        belongs = _old_plan_packs(ctx, old)
        open_packs = [
            h.pack_code for h in ctx.profile.packs if h.ends is None and h.starts < starts
        ]
        for code_held in [c for c in open_packs if c in belongs]:
            ctx.change_profile(partial(_release, pack_code=code_held, ends=starts, at=ctx.now))


def _release(
    profile: BillingProfile, *, pack_code: str, ends: datetime, at: datetime
) -> tuple[DomainEvent, ...]:
    return profile.release_pack(pack_code, ends, at=at)


def _optional_pack(ctx: HandlingContext, code: str) -> Pack:
    plan = next((p for p in ctx.catalog.plans if p.code == ctx.subscriber.plan_code), None)
    if plan is None or code not in plan.optional_packs:
        raise HANDLING_PACK_NOT_OFFERED.error(pack_code=code)
    pack = ctx.catalog.pack(code)
    ctx.catalog.require_on_sale(pack, ctx.channel, ctx.now)
    return pack


class OptionalPacks(Handler):
    """Add or remove an optional pack of the number's plan (F-BIZ-1; module docstring)."""

    kind: ClassVar[str] = "optional_packs"
    title: ClassVar[str] = "可选包订购与退订"
    capability: ClassVar[Capability] = Capability("handle.optional_packs")
    fields: ClassVar[tuple[Field, ...]] = (
        Field("action", "操作", choices=_ACTIONS),
        Field("pack", "可选包", hint="可选包编码，例如 opt-data-100mb"),
    )

    def current(self, ctx: HandlingContext) -> Mapping[str, str]:
        """An optional pack held with no end (to remove), else the first not held (to add).

        A pack whose removal waits for the next cycle is neither: it is still held now.
        """
        plan = next((p for p in ctx.catalog.plans if p.code == ctx.subscriber.plan_code), None)
        packs = () if plan is None else plan.optional_packs
        held = [h for h in ctx.profile.packs if h.held_at(ctx.now)]
        kept = {h.pack_code for h in held if h.ends is None}
        code = next((c for c in packs if c in kept), None)
        if code is not None:
            return {"action": "remove", "pack": code}
        free = next((c for c in packs if c not in {h.pack_code for h in held}), None)
        return {} if free is None else {"action": "add", "pack": free}

    def decide(self, ctx: HandlingContext, params: Mapping[str, str]) -> Change:
        """Adding applies now (prorated); removing from the next cycle."""
        add = choice(params, "action", _ACTIONS) == "add"
        pack = _optional_pack(ctx, param(params, "pack"))
        held = any(h.pack_code == pack.code and h.held_at(ctx.now) for h in ctx.profile.packs)
        if held == add:
            raise HANDLING_NO_CHANGE.error(field="pack")
        if add:
            fee = prorate(pack.fee, ctx.now).left
            terms = (f"本月按剩余天数折算收费，约 {fee}，自下一账期起每月 {pack.fee}。",)
        else:
            fee = Money.zero()
            terms = ("退订于次月1日0时生效，本月仍可使用；生效前可撤销。",)
        return Change(
            summary=f"{'订购' if add else '退订'}{pack.name}",
            effect=Effect.NOW if add else Effect.NEXT_CYCLE,
            before=((pack.name, "未订购" if add else "已订购"),),
            after=((pack.name, "已订购" if add else "次月起退订"),),
            terms=terms,
            params=(("action", "add" if add else "remove"), ("pack", pack.code)),
            fee=fee,
        )

    def apply_now(self, ctx: HandlingContext, record: BusinessRecord) -> None:
        """Hold the pack from now, or end it at the next cycle (written ahead)."""
        code = record.change.param("pack")
        if record.change.param("action") == "add":
            ctx.change_profile(lambda p: p.hold_pack(PackHolding(code, ctx.now), at=ctx.now))
        else:
            ends = record.effective_from
            ctx.change_profile(lambda p: p.release_pack(code, ends, at=ctx.now))

    def cancel(self, ctx: HandlingContext, record: BusinessRecord) -> None:
        """Keep holding a pack whose removal is cancelled."""
        if record.change.param("action") == "remove":
            ends = record.effective_from
            code = record.change.param("pack")
            ctx.change_profile(lambda p: p.reopen_pack(code, ends, at=ctx.now))
