"""The operators' promotions API: campaigns, entitlements, prize draws (F-PRO-1..4, F-AUTH-6).

Every route needs ``Authorization: Bearer`` with an operator access token (``POST
/oauth/token``) of scope ``promotions.manage``; a cookie never authorizes these routes.
Errors are RFC 9457 problems: 401 with ``WWW-Authenticate: Bearer`` (no token, or
``error="invalid_token"`` for an unknown, expired or revoked one), 403
``error="insufficient_scope"`` without the scope. Each change is made by the use case with
the token's client id as ``actor`` and audited in its transaction (``GET /operator/audit``).

* ``POST /api/v1/operator/campaigns``: define one campaign (a DRAFT; 201). The body is JSON,
  ``{"toml": "<the campaign's TOML text>"}``: the very format of ``unicom campaigns load``
  (``docs/how-to/define-a-campaign.md``), holding exactly one ``[[campaign]]`` table;
* ``GET /api/v1/operator/campaigns``: every campaign, by code;
  ``GET /api/v1/operator/campaigns/{code}``: one, with its live participations and the
  units left of its quota;
* ``POST /api/v1/operator/campaigns/{code}/publish`` and ``.../{code}/end``: the state;
* ``POST /api/v1/operator/entitlements/issue?limit=``: one pass of the entitlement job;
* ``POST /api/v1/operator/draws`` (``{"code", "prize", "winners"}``; 201), and
  ``.../draws/{code}/commit`` (``{"commitment"}``: sha256 of the seed, hex),
  ``.../{code}/close`` and ``.../{code}/reveal`` (``{"seed"}``).
"""

from __future__ import annotations

from typing import Any

import attrs
from litestar import Request, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from unicom_core.domain.access import PROMOTIONS_MANAGE
from unicom_core.domain.promotions import PROMOTION_TOML, Campaign, campaigns_from_toml
from unicom_core.usecases.promotions import DrawView, EntitlementReport
from unicom_web.areas import Area
from unicom_web.areas.operator_console import bearer_token, operator_actor
from unicom_web.bodies import PROBLEMS
from unicom_web.deps import Hall

__all__ = [
    "AREA",
    "CampaignRequest",
    "CampaignStandingView",
    "CommitRequest",
    "DrawRequest",
    "RevealRequest",
]

_TAGS = ["operator"]
_CAMPAIGNS = "/operator/campaigns"
_DRAWS = "/operator/draws"


@attrs.frozen(slots=True)
class CampaignRequest:
    """A campaign to define: its TOML text, exactly one ``[[campaign]]`` table."""

    toml: str


@attrs.frozen(slots=True)
class CampaignStandingView:
    """A campaign with its live participations and the units left of its quota (or None)."""

    campaign: Campaign
    participations: int
    quota_left: int | None


@attrs.frozen(slots=True)
class DrawRequest:
    """A draw to open: its code, the prize and how many win it."""

    code: str
    prize: str
    winners: int


@attrs.frozen(slots=True)
class CommitRequest:
    """The commitment of a draw: sha256 of the secret seed, lower-case hex."""

    commitment: str


@attrs.frozen(slots=True)
class RevealRequest:
    """The seed whose sha256 was committed."""

    seed: str


def _actor(request: Request[Any, Any, Any], hall: Hall) -> str:
    """The client id of the request's Bearer operator token with ``promotions.manage``."""
    return operator_actor(hall, bearer_token(request), PROMOTIONS_MANAGE)


def _one_campaign(text: str) -> Campaign:
    campaigns = campaigns_from_toml(text)
    if len(campaigns) != 1:
        raise PROMOTION_TOML.error(
            "the campaign file is invalid at campaign: define exactly one [[campaign]] a request",
            field="campaign",
        )
    return campaigns[0]


@post(
    _CAMPAIGNS,
    tags=_TAGS,
    summary="Define a campaign from its TOML text (a DRAFT)",
    sync_to_thread=True,
    status_code=HTTP_201_CREATED,
    responses=PROBLEMS,
)
def define_campaign(
    request: Request[Any, Any, Any], data: JSONBody[CampaignRequest], hall: Hall
) -> Campaign:
    """Define one campaign (``promotions.manage``): checked against the catalogue, audited."""
    actor = _actor(request, hall)
    return hall.promotions.define(_one_campaign(data.toml), actor=actor)


