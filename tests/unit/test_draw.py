"""The prize draw of the growth game: commit-reveal and winners anyone can re-compute (F-PRO-4)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.promotions import (
    Draw,
    DrawState,
    commitment_of,
    draw_winners,
)
from unicom_core.domain.shared import SHANGHAI
from unicom_core.errors import InvalidInput, Refused

AT = dt.datetime(2016, 5, 17, 10, tzinfo=SHANGHAI)
SEED = "5f1e" * 16  # 64 hex digits
seeds = st.text("0123456789abcdef", min_size=32, max_size=128)
entry_ids = st.lists(st.text(min_size=1, max_size=12), max_size=40)


def _independent_winners(seed: str, entries: list[str], count: int) -> list[str]:
    """The published algorithm, written again here from its description with hashlib only."""
    key = seed.encode("ascii")
    scored = sorted(
        (hmac.new(key, e.encode("utf-8"), hashlib.sha256).hexdigest(), e) for e in set(entries)
    )
    return [entry for _, entry in scored[:count]]


# ---------------------------------------------------------------- the pure function's laws


@given(seeds, entry_ids, st.integers(0, 50))
def test_the_same_seed_and_entries_give_the_same_winners_in_any_order(seed, entries, count):
    first = draw_winners(seed, entries, count)
    assert draw_winners(seed, list(reversed(entries)), count) == first
    assert draw_winners(seed, sorted(entries), count) == first


@given(seeds, entry_ids, st.integers(0, 50))
def test_winners_are_distinct_entries_and_as_many_as_possible(seed, entries, count):
    winners = draw_winners(seed, entries, count)
    assert set(winners) <= set(entries)
    assert len(set(winners)) == len(winners)
    assert len(winners) == min(count, len(set(entries)))


@given(seeds, entry_ids, st.integers(0, 50))
def test_the_winners_are_what_the_published_algorithm_gives(seed, entries, count):
    assert list(draw_winners(seed, entries, count)) == _independent_winners(seed, entries, count)


def test_a_known_answer_computed_with_hashlib():
    entries = [f"{n:06d}" for n in range(1, 11)]
    key = SEED.encode("ascii")
    scores = {e: hmac.new(key, e.encode(), hashlib.sha256).hexdigest() for e in entries}
    expected = tuple(sorted(entries, key=lambda e: scores[e])[:3])
    assert draw_winners(SEED, entries, 3) == expected
    assert commitment_of(SEED) == hashlib.sha256(SEED.encode("ascii")).hexdigest()


@pytest.mark.parametrize(
    ("seed", "count", "field"),
    [("short", 1, "seed"), ("A" * 32, 1, "seed"), (SEED, -1, "count"), (SEED, True, "count")],
)
def test_bad_arguments_are_typed_errors(seed, count, field):
    with pytest.raises(InvalidInput) as raised:
        draw_winners(seed, ["000001"], count)
    assert raised.value.code == "draw.data"
    assert raised.value.data["field"] == field


# ---------------------------------------------------------------- the aggregate


def _draw(entries: int = 5, winners: int = 2) -> Draw:
    draw = Draw(id="ipad-517", prize="iPad", prize_count=winners, opened_at=AT)
    for n in range(entries):
        draw.enter(f"s{n}", "fruit", f"186****{n:04d}", at=AT)
    return draw


def test_entries_get_stable_ids_once_per_subscriber_and_source():
    draw = _draw(3)
    assert draw.entry_ids == ("000001", "000002", "000003")
    again = draw.enter("s1", "fruit", "186****0001", at=AT)
    assert again.entry_id == "000002"
    assert len(draw.entries) == 3
    assert draw.enter("s1", "other-reward", "186****0001", at=AT).entry_id == "000004"


def test_commit_close_reveal_draws_the_published_winners():
    draw = _draw(5, winners=2)
    draw.commit(commitment_of(SEED), at=AT)
    digest = hashlib.sha256("\n".join(draw.entry_ids).encode()).hexdigest()
    (closed,) = draw.close(at=AT)
    assert closed.entries_digest == digest == draw.entries_digest
    draw.reveal(SEED, at=AT)
    assert draw.state is DrawState.DRAWN
    assert list(draw.winners) == _independent_winners(SEED, list(draw.entry_ids), 2)
    assert draw.reveal(SEED, at=AT) == ()  # the same reveal again changes nothing


def test_entries_cannot_close_before_a_commitment():
    draw = _draw()
    with pytest.raises(Refused) as raised:
        draw.close(at=AT)
    assert raised.value.code == "draw.not_committed"


def test_a_seed_not_matching_the_commitment_is_refused_and_draws_nothing():
    draw = _draw()
    draw.commit(commitment_of(SEED), at=AT)
    draw.close(at=AT)
    with pytest.raises(Refused) as raised:
        draw.reveal("0" * 64, at=AT)
    assert raised.value.code == "draw.commitment_mismatch"
    assert draw.state is DrawState.CLOSED
    assert draw.winners == ()


def test_no_entry_and_no_new_commitment_after_entries_close():
    draw = _draw()
    draw.commit(commitment_of(SEED), at=AT)
    draw.close(at=AT)
    with pytest.raises(Refused) as entering:
        draw.enter("late", "fruit", "186****9999", at=AT)
    with pytest.raises(Refused) as committing:
        draw.commit(commitment_of("1" * 64), at=AT)
    assert entering.value.code == committing.value.code == "draw.state"


def test_a_commitment_cannot_be_changed_nor_revealed_before_closing():
    draw = _draw()
    draw.commit(commitment_of(SEED), at=AT)
    assert draw.commit(commitment_of(SEED), at=AT) == ()
    with pytest.raises(Refused):
        draw.commit(commitment_of("1" * 64), at=AT)
    with pytest.raises(Refused) as raised:
        draw.reveal(SEED, at=AT)
    assert raised.value.code == "draw.state"


@pytest.mark.parametrize("commitment", ["", "g" * 64, "A" * 64, "a" * 63])
def test_a_malformed_commitment_is_invalid(commitment):
    with pytest.raises(InvalidInput) as raised:
        _draw().commit(commitment, at=AT)
    assert raised.value.data["field"] == "commitment"
