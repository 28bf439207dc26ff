"""A number's participation in a campaign: its state, what it was given, its entitlements (F-PRO-1).

One :class:`Participation` per number and campaign: its id is derived from both
(:func:`participation_id`), so a second join finds the first. It is the business record of
the join (like a handling record): the request id that made it, the channel, the fee, the
payment, the :class:`Grant` of each benefit applied (the fee-discount ids and pack holdings
it wrote into the billing profile, the top-up rates) and the :class:`EntitlementIssue` of
each third-party entitlement, pending until the issuer says it is issued.

States: AWAITING_PAYMENT (a joining fee is being paid; a unit of the quota is held) ->
ACTIVE (benefits applied) -> CANCELLED; AWAITING_PAYMENT -> FAILED (the payment failed or
expired: the unit is given back, nothing applied). A FAILED or CANCELLED participation may be
opened again by a new join.
"""

from __future__ import annotations

import enum
import hashlib
from datetime import datetime, timedelta

import attrs

from unicom_core.domain.catalog import Channel
from unicom_core.domain.promotions.codes import PROMOTION_PARTICIPATION
from unicom_core.domain.shared import (
    BillingCycle,
    DomainEvent,
    Money,
    Rate,
    check_id,
    check_version,
    domain_event,
    guarded,
    require_aware,
    to_shanghai,
    tuple_of,
    update,
)

__all__ = [
    "EntitlementIssue",
    "EntitlementIssued",
    "Grant",
    "GrantKind",
    "JoinFailed",
    "Joined",
    "Participation",
    "ParticipationCancelled",
    "ParticipationState",
    "participation_id",
]


def participation_id(subscriber_id: str, campaign_code: str) -> str:
    """The id of ``subscriber_id``'s participation in ``campaign_code``: ``pp_`` + 40 hex."""
    digest = hashlib.sha256(f"{subscriber_id}\x1f{campaign_code}".encode()).hexdigest()
    return "pp_" + digest[:40]


class ParticipationState(enum.Enum):
    """Where a participation is (module docstring)."""

    AWAITING_PAYMENT = "awaiting_payment"
    ACTIVE = "active"
    CANCELLED = "cancelled"
    FAILED = "failed"

    @property
    def live(self) -> bool:
        """Whether it holds a unit of the quota (and counts as joined)."""
        return self in {ParticipationState.AWAITING_PAYMENT, ParticipationState.ACTIVE}


class GrantKind(enum.Enum):
    """Which benefit a grant records."""

    PLAN_DISCOUNT = "plan_discount"
    TOP_UP_DISCOUNT = "top_up_discount"
    PACK_TRIAL = "pack_trial"


@attrs.frozen(slots=True)
class Grant:
    """One benefit as applied: to what (a plan, a pack, a channel), at what rate, when.

    ``discount_id`` names the fee discount written into the billing profile (plan discount,
    pack trial); ``code`` is the plan or pack code, or the channel of a top-up discount.
    """

    kind: GrantKind
    code: str
    rate: Rate
    starts: datetime
    ends: datetime | None
    description: str
    discount_id: str | None = None

    def in_force(self, at: datetime) -> bool:
        """Whether the benefit holds at ``at``."""
        instant = to_shanghai(at)
        return self.starts <= instant and (self.ends is None or instant < self.ends)


@attrs.frozen(slots=True)
class EntitlementIssue:
    """A third-party entitlement to issue once: pending until ``issued_at`` is set."""

    code: str
    description: str
    next_try_at: datetime
    attempts: int = 0
    issued_at: datetime | None = None
    reference: str | None = None
    last_error: str | None = None

    @property
    def pending(self) -> bool:
        """Whether it still waits for the issuer."""
        return self.issued_at is None


@domain_event("promotion.joined")
@attrs.frozen(slots=True, kw_only=True)
class Joined(DomainEvent):
    """A number joined a campaign; its benefits are applied (F-PRO-1)."""

    campaign_code: str
    subscriber_id: str
    fee: Money


@domain_event("promotion.join_failed")
@attrs.frozen(slots=True, kw_only=True)
class JoinFailed(DomainEvent):
    """The joining fee was not paid: the unit went back to the quota, nothing was applied."""

    campaign_code: str
    subscriber_id: str


@domain_event("promotion.cancelled")
@attrs.frozen(slots=True, kw_only=True)
class ParticipationCancelled(DomainEvent):
    """A participation was cancelled: benefits withdrawn, the unit given back (F-PRO-1)."""

    campaign_code: str
    subscriber_id: str


@domain_event("promotion.entitlement_issued")
@attrs.frozen(slots=True, kw_only=True)
class EntitlementIssued(DomainEvent):
    """The issuer issued a participant's entitlement (F-PRO-3)."""

    campaign_code: str
    entitlement: str
    reference: str


def _grants(values: object) -> tuple[Grant, ...]:
    return tuple_of(values, Grant, PROMOTION_PARTICIPATION, "grants")


def _issues(values: object) -> tuple[EntitlementIssue, ...]:
    return tuple_of(values, EntitlementIssue, PROMOTION_PARTICIPATION, "entitlements")


def _instant(value: datetime) -> datetime:
    return to_shanghai(value, field="joined_at")


