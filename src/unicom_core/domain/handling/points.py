"""Points (積分, F-QRY-4): earned from paid bills, expiring by rule, never negative.

One :class:`PointsAccount` per subscriber (its id is the subscriber's id) keeps the lots of
points it earned and the history of what happened to them:

* :meth:`PointsAccount.earn` adds a lot once per source (a bill's id): the same source again
  changes nothing, so a payment retried never earns twice. Each lot expires at the instant
  :class:`PointsRules` gives (by default 00:00 on 1 January of the second year after the
  year earned, Beijing time: points earned in 2016 last through 31 December 2017);
* :meth:`PointsAccount.spend` takes points from the lots expiring soonest (then the oldest),
  once per reference; it refuses ``points.insufficient`` rather than go below zero;
* :meth:`PointsAccount.expire` zeroes the lots whose expiry has come. Spending and every read
  apply it first, so expired points are never spent or shown, whether or not a scheduled job
  has run.

Every move writes a :class:`PointsEntry` (earned / spent / expired, its source, when, and the
balance after) and returns its domain events.
"""

from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Final

import attrs

from unicom_core.domain.handling.codes import (
    POINTS_ACCOUNT,
    POINTS_AMOUNT,
    POINTS_INSUFFICIENT,
    POINTS_RULES,
)
from unicom_core.domain.shared import (
    SHANGHAI,
    DomainEvent,
    Money,
    check_id,
    check_version,
    domain_event,
    guarded,
    instance_of,
    to_shanghai,
    tuple_of,
    update,
)

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "MAX_POINTS",
    "EntryKind",
    "PointsAccount",
    "PointsEarned",
    "PointsEntry",
    "PointsExpired",
    "PointsLot",
    "PointsRules",
    "PointsSpent",
    "check_points",
]

MAX_POINTS: Final = 10**9
"""The most points one move earns or spends."""
_MAX_PER_YUAN: Final = 1000
_MAX_YEARS: Final = 10
_SOURCE_MAX: Final = 128


class EntryKind(enum.Enum):
    """What a history entry records."""

    EARNED = "earned"
    SPENT = "spent"
    EXPIRED = "expired"


