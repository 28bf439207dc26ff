"""The settings of campaigns and joining: retries, the entitlement job's back-off (F-PRO-1..3)."""

from __future__ import annotations

from datetime import timedelta

import attrs

from unicom_core.domain.promotions import PROMOTION_SETTINGS
from unicom_core.domain.shared import STORAGE_DUPLICATE
from unicom_core.usecases.shared import RetryRule

__all__ = ["PromotionSettings"]


def _check_backoff(_instance: object, attribute: attrs.Attribute[timedelta], value: object) -> None:
    if not isinstance(value, timedelta) or not timedelta(seconds=1) <= value <= timedelta(days=7):
        raise PROMOTION_SETTINGS.error(field=attribute.name)


def _check_rule(_instance: object, attribute: attrs.Attribute[RetryRule], value: object) -> None:
    if not isinstance(value, RetryRule):
        raise PROMOTION_SETTINGS.error(field=attribute.name)


@attrs.frozen(slots=True, kw_only=True)
class PromotionSettings:
    """How joins retry and how the entitlement job backs off (data; the defaults ship).

    ``retry_rule``: a join that clashes (a concurrent join of the same number, a version
    conflict on the billing profile) runs again, up to 5 times; ``first_backoff`` and
    ``max_backoff``: after the n-th failed issue of an entitlement the next try waits
    ``first_backoff x 2**(n-1)``, at most ``max_backoff`` (1 second .. 7 days).
    """

    retry_rule: RetryRule = attrs.field(
        factory=lambda: RetryRule(5, frozenset({STORAGE_DUPLICATE.code})), validator=_check_rule
    )
    first_backoff: timedelta = attrs.field(default=timedelta(minutes=1), validator=_check_backoff)
    max_backoff: timedelta = attrs.field(default=timedelta(hours=6), validator=_check_backoff)

    def backoff(self, attempts: int) -> timedelta:
        """The wait after ``attempts`` failed tries (>= 1)."""
        exponent = min(max(attempts - 1, 0), 30)
        wait: timedelta = self.first_backoff * (1 << exponent)
        return min(wait, self.max_backoff)
