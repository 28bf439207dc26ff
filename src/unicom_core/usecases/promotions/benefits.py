"""Applying a campaign's benefits in the join's transaction, and withdrawing them (F-PRO-3).

Billing and payments never import promotions; promotions writes what they own:

* a :class:`~unicom_core.domain.promotions.PlanDiscount` becomes a
  :class:`~unicom_core.domain.billing.FeeDiscount` of the subscriber's plan in its billing
  profile, from the join until 00:00 the day after ``until``: the bill run prorates it and
  shows it as its own line;
* a :class:`~unicom_core.domain.promotions.PackTrial` becomes a
  :class:`~unicom_core.domain.billing.PackHolding` ending then, plus a 100 % fee discount of
  that pack over the same window: the bill shows the pack and its discount, and after the
  end there is nothing left to charge or to stop;
* a :class:`~unicom_core.domain.promotions.TopUpDiscount` is a :class:`Grant` of the
  participation, read by the payment engine's price hook (:func:`top_up_price`);
* an :class:`~unicom_core.domain.promotions.Entitlement` is an
  :class:`~unicom_core.domain.promotions.EntitlementIssue`, pending until the issuer job
  issues it (:mod:`~unicom_core.usecases.promotions.entitlements`).

A benefit whose end is already past when the number joins is not applied.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, cast

from unicom_core.domain.billing import BillingProfile, FeeDiscount, PackHolding
from unicom_core.domain.catalog import ProductKind, Quote
from unicom_core.domain.promotions import (
    EntitlementIssue,
    Grant,
    GrantKind,
    ParticipationState,
)
from unicom_core.domain.shared import SHANGHAI, DomainEvent, Rate
from unicom_core.usecases.shared import publish, put

if TYPE_CHECKING:
    from unicom_core.domain.catalog import Catalog
    from unicom_core.domain.promotions import Campaign, Participation
    from unicom_core.domain.subscribers import Subscriber
    from unicom_core.ports.payments import PaymentUnitOfWork
    from unicom_core.ports.promotions import PromotionUnitOfWork
    from unicom_core.usecases.payments import PriceAsk

__all__ = ["apply_benefits", "end_of_day", "top_up_price", "withdraw_benefits"]


def end_of_day(day: date) -> datetime:
    """00:00 Beijing time of the day after ``day``: a benefit "until ``day``" ends then."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=SHANGHAI)


def apply_benefits(  # noqa: PLR0913, PLR0917 - a join's facts
    tx: PromotionUnitOfWork,
    catalog: Catalog,
    campaign: Campaign,
    participation: Participation,
    subscriber: Subscriber,
    now: datetime,
) -> list[DomainEvent]:
    """Write the benefits into the billing profile and activate ``participation``."""
    profile = tx.billing_profiles.find(subscriber.id) or BillingProfile(subscriber.id)
    events: list[DomainEvent] = []
    grants: list[Grant] = []
    pid = participation.id
    for n, plan in enumerate(campaign.benefits.plan_discounts):
        ends = end_of_day(plan.until)
        if ends <= now:
            continue
        discount = FeeDiscount(
            f"{pid}:p{n}",
            subscriber.plan_code,
            plan.rate,
            now,
            ends,
            f"{campaign.name} 月费{plan.rate}优惠",
        )
        events += profile.grant_discount(discount, at=now)
        grants.append(_grant(GrantKind.PLAN_DISCOUNT, discount))
    for n, trial in enumerate(campaign.benefits.pack_trials):
        ends = end_of_day(trial.until)
        if ends <= now:
            continue
        pack = catalog.pack(trial.pack_code)
        events += profile.hold_pack(PackHolding(pack.code, now, ends), at=now)
        free = FeeDiscount(
            f"{pid}:t{n}", pack.code, Rate.one(), now, ends, f"{campaign.name} {pack.name}免费体验"
        )
        events += profile.grant_discount(free, at=now)
        grants.append(_grant(GrantKind.PACK_TRIAL, free))
    for top_up in campaign.benefits.top_up_discounts:
        ends = end_of_day(top_up.until) if top_up.until is not None else campaign.ends
        if ends <= now:
            continue
        grants.append(
            Grant(
                GrantKind.TOP_UP_DISCOUNT,
                top_up.channel.value,
                top_up.rate,
                now,
                ends,
                f"{campaign.name} 充值{top_up.rate}优惠",
            )
        )
    issues = tuple(
        EntitlementIssue(e.code, e.description, next_try_at=now)
        for e in campaign.benefits.entitlements
    )
    put(tx.billing_profiles, profile)
    publish(tx, events)
    return list(participation.activate(tuple(grants), issues, at=now))


def _grant(kind: GrantKind, discount: FeeDiscount) -> Grant:
    return Grant(
        kind,
        discount.product_code,
        discount.rate,
        discount.starts,
        discount.ends,
        discount.description,
        discount.id,
    )


def withdraw_benefits(tx: PromotionUnitOfWork, participation: Participation, now: datetime) -> None:
    """Take the fee discounts and free packs of ``participation`` out of the billing profile."""
    profile = tx.billing_profiles.find(participation.subscriber_id)
    if profile is None:
        return
    events: list[DomainEvent] = []
    for grant in participation.grants:
        if grant.discount_id is not None:
            events += profile.withdraw_discount(grant.discount_id, at=now)
        if grant.kind is GrantKind.PACK_TRIAL:
            events += profile.withdraw_pack(grant.code, grant.starts, at=now)
    if events:
        tx.billing_profiles.save(profile)
        publish(tx, events)


def top_up_price(tx: PaymentUnitOfWork, ask: PriceAsk, now: datetime) -> Quote | None:
    """The payment engine's price hook: a participant's top-up discount on the channel.

    Of the ACTIVE participations of the buyer, the top-up grants on the quote's channel in
    force now give ``list price x (1 - rate)``; the best of them, or None.
    """
    if ask.kind is not ProductKind.TOP_UP or ask.buyer is None:
        return None
    units = cast("PromotionUnitOfWork", tx)
    best: tuple[Decimal, str] | None = None
    for participation in units.participations.of_subscriber(ask.buyer):
        if participation.state is not ParticipationState.ACTIVE:
            continue
        for grant in participation.grants:
            if (
                grant.kind is GrantKind.TOP_UP_DISCOUNT
                and grant.code == ask.channel.value
                and grant.in_force(now)
                and (best is None or grant.rate.value > best[0])
            ):
                best = (grant.rate.value, participation.campaign_code)
    if best is None:
        return None
    listed = ask.catalog.list_price
    price = listed.apply(Rate(Decimal(1) - best[0]))
    return Quote(
        ask.product_code, ask.channel, ask.catalog.at, listed, price, f"campaign:{best[1]}"
    )
