"""The before/after table of a handling's confirmation and record (F-BIZ-3, F-QRY-5)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from unicom_web.areas.handling_views import ChangeRow, compared

_LABELS = st.lists(st.sampled_from("abcdefgh"), unique=True, max_size=8)


def _rows(labels: list[str], side: str) -> tuple[ChangeRow, ...]:
    return tuple(ChangeRow(label, f"{side}-{label}") for label in labels)


def test_a_pack_added_shows_above_the_fee_and_a_pack_removed_where_it_stood():
    before = _rows(["data", "voice", "月费"], "old")
    added = compared(before, _rows(["data", "voice", "sms", "月费"], "new"))
    assert [row[0] for row in added] == ["data", "voice", "sms", "月费"]
    assert added[2] == ("sms", "—", "new-sms")
    removed = compared(before, _rows(["data", "月费"], "new"))
    assert [row[0] for row in removed] == ["data", "voice", "月费"]
    assert removed[1] == ("voice", "old-voice", "—")


def test_a_label_repeated_on_one_side_shows_its_values_together():
    rows = compared((ChangeRow("号码", "1"), ChangeRow("号码", "2")), ())
    assert rows == [("号码", "1、2", "—")]


@given(before=_LABELS, after=_LABELS)
def test_every_label_shows_once_in_the_order_of_after(before, after):
    rows = compared(_rows(before, "old"), _rows(after, "new"))
    labels = [row[0] for row in rows]
    assert sorted(labels) == sorted(set(before) | set(after))
    assert [label for label in labels if label in after] == after
    for label, old, new in rows:
        assert old == (f"old-{label}" if label in before else "—")
        assert new == (f"new-{label}" if label in after else "—")
