"""Usage records: metering, rounding, validation with reasons, detail windows (F-QRY-2, 3)."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.billing import (
    DetailKind,
    RejectReason,
    ServiceUse,
    UsageEntry,
    UsageKind,
    UsageRecord,
    UsageSum,
    UsageTotals,
    billable_units,
    check_record,
    detail_window,
    require_detail_window,
)
from unicom_core.domain.shared import SHANGHAI, BillingCycle, Money
from unicom_core.errors import InvalidInput, Refused
from unicom_core.testing.strategies.billing import usage_entries

AT = datetime(2016, 5, 17, 10, tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("kind", "quantity", "units"),
    [
        (UsageKind.VOICE, 0, 0),
        (UsageKind.VOICE, 1, 1),  # a started minute counts
        (UsageKind.VOICE, 60, 1),
        (UsageKind.VOICE, 61, 2),
        (UsageKind.WLAN, 3599, 60),
        (UsageKind.DATA, 1, 1),  # a started KB counts
        (UsageKind.DATA, 1024, 1),
        (UsageKind.DATA, 1025, 2),
        (UsageKind.DATA, 1024 * 1024, 1024),
        (UsageKind.SMS, 3, 3),
        (UsageKind.MMS, 1, 1),
        (UsageKind.VALUE_ADDED, 2, 2),
    ],
)
def test_units_are_rounded_up_per_record(kind, quantity, units):
    assert billable_units(kind, quantity) == units


@given(st.lists(st.integers(0, 10_000), max_size=20))
def test_voice_is_rounded_per_call_never_per_month(seconds):
    per_call = sum(billable_units(UsageKind.VOICE, s) for s in seconds)
    assert per_call >= -(-sum(seconds) // 60)
    assert per_call == sum((s + 59) // 60 for s in seconds)


def record(**changes):
    fields = {
        "record_id": "r-1",
        "number": "18612345678",
        "kind": UsageKind.VOICE,
        "started_at": AT,
        "quantity": 30,
    }
    return UsageRecord(**{**fields, **changes})


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"record_id": ""}, RejectReason.MALFORMED_ID),
        ({"record_id": "a b"}, RejectReason.MALFORMED_ID),
        ({"started_at": datetime(2016, 5, 17)}, RejectReason.MALFORMED_TIME),  # noqa: DTZ001
        ({"detail": "x" * 201}, RejectReason.MALFORMED_DETAIL),
        ({"detail": "line\nbreak"}, RejectReason.MALFORMED_DETAIL),
        ({"quantity": -1}, RejectReason.NEGATIVE_QUANTITY),
        ({"fee": Money(10)}, RejectReason.UNEXPECTED_FEE),
        ({"kind": UsageKind.VALUE_ADDED, "fee": Money(-1)}, RejectReason.NEGATIVE_FEE),
    ],
)
def test_a_malformed_record_is_rejected_with_its_reason(changes, reason):
    rejection = check_record(record(**changes))
    assert rejection is not None
    assert rejection.reason is reason
    assert rejection.message


def test_a_well_formed_record_passes():
    assert check_record(record()) is None
    assert check_record(record(kind=UsageKind.VALUE_ADDED, fee=Money(100), detail="game")) is None


@pytest.mark.parametrize(
    "changes",
    [{"quantity": "30"}, {"quantity": True}, {"kind": "voice"}, {"fee": 1}, {"started_at": "x"}],
)
def test_a_record_of_the_wrong_types_cannot_be_built(changes):
    with pytest.raises(InvalidInput):
        record(**changes)


def test_an_entry_takes_its_cycle_in_beijing_time():
    late = record(started_at=datetime(2016, 5, 31, 16, 30, tzinfo=SHANGHAI).replace(hour=23))
    assert UsageEntry.accept(late, "s-1", "a-1").cycle == BillingCycle(2016, 5)
    utc_next_day = record(started_at=datetime.fromisoformat("2016-05-31T16:30:00+00:00"))
    assert UsageEntry.accept(utc_next_day, "s-1", "a-1").cycle == BillingCycle(2016, 6)


def test_totals_add_units_per_kind_and_fees_per_service():
    sums = [
        UsageSum(UsageKind.VOICE, "", 3),
        UsageSum(UsageKind.VOICE, "", 2),
        UsageSum(UsageKind.DATA, "", 2048),
        UsageSum(UsageKind.VALUE_ADDED, "game", 2, 300),
        UsageSum(UsageKind.VALUE_ADDED, "game", 1, 100),
        UsageSum(UsageKind.VALUE_ADDED, "caller_id", 1, 0),
    ]
    assert UsageTotals.of_sums(sums) == UsageTotals(
        voice_minutes=5,
        data_kb=2048,
        services=(ServiceUse("caller_id", 1, Money(0)), ServiceUse("game", 3, Money(400))),
    )


@given(st.lists(usage_entries(["s-1"], BillingCycle(2016, 5)), max_size=20))
def test_totals_of_entries_are_order_free(entries):
    assert UsageTotals.of_entries(entries) == UsageTotals.of_entries(list(reversed(entries)))


# ---------------------------------------------------------------------- F-QRY-3 windows

JUNE = BillingCycle(2016, 6)


@pytest.mark.parametrize(
    ("kind", "earliest"),
    [
        (DetailKind.VOICE, BillingCycle(2016, 1)),  # six months, June included
        (DetailKind.SMS, BillingCycle(2016, 1)),
        (DetailKind.VALUE_ADDED, BillingCycle(2016, 1)),
        (DetailKind.DATA, BillingCycle(2016, 1)),
        (DetailKind.WLAN, BillingCycle(2016, 1)),
        (DetailKind.INTERNET, BillingCycle(2016, 5)),  # two months, June included
    ],
)
def test_f_qry_3_detail_windows_on_both_sides(kind, earliest):
    assert detail_window(kind, JUNE) == (earliest, JUNE)
    require_detail_window(kind, earliest, JUNE)
    require_detail_window(kind, JUNE, JUNE)
    with pytest.raises(Refused) as raised:
        require_detail_window(kind, earliest.previous(), JUNE)
    assert raised.value.code == "billing.detail_window"
    assert raised.value.data["earliest"] == str(earliest)
    with pytest.raises(Refused):
        require_detail_window(kind, JUNE.next(), JUNE)


def test_f_qry_3_the_window_crosses_the_year():
    assert detail_window(DetailKind.VOICE, BillingCycle(2017, 2))[0] == BillingCycle(2016, 9)


def test_detail_kinds_name_their_capability_and_usage_kinds():
    assert DetailKind.VALUE_ADDED.capability_name == "query.detail.vas"
    assert DetailKind.INTERNET.capability_name == "query.detail.internet"
    assert DetailKind.SMS.usage_kinds == (UsageKind.SMS, UsageKind.MMS)
    assert DetailKind.INTERNET.usage_kinds == (UsageKind.DATA,)
