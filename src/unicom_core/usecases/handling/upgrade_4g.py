"""Upgrading a 2G/3G number to a 4G plan or the 4G combination plan (升级4G, F-BIZ-4, F-CAL-4).

The upgrade is a next-cycle change: in the month asked the number stays 2G/3G on its plan;
at 00:00 on the 1st of the next month (:meth:`Upgrade4G.take_effect`, run once by
``hall.handling.apply_due``) it becomes 4G (``Subscriber.upgrade_generation``) on the chosen
plan (``Subscriber.change_plan``). What the carrier's systems must know ahead is written when
the upgrade is accepted:

* the cycle the 4G plan takes effect in is recorded on the billing profile
  (``BillingProfile.record_upgrade``), so the F-CAL-4 windows follow in that month: charges
  and usage may be queried only from 08:00 on the 4th, payments only from 08:00 on the 2nd
  (the calendar's settings);
* for the combination plan, the chosen packs are held from the effective instant;
* the packs held that are not for 4G (the 3G data packs) are released at that instant.

Cancelling the pending upgrade withdraws all three. :class:`~unicom_core.usecases.handling.
plan_queries.PlanQueries` answers the upgrade status the page shows.

Built with the hall's catalogue (``bootstrap`` passes the one it installs), the form's
``plan`` field offers the catalogue's 4G plans and combination plans sold online as choices,
as the points redemption offers its items; each request is still checked against the
catalogue of the moment (a plan no longer on sale is refused).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from unicom_core.domain.access import Capability
from unicom_core.domain.billing import PackHolding
from unicom_core.domain.catalog import Channel, ComboPlan, Plan, compose
from unicom_core.domain.handling import (
    HANDLING_ALREADY_4G,
    HANDLING_PARAMETER,
    HANDLING_PLAN_NOT_OFFERED,
    Change,
    Effect,
)
from unicom_core.domain.shared import BillingCycle
from unicom_core.domain.subscribers import NetworkGeneration, SubscriberStatus
from unicom_core.usecases.handling.handlers import Field, Handler, optional_param, param
from unicom_core.usecases.handling.plan_change import (
    move_to_plan,
    plan_label,
    refuse_if_plan_pending,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from unicom_core.domain.catalog import Bundle, Catalog
    from unicom_core.domain.handling import BusinessRecord
    from unicom_core.usecases.handling.handlers import HandlingContext

__all__ = ["UPGRADE_KIND", "Upgrade4G"]

UPGRADE_KIND = "upgrade_4g"
_MAX_PACKS = 8


def _bundle(ctx: HandlingContext, combo: ComboPlan, params: Mapping[str, str]) -> Bundle:
    text = optional_param(params, "packs") or ""
    codes = [code.strip() for code in text.split(",") if code.strip()]
    if not codes or len(codes) > _MAX_PACKS or len(set(codes)) != len(codes):
        raise HANDLING_PARAMETER.error(field="packs")
    return compose(ctx.catalog, combo.code, codes, ctx.calendar.effective_next_month(ctx.now))


def _offered(catalog: Catalog, plan: Plan | ComboPlan) -> bool:
    """Whether a 2G/3G number may upgrade to ``plan``: a 4G plan or combination plan.

    Not a shared plan (``max_members``) nor the plan of its secondary cards: those come
    with a shared group. The payment mode and the sale window are checked per request.
    """
    return (
        plan.generation is NetworkGeneration.G4
        and not (isinstance(plan, Plan) and plan.max_members > 0)
        and not any(p.member_plan == plan.code for p in catalog.plans)
    )


def _fields(catalog: Catalog | None) -> tuple[Field, ...]:
    """The form: the 4G plans of ``catalog`` sold online as choices (free text without one)."""
    packs = Field(
        "packs",
        "套餐包",
        required=False,
        hint="选择4G组合套餐时必填：逗号分隔的套餐包编码，例如 data-1gb,voice-200min",
    )
    if catalog is None:
        hint = "例如 4g-national-76，或 4g-national-combo（4G组合套餐）"
        return (Field("plan", "4G套餐", hint=hint), packs)
    plans: tuple[Plan | ComboPlan, ...] = (*catalog.plans, *catalog.combos)
    choices = tuple(
        (plan.code, plan.name)
        for plan in plans
        if _offered(catalog, plan) and Channel.ONLINE_HALL in plan.channels
    )
    return (Field("plan", "4G套餐", choices=choices), packs)


def _target(ctx: HandlingContext, code: str) -> Plan | ComboPlan:
    subscriber = ctx.subscriber
    current = subscriber.generation
    if current is NetworkGeneration.G4:
        raise HANDLING_ALREADY_4G.error(generation=current.value)
    target = ctx.catalog.plan(code)
    if (
        current is None
        or not _offered(ctx.catalog, target)
        or subscriber.payment_mode not in target.payment_modes
    ):
        raise HANDLING_PLAN_NOT_OFFERED.error(
            plan_code=code, generation=None if current is None else current.value
        )
    ctx.catalog.require_on_sale(target, ctx.channel, ctx.now)
    refuse_if_plan_pending(ctx)
    return target


class Upgrade4G(Handler):
    """Upgrade a 2G/3G number to a 4G plan or the 4G combination plan (F-BIZ-4)."""

    kind: ClassVar[str] = UPGRADE_KIND
    title: ClassVar[str] = "升级4G套餐"
    capability: ClassVar[Capability] = Capability("handle.upgrade_4g")
    fields: ClassVar[tuple[Field, ...]] = _fields(None)

    def __init__(self, catalog: Catalog | None = None) -> None:
        self.fields = _fields(catalog)  # type: ignore[misc]  # this hall's 4G plans

    def decide(self, ctx: HandlingContext, params: Mapping[str, str]) -> Change:
        """The 4G plan from 00:00 on the 1st of the next month, and the F-CAL-4 windows."""
        target = _target(ctx, param(params, "plan"))
        kept: list[tuple[str, str]] = [("plan", target.code)]
        after = [("网络", "4G"), ("套餐", plan_label(ctx, target.code))]
        if isinstance(target, ComboPlan):
            bundle = _bundle(ctx, target, params)
            kept.append(("packs", ",".join(bundle.pack_codes)))
            after += [("套餐包", "、".join(p.name for p in bundle.packs))]
            after += [("月费", str(bundle.monthly_fee))]
        starts = ctx.calendar.effective_next_month(ctx.now)
        cycle = BillingCycle.containing(starts)
        settings = ctx.calendar.settings
        pay = settings.upgrade_payment_opens.in_cycle(cycle)
        query = settings.upgrade_query_opens.in_cycle(cycle)
        generation = ctx.subscriber.generation
        return Change(
            summary=f"升级4G：{plan_label(ctx, target.code)}",
            effect=Effect.NEXT_CYCLE,
            before=(
                ("网络", "-" if generation is None else generation.value.upper()),
                ("套餐", plan_label(ctx, ctx.subscriber.plan_code)),
            ),
            after=tuple(after),
            terms=(
                (
                    f"于 {starts.date().isoformat()} 0时（次月1日）升级为4G并使用新套餐，"
                    "本月仍按原套餐计费；生效前可撤销。"
                ),
                (
                    f"生效当月 {pay.strftime('%m月%d日%H:%M')} 前暂停缴费，"
                    f"{query.strftime('%m月%d日%H:%M')} 前暂停话费和用量查询。"
                ),
            ),
            params=tuple(kept),
        )

    def apply_now(self, ctx: HandlingContext, record: BusinessRecord) -> None:
        """Record the upgrade's cycle (F-CAL-4); hold a combination plan's packs from then."""
        starts = record.effective_from
        cycle = BillingCycle.containing(starts)
        ctx.change_profile(lambda p: p.record_upgrade(cycle, at=ctx.now))
        for code in _legacy_packs(ctx, lambda h: h.ends is None and h.starts < starts):
            ctx.change_profile(lambda p, c=code: p.release_pack(c, starts, at=ctx.now))  # type: ignore[misc]
        for code in _packs(record):
            holding = PackHolding(code, starts)
            ctx.change_profile(lambda p, h=holding: p.hold_pack(h, at=ctx.now))  # type: ignore[misc]

    def take_effect(self, ctx: HandlingContext, record: BusinessRecord) -> None:
        """The number is 4G on the new plan from this cycle on."""
        subscriber = ctx.subscriber
        if subscriber.status is SubscriberStatus.CANCELLED:
            return
        if subscriber.generation in {NetworkGeneration.G2, NetworkGeneration.G3}:
            ctx.change_subscriber(lambda s: s.upgrade_generation(at=ctx.now))
        move_to_plan(ctx, subscriber.id, record.change.param("plan"))

    def cancel(self, ctx: HandlingContext, record: BusinessRecord) -> None:
        """Withdraw the recorded upgrade and the packs held ahead."""
        starts = record.effective_from
        cycle = BillingCycle.containing(starts)
        ctx.change_profile(lambda p: p.withdraw_upgrade(cycle, at=ctx.now))
        for code in _packs(record):
            ctx.change_profile(lambda p, c=code: p.drop_pack(c, starts, at=ctx.now))  # type: ignore[misc]
        for code in _legacy_packs(ctx, lambda h: h.ends == starts):
            ctx.change_profile(lambda p, c=code: p.reopen_pack(c, starts, at=ctx.now))  # type: ignore[misc]


def _legacy_packs(ctx: HandlingContext, chosen: Callable[[PackHolding], bool]) -> list[str]:
    """The packs ``chosen`` of the profile a 4G number may not hold (3G data packs)."""
    codes = []
    for holding in ctx.profile.packs:
        pack = next((p for p in ctx.catalog.packs if p.code == holding.pack_code), None)
        if pack is not None and not pack.for_generation(NetworkGeneration.G4) and chosen(holding):
            codes.append(holding.pack_code)
    return codes


def _packs(record: BusinessRecord) -> list[str]:
    kept = dict(record.change.params).get("packs", "")
    return [code for code in kept.split(",") if code]
