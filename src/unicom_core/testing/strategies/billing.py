"""Hypothesis strategies for the billing area: usage, profiles, bills, calendar (F-CAL, F-QRY).

Re-exported by :mod:`unicom_core.testing.strategies`. Every strategy builds valid values
unless its name says otherwise (:func:`malformed_usage_records`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from unicom_core.domain.billing import (
    Adjustment,
    Bill,
    BillingProfile,
    BillLine,
    BillPolicy,
    BillRun,
    CalendarProfile,
    CalendarSettings,
    LineKind,
    MonthInstant,
    PackHolding,
    UsageEntry,
    UsageKind,
    UsageRecord,
    UsageTotals,
    bill_id,
)
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money, Rate
from unicom_core.domain.subscribers import NetworkGeneration, PaymentMode
from unicom_core.testing.strategies.calendar import after, billing_cycles
from unicom_core.testing.strategies.subscribers import aggregate_ids

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "bill_policies",
    "bill_runs",
    "billing_profiles",
    "bills",
    "calendar_profiles",
    "calendar_settings",
    "instants_in",
    "pack_holdings",
    "usage_entries",
    "usage_kinds",
    "usage_records",
    "usage_totals",
]

_RECORD_IDS = st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=24).filter(
    lambda text: text[0] != "-"
)
_PACK_CODES = st.sampled_from(
    ["data-100mb", "data-1gb", "voice-200min", "sms-200", "vas-caller-id"]
)


def usage_kinds() -> st.SearchStrategy[UsageKind]:
    """Any usage kind."""
    return st.sampled_from(list(UsageKind))


def instants_in(cycle: BillingCycle) -> st.SearchStrategy[datetime]:
    """Instants of ``cycle`` (Beijing time), to the microsecond, first and last included."""
    span = (cycle.end - cycle.start) // timedelta(microseconds=1)
    return st.integers(0, span - 1).map(
        lambda us: (cycle.start.astimezone(UTC) + timedelta(microseconds=us)).astimezone(SHANGHAI)
    )


def _quantities(kind: UsageKind) -> st.SearchStrategy[int]:
    limits = {UsageKind.DATA: 50 * 1024 * 1024, UsageKind.VOICE: 7200, UsageKind.WLAN: 7200}
    return st.integers(0, limits.get(kind, 20))


@st.composite
def usage_records(
    draw: st.DrawFn, numbers: Sequence[str], cycle: BillingCycle, kind: UsageKind | None = None
) -> UsageRecord:
    """A well-formed record of one of ``numbers`` in ``cycle``."""
    chosen = draw(usage_kinds()) if kind is None else kind
    fee = None
    if chosen is UsageKind.VALUE_ADDED:
        fee = draw(st.none() | st.integers(0, 500).map(Money))
    detail = draw(st.sampled_from(["caller_id", "ring_back", "game"])) if fee is not None else ""
    return UsageRecord(
        draw(_RECORD_IDS),
        draw(st.sampled_from(list(numbers))),
        chosen,
        draw(instants_in(cycle)),
        draw(_quantities(chosen)),
        detail,
        fee,
    )


@st.composite
def usage_entries(
    draw: st.DrawFn, subscriber_ids: Sequence[str], cycle: BillingCycle
) -> UsageEntry:
    """An accepted entry of one of ``subscriber_ids`` in ``cycle`` (its account ``a-<id>``)."""
    record = draw(usage_records(["18612345678"], cycle))
    owner = draw(st.sampled_from(list(subscriber_ids)))
    return UsageEntry.accept(record, owner, f"a-{owner}")


def usage_totals() -> st.SearchStrategy[UsageTotals]:
    """Totals of a cycle: minutes, messages, KB (up to 20 GB)."""
    return st.builds(
        UsageTotals,
        voice_minutes=st.integers(0, 5000),
        sms=st.integers(0, 1000),
        mms=st.integers(0, 200),
        data_kb=st.integers(0, 20 * 1024 * 1024),
        wlan_minutes=st.integers(0, 3000),
    )


def calendar_profiles() -> st.SearchStrategy[CalendarProfile]:
    """Any mix of generation, payment mode and upgrade cycle (F-CAL-3, F-CAL-4)."""
    return st.builds(
        CalendarProfile,
        st.sampled_from([*NetworkGeneration, None]),
        st.sampled_from(list(PaymentMode)),
        st.none() | billing_cycles(1992, 2100),
    )


def calendar_settings() -> st.SearchStrategy[CalendarSettings]:
    """Configured windows: any days 1-14 and times of day (F-CAL-2..4)."""
    instants = st.builds(MonthInstant, st.integers(1, 14), st.integers(0, 23), st.integers(0, 59))
    return st.builds(
        CalendarSettings,
        generation_days_before_end=st.integers(0, 14),
        generation_window_ends=instants,
        bill_run_ends=instants,
        upgrade_query_opens=instants,
        upgrade_payment_opens=instants,
    )


def pack_holdings(cycle: BillingCycle | None = None) -> st.SearchStrategy[PackHolding]:
    """A pack held from an instant of ``cycle`` (any, if None), open or for some days."""
    cycles = st.just(cycle) if cycle is not None else billing_cycles(2000, 2050)
    return cycles.flatmap(instants_in).flatmap(
        lambda starts: st.builds(
            PackHolding,
            _PACK_CODES,
            st.just(starts),
            st.none() | st.integers(1, 90).map(lambda days: after(starts, timedelta(days=days))),
        )
    )


def billing_profiles(subscriber_id: str | None = None) -> st.SearchStrategy[BillingProfile]:
    """A profile with up to three packs, maybe an upgrade, maybe adjustments."""
    adjustment = st.builds(
        Adjustment,
        aggregate_ids(),
        billing_cycles(2000, 2050),
        st.integers(-10_000, 10_000).map(Money),
        st.sampled_from(["goodwill credit", "补偿", "correction"]),
    )
    return st.builds(
        BillingProfile,
        st.just(subscriber_id) if subscriber_id else aggregate_ids(),
        st.lists(pack_holdings(), max_size=3, unique_by=lambda h: h.pack_code).map(tuple),
        st.none() | billing_cycles(2000, 2050),
        st.lists(adjustment, max_size=2, unique_by=lambda a: a.id).map(tuple),
    )


def bill_policies() -> st.SearchStrategy[BillPolicy]:
    """Configured bill policies: due day, late fee rate (0-10‰), suspension days."""
    return st.builds(
        BillPolicy,
        due_day=st.none() | st.integers(1, 28),
        late_fee_rate=st.integers(0, 10).map(Rate.per_mille),
        suspend_after_days=st.integers(1, 90),
    )


@st.composite
def bills(
    draw: st.DrawFn, account_id: str | None = None, cycle: BillingCycle | None = None
) -> Bill:
    """An issued bill with a few lines (no payments yet)."""
    owner = account_id if account_id is not None else draw(aggregate_ids())
    month = cycle if cycle is not None else draw(billing_cycles(2000, 2050))
    line = st.builds(
        BillLine,
        aggregate_ids(),
        st.just("18612345678"),
        st.sampled_from(list(LineKind)),
        st.sampled_from(["data-1gb", "voice", "goodwill"]),
        st.sampled_from(["48元1GB流量包 (31/31天)", "国内语音 10 分钟 × ¥0.15"]),
        st.integers(-5000, 50_000).map(Money),
    )
    policy = draw(bill_policies())
    return Bill(
        bill_id(owner, month),
        owner,
        month,
        month.end,
        policy.due_date(month),
        policy.late_fee_rate,
        tuple(draw(st.lists(line, min_size=1, max_size=4))),
    )


def bill_runs() -> st.SearchStrategy[BillRun]:
    """A new, open bill run of some cycle."""
    return billing_cycles(2000, 2050).map(BillRun.of)
