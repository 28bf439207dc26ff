"""The subscriber's side of campaigns: offers, join, cancel, participations (F-PRO-1, F-PRO-2).

**Join.** One transaction checks every eligibility rule (a refusal names the first that
fails, ``promotion.not_eligible`` with ``rule``), takes one unit of the quota with
``tx.counters.try_take`` (``promotion.sold_out`` when none is left; never oversold, F-PRO-2),
adds the :class:`~unicom_core.domain.promotions.Participation` (id: number + campaign) and
applies the benefits (:mod:`~unicom_core.usecases.promotions.benefits`). The same
``request_id`` again returns the same participation (``duplicate``); another request of a
number with a live participation is refused (``promotion.already_joined``).

**A joining fee** is paid through the payment engine (purpose CAMPAIGN): the transaction that
opens the payment takes the unit and adds the participation AWAITING_PAYMENT; the engine's
``paid`` hook applies the benefits in the transaction that records the success, its
``failed`` hook (declined, expired) gives the unit back and marks the participation FAILED,
applying nothing.

**Cancel** (the rule): an ACTIVE participation without a joining fee may be cancelled in the
billing cycle it joined in (no bill covers any of its days yet) and while none of its
entitlements is issued (a third party's grant is not taken back). Cancelling withdraws its
fee discounts and free packs from the billing profile and gives the unit back. A discounted
top-up paid meanwhile stays as paid. Otherwise ``promotion.not_cancellable`` with a
``reason``: ``payment_open``, ``fee_paid``, ``billed``, ``entitlement_issued``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TypeVar, cast

import attrs

from unicom_core.domain.access import PROMOTION_JOIN, QUERY_PROMOTIONS
from unicom_core.domain.catalog import Channel
from unicom_core.domain.payments import (
    PaymentAttempt,
    PaymentMethod,
    PaymentPurpose,
    attempt_id,
    request_digest,
)
from unicom_core.domain.promotions import (
    PROMOTION_ALREADY_JOINED,
    PROMOTION_NOT_CANCELLABLE,
    PROMOTION_NOT_JOINED,
    PROMOTION_REQUEST_ID,
    PROMOTION_SOLD_OUT,
    Applicant,
    Campaign,
    Participation,
    ParticipationState,
    Verdict,
    participation_id,
    require_eligible,
    verdicts,
)
from unicom_core.domain.shared import DomainEvent, Money
from unicom_core.ports.payments import ChargeRequest
from unicom_core.ports.promotions import CampaignMetric
from unicom_core.usecases.access import GrantedReads
from unicom_core.usecases.promotions.benefits import apply_benefits, withdraw_benefits
from unicom_core.usecases.promotions.campaigns import installed_catalog, require_campaign
from unicom_core.usecases.promotions.fee_hooks import fee_hooks
from unicom_core.usecases.shared import publish, put, run

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from unicom_core.domain.subscribers import Subscriber
    from unicom_core.errors import UnicomError
    from unicom_core.ports.access import ScopedAuthorizer
    from unicom_core.ports.payments import PaymentUnitOfWork
    from unicom_core.ports.promotions import Metrics, PromotionUnitOfWork
    from unicom_core.ports.shared import Clock, Granted
    from unicom_core.ports.storage import Storage
    from unicom_core.usecases.payments import PaymentEngine, PurposeHooks
    from unicom_core.usecases.promotions.settings import PromotionSettings

__all__ = ["JoinResult", "Joining", "Offer"]

_T = TypeVar("_T")
_REQUEST = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")


@attrs.frozen(slots=True)
class Offer:
    """A campaign open now, with every rule's verdict for this number (for the page)."""

    campaign: Campaign
    verdicts: tuple[Verdict, ...]
    remaining: int | None
    """Units left in the quota (None: no quota)."""
    participation: Participation | None

    @property
    def eligible(self) -> bool:
        """Whether every rule passes now."""
        return all(v.passed for v in self.verdicts)


@attrs.frozen(slots=True)
class JoinResult:
    """A join's outcome: the participation, its payment (if a fee), whether seen before."""

    participation: Participation
    payment: PaymentAttempt | None = None
    duplicate: bool = False


def _in_arrears(tx: PromotionUnitOfWork, account_id: str, now: datetime) -> bool:
    """Billing's arrears: the account owes a bill past its due date (F-QRY-1)."""
    return any(bill.days_in_arrears(now) for bill in tx.bills.unsettled_of_account(account_id))


def _check_request(request_id: object) -> str:
    if not isinstance(request_id, str) or not _REQUEST.fullmatch(request_id):
        raise PROMOTION_REQUEST_ID.error()
    return request_id


