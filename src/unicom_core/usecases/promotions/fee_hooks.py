"""The payment engine's hooks for a campaign's joining fee (purpose CAMPAIGN, F-PRO-1).

``paid`` runs in the transaction that records the payment's success: the benefits apply
there and the participation is ACTIVE, exactly once whichever path learnt the outcome;
``failed`` runs in the one that records a failure (declined, expired): the unit of the
quota goes back and the participation is FAILED, with nothing applied.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from unicom_core.domain.promotions import ParticipationState
from unicom_core.usecases.payments import PurposeHooks
from unicom_core.usecases.promotions.benefits import apply_benefits
from unicom_core.usecases.promotions.campaigns import installed_catalog, require_campaign
from unicom_core.usecases.shared import publish

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.payments import PaymentAttempt
    from unicom_core.domain.shared import DomainEvent
    from unicom_core.ports.payments import PaymentUnitOfWork
    from unicom_core.ports.promotions import PromotionUnitOfWork

__all__ = ["fee_hooks"]


def fee_hooks(storage: object) -> PurposeHooks:
    """The hooks to register for CAMPAIGN payments of a hall on ``storage``."""
    return PurposeHooks(partial(_paid, storage), _failed)


def _paid(
    storage: object, tx: PaymentUnitOfWork, attempt: PaymentAttempt, now: datetime
) -> list[DomainEvent]:
    """The engine's hook: the fee is paid; the benefits apply in this transaction."""
    units = cast("PromotionUnitOfWork", tx)
    participation = units.participations.find(str(attempt.item_id))
    if (
        participation is None
        or participation.state is not ParticipationState.AWAITING_PAYMENT
        or participation.payment_id != attempt.id
    ):
        return []
    campaign = require_campaign(units, participation.campaign_code)
    subscriber = units.subscribers.get(participation.subscriber_id)  # type: ignore[arg-type]
    catalog = installed_catalog(storage, units)
    events = apply_benefits(units, catalog, campaign, participation, subscriber, now)
    units.participations.save(participation)
    return events


def _failed(tx: PaymentUnitOfWork, attempt: PaymentAttempt, now: datetime) -> None:
    """The engine's hook: the fee was not paid; the unit goes back, nothing applies."""
    units = cast("PromotionUnitOfWork", tx)
    participation = units.participations.find(str(attempt.item_id))
    if (
        participation is None
        or participation.state is not ParticipationState.AWAITING_PAYMENT
        or participation.payment_id != attempt.id
    ):
        return
    campaign = require_campaign(units, participation.campaign_code)
    if campaign.quota is not None:
        units.counters.release(campaign.quota_key, 1)
    publish(units, participation.fail(at=now))
    units.participations.save(participation)
