"""Ordering a data pack (流量包订购): the half-year pack, 3G and 4G monthly packs (F-BIZ-2).

A number orders a data pack of the catalogue that is for its network generation
(``Pack.generations``; empty: any) and is not a tier of a combination plan (those change
through the bundle, :mod:`unicom_core.usecases.handling.bundle`). The order applies now and
becomes a pack holding of the number's billing profile, so rating meets its allowance at once:

* a **monthly** pack is held from now until it is released; the bill charges its fee every
  cycle, this cycle's prorated by the days left (F-CAL-5);
* a **term** pack (the half-year pack, 半年包: ``term_cycles`` = 6) is held from now until
  00:00 on the 1st of the month ``term_cycles`` cycles on (the month ordered counts as the
  first); its ``term_fee`` is paid **once**, as an adjustment on the bill of the cycle it is
  ordered in (its id is the record's, so it is charged once), and its cycles charge its
  monthly ``fee`` (0元 in the default catalogue).

The order records are the business records of kind ``data_pack``
(``hall.handling.records(token, page, kind="data_pack")``).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, ClassVar

from unicom_core.domain.access import Capability
from unicom_core.domain.billing import (
    BILLING_PACK_ALREADY_HELD,
    Adjustment,
    BillingCalendar,
    PackHolding,
    prorated,
)
from unicom_core.domain.catalog import PackKind
from unicom_core.domain.handling import HANDLING_PACK_NOT_OFFERED, Change, Effect
from unicom_core.domain.shared import BillingCycle, to_shanghai
from unicom_core.usecases.handling.handlers import Field, Handler, param

if TYPE_CHECKING:
    from collections.abc import Mapping

    from unicom_core.domain.catalog import Pack
    from unicom_core.domain.handling import BusinessRecord
    from unicom_core.usecases.handling.handlers import HandlingContext

__all__ = ["DataPackOrder", "orderable_pack", "term_end"]


def term_end(pack: Pack, at: datetime) -> datetime | None:
    """When a pack ordered at ``at`` stops being held: a term pack's end, None if monthly."""
    if not pack.is_term:
        return None
    return BillingCycle.containing(at).shifted(pack.term_cycles).start


def orderable_pack(ctx: HandlingContext, code: str) -> Pack:
    """The data pack ``code`` if this number may order it now on the context's channel.

    Raises:
        NotFound: ``catalog.unknown_product``.
        Refused: ``handling.pack_not_offered`` (not a data pack, a combination tier, or not
            for the number's generation), ``catalog.not_on_sale``, ``catalog.channel``.
    """
    pack = ctx.catalog.pack(code)
    generation = ctx.subscriber.generation
    tiers = {tier for combo in ctx.catalog.combos for tier in combo.tiers}
    if pack.kind is not PackKind.DATA or pack.code in tiers or not pack.for_generation(generation):
        raise HANDLING_PACK_NOT_OFFERED.error(
            pack_code=pack.code, generation=None if generation is None else generation.value
        )
    ctx.catalog.require_on_sale(pack, ctx.channel, ctx.now)
    return pack


def _terms(pack: Pack, at: datetime, ends: datetime | None) -> tuple[list[str], str]:
    if ends is not None and pack.term_fee is not None:
        until = (ends - timedelta(microseconds=1)).date().isoformat()
        return [
            f"一次性收取 {pack.term_fee}，计入本月账单。",
            f"有效期 {pack.term_cycles} 个月（含本月），至 {until} 24时止，到期自动失效。",
            f"有效期内每月包含 {pack.allowances}。",
        ], f"{to_shanghai(at).date().isoformat()} 至 {until}"
    return [
        "本月按剩余天数折算收费，计入本月账单。",
        f"自下一账期起每月 {pack.fee}，直至退订。",
        f"每月包含 {pack.allowances}。",
    ], "按月有效"


def _overlaps(held: PackHolding, starts: datetime, ends: datetime | None) -> bool:
    return (held.ends is None or starts < held.ends) and (ends is None or held.starts < ends)


class DataPackOrder(Handler):
    """Order a half-year, 3G or 4G data pack for the number (F-BIZ-2)."""

    kind: ClassVar[str] = "data_pack"
    title: ClassVar[str] = "流量包订购"
    capability: ClassVar[Capability] = Capability("handle.data_pack")
    fields: ClassVar[tuple[Field, ...]] = (
        Field("pack", "流量包", hint="流量包编码，例如 data-half-year-500mb 或 data-3g-100mb"),
    )

    def decide(self, ctx: HandlingContext, params: Mapping[str, str]) -> Change:
        """The pack, what it costs now, and until when it is held."""
        pack = orderable_pack(ctx, param(params, "pack"))
        ends = term_end(pack, ctx.now)
        for held in ctx.profile.packs:
            if held.pack_code == pack.code and _overlaps(held, ctx.now, ends):
                raise BILLING_PACK_ALREADY_HELD.error(pack_code=pack.code)
        cycle = BillingCycle.containing(ctx.now)
        if pack.term_fee is not None:
            fee = pack.term_fee
        else:
            days = BillingCalendar.active_days(cycle, ctx.now, None)
            fee = prorated(pack.fee, days, cycle.days)
        terms, validity = _terms(pack, ctx.now, ends)
        return Change(
            summary=f"订购 {pack}",
            effect=Effect.NOW,
            before=(("流量包", "未订购"),),
            after=(("流量包", pack.name), ("有效期", validity), ("费用", str(fee))),
            terms=terms,
            params=(("pack", pack.code),),
            fee=fee,
        )

    def apply_now(self, ctx: HandlingContext, record: BusinessRecord) -> None:
        """Hold the pack from now (until its term's end); a term pack's fee on this bill."""
        pack = ctx.catalog.pack(record.change.param("pack"))
        holding = PackHolding(pack.code, ctx.now, term_end(pack, ctx.now))
        ctx.change_profile(lambda p: p.hold_pack(holding, at=ctx.now))
        if pack.term_fee is not None:
            adjustment = Adjustment(
                f"pack-{record.id}",
                BillingCycle.containing(ctx.now),
                pack.term_fee,
                f"{pack.name} 一次性费用（{pack.term_cycles}个月）",
            )
            ctx.change_profile(lambda p: p.adjust(adjustment, at=ctx.now))
