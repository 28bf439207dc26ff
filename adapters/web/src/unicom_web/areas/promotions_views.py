"""The promotions' bodies at the HTTP edge, and their benefits in plain words (F-PRO-1..3).

A campaign is answered as an :class:`OfferView` (its window, channels, quota left, joining
fee, each benefit and each eligibility rule's verdict for this number) and a participation
as a :class:`ParticipationView` (its state, what it was granted, its entitlements): never
the subscriber or account ids, nor the request id behind it. :func:`benefit_texts` says each
benefit in words for the pages (``5折`` / ``50% off``), :func:`cancellable` whether the
cancel button shows (the rule of :mod:`unicom_core.usecases.promotions.joining`).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.catalog import Channel
from unicom_core.domain.payments import PaymentAttempt
from unicom_core.domain.promotions import (
    Campaign,
    Participation,
    ParticipationState,
)
from unicom_core.domain.shared import Money, Rate, to_shanghai
from unicom_core.usecases.promotions import JoinResult, Offer

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "BenefitView",
    "ClaimRequest",
    "EntitlementView",
    "GrantView",
    "JoinRequest",
    "JoinView",
    "OfferView",
    "ParticipationView",
    "VerdictView",
    "benefit_texts",
    "cancellable",
    "join_view",
    "off_text",
    "offer_view",
    "participation_view",
]


@attrs.frozen(slots=True)
class BenefitView:
    """One benefit: its kind, rate off (``50%``), what it applies to, until when."""

    kind: str
    """``plan_discount``, ``top_up_discount``, ``pack_trial`` or ``entitlement``."""
    rate: str | None
    applies_to: tuple[str, ...]
    """Plan codes (empty: any plan), the top-up channel, the pack or the entitlement code."""
    until: date | None
    description: str | None = None


@attrs.frozen(slots=True)
class VerdictView:
    """One eligibility rule for this number: passed or not, and why."""

    rule: str
    passed: bool
    detail: str


@attrs.frozen(slots=True)
class GrantView:
    """A benefit as applied to the number."""

    kind: str
    code: str
    rate: str
    starts: datetime
    ends: datetime | None
    description: str


@attrs.frozen(slots=True)
class EntitlementView:
    """A third party's entitlement: pending until issued."""

    code: str
    description: str
    issued: bool
    issued_at: datetime | None


@attrs.frozen(slots=True)
class ParticipationView:
    """The number's participation in a campaign (F-PRO-1)."""

    campaign_code: str
    state: ParticipationState
    channel: Channel
    joined_at: datetime
    fee: Money
    payment_id: str | None
    grants: tuple[GrantView, ...]
    entitlements: tuple[EntitlementView, ...]
    ended_at: datetime | None
    cancellable: bool


@attrs.frozen(slots=True)
class OfferView:
    """A campaign open now, with each rule's verdict for this number (F-PRO-1)."""

    code: str
    name: str
    starts: datetime
    ends: datetime
    channels: tuple[Channel, ...]
    benefits: tuple[BenefitView, ...]
    quota: int | None
    remaining: int | None
    joining_fee: Money
    eligible: bool
    verdicts: tuple[VerdictView, ...]
    participation: ParticipationView | None


@attrs.frozen(slots=True)
class JoinView:
    """A join's outcome: the participation, the payment of a joining fee, a replay or not."""

    participation: ParticipationView
    payment: PaymentAttempt | None
    duplicate: bool


@attrs.frozen(slots=True)
class JoinRequest:
    """Join a campaign; ``request_id`` (or the ``Idempotency-Key`` header) makes it once."""

    request_id: str | None = None


@attrs.frozen(slots=True)
class ClaimRequest:
    """Claim a reward of 沃之樹; ``request_id`` (or ``Idempotency-Key``) makes it once."""

    reward_code: str
    request_id: str | None = None


def cancellable(participation: Participation, now: datetime) -> bool:
    """Whether the cancel rule allows it now (:meth:`Participation.cancel_refusal`)."""
    return participation.cancel_refusal(now) is None


