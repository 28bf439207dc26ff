"""Hypothesis strategies for business records (F-QRY-5)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import strategies as st

from unicom_core.domain.handling import BusinessRecord, Change, Effect, RecordStatus
from unicom_core.domain.shared import Money
from unicom_core.testing.strategies.calendar import after, shanghai_instants

__all__ = ["business_records", "changes"]

_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20
).filter(str.strip)
_ROWS = st.lists(st.tuples(_TEXT, _TEXT), max_size=3)


@st.composite
def changes(draw: st.DrawFn, effect: Effect | None = None) -> Change:
    """A decided change with rows, terms and params of arbitrary (non-blank) text."""
    return Change(
        summary=draw(_TEXT),
        effect=effect if effect is not None else draw(st.sampled_from(Effect)),
        before=draw(_ROWS),
        after=draw(_ROWS),
        terms=draw(st.lists(_TEXT, max_size=3)),
        params=draw(_ROWS),
        fee=Money(draw(st.integers(0, 100_000))),
    )


@st.composite
def business_records(
    draw: st.DrawFn, subscriber_id: str | None = None, status: RecordStatus | None = None
) -> BusinessRecord:
    """A business record of ``subscriber_id`` (drawn if None), consistent with its status."""
    state = status if status is not None else draw(st.sampled_from(RecordStatus))
    effect = Effect.NOW if state is RecordStatus.DONE else Effect.NEXT_CYCLE
    requested = draw(shanghai_instants())
    later = after(requested, timedelta(seconds=draw(st.integers(0, 40 * 86400))))
    return BusinessRecord(
        id=draw(st.from_regex(r"[0-9a-f]{32}", fullmatch=True)),
        subscriber_id=subscriber_id or draw(st.sampled_from(["s1", "s2", "s3"])),
        number="186****0001",
        holder="张*",
        kind=draw(st.sampled_from(["bundle", "roaming", "wlan"])),
        title="业务",
        channel="online_hall",
        requested_by="session-1",
        requested_at=requested,
        effective_from=requested if effect is Effect.NOW else later,
        change=draw(changes(effect)),
        request_digest="d" * 64,
        status=state,
    )
