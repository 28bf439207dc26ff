"""Pure rating: a cycle's usage against the allowances of plan and packs, then overage (F-QRY-2).

**The consumption order** (documented once, used everywhere): for each measure (voice
minutes, messages, data), usage is taken first from the **plan's** own allowance, then from
the **packs** in the order they were taken up (earliest start first, ties by pack code), each
pack drained before the next. Messages drain SMS before MMS. Whatever no allowance covers is
charged at the overage rates: the plan's rates from the catalogue where it gives them (the 4G
combination plan: data 0.2元/MB), else :class:`DefaultRates`. Data over is charged per
**started MB** of the KB left over (``ceil(kb / 1024)``); voice and WLAN per started minute
(already rounded per call, :mod:`unicom_core.domain.billing.usage`); messages per message. A
value-added use costs its information fee unless a value-added pack held covers its service.

A pack taken up mid-cycle brings its whole allowance for the cycle (its fee is prorated by
days, :mod:`unicom_core.domain.billing.fees`); rating reads only the cycle's totals, so the order in
which records arrive never changes the result.

Worked example (the published tariff): a 48元 1 GB pack and 1224 MB of data used: 1024 MB
come from the pack, 200 MB are over, 200 × 0.20元 = 40元.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.billing.codes import RATING_RATE, RATING_TARIFF
from unicom_core.domain.billing.usage import KB_PER_MB, UsageTotals
from unicom_core.domain.catalog import Catalog, ComboPlan, OverageRates, Pack, Plan
from unicom_core.domain.shared import Money, instance_of
from unicom_core.errors import NotFound

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "Bucket",
    "BucketUse",
    "ChargeKind",
    "DefaultRates",
    "Measure",
    "OverageTariff",
    "RatedUsage",
    "Tariff",
    "UsageCharge",
    "rate",
    "tariff_for",
]


class Measure(enum.Enum):
    """What an allowance is counted in."""

    VOICE_MINUTES = "voice_minutes"
    MESSAGES = "messages"
    DATA_KB = "data_kb"


class ChargeKind(enum.Enum):
    """The usage lines of a bill."""

    VOICE = "voice"
    SMS = "sms"
    MMS = "mms"
    DATA = "data"
    WLAN = "wlan"
    VALUE_ADDED = "value_added"


def _rate(_instance: object, attribute: attrs.Attribute[Money], value: object) -> None:
    if not isinstance(value, Money) or value.is_negative:
        raise RATING_RATE.error(field=attribute.name)


@attrs.frozen(slots=True, kw_only=True)
class DefaultRates:
    """Overage rates for what the catalogue gives no rate for (configurable).

    The article gives only the combination plan's data rate; these are the carrier's usual
    standard rates (国内语音 0.15元/分钟, 短信 0.10元/条, 彩信 0.30元/条, 流量 0.20元/MB,
    WLAN 0.05元/分钟), written here so an embedder can see and change them.
    """

    voice_per_minute: Money = attrs.field(default=Money(15), validator=_rate)
    per_sms: Money = attrs.field(default=Money(10), validator=_rate)
    per_mms: Money = attrs.field(default=Money(30), validator=_rate)
    data_per_mb: Money = attrs.field(default=Money(20), validator=_rate)
    wlan_per_minute: Money = attrs.field(default=Money(5), validator=_rate)


def _given(rate: Money | None, default: Money) -> Money:
    return default if rate is None else rate


@attrs.frozen(slots=True, kw_only=True)
class OverageTariff:
    """The rates applied beyond the allowances (F-BUN: data over the pack 0.2元/MB)."""

    voice_per_minute: Money = attrs.field(validator=_rate)
    per_sms: Money = attrs.field(validator=_rate)
    per_mms: Money = attrs.field(validator=_rate)
    data_per_mb: Money = attrs.field(validator=_rate)
    wlan_per_minute: Money = attrs.field(validator=_rate)

    @classmethod
    def of(cls, overage: OverageRates | None, defaults: DefaultRates) -> OverageTariff:
        """The catalogue's rates where given, else the defaults."""
        given = overage if overage is not None else OverageRates()
        return cls(
            voice_per_minute=_given(given.voice_per_minute, defaults.voice_per_minute),
            per_sms=_given(given.per_message, defaults.per_sms),
            per_mms=_given(given.per_mms, defaults.per_mms),
            data_per_mb=_given(given.data_per_mb, defaults.data_per_mb),
            wlan_per_minute=_given(given.wlan_per_minute, defaults.wlan_per_minute),
        )


@attrs.frozen(slots=True)
class Bucket:
    """One allowance of a plan or pack for one measure, in units (minutes, messages, KB)."""

    source_code: str
    source_name: str
    measure: Measure
    included: int


@attrs.frozen(slots=True)
class Tariff:
    """Everything rating needs: allowance buckets in consumption order, rates, services."""

    plan_code: str
    buckets: tuple[Bucket, ...]
    rates: OverageTariff = attrs.field(validator=instance_of(OverageTariff, RATING_TARIFF))
    services: frozenset[str] = frozenset()


_MEASURES = (
    (Measure.VOICE_MINUTES, "voice_minutes", 1),
    (Measure.MESSAGES, "messages", 1),
    (Measure.DATA_KB, "data_mb", KB_PER_MB),
)