def check_points(value: object) -> int:
    """A number of points of one move: an int in 1..:data:`MAX_POINTS` (``points.amount``)."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_POINTS:
        raise POINTS_AMOUNT.error(maximum=MAX_POINTS)
    return value


def _count(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_POINTS * 10:
        raise POINTS_ACCOUNT.error(field=attribute.name)


def _source(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not 1 <= len(value) <= _SOURCE_MAX or "\x00" in value:
        raise POINTS_ACCOUNT.error(field=attribute.name)


def _instant(value: datetime) -> datetime:
    return to_shanghai(value, field="at")


def _rule_int(low: int, high: int) -> Callable[[object, attrs.Attribute[int], object], None]:
    def check(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise POINTS_RULES.error(field=attribute.name)

    return check


@attrs.frozen(slots=True, kw_only=True)
class PointsRules:
    """How bills earn points and when points expire (data; the defaults are the common rule).

    Attributes:
        points_per_yuan: points per whole yuan of the principal paid (default 1), rounded
            down: a bill of ¥48.99 earns 48 points; 0 turns earning off.
        expiry_years: the points of a year expire at 00:00 on 1 January this many years
            after the next (Beijing time): 1 (default) keeps 2016's points through 2017;
            0 keeps them through the year earned.
    """

    points_per_yuan: int = attrs.field(default=1, validator=_rule_int(0, _MAX_PER_YUAN))
    expiry_years: int = attrs.field(default=1, validator=_rule_int(0, _MAX_YEARS))

    def points_for(self, paid: Money) -> int:
        """The points ``paid`` earns: whole yuan times the rate, rounded down (never < 0)."""
        fen = paid.fen if isinstance(paid, Money) else 0
        return max(fen, 0) * self.points_per_yuan // 100

    def expires_at(self, earned_at: datetime) -> datetime:
        """When points earned at ``earned_at`` expire (the first instant they are gone)."""
        year = to_shanghai(earned_at, field="earned_at").year + self.expiry_years + 1
        return datetime(year, 1, 1, tzinfo=SHANGHAI)


@attrs.frozen(slots=True, kw_only=True)
class PointsLot:
    """Points earned from one source: ``remaining`` of ``points`` are left until ``expires_at``."""

    source_id: str = attrs.field(validator=_source)
    earned_at: datetime = attrs.field(converter=_instant)
    expires_at: datetime = attrs.field(converter=_instant)
    points: int = attrs.field(validator=_count)
    remaining: int = attrs.field(validator=_count)

    def __attrs_post_init__(self) -> None:
        """A lot keeps at most what it earned and expires after it is earned."""
        if self.remaining > self.points or self.points == 0:
            raise POINTS_ACCOUNT.error(field="remaining")
        if self.expires_at <= self.earned_at:
            raise POINTS_ACCOUNT.error(field="expires_at")

    def live_at(self, at: datetime) -> bool:
        """Whether points are left in the lot and it has not expired at ``at``."""
        return self.remaining > 0 and at < self.expires_at


@attrs.frozen(slots=True, kw_only=True)
class PointsEntry:
    """One line of the history: what happened, how many points, why, when, the balance after."""

    kind: EntryKind = attrs.field(validator=instance_of(EntryKind, POINTS_ACCOUNT))
    points: int = attrs.field(validator=_count)
    source: str = attrs.field(validator=_source)
    at: datetime = attrs.field(converter=_instant)
    balance: int = attrs.field(validator=_count)


@domain_event("points.earned")
@attrs.frozen(slots=True, kw_only=True)
class PointsEarned(DomainEvent):
    """A lot of points was earned (F-QRY-4)."""

    source_id: str
    points: int
    expires_at: datetime


@domain_event("points.spent")
@attrs.frozen(slots=True, kw_only=True)
class PointsSpent(DomainEvent):
    """Points were spent (a redemption, F-QRY-4)."""

    reference: str
    points: int


@domain_event("points.expired")
@attrs.frozen(slots=True, kw_only=True)
class PointsExpired(DomainEvent):
    """Points of a lot expired unspent."""

    source_id: str
    points: int


def _lots(values: object) -> tuple[PointsLot, ...]:
    return tuple_of(values, PointsLot, POINTS_ACCOUNT, "lots")


def _entries(values: object) -> tuple[PointsEntry, ...]:
    return tuple_of(values, PointsEntry, POINTS_ACCOUNT, "history")


def _spending_order(lot: PointsLot) -> tuple[datetime, datetime, str]:
    return lot.expires_at, lot.earned_at, lot.source_id


@attrs.define(slots=True)
class PointsAccount:
    """A subscriber's points: lots and history (module docstring); id = the subscriber's id."""

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    lots: tuple[PointsLot, ...] = attrs.field(default=(), converter=_lots, on_setattr=guarded)
    history: tuple[PointsEntry, ...] = attrs.field(
        default=(), converter=_entries, on_setattr=guarded
    )
    version: int = attrs.field(default=0, validator=check_version)

    def __attrs_post_init__(self) -> None:
        """A source earns once."""
        if len({lot.source_id for lot in self.lots}) != len(self.lots):
            raise POINTS_ACCOUNT.error(field="lots")

    @property
    def balance(self) -> int:
        """The points left in every lot (apply :meth:`expire` first for the balance at a time)."""
        return sum(lot.remaining for lot in self.lots)

    def available(self, at: datetime) -> int:
        """The points that may be spent at ``at`` (those of lots not yet expired)."""
        when = to_shanghai(at, field="at")
        return sum(lot.remaining for lot in self.lots if lot.live_at(when))

    def expiring(self, at: datetime, before: datetime) -> int:
        """The points available at ``at`` that expire before ``before`` (soon-expiring)."""
        when, limit = to_shanghai(at, field="at"), to_shanghai(before, field="before")
        return sum(
            lot.remaining for lot in self.lots if lot.live_at(when) and lot.expires_at < limit
        )

    @property
    def next_expiry(self) -> datetime | None:
        """When the next lot with points left expires (None: nothing left)."""
        return min((lot.expires_at for lot in self.lots if lot.remaining > 0), default=None)

    def has_earned(self, source_id: str) -> bool:
        """Whether ``source_id`` has earned its lot already."""
        return any(lot.source_id == source_id for lot in self.lots)

    def has_spent(self, reference: str) -> bool:
        """Whether a spending under ``reference`` is in the history."""
        return any(e.kind is EntryKind.SPENT and e.source == reference for e in self.history)

    def earn(
        self, source_id: str, points: int, *, at: datetime, rules: PointsRules
    ) -> tuple[DomainEvent, ...]:
        """Earn a lot of ``points`` from ``source_id`` once (again: nothing; F-QRY-4).

        Lots expired by ``at`` expire first, so the history stays in time order.
        """
        when, count = to_shanghai(at, field="at"), check_points(points)
        if self.has_earned(source_id):
            return ()
        events = list(self.expire(when))
        lot = PointsLot(
            source_id=source_id,
            earned_at=when,
            expires_at=rules.expires_at(when),
            points=count,
            remaining=count,
        )
        entry = PointsEntry(
            kind=EntryKind.EARNED,
            points=points,
            source=source_id,
            at=when,
            balance=self.balance + points,
        )
        update(self, lots=(*self.lots, lot), history=(*self.history, entry))
        event = PointsEarned(
            aggregate_id=self.id,
            occurred_at=when,
            source_id=source_id,
            points=points,
            expires_at=lot.expires_at,
        )
        return (*events, event)

    def spend(self, points: int, reference: str, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Spend ``points`` once per ``reference``, soonest-expiring lots first.

        Raises:
            Refused: ``points.insufficient`` if fewer are available (nothing changes).
            InvalidInput: ``points.amount`` unless 1..:data:`MAX_POINTS`.
        """
        wanted = check_points(points)
        when = to_shanghai(at, field="at")
        if self.has_spent(reference):
            return ()
        available = self.available(when)
        if available < wanted:
            raise POINTS_INSUFFICIENT.error(balance=available, points=wanted)
        events = list(self.expire(when))
        left, lots = wanted, list(self.lots)
        for index, lot in sorted(enumerate(lots), key=lambda pair: _spending_order(pair[1])):
            taken = min(left, lot.remaining)
            if taken:
                lots[index] = attrs.evolve(lot, remaining=lot.remaining - taken)
                left -= taken
        entry = PointsEntry(
            kind=EntryKind.SPENT,
            points=wanted,
            source=reference,
            at=when,
            balance=self.balance - wanted,
        )
        update(self, lots=tuple(lots), history=(*self.history, entry))
        events.append(
            PointsSpent(aggregate_id=self.id, occurred_at=when, reference=reference, points=wanted)
        )
        return tuple(events)

    def expire(self, at: datetime) -> tuple[DomainEvent, ...]:
        """Zero every lot whose expiry is at or before ``at``; an entry and event for each."""
        when = to_shanghai(at, field="at")
        lots, entries, events = list(self.lots), list(self.history), list[DomainEvent]()
        balance = self.balance
        for index, lot in sorted(enumerate(lots), key=lambda pair: _spending_order(pair[1])):
            if lot.remaining and lot.expires_at <= when:
                lots[index] = attrs.evolve(lot, remaining=0)
                balance -= lot.remaining
                entries.append(
                    PointsEntry(
                        kind=EntryKind.EXPIRED,
                        points=lot.remaining,
                        source=lot.source_id,
                        at=lot.expires_at,
                        balance=balance,
                    )
                )
                events.append(
                    PointsExpired(
                        aggregate_id=self.id,
                        occurred_at=when,
                        source_id=lot.source_id,
                        points=lot.remaining,
                    )
                )
        if events:
            update(self, lots=tuple(lots), history=tuple(entries))
        return tuple(events)
