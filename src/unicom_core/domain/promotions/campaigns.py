"""Campaigns as data: window, channels, eligibility, quota, joining fee, benefits (F-PRO-1, 3).

A :class:`Campaign` is what a carrier defines (in TOML, :mod:`.campaigns_toml`) and an
operator publishes: the 517 festival runs from 2016-05-17 00:00 to 2016-05-31 24:00 Beijing
time in the online and mobile halls, for existing users only, 10 000 places, and gives each
participant its :class:`Benefits`:

* :class:`PlanDiscount`: a rate off the monthly fee of the subscriber's plan (one of
  ``plans``; empty: any plan) until a day, applied by the bill run as a fee discount of the
  billing profile (:class:`~unicom_core.domain.billing.FeeDiscount`);
* :class:`TopUpDiscount`: a rate off top-ups on one channel while the campaign runs (or
  until a day), applied by the payment engine's price for a participant;
* :class:`PackTrial`: a pack held free until a day: a pack holding ending then and a 100 %
  fee discount over the same window, so it ends by itself and is never charged;
* :class:`Entitlement`: a third party's entitlement (a year of cloud storage), issued once
  per participant by the :class:`~unicom_core.ports.promotions.EntitlementIssuer`.

A campaign goes DRAFT -> PUBLISHED -> ENDED; only a published one, inside its window, is
offered and joined. Its id is its code; its quota counter is :attr:`Campaign.quota_key`.
"""

from __future__ import annotations

import enum
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import attrs

from unicom_core.domain.catalog import Channel, check_code, check_name, to_channels
from unicom_core.domain.promotions.codes import PROMOTION_CAMPAIGN, PROMOTION_TRANSITION
from unicom_core.domain.shared import (
    DomainEvent,
    Money,
    Rate,
    check_version,
    domain_event,
    guarded,
    require_aware,
    to_shanghai,
    update,
)
from unicom_core.domain.subscribers import NetworkGeneration

__all__ = [
    "Benefits",
    "Campaign",
    "CampaignEnded",
    "CampaignPublished",
    "CampaignState",
    "Eligibility",
    "Entitlement",
    "PackTrial",
    "PlanDiscount",
    "TopUpDiscount",
]

_MAX_BENEFITS = 20
_TEXT_MAX = 200
_CODE = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
_MAX_AGE_MONTHS = 1200


def _invalid(field: str, message: str | None = None) -> Exception:
    return PROMOTION_CAMPAIGN.error(message, field=field)


def _check_rate(_instance: object, attribute: attrs.Attribute[Rate], value: object) -> None:
    if not isinstance(value, Rate) or not Decimal(0) < value.value <= Decimal(1):
        raise _invalid(attribute.name, "a rate off is above 0 % and at most 100 %")


def _check_date(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, date) or isinstance(value, datetime)):
        raise _invalid(attribute.name, f"{attribute.name} is a date")


