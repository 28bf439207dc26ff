"""The billing calendar's "when" rules: bill-generation windows, blackouts, 4G upgrades (F-CAL).

:class:`BillingCalendar` answers, for an instant of Beijing time, every question the hall asks
of the calendar; its windows are configurable (:class:`CalendarSettings`), with these defaults:

* **F-CAL-2** bill generation (出账): from 00:00 on the last day of a month to 00:00 on the 3rd
  of the next, a payment may post late. :meth:`BillingCalendar.bill_generation_window` says
  whether an instant is inside such a window and when it ends, so a caller can warn.
* **F-CAL-3** bill run (话费出账期): on days 1-2, a 2G/3G **postpaid** subscriber cannot query
  last month's or this month's charges; ``Refused`` ``billing.query_blackout`` with
  ``retry_at`` = 00:00 on the 3rd. Prepaid and 4G subscribers are not affected.
* **F-CAL-4** after an upgrade from 2G/3G to 4G, in the month the 4G plan takes effect, charges
  and usage may be queried only from 08:00 on the 4th (``billing.upgrade_query_pending``) and
  the number paid for only from 08:00 on the 2nd (``billing.upgrade_payment_pending``).

Every refusal carries ``retry_at``: the **first** instant at which the answer becomes yes (the
rules are combined until none blocks, so ``retry_at`` is never an instant still refused).
Rules compare wall-clock Beijing time; every boundary is at 00:00 or 08:00, never inside the
hour Beijing skipped or repeated while it kept daylight saving time (1986-1991).
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.billing.codes import (
    BILLING_QUERY_BLACKOUT,
    BILLING_UPGRADE_PAYMENT_PENDING,
    BILLING_UPGRADE_QUERY_PENDING,
    CALENDAR_MONTH_INSTANT,
    CALENDAR_PROFILE,
    CALENDAR_SETTINGS,
)
from unicom_core.domain.shared import SHANGHAI, BillingCycle, instance_of, to_shanghai
from unicom_core.domain.subscribers import NetworkGeneration, PaymentMode
from unicom_core.errors import ErrorCode, InvalidInput, Refused

if TYPE_CHECKING:
    from collections.abc import Callable

    from attrs import Attribute

    from unicom_core.domain.subscribers import Subscriber

__all__ = [
    "BillingCalendar",
    "CalendarProfile",
    "CalendarSettings",
    "MonthInstant",
    "PaymentAdvice",
    "TimeWindow",
]

_MAX_DAY = 14  # windows near a month boundary stay clear of the next boundary's
_HOURS = 24
_MINUTES = 60


def _int_in(
    low: int, high: int, code: ErrorCode[InvalidInput]
) -> Callable[[object, Attribute[int], object], None]:
    def check(_instance: object, attribute: Attribute[int], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise code.error(
                f"{attribute.name} is an integer {low}..{high}, not {value!r}", field=attribute.name
            )

    return check


@attrs.frozen(slots=True)
class MonthInstant:
    """A point of every month in Beijing time: ``day`` (1-14) at ``hour:minute`` (F-CAL)."""

    day: int = attrs.field(validator=_int_in(1, _MAX_DAY, CALENDAR_MONTH_INSTANT))
    hour: int = attrs.field(default=0, validator=_int_in(0, _HOURS - 1, CALENDAR_MONTH_INSTANT))
    minute: int = attrs.field(default=0, validator=_int_in(0, _MINUTES - 1, CALENDAR_MONTH_INSTANT))

    def in_cycle(self, cycle: BillingCycle) -> datetime:
        """This point in ``cycle``'s month, as an aware Beijing-time instant."""
        return datetime(cycle.year, cycle.month, self.day, self.hour, self.minute, tzinfo=SHANGHAI)

    def __str__(self) -> str:
        return f"day {self.day} {self.hour:02d}:{self.minute:02d}"


