"""Usage records (CDRs): what a number used, metered and checked before rating (F-QRY-2, 3).

A :class:`UsageRecord` is what the network's mediation delivers through the
:class:`~unicom_core.ports.billing.usage.UsageFeed` port, one per call, message, session or use of a
value-added service. Its ``quantity`` is in the network's unit; :func:`billable_units` turns
it into the unit the tariff counts, rounding **up per record** as carriers do:

==============  ==================  =====================================================
kind            quantity            billable units
==============  ==================  =====================================================
voice           seconds             minutes, each started minute counts (61 s = 2 min)
sms, mms        messages            messages
value_added     uses                uses; ``fee`` carries the record's information fee
data            bytes               KB (1 KB = 1024 bytes), each started KB counts
wlan            seconds online      minutes, each started minute counts
==============  ==================  =====================================================

Why data is kept in KB and not MB: a month holds thousands of short sessions, and rounding
each up to a whole MB would bill a subscriber for air. Rating adds the KB of the cycle,
compares them with the allowances (1 MB = 1024 KB, 1 GB = 1024 MB, as the carrier publishes
them) and charges what is over by the **started MB** (:mod:`unicom_core.domain.billing.rating`).

A record is rejected with a reason (:class:`RejectReason`) rather than raising, so one bad
line never blocks a batch: a malformed id or time, a negative quantity or fee, a fee on a
record that is not a value-added one, an unknown number, a time outside any open cycle.
"""

from __future__ import annotations

import enum
import re
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.billing.codes import (
    BILLING_DETAIL_WINDOW,
    USAGE_DETAIL,
    USAGE_FEE,
    USAGE_KIND,
    USAGE_NUMBER,
    USAGE_QUANTITY,
    USAGE_RECORD_ID,
    USAGE_STARTED_AT,
)
from unicom_core.domain.shared import BillingCycle, Money, instance_of

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "BYTES_PER_KB",
    "KB_PER_MB",
    "DetailKind",
    "RejectReason",
    "Rejection",
    "ServiceUse",
    "UsageEntry",
    "UsageKind",
    "UsageRecord",
    "UsageSum",
    "UsageTotals",
    "billable_units",
    "check_record",
    "detail_window",
    "require_detail_window",
]

BYTES_PER_KB = 1024
KB_PER_MB = 1024
_SECONDS_PER_MINUTE = 60
_RECORD_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}")
_DETAIL_MAX = 200


class UsageKind(enum.Enum):
    """What a usage record is of (F-QRY-3)."""

    VOICE = "voice"
    SMS = "sms"
    MMS = "mms"
    VALUE_ADDED = "value_added"
    DATA = "data"
    WLAN = "wlan"


_PER_MINUTE = frozenset({UsageKind.VOICE, UsageKind.WLAN})