def _check_text(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > _TEXT_MAX:
        raise _invalid(attribute.name, f"{attribute.name} is 1-{_TEXT_MAX} characters")


def _codes(values: object) -> tuple[str, ...]:
    items = tuple(values) if isinstance(values, tuple | list) else None
    if items is None or not all(isinstance(v, str) and _CODE.fullmatch(v) for v in items):
        raise _invalid("plans", "plans is a list of plan codes")
    return tuple(sorted(set(items)))


@attrs.frozen(slots=True)
class PlanDiscount:
    """``rate`` off the monthly fee of the subscriber's plan until ``until`` (included)."""

    rate: Rate = attrs.field(validator=_check_rate)
    until: date = attrs.field(validator=_check_date)
    plans: tuple[str, ...] = attrs.field(default=(), converter=_codes)
    """The plans discounted (empty: any); a subscriber on another plan is not eligible."""

    def covers(self, plan_code: str) -> bool:
        """Whether a subscriber on ``plan_code`` gets this discount."""
        return not self.plans or plan_code in self.plans


@attrs.frozen(slots=True)
class TopUpDiscount:
    """``rate`` off top-ups on ``channel`` until ``until`` (included; None: the campaign's end)."""

    rate: Rate = attrs.field(validator=_check_rate)
    channel: Channel = attrs.field(validator=attrs.validators.instance_of(Channel))
    until: date | None = attrs.field(default=None, validator=_check_date)


@attrs.frozen(slots=True)
class PackTrial:
    """The pack ``pack_code`` held free from joining until ``until`` (included), then gone."""

    pack_code: str = attrs.field(validator=check_code)
    until: date = attrs.field(validator=_check_date)


@attrs.frozen(slots=True)
class Entitlement:
    """A third party's entitlement ``code`` (a year of cloud storage), issued once."""

    code: str = attrs.field(validator=check_code)
    description: str = attrs.field(validator=_check_text)


def _items(values: object, kind: type) -> tuple[Any, ...]:
    items = tuple(values) if isinstance(values, tuple | list) else None
    if items is None or len(items) > _MAX_BENEFITS or not all(isinstance(v, kind) for v in items):
        raise _invalid("benefits", f"benefits hold at most {_MAX_BENEFITS} {kind.__name__}")
    return items


def _plan_discounts(values: object) -> tuple[PlanDiscount, ...]:
    return _items(values, PlanDiscount)


def _top_up_discounts(values: object) -> tuple[TopUpDiscount, ...]:
    return _items(values, TopUpDiscount)


def _pack_trials(values: object) -> tuple[PackTrial, ...]:
    return _items(values, PackTrial)


def _entitlements(values: object) -> tuple[Entitlement, ...]:
    return _items(values, Entitlement)


@attrs.frozen(slots=True)
class Benefits:
    """What a participant gets (F-PRO-3); at least one benefit."""

    plan_discounts: tuple[PlanDiscount, ...] = attrs.field(default=(), converter=_plan_discounts)
    top_up_discounts: tuple[TopUpDiscount, ...] = attrs.field(
        default=(), converter=_top_up_discounts
    )
    pack_trials: tuple[PackTrial, ...] = attrs.field(default=(), converter=_pack_trials)
    entitlements: tuple[Entitlement, ...] = attrs.field(default=(), converter=_entitlements)

    def __attrs_post_init__(self) -> None:
        """A campaign gives something; an entitlement code appears once."""
        if not (
            self.plan_discounts or self.top_up_discounts or self.pack_trials or self.entitlements
        ):
            raise _invalid("benefits", "a campaign gives at least one benefit")
        codes = [e.code for e in self.entitlements]
        if len(set(codes)) != len(codes):
            raise _invalid("entitlements", "an entitlement code appears once")


def _generations(values: object) -> tuple[NetworkGeneration, ...]:
    items = tuple(values) if isinstance(values, tuple | list) else None
    if items is None or not all(isinstance(v, NetworkGeneration) for v in items):
        raise _invalid("generations", "generations is a list of 2g, 3g, 4g")
    return tuple(sorted(set(items), key=lambda g: g.value))


def _check_age(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_AGE_MONTHS:
        raise _invalid(attribute.name, f"{attribute.name} is 0..{_MAX_AGE_MONTHS} months")


def _check_flag(_instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        raise _invalid(attribute.name, f"{attribute.name} is true or false")


@attrs.frozen(slots=True)
class Eligibility:
    """The rules a subscriber must pass (F-PRO-1), besides window, channel and not joined."""

    existing_users_only: bool = attrs.field(default=False, validator=_check_flag)
    """Only numbers that joined the network before the campaign starts."""
    min_network_age_months: int = attrs.field(default=0, validator=_check_age)
    generations: tuple[NetworkGeneration, ...] = attrs.field(default=(), converter=_generations)
    """The network generations admitted (empty: any)."""
    not_in_arrears: bool = attrs.field(default=True, validator=_check_flag)
    """Refuse an account that owes an overdue bill."""


class CampaignState(enum.Enum):
    """Where a campaign is in its life."""

    DRAFT = "draft"
    PUBLISHED = "published"
    ENDED = "ended"


def _instant(value: datetime) -> datetime:
    return to_shanghai(value, field="window")


def _check_quota(_instance: object, _attribute: attrs.Attribute[int | None], v: object) -> None:
    if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 1):
        raise _invalid("quota", "a quota is a whole number >= 1, or none")


def _check_fee(_instance: object, _attribute: attrs.Attribute[Money], value: object) -> None:
    if not isinstance(value, Money) or value.is_negative:
        raise _invalid("joining_fee", "a joining fee is an amount of Money >= 0")


def _check_channels(
    _instance: object, _attribute: attrs.Attribute[tuple[Channel, ...]], v: tuple[Channel, ...]
) -> None:
    if not v:
        raise _invalid("channels", "a campaign runs on at least one channel")


@domain_event("promotion.campaign_published")
@attrs.frozen(slots=True, kw_only=True)
class CampaignPublished(DomainEvent):
    """A campaign is offered from now on (within its window)."""


@domain_event("promotion.campaign_ended")
@attrs.frozen(slots=True, kw_only=True)
class CampaignEnded(DomainEvent):
    """A campaign is no longer offered nor joined; participations keep their benefits."""


@attrs.define(slots=True)
class Campaign:
    """A campaign as data (module docstring); stored under its ``code``."""

    code: str = attrs.field(validator=check_code, on_setattr=guarded)
    name: str = attrs.field(validator=check_name, on_setattr=guarded)
    starts: datetime = attrs.field(converter=_instant, on_setattr=guarded)
    ends: datetime = attrs.field(converter=_instant, on_setattr=guarded)
    channels: tuple[Channel, ...] = attrs.field(
        converter=to_channels, validator=_check_channels, on_setattr=guarded
    )
    benefits: Benefits = attrs.field(
        validator=attrs.validators.instance_of(Benefits), on_setattr=guarded
    )
    eligibility: Eligibility = attrs.field(
        factory=Eligibility, validator=attrs.validators.instance_of(Eligibility), on_setattr=guarded
    )
    quota: int | None = attrs.field(default=None, validator=_check_quota, on_setattr=guarded)
    joining_fee: Money = attrs.field(factory=Money.zero, validator=_check_fee, on_setattr=guarded)
    state: CampaignState = attrs.field(default=CampaignState.DRAFT, on_setattr=guarded)
    version: int = attrs.field(default=0, validator=check_version)

    def __attrs_post_init__(self) -> None:
        """The window ends after it starts."""
        if self.ends <= self.starts:
            raise _invalid("ends", "a campaign ends after it starts")

    @property
    def id(self) -> str:
        """The storage id: the code."""
        return self.code

    @property
    def quota_key(self) -> str:
        """The counter holding the units taken from the quota (F-PRO-2)."""
        return f"promo:{self.code}:quota"

    def is_open(self, at: datetime) -> bool:
        """Whether the campaign is published and ``at`` is inside its window."""
        instant = to_shanghai(at, field="at")
        return self.state is CampaignState.PUBLISHED and self.starts <= instant < self.ends

    def publish(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """DRAFT -> PUBLISHED (``promotion.transition`` otherwise)."""
        self._require(CampaignState.DRAFT, "publish")
        update(self, state=CampaignState.PUBLISHED)
        return (CampaignPublished(aggregate_id=self.code, occurred_at=require_aware(at)),)

    def end(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """DRAFT or PUBLISHED -> ENDED (``promotion.transition`` when ended already)."""
        if self.state is CampaignState.ENDED:
            self._require(CampaignState.PUBLISHED, "end")
        update(self, state=CampaignState.ENDED)
        return (CampaignEnded(aggregate_id=self.code, occurred_at=require_aware(at)),)

    def _require(self, state: CampaignState, action: str) -> None:
        if self.state is not state:
            raise PROMOTION_TRANSITION.error(code=self.code, state=self.state.value, action=action)
