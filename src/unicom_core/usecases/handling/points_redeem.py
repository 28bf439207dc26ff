"""Redeeming points (积分兑换, F-QRY-4) as a business handling, with its record and form.

The subscriber picks an item of the points catalogue (field ``item``); the confirmation
shows the points before and after. Accepting it, in the engine's one transaction:

* spends the item's points from the number's points account, soonest-expiring first, once
  per record (``points.insufficient`` if there are too few: nothing is written);
* gives the item: a pack held from now until the end of the current billing cycle, with an
  adjustment on this cycle's bill equal to the pack's prorated fee (the bill charges it and
  takes it back: the pack is free), or a top-up voucher credited to the account.

Two redemptions racing for the same points clash on the points account's version; the
later one re-runs (the engine retries) against what the first spent, so points are never
spent twice. A redemption applies now and cannot be cancelled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from unicom_core.domain.access import Capability
from unicom_core.domain.billing import (
    BILLING_PACK_ALREADY_HELD,
    Adjustment,
    BillingCalendar,
    PackHolding,
    prorated,
)
from unicom_core.domain.handling import (
    POINTS_INSUFFICIENT,
    Change,
    Effect,
    PointsAccount,
)
from unicom_core.usecases.handling.handlers import Field, Handler, param
from unicom_core.usecases.handling.points import PointsSettings, points_account_of

if TYPE_CHECKING:
    from collections.abc import Mapping

    from unicom_core.domain.billing import BillingProfile
    from unicom_core.domain.handling import BusinessRecord, PointsCatalogue, PointsItem
    from unicom_core.domain.shared import DomainEvent
    from unicom_core.usecases.handling.handlers import HandlingContext

__all__ = ["PointsRedemption"]


def _fields(catalogue: PointsCatalogue) -> tuple[Field, ...]:
    choices = tuple((item.code, f"{item.name}（{item.points}积分）") for item in catalogue.items)
    return (Field("item", "兑换礼品", choices=choices),)


def _pack_held(profile: BillingProfile, holding: PackHolding) -> bool:
    """Whether a holding of the pack overlaps ``holding`` (which ends: the cycle's end)."""
    ends = holding.ends or holding.starts
    return any(
        held.pack_code == holding.pack_code
        and held.starts < ends
        and (held.ends is None or held.ends > holding.starts)
        for held in profile.packs
    )


class PointsRedemption(Handler):
    """Spend points on an item of the points catalogue (积分兑换, F-QRY-4)."""

    kind: ClassVar[str] = "points_redeem"
    title: ClassVar[str] = "积分兑换"
    capability: ClassVar[Capability] = Capability("points.redeem")

    def __init__(self, settings: PointsSettings | None = None) -> None:
        self.settings = settings if settings is not None else PointsSettings()
        self.fields = _fields(self.settings.catalogue)  # type: ignore[misc]  # this hall's items

    def _holding(self, ctx: HandlingContext, item: PointsItem) -> PackHolding | None:
        if item.pack_code is None:
            return None
        ctx.catalog.pack(item.pack_code)  # catalog.unknown_product if the catalogue lacks it
        cycle = BillingCalendar.cycle_of(ctx.now)
        return PackHolding(item.pack_code, ctx.now, cycle.end)

    def decide(self, ctx: HandlingContext, params: Mapping[str, str]) -> Change:
        """The item, the points before and after, and what the subscriber accepts."""
        item = self.settings.catalogue.item(param(params, "item"))
        available = points_account_of(ctx.tx, ctx.subscriber.id, ctx.now).available(ctx.now)
        if available < item.points:
            raise POINTS_INSUFFICIENT.error(balance=available, points=item.points)
        holding = self._holding(ctx, item)
        if holding is not None and _pack_held(ctx.profile, holding):
            raise BILLING_PACK_ALREADY_HELD.error(pack_code=holding.pack_code)
        if holding is not None and holding.ends is not None:
            given = f"{item.name}即时生效，至{holding.ends:%Y-%m-%d %H:%M}止，本月免收月费。"
        else:
            given = f"{item.voucher}话费即时充入账户余额，不可提现。"
        return Change(
            summary=f"{item.name}（{item.points}积分）",
            effect=Effect.NOW,
            before=(("可用积分", str(available)),),
            after=(("可用积分", str(available - item.points)), ("兑换礼品", item.name)),
            terms=(
                f"兑换扣减{item.points}积分，优先扣减最早到期的积分。",
                given,
                "兑换成功后不可撤销，积分不予退还。",
            ),
            params=(("item", item.code),),
        )

    def apply_now(self, ctx: HandlingContext, record: BusinessRecord) -> None:
        """Spend the points and give the item, in the handling's transaction."""
        item = self.settings.catalogue.item(record.change.param("item"))
        account = ctx.tx.points_accounts.find(ctx.subscriber.id) or PointsAccount(ctx.subscriber.id)
        ctx.write(
            ctx.tx.points_accounts, account, account.spend(item.points, record.id, at=ctx.now)
        )
        holding = self._holding(ctx, item)
        if holding is not None:
            ctx.change_profile(lambda p: _hold_free(p, holding, item, record, ctx))
        elif item.voucher is not None:
            voucher = item.voucher
            ctx.change_account(
                lambda a: a.credit(voucher, at=ctx.now, reference=f"points:{record.id}")
            )


def _hold_free(
    profile: BillingProfile,
    holding: PackHolding,
    item: PointsItem,
    record: BusinessRecord,
    ctx: HandlingContext,
) -> tuple[DomainEvent, ...]:
    """Hold the pack until the cycle ends, and take its prorated fee off this cycle's bill."""
    events = profile.hold_pack(holding, at=ctx.now)
    cycle = BillingCalendar.cycle_of(ctx.now)
    days = BillingCalendar.active_days(cycle, holding.starts, holding.ends)
    fee = prorated(ctx.catalog.pack(holding.pack_code).fee, days, cycle.days)
    if not fee.is_positive:
        return events
    adjustment = Adjustment(f"points:{record.id}", cycle, -fee, f"积分兑换{item.name}，免收月费")
    return (*events, *profile.adjust(adjustment, at=ctx.now))