@get(
    _CAMPAIGNS,
    tags=_TAGS,
    summary="Every campaign, by code",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def list_campaigns(request: Request[Any, Any, Any], hall: Hall) -> list[Campaign]:
    """Every campaign in any state (``promotions.manage``)."""
    _actor(request, hall)
    return list(hall.promotions.campaigns())


@get(
    f"{_CAMPAIGNS}/{{code:str}}",
    tags=_TAGS,
    summary="A campaign, its participations and quota left",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def show_campaign(
    request: Request[Any, Any, Any], code: FromPath[str], hall: Hall
) -> CampaignStandingView:
    """The campaign ``code``, its live participations and the units left of its quota."""
    _actor(request, hall)
    standing = hall.promotions.standing(code)
    return CampaignStandingView(standing.campaign, standing.participations, standing.quota_left)


@post(
    f"{_CAMPAIGNS}/{{code:str}}/publish",
    tags=_TAGS,
    summary="Publish a campaign (DRAFT -> PUBLISHED)",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def publish_campaign(request: Request[Any, Any, Any], code: FromPath[str], hall: Hall) -> Campaign:
    """Offer the campaign within its window (``promotion.transition`` unless a DRAFT)."""
    return hall.promotions.publish(code, actor=_actor(request, hall))


@post(
    f"{_CAMPAIGNS}/{{code:str}}/end",
    tags=_TAGS,
    summary="End a campaign",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def end_campaign(request: Request[Any, Any, Any], code: FromPath[str], hall: Hall) -> Campaign:
    """No longer offered nor joined; the participations keep their benefits."""
    return hall.promotions.end(code, actor=_actor(request, hall))


@post(
    "/operator/entitlements/issue",
    tags=_TAGS,
    summary="Issue the third-party entitlements due",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def issue_entitlements(
    request: Request[Any, Any, Any], hall: Hall, limit: FromQuery[int] = 100
) -> EntitlementReport:
    """One pass of the entitlement job: issued and failed (retried later, with back-off)."""
    return hall.promotions.issue_entitlements(limit, actor=_actor(request, hall))


@post(
    _DRAWS,
    tags=_TAGS,
    summary="Open a prize draw",
    sync_to_thread=True,
    status_code=HTTP_201_CREATED,
    responses=PROBLEMS,
)
def open_draw(request: Request[Any, Any, Any], data: JSONBody[DrawRequest], hall: Hall) -> DrawView:
    """Open the draw (the same code, prize and count again answers it as it stands)."""
    actor = _actor(request, hall)
    return hall.growth.open_draw(data.code, prize=data.prize, winners=data.winners, actor=actor)


@post(
    f"{_DRAWS}/{{code:str}}/commit",
    tags=_TAGS,
    summary="Publish a draw's commitment sha256(seed)",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def commit_draw(
    request: Request[Any, Any, Any], code: FromPath[str], data: JSONBody[CommitRequest], hall: Hall
) -> DrawView:
    """Commit while the entries are open; the seed stays secret until the reveal."""
    return hall.growth.commit(code, data.commitment, actor=_actor(request, hall))


@post(
    f"{_DRAWS}/{{code:str}}/close",
    tags=_TAGS,
    summary="Close a draw's entries",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def close_draw(request: Request[Any, Any, Any], code: FromPath[str], hall: Hall) -> DrawView:
    """The entry list and its digest are final (``draw.not_committed`` before a commitment)."""
    return hall.growth.close_entries(code, actor=_actor(request, hall))


@post(
    f"{_DRAWS}/{{code:str}}/reveal",
    tags=_TAGS,
    summary="Reveal a draw's seed and draw the winners",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def reveal_draw(
    request: Request[Any, Any, Any], code: FromPath[str], data: JSONBody[RevealRequest], hall: Hall
) -> DrawView:
    """Check the seed against the commitment and draw (``draw.commitment_mismatch``)."""
    return hall.growth.reveal(code, data.seed, actor=_actor(request, hall))


AREA = Area(
    name="operator",
    api=(
        define_campaign,
        list_campaigns,
        show_campaign,
        publish_campaign,
        end_campaign,
        issue_entitlements,
        open_draw,
        commit_draw,
        close_draw,
        reveal_draw,
    ),
)
"""The operators' promotions API (F-PRO-1..4, F-AUTH-6)."""
