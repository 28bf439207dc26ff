"""Detail-record quantities as people read them (F-QRY-3): m:ss, B/KB/MB/GB, 条, 次."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from unicom_web.i18n import translator
from unicom_web.usage_units import data_text, duration_text, quantity_text

from unicom_core.domain.billing import UsageKind

MB = 1024 * 1024


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0:00"), (61, "1:01"), (14 * 60, "14:00"), (3903, "1:05:03")]
)
def test_f_qry_3_calls_are_minutes_and_seconds(seconds, text):
    assert duration_text(seconds) == text


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (1000, "1000 B"),
        (1536, "1.5 KB"),
        (300 * MB, "300 MB"),
        (300 * MB + 5242, "300 MB"),  # 0.004999 MB over: rounds down
        (300 * MB + 5243, "300.01 MB"),  # 0.0050001 MB over: rounds up
        (1536 * MB, "1.5 GB"),
    ],
)
def test_f_qry_3_data_is_in_the_largest_unit_two_decimals_at_most(size, text):
    assert data_text(size) == text


@pytest.mark.parametrize(
    ("kind", "quantity", "zh", "en"),
    [
        (UsageKind.SMS, 3, "3 条", "3 messages"),
        (UsageKind.VALUE_ADDED, 2, "2 次", "2 uses"),
        (UsageKind.VOICE, 840, "14:00", "14:00"),
        (UsageKind.DATA, 300 * MB, "300 MB", "300 MB"),
    ],
)
def test_f_qry_3_each_kind_has_its_unit_in_both_languages(kind, quantity, zh, en):
    assert quantity_text(kind, quantity, translator("zh")) == zh
    assert quantity_text(kind, quantity, translator("en")) == en


@given(st.integers(0, 10**13))
def test_f_qry_3_a_data_size_reads_back_within_half_a_hundredth_of_its_unit(size):
    number, unit = data_text(size).split(" ")
    scale = 1024 ** ["B", "KB", "MB", "GB", "TB"].index(unit)
    assert abs(float(number) * scale - size) <= 0.005 * scale + 1e-6 * size
