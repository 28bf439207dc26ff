"""The credit-limit rules (信用额度): how far an account may go below zero, as data (F-BIZ-7).

A subscriber asks for a credit limit (:mod:`unicom_core.usecases.handling.credit_limit`); the
limit granted is at most :meth:`CreditLimitRules.allowed`, from two facts:

* **network age** (网龄): the number's completed months since it joined pick an
  :class:`AgeBand` (the band with the highest ``from_months`` not above the age);
* **payment history**: the bills of the account paid late (:func:`paid_late`) in the last
  ``window_months`` cycles pick a :class:`LatePenalty` (the one with the highest
  ``late_bills`` not above the count), which keeps ``keep_percent`` of the band's limit
  (rounded down to the fen).

The defaults (illustrative, the article gives no figures):

=====================  ==========  ==========================  ============
network age            limit       late bills in 12 cycles      limit kept
=====================  ==========  ==========================  ============
under 6 months         0元          0                            100 %
6 months               50元         1 or 2                       50 %
1 year                 100元        3 or more                    0 %
2 years                200元
5 years                500元
=====================  ==========  ==========================  ============
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.handling.codes import HANDLING_CREDIT_RULES
from unicom_core.domain.shared import BillingCycle, Money, to_shanghai

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import datetime

    from unicom_core.domain.billing import Bill

__all__ = ["AgeBand", "CreditLimitRules", "LatePenalty", "late_bills", "paid_late"]

_MAX_MONTHS = 1200
_PERCENT = 100


def _count(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _MAX_MONTHS:
        raise HANDLING_CREDIT_RULES.error(field=attribute.name)


def _limit(_instance: object, attribute: attrs.Attribute[Money], value: object) -> None:
    if not isinstance(value, Money) or value.is_negative:
        raise HANDLING_CREDIT_RULES.error(field=attribute.name)


def _percent(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= _PERCENT:
        raise HANDLING_CREDIT_RULES.error(field=attribute.name)


@attrs.frozen(slots=True)
class AgeBand:
    """From ``from_months`` of network age on, a credit limit of up to ``limit``."""

    from_months: int = attrs.field(validator=_count)
    limit: Money = attrs.field(validator=_limit)


@attrs.frozen(slots=True)
class LatePenalty:
    """With ``late_bills`` or more bills paid late, ``keep_percent`` % of the band's limit."""

    late_bills: int = attrs.field(validator=_count)
    keep_percent: int = attrs.field(validator=_percent)


_DEFAULT_BANDS = (
    AgeBand(0, Money(0)),
    AgeBand(6, Money(5_000)),
    AgeBand(12, Money(10_000)),
    AgeBand(24, Money(20_000)),
    AgeBand(60, Money(50_000)),
)
_DEFAULT_PENALTIES = (LatePenalty(0, 100), LatePenalty(1, 50), LatePenalty(3, 0))


def _bands(values: Iterable[AgeBand]) -> tuple[AgeBand, ...]:
    items = tuple(values)
    if not all(isinstance(v, AgeBand) for v in items) or not any(v.from_months == 0 for v in items):
        raise HANDLING_CREDIT_RULES.error("the age bands start at 0 months", field="age_bands")
    return tuple(sorted(items, key=lambda band: band.from_months))


def _penalties(values: Iterable[LatePenalty]) -> tuple[LatePenalty, ...]:
    items = tuple(values)
    if not all(isinstance(v, LatePenalty) for v in items) or not any(
        v.late_bills == 0 for v in items
    ):
        raise HANDLING_CREDIT_RULES.error("the penalties start at 0 late bills", field="penalties")
    return tuple(sorted(items, key=lambda penalty: penalty.late_bills))


@attrs.frozen(slots=True, kw_only=True)
class CreditLimitRules:
    """The limit a number may ask for, by network age and payment history (F-BIZ-7).

    ``age_bands`` and ``penalties`` each start at 0 (``handling.credit_rules`` otherwise);
    ``window_months`` is how many cycles back a late bill counts (1-120, default 12).
    """

    age_bands: tuple[AgeBand, ...] = attrs.field(default=_DEFAULT_BANDS, converter=_bands)
    penalties: tuple[LatePenalty, ...] = attrs.field(
        default=_DEFAULT_PENALTIES, converter=_penalties
    )
    window_months: int = attrs.field(default=12, validator=_count)

    def __attrs_post_init__(self) -> None:
        """The window is at least one cycle and at most ten years."""
        if not 1 <= self.window_months <= _MAX_MONTHS // 10:
            raise HANDLING_CREDIT_RULES.error(field="window_months")

    def band_limit(self, age_months: int) -> Money:
        """The limit of the band ``age_months`` of network age falls in."""
        found = self.age_bands[0]
        for band in self.age_bands:
            if band.from_months <= age_months:
                found = band
        return found.limit

    def keep_percent(self, late: int) -> int:
        """The percentage of the band's limit kept with ``late`` bills paid late."""
        found = self.penalties[0]
        for penalty in self.penalties:
            if penalty.late_bills <= late:
                found = penalty
        return found.keep_percent

    def allowed(self, age_months: int, late: int) -> Money:
        """The highest credit limit for ``age_months`` of network age and ``late`` late bills."""
        limit = self.band_limit(age_months)
        return Money(limit.fen * self.keep_percent(late) // _PERCENT, limit.currency)

    def window_start(self, at: datetime) -> datetime:
        """The first instant whose cycle's bill counts: ``window_months`` cycles before ``at``."""
        return BillingCycle.containing(at).shifted(-self.window_months).start


def paid_late(bill: Bill, at: datetime) -> bool:
    """Whether ``bill`` was (or is, at ``at``) paid after its due date with something owed."""
    if not bill.principal.is_positive:
        return False
    if bill.settled_at is None:
        return bill.days_in_arrears(at) > 0
    return to_shanghai(bill.settled_at).date() > bill.due_date


def late_bills(bills: Iterable[Bill], rules: CreditLimitRules, at: datetime) -> int:
    """How many of ``bills`` of the rules' window before ``at`` were paid late (F-BIZ-7)."""
    since = rules.window_start(at)
    return sum(1 for bill in bills if bill.cycle.start >= since and paid_late(bill, at))
