"""F-NUM-2: a pool row checks its fields, the checks it remembers for a bulk load included.

A load of ten million rows checks each number, place, class list and tier; the checks
remember what passed (the segment heads, the places, the class lists, the tiers), and
must refuse with the same typed error whatever was remembered before.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.numbers import PoolNumber, check_pool_number
from unicom_core.domain.shared import classify
from unicom_core.errors import InvalidInput

GOOD = "18612345678"


def _row(**changes: object) -> PoolNumber:
    fields: dict[str, object] = {
        "number": GOOD,
        "province": "广东",
        "city": "广州",
        "classes": ("AAAA",),
        "tier": "gold",
        "tier_rank": 1,
    }
    fields.update(changes)
    return PoolNumber(**fields)  # type: ignore[arg-type]


def _refused(code: str, field: str, **changes: object) -> None:
    _row()  # the good values are remembered first
    with pytest.raises(InvalidInput) as refused:
        _row(**changes)
    assert refused.value.code == code
    assert refused.value.data["field"] == field


@pytest.mark.parametrize(
    "number",
    [
        "１８６１２３４５６７８",  # full-width digits: str.isdigit says yes, the rule says no
        "18612345678\n",
        "1861234567",
        "28612345678",
        "10012345678",  # no segment 100
        18612345678,
        None,
    ],
)
def test_f_num_2_a_bad_number_is_refused_after_good_ones(number: object) -> None:
    _refused("number.format", "number", number=number)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"classes": (["AAAA"],)}, "classes"),  # an unhashable entry: refused, no TypeError
        ({"classes": ("AAAA", 4)}, "classes"),
        ({"classes": "AAAA"}, "classes"),
        ({"tier": "go ld"}, "tier"),
        ({"tier": ""}, "tier"),
        ({"city": " 广州"}, "city"),
    ],
)
def test_f_num_2_bad_fields_are_refused_after_good_ones(
    changes: dict[str, object], field: str
) -> None:
    _refused("number.entry", field, **changes)


def test_f_num_2_a_list_of_classes_is_kept_as_a_tuple() -> None:
    assert _row(classes=["AAAA", "lucky"]).classes == ("AAAA", "lucky")


@given(st.text(alphabet="0123456789１\n", min_size=10, max_size=12))
def test_f_num_2_a_row_accepts_exactly_the_numbers_of_known_segments(text: str) -> None:
    valid = re.fullmatch(r"1[0-9]{10}", text) is not None and classify(text) is not None
    if valid:
        assert _row(number=text).number == text == check_pool_number(text)
    else:
        with pytest.raises(InvalidInput):
            _row(number=text)
