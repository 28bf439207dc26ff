"""The settings of the billing area (F-CAL, F-QRY)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.billing import (
    BILLING_SETTINGS,
    BillingCalendar,
    BillPolicy,
    CalendarSettings,
    DefaultRates,
)
from unicom_core.domain.catalog import DEFAULT_CATALOG_ID
from unicom_core.domain.shared import instance_of
from unicom_core.usecases.shared import RetryRule

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["BillingSettings"]


def _at_least(minimum: int) -> Callable[[object, attrs.Attribute[int], object], None]:
    def check(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise BILLING_SETTINGS.error(f"{attribute.name} is >= {minimum}", field=attribute.name)

    return check


@attrs.frozen(slots=True, kw_only=True)
class BillingSettings:
    """Every configurable of the billing area, with the published defaults (F-CAL, F-QRY).

    ``open_months``: how many cycles, the current one included, take usage records (default 2:
    late records of last month are still taken until its bill run starts);
    ``chunk_size``: accounts billed per bill-run transaction (what a crash may redo);
    ``conflict_retries``: how often a use case re-runs after a concurrent write.
    """

    calendar: CalendarSettings = attrs.field(
        factory=CalendarSettings, validator=instance_of(CalendarSettings, BILLING_SETTINGS)
    )
    bills: BillPolicy = attrs.field(
        factory=BillPolicy, validator=instance_of(BillPolicy, BILLING_SETTINGS)
    )
    rates: DefaultRates = attrs.field(
        factory=DefaultRates, validator=instance_of(DefaultRates, BILLING_SETTINGS)
    )
    catalog_id: str = attrs.field(default=DEFAULT_CATALOG_ID)
    open_months: int = attrs.field(default=2, validator=_at_least(1))
    chunk_size: int = attrs.field(default=100, validator=_at_least(1))
    conflict_retries: int = attrs.field(default=5, validator=_at_least(1))

    @property
    def billing_calendar(self) -> BillingCalendar:
        """The calendar these settings configure."""
        return BillingCalendar(self.calendar)

    @property
    def retry_rule(self) -> RetryRule:
        """How a use case re-runs after a concurrent write: ``conflict_retries`` times."""
        return RetryRule(self.conflict_retries)