def _buckets(code: str, name: str, allowances: object) -> list[Bucket]:
    found = []
    for measure, field, scale in _MEASURES:
        amount = getattr(allowances, field)
        if amount:
            found.append(Bucket(code, name, measure, amount * scale))
    return found


def tariff_for(
    catalog: Catalog, plan_code: str, packs: Sequence[Pack], defaults: DefaultRates
) -> Tariff:
    """The tariff of a subscriber on ``plan_code`` holding ``packs`` (in rating order).

    A plan code the catalogue does not know gives no plan allowance and the default rates
    (the subscriber's packs still count), so one stale plan never stops a bill run.
    """
    try:
        plan: Plan | ComboPlan | None = catalog.plan(plan_code)
    except NotFound:
        plan = None
    buckets: list[Bucket] = []
    services: set[str] = set()
    if isinstance(plan, Plan):
        buckets += _buckets(plan.code, plan.name, plan.allowances)
        services.update(plan.allowances.services)
    for pack in packs:
        buckets += _buckets(pack.code, pack.name, pack.allowances)
        services.update(pack.allowances.services)
    rates = OverageTariff.of(plan.overage if plan is not None else None, defaults)
    return Tariff(plan_code, tuple(buckets), rates, frozenset(services))


@attrs.frozen(slots=True)
class BucketUse:
    """How much of one allowance a cycle used and what is left (余量, F-QRY-2)."""

    bucket: Bucket
    used: int
    remaining: int

    @property
    def remaining_mb(self) -> int:
        """For data, the whole MB left (rounded down: a started MB is not left)."""
        return self.remaining // KB_PER_MB


@attrs.frozen(slots=True)
class UsageCharge:
    """A usage line: units beyond the allowances (minutes, messages, MB, uses) and the amount.

    ``price`` is the price of one unit (None for a value-added use, charged as recorded);
    ``service`` the value-added service used ("" for the other kinds).
    """

    kind: ChargeKind
    units: int
    amount: Money
    description: str
    price: Money | None = None
    service: str = ""


@attrs.frozen(slots=True)
class RatedUsage:
    """The outcome of rating one subscriber's cycle (F-QRY-1, F-QRY-2)."""

    buckets: tuple[BucketUse, ...]
    charges: tuple[UsageCharge, ...]

    @property
    def total(self) -> Money:
        """The sum of the usage lines."""
        return Money.total(charge.amount for charge in self.charges)

    def remaining(self, measure: Measure) -> int:
        """What is left of every allowance of ``measure``, in units."""
        return sum(use.remaining for use in self.buckets if use.bucket.measure is measure)


_LINE_NAMES = {
    ChargeKind.VOICE: ("国内语音", "分钟"),
    ChargeKind.SMS: ("短信", "条"),
    ChargeKind.MMS: ("彩信", "条"),
    ChargeKind.DATA: ("国内流量", "MB"),
    ChargeKind.WLAN: ("WLAN", "分钟"),
}
"""How a bill line names what was used beyond the allowances: in Chinese, as the
catalogue names the packs, since both appear on the same bill (``短信 3 条 × ¥0.10``)."""


def _line(kind: ChargeKind, units: int, price: Money) -> UsageCharge:
    name, unit = _LINE_NAMES[kind]
    return UsageCharge(kind, units, price * units, f"{name} {units} {unit} × {price}", price)


def rate(tariff: Tariff, totals: UsageTotals) -> RatedUsage:
    """Rate a cycle's ``totals`` under ``tariff`` in the documented order (F-QRY-2)."""
    wanted = {
        Measure.VOICE_MINUTES: [totals.voice_minutes],
        Measure.MESSAGES: [totals.sms, totals.mms],  # SMS drain each allowance before MMS
        Measure.DATA_KB: [totals.data_kb],
    }
    uses = []
    for bucket in tariff.buckets:  # in consumption order: plan, then packs by start
        left, queue = bucket.included, wanted[bucket.measure]
        for position, need in enumerate(queue):
            taken = min(left, need)
            queue[position] -= taken
            left -= taken
        uses.append(BucketUse(bucket, bucket.included - left, left))
    rates = tariff.rates
    data_over_mb = -(-wanted[Measure.DATA_KB][0] // KB_PER_MB)
    measured = (
        (ChargeKind.VOICE, wanted[Measure.VOICE_MINUTES][0], rates.voice_per_minute),
        (ChargeKind.SMS, wanted[Measure.MESSAGES][0], rates.per_sms),
        (ChargeKind.MMS, wanted[Measure.MESSAGES][1], rates.per_mms),
        (ChargeKind.DATA, data_over_mb, rates.data_per_mb),
        (ChargeKind.WLAN, totals.wlan_minutes, rates.wlan_per_minute),
    )
    # Nothing used beyond the allowances is no line: not even built (a bill run rates 10**4).
    lines = [_line(kind, units, price) for kind, units, price in measured if units]
    lines += [
        UsageCharge(
            ChargeKind.VALUE_ADDED, use.uses, use.fees, f"{use.service} 信息费", service=use.service
        )
        for use in totals.services
        if use.service not in tariff.services
    ]
    return RatedUsage(tuple(uses), tuple(line for line in lines if line.units and line.amount))
