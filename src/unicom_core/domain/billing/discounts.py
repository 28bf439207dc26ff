"""Fee discounts: a rate off the monthly fee of one plan or pack for a window (F-PRO-3, F-CAL-5).

A :class:`FeeDiscount` is a billing fact like a pack holding or an adjustment, held in the
subscriber's :class:`~unicom_core.domain.billing.profiles.BillingProfile`: *this* product's
monthly fee is charged ``rate`` less from ``starts`` until ``ends`` (exclusive; None: for
good). Whoever grants it (a campaign's plan discount or a free pack trial, F-PRO-3) writes it
there; billing never asks who did, so the billing area knows nothing of promotions.

The bill run turns each discount into a :class:`DiscountLine` of the cycles it covers,
prorated by the calendar exactly as the fee it discounts: of the days the fee is charged in
the cycle, those inside the discount's window count, and the line is
``-(fee prorated to those days) x rate``, never more than what the fee charged
(:func:`~unicom_core.domain.billing.fees.charge_cycle`). A 100 % discount over the whole
holding of a pack therefore cancels the pack's fee to the fen.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import attrs

from unicom_core.domain.billing.codes import BILLING_DISCOUNT
from unicom_core.domain.catalog import check_code
from unicom_core.domain.shared import (
    BillingCycle,
    DomainEvent,
    Money,
    Rate,
    check_id,
    domain_event,
    to_shanghai,
)

__all__ = ["DiscountGranted", "DiscountLine", "DiscountWithdrawn", "FeeDiscount"]

_DESCRIPTION_MAX = 200


def _check_rate(_instance: object, _attribute: attrs.Attribute[Rate], value: object) -> None:
    if not isinstance(value, Rate) or not Decimal(0) < value.value <= Decimal(1):
        raise BILLING_DISCOUNT.error("a discount rate is above 0 % and at most 100 %", field="rate")


def _check_description(_instance: object, _attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > _DESCRIPTION_MAX:
        raise BILLING_DISCOUNT.error(
            f"a description is 1-{_DESCRIPTION_MAX} characters", field="description"
        )


def _to_starts(value: datetime) -> datetime:
    return to_shanghai(value, field="starts")


def _to_ends(value: datetime | None) -> datetime | None:
    return None if value is None else to_shanghai(value, field="ends")


@attrs.frozen(slots=True)
class FeeDiscount:
    """``rate`` off the monthly fee of ``product_code`` from ``starts`` until ``ends`` (F-PRO-3).

    ``id`` names it in the profile (granting the same discount again changes nothing);
    ``description`` is the text of its bill line.
    """

    id: str = attrs.field(validator=check_id)
    product_code: str = attrs.field(validator=check_code)
    rate: Rate = attrs.field(validator=_check_rate)
    starts: datetime = attrs.field(converter=_to_starts)
    ends: datetime | None = attrs.field(converter=_to_ends)
    description: str = attrs.field(validator=_check_description)

    def __attrs_post_init__(self) -> None:
        """A discount ends after it starts."""
        if self.ends is not None and self.ends <= self.starts:
            raise BILLING_DISCOUNT.error("a discount ends after it starts", field="ends")

    def overlaps(self, cycle: BillingCycle) -> bool:
        """Whether the discount is in force at some instant of ``cycle``."""
        return self.starts < cycle.end and (self.ends is None or self.ends > cycle.start)

    def span_within(
        self, starts: datetime, ends: datetime | None
    ) -> tuple[datetime, datetime | None] | None:
        """The part of ``[starts, ends)`` the discount covers, or None if they do not meet."""
        begin = max(self.starts, to_shanghai(starts))
        candidates = [e for e in (self.ends, ends) if e is not None]
        end = min(candidates) if candidates else None
        if end is not None and end <= begin:
            return None
        return begin, end


@attrs.frozen(slots=True)
class DiscountLine:
    """The discount of one fee for one cycle: ``amount`` is negative (or zero), for ``days``."""

    id: str
    code: str
    description: str
    days: int
    cycle_days: int
    amount: Money


@domain_event("billing.discount_granted")
@attrs.frozen(slots=True, kw_only=True)
class DiscountGranted(DomainEvent):
    """A fee discount was written into a billing profile (F-PRO-3)."""

    discount: FeeDiscount


@domain_event("billing.discount_withdrawn")
@attrs.frozen(slots=True, kw_only=True)
class DiscountWithdrawn(DomainEvent):
    """A fee discount was taken out of a billing profile before it was billed (F-PRO-1)."""

    discount_id: str
