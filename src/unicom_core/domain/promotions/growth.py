"""A subscriber's growth account in the game 沃之樹: points earned, rewards claimed (F-PRO-4).

One :class:`GrowthAccount` per subscriber (its id is the subscriber's id):

* :meth:`GrowthAccount.earn` adds the points of one source (a top-up's payment id, a pack
  order's business record id) **once**: the same source again changes nothing, so a
  payment notification or a handling that is retried never earns twice;
* :meth:`GrowthAccount.claim` records one reward once: a second claim of the same reward is
  ``growth.already_claimed``; a claim needs the reward's stage reached
  (``growth.stage_not_reached``); :meth:`GrowthAccount.known_claim` answers the claim a
  request id made already (the same request again returns it) and refuses a request id
  reused for another reward (``growth.request_reused``).

Points only grow (nothing here spends them): the stage reached never goes down.
"""

from __future__ import annotations

import enum
import re
from datetime import datetime
from typing import Final

import attrs

from unicom_core.domain.promotions.codes import (
    GROWTH_ACCOUNT,
    GROWTH_ALREADY_CLAIMED,
    GROWTH_REQUEST_ID,
    GROWTH_REQUEST_REUSED,
    GROWTH_STAGE_NOT_REACHED,
)
from unicom_core.domain.promotions.growth_rules import RewardKind
from unicom_core.domain.shared import (
    DomainEvent,
    check_id,
    check_version,
    domain_event,
    guarded,
    instance_of,
    to_shanghai,
    tuple_of,
    update,
)

__all__ = [
    "Claim",
    "Earning",
    "EarningSource",
    "GrowthAccount",
    "GrowthEarned",
    "RewardClaimed",
    "check_request_id",
]

_TEXT_MAX: Final = 128
_POINTS_MAX: Final = 10**9
_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")


class EarningSource(enum.Enum):
    """What earned the points."""

    TOP_UP = "top_up"
    PACK = "pack"


def check_request_id(value: object) -> str:
    """A claim's request id: 1-64 letters, digits, ``_.:-`` (``growth.request_id``)."""
    if not isinstance(value, str) or not _REQUEST_ID.fullmatch(value):
        raise GROWTH_REQUEST_ID.error()
    return value


