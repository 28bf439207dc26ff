"""What claiming a reward of the growth game gives, in the claim's transaction (F-PRO-4).

* **A data pack** becomes a billing :class:`~unicom_core.domain.billing.PackHolding` of the
  number's profile from the claim until 00:00 on the 1st of the month ``cycles`` cycles on
  (the month claimed counts as the first), so rating meets its allowance at once. The bill
  charges a held pack's prorated fee every cycle (F-CAL-5); for each cycle of the reward
  an :class:`~unicom_core.domain.billing.Adjustment` of minus that fee (id
  ``growth:<reward>:<cycle>``) takes it back, so the pack is free and both lines show on
  the bill. This is the path points redemptions take (F-QRY-4), not a business handling:
  a reward is the carrier's gift, not the subscriber's order (no order rules, no fee, no
  acceptance form), and it needs no session capability ``handle.data_pack``. A pack
  already held over that time is ``billing.pack_already_held`` (nothing is claimed).
* **A coupon** is a code: the reward's prefix and 10 characters drawn with
  :mod:`secrets` from an alphabet without look-alikes (31 characters, about 50 bits),
  recorded on the growth account and shown on the page.
* **An entry to the draw** is made in the :class:`~unicom_core.domain.promotions.Draw`
  named by the reward, while its entries are open (``draw.state`` once closed,
  ``draw.unknown`` if the operator has not opened it).
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Final

import attrs

from unicom_core.domain.billing import (
    Adjustment,
    BillingCalendar,
    BillingProfile,
    PackHolding,
    prorated,
)
from unicom_core.domain.catalog import CATALOG_NOT_INSTALLED
from unicom_core.domain.promotions import DRAW_UNKNOWN, Claim, RewardKind
from unicom_core.domain.shared import BillingCycle
from unicom_core.usecases.shared import publish, put

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime

    from unicom_core.domain.catalog import CatalogId
    from unicom_core.domain.promotions import Reward
    from unicom_core.domain.subscribers import Subscriber
    from unicom_core.ports.promotions import GrowthUnitOfWork
    from unicom_core.usecases.catalog import CatalogCache

__all__ = ["COUPON_ALPHABET", "COUPON_LENGTH", "RewardGiver", "masked_number"]

COUPON_ALPHABET: Final = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
"""The characters of a coupon code after its prefix (no 0/O, 1/I)."""
COUPON_LENGTH: Final = 10


def masked_number(subscriber: Subscriber) -> str:
    """The number as published: ``186****0001`` (a number type without a mask as it is)."""
    identifier = subscriber.number.identifier
    masked: Callable[[], str] | None = getattr(identifier, "masked", None)
    return masked() if masked is not None else str(identifier)


class RewardGiver:
    """Gives a reward in a claim's transaction (module docstring) and returns its claim."""

    def __init__(self, catalogs: CatalogCache, catalog_id: CatalogId) -> None:
        self._catalogs, self._catalog_id = catalogs, catalog_id

    def give(
        self,
        tx: GrowthUnitOfWork,
        subscriber: Subscriber,
        reward: Reward,
        request_id: str,
        now: datetime,
    ) -> Claim:
        """Give ``reward`` to ``subscriber`` in ``tx``; the claim to record on the account."""
        base = Claim(reward_code=reward.code, request_id=request_id, kind=reward.kind, at=now)
        if reward.kind is RewardKind.DATA_PACK:
            return self._pack(tx, subscriber, reward, base, now)
        if reward.kind is RewardKind.COUPON:
            code = "".join(secrets.choice(COUPON_ALPHABET) for _ in range(COUPON_LENGTH))
            return attrs.evolve(base, coupon=f"{reward.prefix}{code}")
        draw_code = str(reward.draw)
        draw = tx.draws.find(draw_code)
        if draw is None:
            raise DRAW_UNKNOWN.error(code=draw_code)
        entry = draw.enter(subscriber.id, reward.code, masked_number(subscriber), at=now)
        put(tx.draws, draw)
        return attrs.evolve(base, draw=draw_code, entry_id=entry.entry_id)

    def _pack(
        self,
        tx: GrowthUnitOfWork,
        subscriber: Subscriber,
        reward: Reward,
        base: Claim,
        now: datetime,
    ) -> Claim:
        catalog = self._catalogs.find(tx, self._catalog_id)
        if catalog is None:
            raise CATALOG_NOT_INSTALLED.error(catalog_id=self._catalog_id)
        pack = catalog.pack(str(reward.pack))
        first = BillingCycle.containing(now)
        holding = PackHolding(pack.code, now, first.shifted(reward.cycles).start)
        profile = tx.billing_profiles.find(subscriber.id) or BillingProfile(subscriber.id)
        events = list(profile.hold_pack(holding, at=now))
        for n in range(reward.cycles):
            cycle = first.shifted(n)
            days = BillingCalendar.active_days(cycle, holding.starts, holding.ends)
            fee = prorated(pack.fee, days, cycle.days)
            if fee.is_positive:
                reason = f"沃之树奖励{pack.name}，免收月费"
                adjustment = Adjustment(f"growth:{reward.code}:{cycle}", cycle, -fee, reason)
                events += profile.adjust(adjustment, at=now)
        put(tx.billing_profiles, profile)
        publish(tx, events)
        return attrs.evolve(base, pack=pack.code, until=holding.ends)