def billable_units(kind: UsageKind, quantity: int) -> int:
    """The units a record of ``quantity`` bills: started minutes, started KB, or as is."""
    if kind in _PER_MINUTE:
        return -(-quantity // _SECONDS_PER_MINUTE)
    if kind is UsageKind.DATA:
        return -(-quantity // BYTES_PER_KB)
    return quantity


class DetailKind(enum.Enum):
    """The detail-record queries of F-QRY-3, with their capability and window in months.

    ``internet`` is the mobile-internet access record (手机上网记录): the data sessions, shown
    for the last two months including the current one; the others for six.
    """

    VOICE = "voice"
    SMS = "sms"
    VALUE_ADDED = "vas"
    DATA = "data"
    WLAN = "wlan"
    INTERNET = "internet"

    @property
    def capability_name(self) -> str:
        """The capability a session needs (``query.detail.voice``, F-AUTH-5)."""
        return f"query.detail.{self.value}"

    @property
    def months(self) -> int:
        """How many months, the current one included, may be queried (F-QRY-3)."""
        return 2 if self is DetailKind.INTERNET else 6

    @property
    def usage_kinds(self) -> tuple[UsageKind, ...]:
        """The usage kinds the query lists."""
        return _DETAIL_KINDS[self]


_DETAIL_KINDS: dict[DetailKind, tuple[UsageKind, ...]] = {
    DetailKind.VOICE: (UsageKind.VOICE,),
    DetailKind.SMS: (UsageKind.SMS, UsageKind.MMS),
    DetailKind.VALUE_ADDED: (UsageKind.VALUE_ADDED,),
    DetailKind.DATA: (UsageKind.DATA,),
    DetailKind.WLAN: (UsageKind.WLAN,),
    DetailKind.INTERNET: (UsageKind.DATA,),
}


def detail_window(kind: DetailKind, current: BillingCycle) -> tuple[BillingCycle, BillingCycle]:
    """The earliest and latest month whose ``kind`` records may be queried (F-QRY-3)."""
    return current.shifted(1 - kind.months), current


def require_detail_window(kind: DetailKind, asked: BillingCycle, current: BillingCycle) -> None:
    """Refuse a month outside the window of ``kind``, naming the earliest allowed (F-QRY-3).

    Raises:
        Refused: ``billing.detail_window`` with ``earliest`` and ``latest`` (``YYYY-MM``).
    """
    earliest, latest = detail_window(kind, current)
    if not earliest <= asked <= latest:
        raise BILLING_DETAIL_WINDOW.error(
            f"{kind.value} records can be queried for {earliest} to {latest} only, not {asked}",
            earliest=str(earliest),
            latest=str(latest),
            billing_cycle=str(asked),
            kind=kind.value,
        )


def _check_optional_money(
    _instance: object, attribute: attrs.Attribute[Money], value: object
) -> None:
    if value is not None and not isinstance(value, Money):
        raise USAGE_FEE.error(field=attribute.name)


@attrs.frozen(slots=True)
class UsageRecord:
    """One record as the feed delivers it; values are checked by :func:`check_record`.

    ``number`` is the number as the switch writes it (``18612345678``, a fixed line without
    area code, a broadband account); ``detail`` the called number, the peer, the service code
    or the access point; ``fee`` the information fee of a value-added use.
    """

    record_id: str = attrs.field(validator=instance_of(str, USAGE_RECORD_ID))
    number: str = attrs.field(validator=instance_of(str, USAGE_NUMBER))
    kind: UsageKind = attrs.field(validator=instance_of(UsageKind, USAGE_KIND))
    started_at: datetime = attrs.field(validator=instance_of(datetime, USAGE_STARTED_AT))
    quantity: int = attrs.field(validator=instance_of(int, USAGE_QUANTITY))
    detail: str = attrs.field(default="", validator=instance_of(str, USAGE_DETAIL))
    fee: Money | None = attrs.field(default=None, validator=_check_optional_money)


class RejectReason(enum.Enum):
    """Why a usage record was not accepted."""

    MALFORMED_ID = "malformed_id"
    MALFORMED_TIME = "malformed_time"
    MALFORMED_DETAIL = "malformed_detail"
    NEGATIVE_QUANTITY = "negative_quantity"
    NEGATIVE_FEE = "negative_fee"
    UNEXPECTED_FEE = "unexpected_fee"
    UNKNOWN_NUMBER = "unknown_number"
    OUTSIDE_OPEN_CYCLE = "outside_open_cycle"


@attrs.frozen(slots=True)
class Rejection:
    """A record not accepted, and why (its id as given, even a malformed one)."""

    record_id: str
    reason: RejectReason
    message: str


def check_record(record: UsageRecord) -> Rejection | None:
    """The first rule ``record`` breaks on its own (no store needed), or None."""
    problem: tuple[RejectReason, str] | None = None
    if not _RECORD_ID.fullmatch(record.record_id):
        problem = (RejectReason.MALFORMED_ID, "a record id is 1-64 letters, digits or _.:-")
    elif record.started_at.utcoffset() is None:
        problem = (RejectReason.MALFORMED_TIME, "a record's time needs its UTC offset")
    elif len(record.detail) > _DETAIL_MAX or not record.detail.isprintable():
        problem = (RejectReason.MALFORMED_DETAIL, f"detail is up to {_DETAIL_MAX} printable")
    elif record.quantity < 0:
        problem = (RejectReason.NEGATIVE_QUANTITY, f"quantity {record.quantity} is negative")
    elif record.fee is not None and record.kind is not UsageKind.VALUE_ADDED:
        problem = (RejectReason.UNEXPECTED_FEE, "only a value-added record carries a fee")
    elif record.fee is not None and record.fee.is_negative:
        problem = (RejectReason.NEGATIVE_FEE, f"fee {record.fee} is negative")
    if problem is None:
        return None
    return Rejection(record.record_id, *problem)


@attrs.frozen(slots=True)
class UsageEntry:
    """An accepted record, attached to its subscriber, account and cycle (F-QRY-2, F-QRY-3)."""

    record_id: str
    subscriber_id: str
    account_id: str
    cycle: BillingCycle
    kind: UsageKind
    started_at: datetime
    quantity: int
    units: int
    detail: str = ""
    fee: Money | None = None

    @classmethod
    def accept(
        cls,
        record: UsageRecord,
        subscriber_id: str,
        account_id: str,
        *,
        cycle: BillingCycle | None = None,
    ) -> UsageEntry:
        """The entry of a record :func:`check_record` passed, for its subscriber and account.

        ``cycle`` is the record's cycle when the caller knows it already (it is not checked).
        """
        return cls(
            record.record_id,
            subscriber_id,
            account_id,
            BillingCycle.containing(record.started_at) if cycle is None else cycle,
            record.kind,
            record.started_at,
            record.quantity,
            billable_units(record.kind, record.quantity),
            record.detail,
            record.fee,
        )


@attrs.frozen(slots=True)
class UsageSum:
    """One group of a cycle's usage: the units and fees of a kind (and service, for VAS)."""

    kind: UsageKind
    service: str
    units: int
    fee_fen: int = 0


@attrs.frozen(slots=True)
class ServiceUse:
    """The value-added uses of one service in a cycle, with their information fees."""

    service: str
    uses: int
    fees: Money


@attrs.frozen(slots=True)
class UsageTotals:
    """A subscriber's billable units of one cycle, per kind (the input of rating)."""

    voice_minutes: int = 0
    sms: int = 0
    mms: int = 0
    data_kb: int = 0
    wlan_minutes: int = 0
    services: tuple[ServiceUse, ...] = ()

    @classmethod
    def of_sums(cls, sums: Iterable[UsageSum]) -> UsageTotals:
        """Add up grouped sums (from a store's ``GROUP BY``) into totals."""
        counts = dict.fromkeys(UsageKind, 0)
        services: dict[str, tuple[int, int]] = {}
        for item in sums:
            counts[item.kind] += item.units
            if item.kind is UsageKind.VALUE_ADDED:
                uses, fen = services.get(item.service, (0, 0))
                services[item.service] = (uses + item.units, fen + item.fee_fen)
        return cls(
            counts[UsageKind.VOICE],
            counts[UsageKind.SMS],
            counts[UsageKind.MMS],
            counts[UsageKind.DATA],
            counts[UsageKind.WLAN],
            tuple(ServiceUse(s, u, Money(f)) for s, (u, f) in sorted(services.items())),
        )

    @classmethod
    def of_entries(cls, entries: Iterable[UsageEntry]) -> UsageTotals:
        """Add up entries one by one (the reference the stores' sums are checked against)."""
        return cls.of_sums(
            UsageSum(
                e.kind,
                e.detail if e.kind is UsageKind.VALUE_ADDED else "",
                e.units,
                e.fee.fen if e.fee is not None else 0,
            )
            for e in entries
        )
