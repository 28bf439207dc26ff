"""The pages of the growth game 沃之樹 and its prize draw (F-PRO-4).

* ``GET /promotions/growth`` (a login): the points, the stage reached, a progress bar to
  the next threshold, each stage's rewards with their state (locked / claimable / claimed,
  with a claim button), the coupon codes and packs claimed, the draws entered, and the
  earning history (paged, ``?offset=``);
* ``POST /promotions/growth/claim``: claims a reward once (a hidden ``request_id`` drawn
  when the page is shown: a double submit answers the first claim); a refusal shows in
  place as the friendly message of its code;
* ``GET /promotions/draws/{code}`` (public, no login): the published commitment (from
  before the entries close), the number of entries and the entries (masked numbers), and
  after the reveal the seed, the winners (masked) and how to verify it yourself, the
  algorithm in words and in a few lines of Python's standard library.
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from unicom_core.domain.promotions import RewardKind
from unicom_core.errors import UnicomError
from unicom_core.ports.shared import PageRequest
from unicom_web.areas.forms import Form, field
from unicom_web.areas.payments_pages import problem_or_raise
from unicom_web.deps import Hall, Token
from unicom_web.pages import render

if TYPE_CHECKING:
    from unicom_web.problems import Problem

__all__ = ["GROWTH_PATH", "PAGES"]

GROWTH_PATH = "/promotions/growth"
_PAGE = 10
_MAX_OFFSET = 100_000


def _draws(hall: Hall) -> list[str]:
    """The codes of the draws the game's rewards enter, in the rules' order."""
    codes = [
        str(reward.draw)
        for stage in hall.growth.rules.stages
        for reward in stage.rewards
        if reward.kind is RewardKind.DRAW_ENTRY
    ]
    return list(dict.fromkeys(codes))


def _growth_page(
    request: Request[Any, Any, Any],
    hall: Hall,
    token: Token,
    offset: int = 0,
    problem: Problem | None = None,
) -> Template:
    tree = hall.growth.tree(token)
    start = min(max(offset, 0), _MAX_OFFSET)
    return render(
        request,
        "promotions/growth.html",
        status_code=problem.status if problem is not None else 200,
        tree=tree,
        rules=hall.growth.rules,
        history=hall.growth.history(token, PageRequest(start, _PAGE)),
        claims=[r.claim for r in tree.rewards if r.claim is not None],
        draws=_draws(hall),
        request_id=secrets.token_hex(16),
        problem=problem,
    )


@get(GROWTH_PATH, include_in_schema=False, sync_to_thread=True)
def growth_page(
    request: Request[Any, Any, Any], hall: Hall, token: Token, offset: FromQuery[int] = 0
) -> Template:
    """沃之树: points, stage, progress, rewards and their states, coupons, history."""
    return _growth_page(request, hall, token, offset)


@post(f"{GROWTH_PATH}/claim", include_in_schema=False, sync_to_thread=True)
def claim_submit(
    request: Request[Any, Any, Any], data: Form, hall: Hall, token: Token
) -> Template | Redirect:
    """Claim a reward once per request id, then back to the tree."""
    try:
        hall.growth.claim(token, field(data, "reward_code"), request_id=field(data, "request_id"))
    except UnicomError as error:
        return _growth_page(request, hall, token, problem=problem_or_raise(error))
    return Redirect(GROWTH_PATH, status_code=303)


@get("/promotions/draws/{code:str}", include_in_schema=False, sync_to_thread=True)
def draw_page(request: Request[Any, Any, Any], code: FromPath[str], hall: Hall) -> Template:
    """A draw as anyone may check it: commitment, entries, seed and winners once drawn."""
    return render(request, "promotions/draw.html", draw=hall.growth.draw(code))


PAGES = (growth_page, claim_submit, draw_page)
"""The pages of 沃之樹 and its draw."""