def _text(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not 1 <= len(value) <= _TEXT_MAX or "\x00" in value:
        raise GROWTH_ACCOUNT.error(field=attribute.name)


def _optional_text(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if value is not None:
        _text(_instance, attribute, value)


def _points(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= _POINTS_MAX:
        raise GROWTH_ACCOUNT.error(field=attribute.name)


def _instant(value: datetime) -> datetime:
    return to_shanghai(value, field="at")


def _optional_instant(value: datetime | None) -> datetime | None:
    return None if value is None else to_shanghai(value, field="until")


@attrs.frozen(slots=True, kw_only=True)
class Earning:
    """Points earned from one source: a top-up (its payment id) or a pack order (its record)."""

    source_id: str = attrs.field(validator=_text)
    source: EarningSource = attrs.field(validator=instance_of(EarningSource, GROWTH_ACCOUNT))
    points: int = attrs.field(validator=_points)
    at: datetime = attrs.field(converter=_instant)
    detail: str = attrs.field(validator=_text)
    """What earned them, for the history: ``充值 ¥50.00``, ``订购 48元1GB流量包``."""


@attrs.frozen(slots=True, kw_only=True)
class Claim:
    """A reward claimed: what it gave (a pack until an instant, a coupon code, a draw entry)."""

    reward_code: str = attrs.field(validator=_text)
    request_id: str = attrs.field(validator=_text)
    kind: RewardKind = attrs.field(validator=instance_of(RewardKind, GROWTH_ACCOUNT))
    at: datetime = attrs.field(converter=_instant)
    pack: str | None = attrs.field(default=None, validator=_optional_text)
    until: datetime | None = attrs.field(default=None, converter=_optional_instant)
    """A data pack's end (exclusive): the pack is held free from ``at`` until then."""
    coupon: str | None = attrs.field(default=None, validator=_optional_text)
    draw: str | None = attrs.field(default=None, validator=_optional_text)
    entry_id: str | None = attrs.field(default=None, validator=_optional_text)


@domain_event("growth.earned")
@attrs.frozen(slots=True, kw_only=True)
class GrowthEarned(DomainEvent):
    """Growth points were earned from a source (F-PRO-4)."""

    source_id: str
    points: int
    total: int


@domain_event("growth.reward_claimed")
@attrs.frozen(slots=True, kw_only=True)
class RewardClaimed(DomainEvent):
    """A reward of the growth game was claimed (F-PRO-4)."""

    reward_code: str
    kind: RewardKind


def _earnings(values: object) -> tuple[Earning, ...]:
    return tuple_of(values, Earning, GROWTH_ACCOUNT, "earnings")


def _claims(values: object) -> tuple[Claim, ...]:
    return tuple_of(values, Claim, GROWTH_ACCOUNT, "claims")


@attrs.define(slots=True)
class GrowthAccount:
    """A subscriber's growth points and claims (module docstring); id = the subscriber's id."""

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    earnings: tuple[Earning, ...] = attrs.field(default=(), converter=_earnings, on_setattr=guarded)
    claims: tuple[Claim, ...] = attrs.field(default=(), converter=_claims, on_setattr=guarded)
    version: int = attrs.field(default=0, validator=check_version)

    def __attrs_post_init__(self) -> None:
        """A source earns once; a reward and a request id are claimed once."""
        for field, keys in (
            ("earnings", [e.source_id for e in self.earnings]),
            ("claims", [c.reward_code for c in self.claims]),
            ("claims", [c.request_id for c in self.claims]),
        ):
            if len(set(keys)) != len(keys):
                raise GROWTH_ACCOUNT.error(field=field)

    @property
    def points(self) -> int:
        """Every point earned (points are never spent)."""
        return sum(e.points for e in self.earnings)

    def has_earned(self, source_id: str) -> bool:
        """Whether ``source_id`` has earned already."""
        return any(e.source_id == source_id for e in self.earnings)

    def claim_of(self, reward_code: str) -> Claim | None:
        """The claim of ``reward_code``, if made."""
        return next((c for c in self.claims if c.reward_code == reward_code), None)

    def earn(
        self,
        source_id: str,
        source: EarningSource,
        points: int,
        *,
        detail: str,
        at: datetime,
    ) -> tuple[DomainEvent, ...]:
        """Earn ``points`` from ``source_id`` once (again, or 0 points: nothing changes)."""
        if points == 0 or self.has_earned(source_id):
            return ()
        earning = Earning(source_id=source_id, source=source, points=points, at=at, detail=detail)
        update(self, earnings=(*self.earnings, earning))
        event = GrowthEarned(
            aggregate_id=self.id,
            occurred_at=earning.at,
            source_id=source_id,
            points=points,
            total=self.points,
        )
        return (event,)

    def known_claim(self, request_id: str, reward_code: str) -> Claim | None:
        """The claim ``request_id`` made already (None if none).

        Raises:
            Conflict: ``growth.request_reused`` if it claimed another reward.
        """
        for claim in self.claims:
            if claim.request_id == request_id:
                if claim.reward_code != reward_code:
                    raise GROWTH_REQUEST_REUSED.error(request_id=request_id)
                return claim
        return None

    def check_claimable(self, reward_code: str, threshold: int) -> None:
        """Refuse a reward claimed already or whose stage is not reached.

        Raises:
            Refused: ``growth.already_claimed``, ``growth.stage_not_reached``.
        """
        if self.claim_of(reward_code) is not None:
            raise GROWTH_ALREADY_CLAIMED.error(reward_code=reward_code)
        if self.points < threshold:
            raise GROWTH_STAGE_NOT_REACHED.error(
                reward_code=reward_code, threshold=threshold, points=self.points
            )

    def claim(self, claim: Claim, threshold: int) -> tuple[DomainEvent, ...]:
        """Record ``claim`` (its reward needs ``threshold`` points), see :meth:`check_claimable`."""
        self.check_claimable(claim.reward_code, threshold)
        if any(c.request_id == claim.request_id for c in self.claims):
            raise GROWTH_REQUEST_REUSED.error(request_id=claim.request_id)
        update(self, claims=(*self.claims, claim))
        event = RewardClaimed(
            aggregate_id=self.id,
            occurred_at=claim.at,
            reward_code=claim.reward_code,
            kind=claim.kind,
        )
        return (event,)
