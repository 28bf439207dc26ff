"""Eligibility as data: each rule's verdict for one subscriber, shown before joining (F-PRO-1).

:func:`verdicts` evaluates every rule of a campaign for an :class:`Applicant` and returns one
:class:`Verdict` per rule, in a fixed order, so a page shows all of them and a join refuses
with the first that fails (``promotion.not_eligible``, data ``rule``). The rules:

==============  ===========================================================================
rule            passes when
==============  ===========================================================================
window          the campaign is published and now is inside its window
channel         the request comes through one of the campaign's channels
not_joined      the number has no live participation in the campaign
existing_user   (if set) the number joined the network before the campaign starts
network_age     the number's network age is at least ``min_network_age_months``
generation      (if set) the number's network generation is listed (3G / 4G)
plan            every plan discount of the campaign covers the number's plan
arrears         (if set) the account owes no overdue bill (billing's arrears)
==============  ===========================================================================
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.catalog import Channel
from unicom_core.domain.promotions.codes import PROMOTION_NOT_ELIGIBLE
from unicom_core.domain.shared import to_shanghai
from unicom_core.domain.subscribers import Subscriber

if TYPE_CHECKING:
    from unicom_core.domain.promotions.campaigns import Campaign

__all__ = ["RULES", "Applicant", "Verdict", "require_eligible", "verdicts"]

RULES = (
    "window",
    "channel",
    "not_joined",
    "existing_user",
    "network_age",
    "generation",
    "plan",
    "arrears",
)
"""The rules, in the order they are evaluated and shown."""


@attrs.frozen(slots=True)
class Applicant:
    """What the rules look at: the number, where and when it asks, what it already has."""

    subscriber: Subscriber
    channel: Channel
    at: datetime
    joined: bool
    """Whether the number has a live (paying or active) participation in the campaign."""
    in_arrears: bool


@attrs.frozen(slots=True)
class Verdict:
    """One rule's answer for one subscriber: passed or not, and why (for the page)."""

    rule: str
    passed: bool
    detail: str


def _window(campaign: Campaign, who: Applicant) -> Verdict:
    ok = campaign.is_open(who.at)
    span = f"{campaign.starts:%Y-%m-%d %H:%M} - {campaign.ends:%Y-%m-%d %H:%M}"
    return Verdict("window", ok, span if ok else f"not open now ({span})")


def _channel(campaign: Campaign, who: Applicant) -> Verdict:
    names = ", ".join(c.value for c in campaign.channels)
    return Verdict("channel", who.channel in campaign.channels, f"channels: {names}")


def _not_joined(_campaign: Campaign, who: Applicant) -> Verdict:
    return Verdict("not_joined", not who.joined, "joined already" if who.joined else "not joined")


def _existing(campaign: Campaign, who: Applicant) -> Verdict:
    if not campaign.eligibility.existing_users_only:
        return Verdict("existing_user", passed=True, detail="any user")
    ok = who.subscriber.joined_on < campaign.starts.date()
    return Verdict("existing_user", ok, f"joined on {who.subscriber.joined_on.isoformat()}")


def _network_age(campaign: Campaign, who: Applicant) -> Verdict:
    needed = campaign.eligibility.min_network_age_months
    day = to_shanghai(who.at).date()
    months = 0
    if day >= who.subscriber.joined_on:
        months = who.subscriber.network_age_on(day).total_months
    return Verdict("network_age", months >= needed, f"{months} months, at least {needed}")


def _generation(campaign: Campaign, who: Applicant) -> Verdict:
    wanted = campaign.eligibility.generations
    have = who.subscriber.generation
    ok = not wanted or (have is not None and have in wanted)
    listed = "/".join(g.value for g in wanted) or "any"
    return Verdict("generation", ok, f"{have.value if have else 'none'}, needs {listed}")


def _plan(campaign: Campaign, who: Applicant) -> Verdict:
    plan = who.subscriber.plan_code
    ok = all(d.covers(plan) for d in campaign.benefits.plan_discounts)
    return Verdict("plan", ok, f"plan {plan}")


def _arrears(campaign: Campaign, who: Applicant) -> Verdict:
    if not campaign.eligibility.not_in_arrears:
        return Verdict("arrears", passed=True, detail="not checked")
    return Verdict(
        "arrears", not who.in_arrears, "overdue bill" if who.in_arrears else "no arrears"
    )


_CHECKS = (_window, _channel, _not_joined, _existing, _network_age, _generation, _plan, _arrears)


def verdicts(campaign: Campaign, applicant: Applicant) -> tuple[Verdict, ...]:
    """Every rule's verdict for ``applicant``, in :data:`RULES` order (F-PRO-1)."""
    return tuple(check(campaign, applicant) for check in _CHECKS)


def require_eligible(campaign: Campaign, applicant: Applicant) -> None:
    """Refuse with the first rule that fails (``promotion.not_eligible``, data ``rule``)."""
    for verdict in verdicts(campaign, applicant):
        if not verdict.passed:
            raise PROMOTION_NOT_ELIGIBLE.error(rule=verdict.rule, detail=verdict.detail)