@attrs.define(slots=True)
class Participation:
    """A number's participation in a campaign (module docstring)."""

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    campaign_code: str = attrs.field(on_setattr=guarded)
    subscriber_id: str = attrs.field(validator=check_id, on_setattr=guarded)
    account_id: str = attrs.field(validator=check_id, on_setattr=guarded)
    request_id: str = attrs.field(validator=check_id, on_setattr=guarded)
    channel: Channel = attrs.field(on_setattr=guarded)
    joined_at: datetime = attrs.field(converter=_instant, on_setattr=guarded)
    fee: Money = attrs.field(on_setattr=guarded)
    state: ParticipationState = attrs.field(on_setattr=guarded)
    payment_id: str | None = attrs.field(default=None, on_setattr=guarded)
    grants: tuple[Grant, ...] = attrs.field(default=(), converter=_grants, on_setattr=guarded)
    entitlements: tuple[EntitlementIssue, ...] = attrs.field(
        default=(), converter=_issues, on_setattr=guarded
    )
    ended_at: datetime | None = attrs.field(default=None, on_setattr=guarded)
    version: int = attrs.field(default=0, validator=check_version)

    @property
    def next_entitlement_at(self) -> datetime | None:
        """When the next pending entitlement is due to be tried (None: nothing pending)."""
        if self.state is not ParticipationState.ACTIVE:
            return None
        due = [e.next_try_at for e in self.entitlements if e.pending]
        return min(due) if due else None

    def reopen(
        self,
        request_id: str,
        channel: Channel,
        fee: Money,
        *,
        at: datetime,
        payment_id: str | None = None,
    ) -> None:
        """Start again a FAILED or CANCELLED participation with a new join."""
        if self.state.live:
            raise PROMOTION_PARTICIPATION.error(
                "a live participation is not reopened", field="state"
            )
        state = ParticipationState.AWAITING_PAYMENT if payment_id else ParticipationState.ACTIVE
        update(
            self,
            request_id=request_id,
            channel=channel,
            joined_at=at,
            fee=fee,
            state=state,
            payment_id=payment_id,
            grants=(),
            entitlements=(),
            ended_at=None,
        )

    def activate(
        self, grants: tuple[Grant, ...], entitlements: tuple[EntitlementIssue, ...], *, at: datetime
    ) -> tuple[DomainEvent, ...]:
        """Record the benefits applied; the participation is ACTIVE."""
        update(self, state=ParticipationState.ACTIVE, grants=grants, entitlements=entitlements)
        event = Joined(
            aggregate_id=self.id,
            occurred_at=require_aware(at),
            campaign_code=self.campaign_code,
            subscriber_id=self.subscriber_id,
            fee=self.fee,
        )
        return (event,)

    def fail(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """The joining fee was not paid: FAILED, nothing applied."""
        update(self, state=ParticipationState.FAILED, ended_at=to_shanghai(at))
        event = JoinFailed(
            aggregate_id=self.id,
            occurred_at=require_aware(at),
            campaign_code=self.campaign_code,
            subscriber_id=self.subscriber_id,
        )
        return (event,)

    def cancel_refusal(self, at: datetime) -> str | None:
        """Why the cancel rule refuses cancelling at ``at``, or None when it allows it.

        The rule: a live participation is cancelled within the billing cycle it joined in,
        when it paid no joining fee and no entitlement was issued. The reasons:
        ``not_joined`` (not live), ``payment_open``, ``fee_paid``, ``billed`` (a later
        cycle: a discount may be on a bill), ``entitlement_issued``.
        """
        if not self.state.live:
            return "not_joined"
        if self.state is ParticipationState.AWAITING_PAYMENT:
            return "payment_open"
        if self.fee.is_positive:
            return "fee_paid"
        if BillingCycle.containing(self.joined_at) != BillingCycle.containing(at):
            return "billed"
        if any(not issue.pending for issue in self.entitlements):
            return "entitlement_issued"
        return None

    def cancel(self, *, at: datetime) -> tuple[DomainEvent, ...]:
        """CANCELLED; the caller withdrew the benefits and gave the unit back."""
        update(self, state=ParticipationState.CANCELLED, ended_at=to_shanghai(at))
        event = ParticipationCancelled(
            aggregate_id=self.id,
            occurred_at=require_aware(at),
            campaign_code=self.campaign_code,
            subscriber_id=self.subscriber_id,
        )
        return (event,)

    def issued(self, code: str, reference: str, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Mark the entitlement ``code`` issued (again: nothing changes)."""
        changed, events = [], list[DomainEvent]()
        for known in self.entitlements:
            issue = known
            if known.code == code and known.pending:
                issue = attrs.evolve(
                    known,
                    issued_at=to_shanghai(at),
                    reference=reference,
                    attempts=known.attempts + 1,
                )
                events.append(
                    EntitlementIssued(
                        aggregate_id=self.id,
                        occurred_at=require_aware(at),
                        campaign_code=self.campaign_code,
                        entitlement=code,
                        reference=reference,
                    )
                )
            changed.append(issue)
        update(self, entitlements=tuple(changed))
        return tuple(events)

    def issue_failed(self, code: str, error: str, *, at: datetime, backoff: timedelta) -> None:
        """Count a failed try of ``code`` and schedule the next after ``backoff``."""
        changed = [
            attrs.evolve(
                issue,
                attempts=issue.attempts + 1,
                last_error=error,
                next_try_at=to_shanghai(at) + backoff,
            )
            if issue.code == code and issue.pending
            else issue
            for issue in self.entitlements
        ]
        update(self, entitlements=tuple(changed))
