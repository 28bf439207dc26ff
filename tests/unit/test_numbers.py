"""The numbers domain (F-NUM-1, F-NUM-2): the classifier and the mask against brute force."""

from __future__ import annotations

import datetime as dt
import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.numbers import (
    Mask,
    NumberQuery,
    PatternClass,
    PatternTable,
    pattern_table_from_toml,
)
from unicom_core.errors import InvalidInput
from unicom_core.testing.strategies import pool_numbers
from unicom_core.usecases.numbers import default_pattern_table

TABLE = default_pattern_table()


def _shape_holds(shape: str, step: int | None, tail: str) -> bool:
    """The rule as written: same letter same digit, other letters other digits, the step."""
    pairs = range(len(shape))
    if any((shape[i] == shape[j]) != (tail[i] == tail[j]) for i in pairs for j in pairs):
        return False
    if step is None:
        return True
    firsts = [tail[shape.index(letter)] for letter in dict.fromkeys(shape)]
    return all(int(b) - int(a) == step for a, b in itertools.pairwise(firsts))


def _is_date(text: str, years: tuple[int, int] | None) -> bool:
    year, rest = (2000, text) if years is None else (int(text[:4]), text[4:])
    if years is not None and not years[0] <= year <= years[1]:
        return False
    try:
        dt.date(year, int(rest[:2]), int(rest[2:]))
    except ValueError:
        return False
    return True


def brute_force(pattern: PatternClass, number: str) -> bool:
    if pattern.shape is not None:
        return _shape_holds(pattern.shape, pattern.step, number[-len(pattern.shape) :])
    if pattern.tails:
        return any(number.endswith(tail) for tail in pattern.tails)
    width = 4 if pattern.date == "MMDD" else 8
    return _is_date(number[-width:], pattern.years)


@given(pool_numbers())
def test_f_num_2_the_classifier_agrees_with_brute_force(number):
    expected = tuple(p.code for p in TABLE.classes if brute_force(p, number))
    assert TABLE.classify(number) == expected


@given(pool_numbers())
def test_f_num_2_the_tier_is_the_best_of_the_classes(number):
    row = TABLE.row(number, "北京", "北京")
    tiers = {t.code: t for t in TABLE.tiers}
    ranks = [tiers[p.tier].rank for p in TABLE.classes if brute_force(p, number)]
    assert row.tier_rank == min(ranks, default=tiers["ordinary"].rank)
    assert tiers[row.tier].rank == row.tier_rank


@pytest.mark.parametrize(
    ("number", "classes", "tier"),
    [
        ("18612348888", ("AAAA", "AAA", "lucky", "tail8"), "diamond"),
        ("18600123123", ("ABCABC",), "diamond"),
        ("18600001234", ("ABCD",), "gold"),
        ("18600004321", ("DCBA",), "gold"),
        ("18600001122", ("AABB", "MMDD"), "silver"),
        ("18600001212", ("ABAB", "MMDD"), "silver"),
        ("18600007770", ("AAAB",), "silver"),
        ("18619851001", ("YYYYMMDD", "MMDD"), "silver"),
        ("18619850229", ("MMDD",), "lucky"),  # 1985 was not a leap year
        ("18601235200", (), "ordinary"),
        ("18601231314", ("lucky",), "lucky"),
    ],
)
def test_f_num_2_examples_of_the_shipped_table(number, classes, tier):
    row = TABLE.row(number, "北京", "北京")
    assert (row.classes, row.tier) == (classes, tier)


def _mask_regex(text: str) -> re.Pattern[str]:
    return re.compile(text.replace("?", ".").replace("*", ".*"))


def _valid_mask(text: str) -> bool:
    positions = len(text.replace("*", ""))
    if "*" in text:
        return positions <= 11 and text.strip("*") != ""
    return positions == 11


@given(pool_numbers(), st.text("0189?*", min_size=1, max_size=13))
def test_f_num_1_a_mask_matches_as_its_regular_expression(number, text):
    if not _valid_mask(text):
        with pytest.raises(InvalidInput) as refused:
            Mask(text)
        assert refused.value.code == "number.mask"
        return
    assert Mask(text).matches(number) == bool(_mask_regex(text).fullmatch(number))


@pytest.mark.parametrize("text", ["186????888", "186????88889", "*", "18a*", "", "1" * 12 + "*"])
def test_f_num_1_a_bad_mask_is_refused(text):
    with pytest.raises(InvalidInput) as refused:
        Mask(text)
    assert refused.value.code == "number.mask"


def test_f_num_1_runs_of_stars_count_as_one_and_the_mask_knows_its_ends():
    mask = Mask("186**8888")
    assert mask.text == "186*8888"
    assert (mask.prefix, mask.suffix, mask.like) == ("186", "8888", "186%8888")
    assert Mask("186?????888").like == "186_____888"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("contains", "12a"),
        ("ends_with", ""),
        ("without", frozenset({"44"})),
        ("segments", frozenset({"86"})),
        ("limit", 101),
        ("offset", -1),
        ("pattern", "no spaces"),
    ],
)
def test_f_num_1_a_bad_filter_is_refused_naming_it(field, value):
    with pytest.raises(InvalidInput) as refused:
        NumberQuery(**{field: value})
    assert refused.value.code == "number.query"
    assert refused.value.data["field"] == field


TOML = """
default_tier = "plain"
[[tiers]]
code = "plain"
name = "普通"
rank = 9
prestore = "0元"
min_monthly = "0元"
[[classes]]
code = "AAAA"
name = "四连"
tier = "plain"
shape = "AAAA"
"""


def test_f_num_2_a_carrier_replaces_the_table_with_its_own_toml():
    table = pattern_table_from_toml(TOML)
    assert isinstance(table, PatternTable)
    assert table.classify("18600009999") == ("AAAA",)
    assert table.tier("plain").prestore.fen == 0


@pytest.mark.parametrize(
    ("change", "entry"),
    [
        (("rank = 9", "rank = 0"), "tiers.plain"),
        (('prestore = "0元"', 'prestore = "lots"'), "tiers[0].prestore"),
        (('\ntier = "plain"', '\ntier = "gold"'), "classes.AAAA"),
        (('shape = "AAAA"', 'shape = "aaaa"'), "classes.AAAA"),
        (('shape = "AAAA"', 'date = "DDMM"'), "classes.AAAA"),
        (('default_tier = "plain"', 'default_tier = "x"'), "default_tier"),
        (('shape = "AAAA"', 'shape = "AAAA"\ncolour = "red"'), "classes[0]"),
        (("[[classes]]", "[[classes]"), "toml"),
    ],
)
def test_f_num_2_a_bad_table_is_refused_naming_the_entry(change, entry):
    with pytest.raises(InvalidInput) as refused:
        pattern_table_from_toml(TOML.replace(*change))
    assert refused.value.code == "number.classes"
    assert refused.value.data["entry"] == entry