@attrs.frozen(slots=True)
class TimeWindow:
    """A half-open span of time, ``starts <= t < ends``, in Beijing time (F-CAL-2)."""

    starts: datetime
    ends: datetime

    def contains(self, instant: datetime) -> bool:
        """Whether the aware ``instant`` lies in the window."""
        local = to_shanghai(instant)
        return self.starts <= local < self.ends

    def __str__(self) -> str:
        return f"[{self.starts.isoformat()}, {self.ends.isoformat()})"


@attrs.frozen(slots=True, kw_only=True)
class CalendarSettings:
    """The configurable windows of the calendar; the defaults are the published ones (F-CAL).

    ``generation_days_before_end``: how many last days of a month open the bill-generation
    window (F-CAL-2, default 1: the last day); ``generation_window_ends``: where it closes in
    the next month (default 00:00 on the 3rd); ``bill_run_ends``: the end of the 2G/3G
    postpaid charge blackout that starts on the 1st (F-CAL-3, default 00:00 on the 3rd);
    ``upgrade_query_opens`` / ``upgrade_payment_opens``: F-CAL-4 (08:00 on the 4th / 2nd).
    """

    generation_days_before_end: int = attrs.field(
        default=1, validator=_int_in(0, _MAX_DAY, CALENDAR_SETTINGS)
    )
    generation_window_ends: MonthInstant = attrs.field(
        default=MonthInstant(3), validator=instance_of(MonthInstant, CALENDAR_SETTINGS)
    )
    bill_run_ends: MonthInstant = attrs.field(
        default=MonthInstant(3), validator=instance_of(MonthInstant, CALENDAR_SETTINGS)
    )
    upgrade_query_opens: MonthInstant = attrs.field(
        default=MonthInstant(4, 8), validator=instance_of(MonthInstant, CALENDAR_SETTINGS)
    )
    upgrade_payment_opens: MonthInstant = attrs.field(
        default=MonthInstant(2, 8), validator=instance_of(MonthInstant, CALENDAR_SETTINGS)
    )


@attrs.frozen(slots=True)
class CalendarProfile:
    """What the calendar needs to know of a subscriber (F-CAL-3, F-CAL-4).

    ``upgraded_to_4g_in`` is the cycle in which the subscriber's 4G plan takes effect after an
    upgrade from 2G/3G (None if never upgraded); before that cycle the subscriber counts as
    2G/3G whatever ``generation`` says now.
    """

    generation: NetworkGeneration | None = attrs.field(
        validator=attrs.validators.optional(instance_of(NetworkGeneration, CALENDAR_PROFILE))
    )
    payment_mode: PaymentMode = attrs.field(validator=instance_of(PaymentMode, CALENDAR_PROFILE))
    upgraded_to_4g_in: BillingCycle | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(instance_of(BillingCycle, CALENDAR_PROFILE)),
    )

    @classmethod
    def of(
        cls, subscriber: Subscriber, upgraded_to_4g_in: BillingCycle | None = None
    ) -> CalendarProfile:
        """The profile of ``subscriber``, upgraded to 4G effective ``upgraded_to_4g_in``."""
        return cls(subscriber.generation, subscriber.payment_mode, upgraded_to_4g_in)

    def legacy_postpaid_at(self, at: datetime) -> bool:
        """Whether the subscriber is a 2G/3G postpaid one at ``at`` (F-CAL-3)."""
        if self.payment_mode is not PaymentMode.POSTPAID or self.generation is None:
            return False
        if self.upgraded_to_4g_in is not None and at < self.upgraded_to_4g_in.start:
            return True
        return self.generation is not NetworkGeneration.G4


@attrs.frozen(slots=True)
class PaymentAdvice:
    """Whether a payment made now may post late, and from when it would not (F-CAL-2).

    ``window`` is the bill-generation window the instant lies in, or None; a caller shows a
    warning and may suggest paying from ``window.ends``.
    """

    at: datetime
    window: TimeWindow | None

    @property
    def may_post_late(self) -> bool:
        """True inside a bill-generation window."""
        return self.window is not None


