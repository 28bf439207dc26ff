"""Hypothesis strategies of the numbers area (F-NUM-1..3): pool numbers and search queries.

Digits are drawn from a small alphabet often enough that masks, tails and pattern classes
find matches in a pool of a few hundred numbers (a uniform draw would almost never hit).
"""

from __future__ import annotations

from hypothesis import strategies as st

from unicom_core.domain.numbers import Mask, NumberQuery

__all__ = ["number_queries", "pool_numbers"]

_SEGMENTS = ("130", "155", "166", "185", "186")
_OFTEN = "01888"
_TIERS = ("diamond", "gold", "silver", "lucky", "ordinary")
_CLASSES = ("AAAA", "AAA", "ABCD", "DCBA", "AABB", "ABAB", "AAAB", "lucky", "MMDD", "tail8")


def _digits(size: int) -> st.SearchStrategy[str]:
    digit = st.one_of(st.sampled_from(_OFTEN), st.sampled_from("0123456789"))
    return st.lists(digit, min_size=size, max_size=size).map("".join)


def pool_numbers() -> st.SearchStrategy[str]:
    """11-digit numbers of a few Unicom segments, tails biased toward patterns."""
    return st.builds(lambda s, body: s + body, st.sampled_from(_SEGMENTS), _digits(8))


def _masks() -> st.SearchStrategy[Mask]:
    full = st.lists(st.sampled_from("?????0188"), min_size=8, max_size=8).flatmap(
        lambda body: st.sampled_from(_SEGMENTS).map(lambda s: s + "".join(body))
    )
    starred = st.builds(
        lambda head, tail: f"{head}*{tail}",
        st.sampled_from(("", "1", "18", "186", "155")),
        st.text("0188?", min_size=1, max_size=5),
    )
    return st.one_of(full, starred).map(Mask)


def _short_digits() -> st.SearchStrategy[str]:
    return st.integers(1, 5).flatmap(_digits)


def _filters() -> dict[str, st.SearchStrategy[object]]:
    return {
        "mask": _masks(),
        "contains": _short_digits(),
        "ends_with": _short_digits(),
        "starts_with": st.sampled_from(("1", "18", "186", "1558", "18601")),
        "without": st.frozensets(st.sampled_from("0123456789"), min_size=1, max_size=2),
        "segments": st.frozensets(st.sampled_from(_SEGMENTS), min_size=1, max_size=2),
        "province": st.sampled_from(("北京", "广东")),
        "city": st.sampled_from(("广州", "深圳", "北京")),
        "tiers": st.frozensets(st.sampled_from(_TIERS), min_size=1, max_size=2),
        "pattern": st.sampled_from(_CLASSES),
    }


@st.composite
def number_queries(draw: st.DrawFn) -> NumberQuery:
    """Queries of one to three filters, with small pages so that paging is exercised."""
    filters = _filters()
    chosen = draw(st.lists(st.sampled_from(sorted(filters)), min_size=0, max_size=3, unique=True))
    values = {name: draw(filters[name]) for name in chosen}
    return NumberQuery(
        **values,  # type: ignore[arg-type]
        offset=draw(st.integers(0, 12)),
        limit=draw(st.integers(1, 8)),
    )
