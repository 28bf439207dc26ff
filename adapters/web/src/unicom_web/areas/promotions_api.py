"""The JSON endpoints of promotions (優惠活動, 沃之樹, the draw; F-PRO-1..4).

* ``GET /promotions/offers``: the campaigns open now, each with its benefits, quota left
  and every eligibility rule's verdict for the session's number (``query.promotions``);
* ``POST /promotions/campaigns/{code}/join``: join through the hall's channel
  (``promotion.join``); the body's ``request_id`` or the ``Idempotency-Key`` header makes it
  once: 201 with the participation (and the payment of a joining fee, ``pending`` with the
  cashier's next step), 200 with the same answer for a replay. Refusals: 403
  ``promotion.not_eligible`` (``rule``), ``promotion.sold_out``; 409
  ``promotion.already_joined``; 404 ``promotion.unknown_campaign``; 422
  ``promotion.request_id``;
* ``POST /promotions/campaigns/{code}/cancel``: cancel within the rule (403
  ``promotion.not_cancellable`` with its ``reason``, 404 ``promotion.not_joined``);
* ``GET /promotions/participations``: the number's participations, newest first;
* ``GET /promotions/growth``: the tree of 沃之樹 (``query.growth``);
  ``GET /promotions/growth/history``: its earnings, newest first (``offset``, ``limit``);
  ``POST /promotions/growth/claims``: claim a reward once (``promotion.claim``; 201);
* ``GET /promotions/draws/{code}``: a draw as anyone may see it (public: the commitment,
  the masked entries, and after the reveal the seed and the winners).

The channel of a join is the hall's (``WebSettings.channel``), never the caller's word.
"""

from __future__ import annotations

from litestar import get, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from unicom_core.domain.promotions import Claim, Earning
from unicom_core.ports.shared import Page, PageRequest
from unicom_core.usecases.promotions import DrawView, TreeView
from unicom_web.areas.payments_api import IdempotencyKey, Limit
from unicom_web.areas.promotions_views import (
    ClaimRequest,
    JoinRequest,
    JoinView,
    OfferView,
    ParticipationView,
    join_view,
    offer_view,
    participation_view,
)
from unicom_web.bodies import PROBLEMS, ConvertedResponse, Offset
from unicom_web.deps import Hall, Settings, Token

__all__ = ["API"]

_TAGS = ["promotions"]
_JOINING = {
    **PROBLEMS,
    HTTP_200_OK: ResponseSpec(
        JoinView,
        generate_examples=False,
        description="The answer to a replayed request id: the first join",
    ),
}


def _request_id(header: str | None, body: str | None) -> str:
    """The body's request id, else the header's; ``""`` (refused by the hall) when neither."""
    return body or header or ""


@get(
    "/promotions/offers",
    tags=_TAGS,
    summary="The campaigns open now, with my eligibility",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def offers(hall: Hall, token: Token, web_settings: Settings) -> list[OfferView]:
    """Each campaign open now, its benefits, quota left and every rule's verdict (F-PRO-1)."""
    now = hall.clock.now()
    return [offer_view(o, now) for o in hall.promotions.offers(token, channel=web_settings.channel)]


@post(
    "/promotions/campaigns/{code:str}/join",
    tags=_TAGS,
    summary="Join a campaign",
    sync_to_thread=True,
    status_code=HTTP_201_CREATED,
    responses=_JOINING,
)
def join(  # noqa: PLR0913, PLR0917 - the path, the body, the header and the dependencies
    code: FromPath[str],
    data: JSONBody[JoinRequest],
    hall: Hall,
    token: Token,
    web_settings: Settings,
    idempotency_key: IdempotencyKey = None,
) -> ConvertedResponse[JoinView]:
    """Join once per request id; a joining fee is paid through the payment engine (F-PRO-2)."""
    result = hall.promotions.join(
        token,
        code,
        request_id=_request_id(idempotency_key, data.request_id),
        channel=web_settings.channel,
    )
    status = HTTP_200_OK if result.duplicate else HTTP_201_CREATED
    return ConvertedResponse(join_view(result, hall.clock.now()), status_code=status)


@post(
    "/promotions/campaigns/{code:str}/cancel",
    tags=_TAGS,
    summary="Cancel my participation",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def cancel(code: FromPath[str], hall: Hall, token: Token) -> ParticipationView:
    """Cancel within the rule: benefits withdrawn, the place given back (F-PRO-1)."""
    return participation_view(hall.promotions.cancel(token, code), hall.clock.now())


@get(
    "/promotions/participations",
    tags=_TAGS,
    summary="My participations, newest first",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def participations(hall: Hall, token: Token) -> list[ParticipationView]:
    """The number's participations: state, benefits granted, entitlements."""
    now = hall.clock.now()
    return [participation_view(p, now) for p in hall.promotions.participations(token)]


@get(
    "/promotions/growth",
    tags=_TAGS,
    summary="My Wo Tree",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def tree(hall: Hall, token: Token) -> TreeView:
    """Points, stage, progress to the next threshold, each reward's state (F-PRO-4)."""
    return hall.growth.tree(token)


@get(
    "/promotions/growth/history",
    tags=_TAGS,
    summary="My Wo Tree points history, newest first",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def history(hall: Hall, token: Token, offset: Offset = 0, limit: Limit = 20) -> Page[Earning]:
    """The points earned from top-ups and data-pack orders (F-PRO-4)."""
    return hall.growth.history(token, PageRequest(offset, limit))


@post(
    "/promotions/growth/claims",
    tags=_TAGS,
    summary="Claim a Wo Tree reward",
    sync_to_thread=True,
    status_code=HTTP_201_CREATED,
    responses=PROBLEMS,
)
def claim(
    data: JSONBody[ClaimRequest],
    hall: Hall,
    token: Token,
    idempotency_key: IdempotencyKey = None,
) -> Claim:
    """Claim a reward of a stage reached, once; the same request id answers the same claim."""
    request_id = _request_id(idempotency_key, data.request_id)
    return hall.growth.claim(token, data.reward_code, request_id=request_id)


@get(
    "/promotions/draws/{code:str}",
    tags=_TAGS,
    summary="A prize draw, as anyone may check it",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def draw(code: FromPath[str], hall: Hall) -> DrawView:
    """Commitment, masked entries, state; after the reveal the seed and winners (F-PRO-4)."""
    return hall.growth.draw(code)


API = (offers, join, cancel, participations, tree, history, claim, draw)
"""The promotions endpoints, mounted under ``/api/v1``."""