_Block = tuple[ErrorCode[Refused], datetime]
"""A rule blocking an instant: its declared refusal and the instant it stops blocking."""


@attrs.frozen(slots=True)
class BillingCalendar:
    """Every "when" rule of the hall, from an instant of Beijing time (F-CAL-2..5)."""

    settings: CalendarSettings = attrs.field(
        factory=CalendarSettings, validator=instance_of(CalendarSettings, CALENDAR_SETTINGS)
    )

    # ------------------------------------------------------------------ F-CAL-5

    @staticmethod
    def cycle_of(at: datetime) -> BillingCycle:
        """The billing cycle holding ``at``: a calendar month of Beijing time (F-CAL-5)."""
        return BillingCycle.containing(at)

    @staticmethod
    def effective_next_month(at: datetime) -> datetime:
        """When a change made at ``at`` "effective next month" applies: the next cycle's start."""
        return BillingCycle.containing(at).end

    @staticmethod
    def active_days(cycle: BillingCycle, starts: datetime, ends: datetime | None) -> int:
        """How many days of ``cycle`` fall in ``[starts, ends)``: proration weights (F-CAL-5).

        A day counts if the span covers any part of it; a span starting mid-day counts that
        day (as :func:`~unicom_core.domain.catalog.bundle_changes.prorate` does), one ending mid-day
        counts its last day too.
        """
        first = max(to_shanghai(starts).date(), cycle.first_day)
        end_local = cycle.end if ends is None else min(to_shanghai(ends), cycle.end)
        last = (end_local - timedelta(microseconds=1)).date()
        return max(0, (last - first).days + 1) if end_local > cycle.start else 0

    # ------------------------------------------------------------------ F-CAL-2

    def generation_window_of(self, cycle: BillingCycle) -> TimeWindow:
        """The bill-generation window around the start of ``cycle`` (F-CAL-2); may be empty."""
        before = self.settings.generation_days_before_end
        first = cycle.first_day - timedelta(days=before)
        starts = datetime.combine(first, time(), tzinfo=SHANGHAI)
        return TimeWindow(starts, max(starts, self.settings.generation_window_ends.in_cycle(cycle)))

    def bill_generation_window(self, at: datetime) -> TimeWindow | None:
        """The bill-generation window holding ``at``, or None (F-CAL-2)."""
        local = to_shanghai(at, field="at")
        cycle = BillingCycle.containing(local)
        for candidate in (cycle, cycle.next()):
            window = self.generation_window_of(candidate)
            if window.contains(local):
                return window
        return None

    def payment_advice(self, profile: CalendarProfile, at: datetime) -> PaymentAdvice:
        """Advice for a payment at ``at``: refused before F-CAL-4 allows it, else a notice.

        Raises:
            Refused: ``billing.upgrade_payment_pending`` with ``retry_at`` (F-CAL-4).
        """
        local = to_shanghai(at, field="at")
        self._require(local, lambda t: self._upgrade_block(profile, t, payment=True))
        return PaymentAdvice(local, self.bill_generation_window(local))

    # ------------------------------------------------------------------ F-CAL-3, F-CAL-4

    def query_blackout(
        self, profile: CalendarProfile, cycle: BillingCycle, at: datetime
    ) -> datetime | None:
        """When the charges of ``cycle`` may be queried, if not at ``at``; None if they may.

        Combines F-CAL-3 (bill run, 2G/3G postpaid, last and current month) and F-CAL-4 (an
        upgrade's month, before 08:00 on the 4th); the answer is the first allowed instant.
        """
        local = to_shanghai(at, field="at")
        return self._opens(local, lambda t: self._charge_block(profile, cycle, t))

    def require_charge_query(
        self, profile: CalendarProfile, cycle: BillingCycle, at: datetime
    ) -> None:
        """Refuse a charge query that :meth:`query_blackout` blocks (F-CAL-3, F-CAL-4).

        Raises:
            Refused: ``billing.query_blackout`` (F-CAL-3) or ``billing.upgrade_query_pending``
                (F-CAL-4), with ``retry_at`` and ``billing_cycle``.
        """
        local = to_shanghai(at, field="at")
        self._require(local, lambda t: self._charge_block(profile, cycle, t), cycle)

    def usage_query_opens(self, profile: CalendarProfile, at: datetime) -> datetime | None:
        """When usage (allowances, detail records) may be queried, if not at ``at`` (F-CAL-4)."""
        local = to_shanghai(at, field="at")
        return self._opens(local, lambda t: self._upgrade_block(profile, t, payment=False))

    def require_usage_query(self, profile: CalendarProfile, at: datetime) -> None:
        """Refuse a usage query in an upgrade's month before 08:00 on the 4th (F-CAL-4).

        Raises:
            Refused: ``billing.upgrade_query_pending`` with ``retry_at``.
        """
        local = to_shanghai(at, field="at")
        self._require(local, lambda t: self._upgrade_block(profile, t, payment=False))

    def payment_opens(self, profile: CalendarProfile, at: datetime) -> datetime | None:
        """When the number may be paid for, if not at ``at`` (F-CAL-4)."""
        local = to_shanghai(at, field="at")
        return self._opens(local, lambda t: self._upgrade_block(profile, t, payment=True))

    # ------------------------------------------------------------------ the rules

    def _charge_block(
        self, profile: CalendarProfile, cycle: BillingCycle, at: datetime
    ) -> _Block | None:
        upgrade = self._upgrade_block(profile, at, payment=False)
        if upgrade is not None:
            return upgrade
        current = BillingCycle.containing(at)
        if not profile.legacy_postpaid_at(at) or cycle not in {current, current.previous()}:
            return None
        ends = self.settings.bill_run_ends.in_cycle(current)
        return (BILLING_QUERY_BLACKOUT, ends) if at < ends else None

    def _upgrade_block(
        self, profile: CalendarProfile, at: datetime, *, payment: bool
    ) -> _Block | None:
        cycle = BillingCycle.containing(at)
        if profile.upgraded_to_4g_in != cycle:
            return None
        if payment:
            opens = self.settings.upgrade_payment_opens.in_cycle(cycle)
            code = BILLING_UPGRADE_PAYMENT_PENDING
        else:
            opens = self.settings.upgrade_query_opens.in_cycle(cycle)
            code = BILLING_UPGRADE_QUERY_PENDING
        return (code, opens) if at < opens else None

    @staticmethod
    def _opens(at: datetime, block: Callable[[datetime], _Block | None]) -> datetime | None:
        """The first instant from ``at`` that ``block`` lets through, or None for ``at``."""
        instant, found = at, block(at)
        if found is None:
            return None
        while found is not None:  # every rule's end lies after the instant it blocks
            instant = found[1]
            found = block(instant)
        return instant

    def _require(
        self,
        at: datetime,
        block: Callable[[datetime], _Block | None],
        cycle: BillingCycle | None = None,
    ) -> None:
        found = block(at)
        if found is None:
            return
        retry_at = self._opens(at, block)
        data: dict[str, object] = {"retry_at": retry_at}
        if cycle is not None:
            data["billing_cycle"] = str(cycle)
        messages = {
            "billing.query_blackout": "the bill run (days 1-2) is under way: 2G/3G postpaid "
            "charges of this and last month can be queried again from",
            "billing.upgrade_query_pending": "after the upgrade to 4G, charges and usage can "
            "be queried from",
            "billing.upgrade_payment_pending": "after the upgrade to 4G, the number can be "
            "paid for from",
        }
        when = retry_at.isoformat() if retry_at is not None else "later"
        raise found[0].error(f"{messages[found[0].code]} {when}", **data)