def participation_view(participation: Participation, now: datetime) -> ParticipationView:
    """The participation as answered (no subscriber, account or request id)."""
    return ParticipationView(
        campaign_code=participation.campaign_code,
        state=participation.state,
        channel=participation.channel,
        joined_at=participation.joined_at,
        fee=participation.fee,
        payment_id=participation.payment_id,
        grants=tuple(
            GrantView(g.kind.value, g.code, str(g.rate), g.starts, g.ends, g.description)
            for g in participation.grants
        ),
        entitlements=tuple(
            EntitlementView(e.code, e.description, not e.pending, e.issued_at)
            for e in participation.entitlements
        ),
        ended_at=participation.ended_at,
        cancellable=cancellable(participation, now),
    )


def _benefits(campaign: Campaign) -> tuple[BenefitView, ...]:
    found = campaign.benefits
    return (
        *(
            BenefitView("plan_discount", str(d.rate), d.plans, d.until)
            for d in found.plan_discounts
        ),
        *(
            BenefitView("top_up_discount", str(d.rate), (d.channel.value,), d.until)
            for d in found.top_up_discounts
        ),
        *(BenefitView("pack_trial", None, (p.pack_code,), p.until) for p in found.pack_trials),
        *(
            BenefitView("entitlement", None, (e.code,), None, e.description)
            for e in found.entitlements
        ),
    )


def offer_view(offer: Offer, now: datetime) -> OfferView:
    """An offer as answered."""
    campaign, found = offer.campaign, offer.participation
    return OfferView(
        code=campaign.code,
        name=campaign.name,
        starts=campaign.starts,
        ends=campaign.ends,
        channels=campaign.channels,
        benefits=_benefits(campaign),
        quota=campaign.quota,
        remaining=offer.remaining,
        joining_fee=campaign.joining_fee,
        eligible=offer.eligible,
        verdicts=tuple(VerdictView(v.rule, v.passed, v.detail) for v in offer.verdicts),
        participation=participation_view(found, now) if found is not None else None,
    )


def join_view(result: JoinResult, now: datetime) -> JoinView:
    """A join's outcome as answered."""
    return JoinView(participation_view(result.participation, now), result.payment, result.duplicate)


# ---------------------------------------------------------------- benefits in words


def off_text(rate: Rate, t: Callable[..., str]) -> str:
    """A rate off in words: ``5折`` / ``50% off``; ``免费`` / ``free`` for 100 %."""
    if rate.value >= 1:
        return t("promo.free")
    tenths = ((Decimal(1) - rate.value) * 10).normalize()
    return t("promo.off", tenths=f"{tenths:f}", percent=str(rate))


def _day(value: date) -> str:
    return value.isoformat()


def benefit_texts(campaign: Campaign, t: Callable[..., str]) -> list[str]:
    """Each benefit of ``campaign`` in plain words, in the page's language (F-PRO-3)."""
    found, texts = campaign.benefits, []
    campaign_end = _day((to_shanghai(campaign.ends) - timedelta(microseconds=1)).date())
    for plan in found.plan_discounts:
        plans = "、".join(plan.plans) if plan.plans else t("promo.any_plan")
        texts.append(
            t(
                "promo.benefit.plan_discount",
                plans=plans,
                off=off_text(plan.rate, t),
                until=_day(plan.until),
            )
        )
    for top_up in found.top_up_discounts:
        until = _day(top_up.until) if top_up.until is not None else campaign_end
        channel = t(f"promo.channel.{top_up.channel.value}")
        texts.append(
            t(
                "promo.benefit.top_up_discount",
                channel=channel,
                off=off_text(top_up.rate, t),
                until=until,
            )
        )
    texts.extend(
        t("promo.benefit.pack_trial", pack=trial.pack_code, until=_day(trial.until))
        for trial in found.pack_trials
    )
    texts.extend(
        t("promo.benefit.entitlement", description=item.description) for item in found.entitlements
    )
    return texts
