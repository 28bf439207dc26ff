"""The fee of each detail record as rated (F-QRY-3): earliest records drain the allowances.

The law (docs: :mod:`unicom_core.domain.billing.record_fees`): the fees of a cycle's records
add up exactly to the cycle's usage charge, and none is negative.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.billing import (
    Bucket,
    DefaultRates,
    Measure,
    OverageTariff,
    Tariff,
    UsageEntry,
    UsageKind,
    UsageTotals,
    billable_units,
    rate,
    rated_entries,
)
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money

MAY = BillingCycle(2016, 5)
MB = 1024 * 1024
GB_PACK = Bucket("data-1gb", "48元1GB", Measure.DATA_KB, 1024 * 1024)
MINUTES = Bucket("voice-200min", "32元200分钟", Measure.VOICE_MINUTES, 200)
TARIFF = Tariff("combo", (GB_PACK, MINUTES), OverageTariff.of(None, DefaultRates()))


def _entry(index: int, kind: UsageKind, quantity: int, fee: Money | None = None) -> UsageEntry:
    started = dt.datetime(2016, 5, 1, tzinfo=SHANGHAI) + dt.timedelta(minutes=index)
    detail = "game" if kind is UsageKind.VALUE_ADDED else ""
    units = billable_units(kind, quantity)
    return UsageEntry(f"r{index:04d}", "s", "a", MAY, kind, started, quantity, units, detail, fee)


def test_f_qry_3_the_records_beyond_the_pack_pay_the_overage():
    # 1 GB pack, then 0.20元 per started MB over (the published 4G combination rate)
    rated = rated_entries(
        TARIFF,
        [
            _entry(0, UsageKind.DATA, 600 * MB),  # inside the pack
            _entry(1, UsageKind.DATA, 500 * MB),  # 1100 MB: 76 MB over = 15.20元
            _entry(2, UsageKind.DATA, 100 * MB),  # 1200 MB: 176 MB over, 100 more = 20.00元
            _entry(3, UsageKind.VOICE, 201 * 60),  # 201 minutes: 1 over at 0.15元
        ],
    )
    assert [r.fee for r in rated] == [Money(0), Money(1520), Money(2000), Money(15)]


_KINDS = st.sampled_from(list(UsageKind))


@st.composite
def _entries(draw: st.DrawFn) -> list[UsageEntry]:
    count = draw(st.integers(0, 25))
    found = []
    for index in range(count):
        kind = draw(_KINDS)
        quantity = draw(st.integers(0, 900 * MB if kind is UsageKind.DATA else 5_000))
        fee = Money(draw(st.integers(0, 500))) if kind is UsageKind.VALUE_ADDED else None
        found.append(_entry(index, kind, quantity, fee))
    return found


@given(_entries())
def test_f_qry_3_the_fees_of_the_records_add_up_to_the_usage_charge(entries):
    rated = rated_entries(TARIFF, entries)
    assert [r.entry for r in rated] == entries
    assert all(not r.fee.is_negative for r in rated)
    expected = rate(TARIFF, UsageTotals.of_entries(entries)).total
    assert Money.total(r.fee for r in rated) == expected