class Joining:
    """offers / join / cancel / participations, and the engine's hooks (module docstring)."""

    def __init__(  # noqa: PLR0913 - the ports a join needs
        self,
        storage: Storage,
        clock: Clock,
        *,
        authorizer: ScopedAuthorizer,
        engine: PaymentEngine,
        metrics: Metrics,
        settings: PromotionSettings,
    ) -> None:
        self._storage, self._clock, self._authorizer = storage, clock, authorizer
        self._engine, self._metrics, self._settings = engine, metrics, settings
        self._reads = GrantedReads(storage, clock, authorizer, settings.retry_rule)

    def _run(
        self,
        work: Callable[[PromotionUnitOfWork, datetime], _T | UnicomError],
        *,
        readonly: bool = False,
    ) -> _T:
        return run(self._storage, self._clock, work, self._settings.retry_rule, readonly=readonly)

    def hooks(self) -> PurposeHooks:
        """The hooks to register for CAMPAIGN payments (:mod:`.fee_hooks`)."""
        return fee_hooks(self._storage)

    # ------------------------------------------------------------------ reads

    def offers(self, token: str, *, channel: Channel = Channel.ONLINE_HALL) -> tuple[Offer, ...]:
        """The published campaigns open now, each with this number's verdicts (F-PRO-1).

        The check and the reads are one read-only transaction, as for :meth:`participations`.
        """

        def work(tx: PromotionUnitOfWork, now: datetime, grant: Granted) -> tuple[Offer, ...]:
            subscriber = grant.subscriber
            arrears = _in_arrears(tx, subscriber.account_id, now)
            offers = []
            for campaign in tx.campaigns.listed():
                if not campaign.is_open(now):
                    continue
                found = tx.participations.find(participation_id(subscriber.id, campaign.code))
                joined = found is not None and found.state.live
                who = Applicant(subscriber, channel, now, joined, arrears)
                left = None
                if campaign.quota is not None:
                    left = max(campaign.quota - tx.counters.taken(campaign.quota_key), 0)
                offers.append(Offer(campaign, verdicts(campaign, who), left, found))
            return tuple(offers)

        return self._reads.read(token, QUERY_PROMOTIONS, None, work)

    def participations(self, token: str) -> tuple[Participation, ...]:
        """This number's participations, newest first (state, grants, entitlements)."""

        def work(
            tx: PromotionUnitOfWork, _now: datetime, grant: Granted
        ) -> tuple[Participation, ...]:
            return tuple(tx.participations.of_subscriber(grant.subscriber.id))

        return self._reads.read(token, QUERY_PROMOTIONS, None, work)

    # ------------------------------------------------------------------ join

    def join(self, token: str, code: str, *, request_id: str, channel: Channel) -> JoinResult:
        """Join the campaign ``code`` through ``channel`` (module docstring, F-PRO-1, F-PRO-2).

        Raises:
            Refused: ``access.*``, ``promotion.not_eligible`` (data ``rule``),
                ``promotion.sold_out``; NotFound: ``promotion.unknown_campaign``;
                Conflict: ``promotion.already_joined``, ``payment.key_reused``;
                InvalidInput: ``promotion.request_id``.
        """
        subscriber = self._authorizer.authorize(token, PROMOTION_JOIN).subscriber
        request = _check_request(request_id)
        if not isinstance(channel, Channel):
            raise PROMOTION_REQUEST_ID.error("channel is a Channel")
        fee = self._run(lambda tx, _now: require_campaign(tx, code).joining_fee, readonly=True)
        if fee.is_positive:
            return self._join_paying(subscriber, code, request, channel)
        result = self._run(
            lambda tx, now: self._join_free(tx, now, subscriber, code, request, channel)
        )
        if not result.duplicate:
            self._count(code, result.participation)
        return result

    def _admit(
        self,
        tx: PromotionUnitOfWork,
        now: datetime,
        subscriber: Subscriber,
        code: str,
        channel: Channel,
    ) -> tuple[Campaign, Participation | None]:
        """Check every rule now; the campaign and the number's past participation, if any."""
        campaign = require_campaign(tx, code)
        current = tx.subscribers.get(subscriber.id)
        found = tx.participations.find(participation_id(current.id, campaign.code))
        if found is not None and found.state.live:
            raise PROMOTION_ALREADY_JOINED.error(code=campaign.code)
        arrears = _in_arrears(tx, current.account_id, now)
        require_eligible(campaign, Applicant(current, channel, now, False, arrears))  # noqa: FBT003
        return campaign, found

    def _take(self, tx: PromotionUnitOfWork, campaign: Campaign) -> None:
        if campaign.quota is not None and not tx.counters.try_take(
            campaign.quota_key, 1, campaign.quota
        ):
            raise PROMOTION_SOLD_OUT.error(code=campaign.code)

    def _join_free(  # noqa: PLR0913, PLR0917 - a join's facts
        self,
        tx: PromotionUnitOfWork,
        now: datetime,
        subscriber: Subscriber,
        code: str,
        request: str,
        channel: Channel,
    ) -> JoinResult:
        pid = participation_id(subscriber.id, code)
        seen = tx.participations.find(pid)
        if seen is not None and seen.state.live and seen.request_id == request:
            return JoinResult(seen, duplicate=True)
        campaign, found = self._admit(tx, now, subscriber, code, channel)
        self._take(tx, campaign)
        participation = self._open(found, pid, subscriber, campaign, request, channel, now, None)
        events = apply_benefits(
            tx, installed_catalog(self._storage, tx), campaign, participation, subscriber, now
        )
        put(tx.participations, participation)
        publish(tx, events)
        return JoinResult(participation)

    @staticmethod
    def _open(  # noqa: PLR0913, PLR0917 - a join's facts
        found: Participation | None,
        pid: str,
        subscriber: Subscriber,
        campaign: Campaign,
        request: str,
        channel: Channel,
        now: datetime,
        payment_id: str | None,
    ) -> Participation:
        fee = campaign.joining_fee
        if found is not None:
            found.reopen(request, channel, fee, at=now, payment_id=payment_id)
            return found
        state = ParticipationState.AWAITING_PAYMENT if payment_id else ParticipationState.ACTIVE
        return Participation(
            pid,
            campaign.code,
            subscriber.id,
            subscriber.account_id,
            request,
            channel,
            now,
            fee,
            state,
            payment_id,
        )

    def _join_paying(
        self, subscriber: Subscriber, code: str, request: str, channel: Channel
    ) -> JoinResult:
        engine, pid = self._engine, participation_id(subscriber.id, code)
        payment_id = attempt_id(subscriber.id, f"promo:{request}"[:64])
        digest = request_digest(
            PaymentPurpose.CAMPAIGN,
            subscriber.id,
            subscriber.account_id,
            PaymentMethod.PAGE,
            None,
            pid,
        )

        def make(
            tx: PaymentUnitOfWork, now: datetime
        ) -> tuple[PaymentAttempt, tuple[DomainEvent, ...]]:
            campaign, _found = self._admit(
                cast("PromotionUnitOfWork", tx), now, subscriber, code, channel
            )
            return PaymentAttempt.create(
                payment_id,
                purpose=PaymentPurpose.CAMPAIGN,
                subscriber_id=subscriber.id,
                account_id=subscriber.account_id,
                amount=campaign.joining_fee,
                credit=Money(0),
                method=PaymentMethod.PAGE,
                gateway=engine.gateway.name,
                at=now,
                expires_in=engine.settings.payment_window,
                item_id=pid,
                digest=digest,
                subject=f"{campaign.name}活动费",
            )

        def reserve(tx: PaymentUnitOfWork, attempt: PaymentAttempt, now: datetime) -> None:
            units = cast("PromotionUnitOfWork", tx)
            campaign = require_campaign(units, code)
            self._take(units, campaign)
            found = units.participations.find(pid)
            participation = self._open(
                found, pid, subscriber, campaign, request, channel, now, attempt.id
            )
            put(units.participations, participation)

        attempt, new = engine.open(payment_id, digest, make, reserve)
        if attempt.is_open:
            request_ = ChargeRequest(
                idempotency_key=attempt.id,
                amount=attempt.amount,
                subject=attempt.subject,
                method=PaymentMethod.PAGE,
            )
            attempt = engine.charge(request_)
        participation = self._run(lambda tx, _now: tx.participations.get(pid), readonly=True)
        if new and participation.state is ParticipationState.ACTIVE:
            self._count(code, participation)
        return JoinResult(participation, attempt, duplicate=not new)

    def _count(self, code: str, participation: Participation) -> None:
        """Count the joiner for the campaign's metrics, after the commit (F-PRO-5)."""
        if participation.state is ParticipationState.ACTIVE:
            self._metrics.count(
                code, CampaignMetric.JOINERS, at=participation.joined_at, amount=participation.fee
            )

    # ------------------------------------------------------------------ cancel

    def cancel(self, token: str, code: str) -> Participation:
        """Cancel this number's participation in ``code`` within the rule (module docstring).

        Raises:
            NotFound: ``promotion.not_joined``; Refused: ``promotion.not_cancellable``.
        """
        subscriber = self._authorizer.authorize(token, PROMOTION_JOIN).subscriber

        def work(tx: PromotionUnitOfWork, now: datetime) -> Participation:
            participation = tx.participations.find(participation_id(subscriber.id, str(code)))
            if participation is None or not participation.state.live:
                raise PROMOTION_NOT_JOINED.error(code=str(code))
            _require_cancellable(participation, now)
            campaign = require_campaign(tx, participation.campaign_code)
            withdraw_benefits(tx, participation, now)
            if campaign.quota is not None:
                tx.counters.release(campaign.quota_key, 1)
            publish(tx, participation.cancel(at=now))
            tx.participations.save(participation)
            return participation

        return self._run(work)


def _require_cancellable(participation: Participation, now: datetime) -> None:
    reason = participation.cancel_refusal(now)
    if reason is not None:
        raise PROMOTION_NOT_CANCELLABLE.error(reason=reason)
