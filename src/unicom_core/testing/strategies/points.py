"""Strategies for points (F-QRY-4): moves on a points account, and accounts built by them.

An account is only ever drawn as the outcome of a drawn sequence of moves (earn, spend,
expire) at increasing instants, so it is an account the domain can reach.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from unicom_core.domain.handling import PointsAccount, PointsRules
from unicom_core.domain.shared import SHANGHAI
from unicom_core.errors import Refused

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = ["Move", "apply_move", "points_accounts", "points_moves"]

START = dt.datetime(2016, 1, 1, tzinfo=SHANGHAI)

Move = tuple[str, int, int]
"""(what: ``earn`` / ``spend`` / ``expire``, points, days after the previous move)."""


def points_moves(max_moves: int = 20) -> SearchStrategy[list[Move]]:
    """Sequences of moves: earn or spend 1..5000 points, or expire, some days apart."""
    move = st.tuples(
        st.sampled_from(("earn", "spend", "expire")),
        st.integers(1, 5000),
        st.integers(0, 400),
    )
    return st.lists(move, max_size=max_moves)


def apply_move(account: PointsAccount, move: Move, n: int, at: dt.datetime) -> bool:
    """Apply move number ``n`` at ``at``; False when a spend was refused (too few points)."""
    what, points, _ = move
    try:
        if what == "earn":
            account.earn(f"bill-{n}", points, at=at, rules=PointsRules())
        elif what == "spend":
            account.spend(points, f"redeem-{n}", at=at)
        else:
            account.expire(at)
    except Refused:
        return False
    return True


@st.composite
def points_accounts(draw: st.DrawFn, subscriber_id: str | None = None) -> PointsAccount:
    """A points account reached by drawn moves (id: ``subscriber_id`` or drawn)."""
    account_id = subscriber_id or draw(st.from_regex(r"s[0-9]{1,8}", fullmatch=True))
    account = PointsAccount(account_id)
    at = START
    for n, move in enumerate(draw(points_moves(8))):
        at += dt.timedelta(days=move[2])
        apply_move(account, move, n, at)
    return account
