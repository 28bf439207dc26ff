"""The campaign pages (優惠活動, F-PRO-1..3): the list, one campaign, join, cancel.

* ``GET /promotions`` (a login): the campaigns open now for this number, each with its
  window, channels, benefits in plain words, places left, and **every eligibility rule's
  verdict shown before joining** (met / not met, with the reason in words); a join button
  only when every rule is met;
* ``GET /promotions/{code}``: one campaign (counted as a page view of the campaign,
  F-PRO-5), its join form (a hidden ``request_id`` drawn when the form is shown: a double
  submit joins once), and once joined the participation: its state, the benefits granted,
  the entitlements, and the cancel button when the rule allows;
* ``POST /promotions/{code}/join``: joins through the hall's channel; a joining fee goes to
  the gateway's cashier (like the shop's orders) and the campaign's page shows it awaiting
  payment until the payment engine settles it; a refusal shows in place as the friendly
  message of its code;
* ``POST /promotions/{code}/cancel``: cancels within the rule, then back to the page.

A campaign that is not open is shown only to a number that took part in it (a draft or an
unknown code is 404 ``promotion.unknown_campaign``).
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING, Any

from litestar import Request, get, post
from litestar.params import FromPath
from litestar.response import Redirect, Template

from unicom_core.domain.payments import ActionKind, PaymentStatus
from unicom_core.domain.promotions import PROMOTION_UNKNOWN_CAMPAIGN, CampaignState
from unicom_core.errors import UnicomError
from unicom_web.areas.forms import Form, field
from unicom_web.areas.payments_pages import problem_or_raise
from unicom_web.areas.promotions_views import benefit_texts, cancellable
from unicom_web.deps import Hall, Settings, Token
from unicom_web.i18n import language_of, translator
from unicom_web.metrics import count_page_view
from unicom_web.pages import render

if TYPE_CHECKING:
    from unicom_core.domain.promotions import Campaign, Participation
    from unicom_core.usecases.promotions import JoinResult, Offer
    from unicom_web.problems import Problem

__all__ = ["PAGES", "campaign_path"]


def campaign_path(code: str) -> str:
    """The page of a campaign."""
    return f"/promotions/{code}"


def _t(request: Request[Any, Any, Any], web_settings: Settings) -> Any:  # noqa: ANN401
    return translator(language_of(request, web_settings))


@get("/promotions", include_in_schema=False, sync_to_thread=True)
def promotions_page(
    request: Request[Any, Any, Any], hall: Hall, token: Token, web_settings: Settings
) -> Template:
    """优惠活动: the campaigns open now, with the eligibility shown before joining."""
    offers = hall.promotions.offers(token, channel=web_settings.channel)
    t = _t(request, web_settings)
    return render(
        request,
        "promotions/index.html",
        offers=offers,
        benefits={o.campaign.code: benefit_texts(o.campaign, t) for o in offers},
        request_id=secrets.token_hex(16),
    )


def _participation(hall: Hall, token: Token, code: str) -> Participation | None:
    return next((p for p in hall.promotions.participations(token) if p.campaign_code == code), None)


def _shown(
    hall: Hall, token: Token, code: str, offer: Offer | None
) -> tuple[Campaign, Participation | None]:
    """The campaign and the number's participation; one not open only to a participant."""
    if offer is not None:
        return offer.campaign, offer.participation
    participation = _participation(hall, token, code)
    if participation is None:
        raise PROMOTION_UNKNOWN_CAMPAIGN.error(code=code[:64])
    campaign = hall.promotions.campaign(code)
    if campaign.state is CampaignState.DRAFT:
        raise PROMOTION_UNKNOWN_CAMPAIGN.error(code=code[:64])
    return campaign, participation


def _campaign_page(  # noqa: PLR0913, PLR0917 - the page and what it shows
    request: Request[Any, Any, Any],
    hall: Hall,
    token: Token,
    web_settings: Settings,
    code: str,
    problem: Problem | None = None,
) -> Template:
    offers = hall.promotions.offers(token, channel=web_settings.channel)
    offer = next((o for o in offers if o.campaign.code == code), None)
    campaign, participation = _shown(hall, token, code, offer)
    count_page_view(request, campaign.code)  # F-PRO-5: a view of the campaign's page
    now = hall.clock.now()
    return render(
        request,
        "promotions/campaign.html",
        status_code=problem.status if problem is not None else 200,
        campaign=campaign,
        offer=offer,
        participation=participation,
        can_cancel=participation is not None and cancellable(participation, now),
        benefits=benefit_texts(campaign, _t(request, web_settings)),
        request_id=secrets.token_hex(16),
        problem=problem,
    )


@get("/promotions/{code:str}", include_in_schema=False, sync_to_thread=True)
def campaign_page(
    request: Request[Any, Any, Any],
    code: FromPath[str],
    hall: Hall,
    token: Token,
    web_settings: Settings,
) -> Template:
    """One campaign: benefits, the verdicts, the join form, the participation."""
    return _campaign_page(request, hall, token, web_settings, code)


def _after_joining(result: JoinResult, code: str) -> Redirect:
    """To the gateway's cashier for a joining fee to pay, else to the campaign's page."""
    attempt = result.payment
    if attempt is not None and attempt.status is PaymentStatus.PENDING:
        action = attempt.action
        if action is not None and action.kind is ActionKind.REDIRECT:
            return Redirect(action.payload, status_code=303)
    return Redirect(campaign_path(code), status_code=303)


@post("/promotions/{code:str}/join", include_in_schema=False, sync_to_thread=True)
def join_submit(  # noqa: PLR0913, PLR0917 - the path, the form and the dependencies
    request: Request[Any, Any, Any],
    code: FromPath[str],
    data: Form,
    hall: Hall,
    token: Token,
    web_settings: Settings,
) -> Template | Redirect:
    """Join once per request id (a double submit answers the first join)."""
    try:
        result = hall.promotions.join(
            token, code, request_id=field(data, "request_id"), channel=web_settings.channel
        )
    except UnicomError as error:
        return _campaign_page(request, hall, token, web_settings, code, problem_or_raise(error))
    return _after_joining(result, code)


@post("/promotions/{code:str}/cancel", include_in_schema=False, sync_to_thread=True)
def cancel_submit(
    request: Request[Any, Any, Any],
    code: FromPath[str],
    hall: Hall,
    token: Token,
    web_settings: Settings,
) -> Template | Redirect:
    """Cancel within the rule, then back to the campaign's page."""
    try:
        hall.promotions.cancel(token, code)
    except UnicomError as error:
        return _campaign_page(request, hall, token, web_settings, code, problem_or_raise(error))
    return Redirect(campaign_path(code), status_code=303)


PAGES = (promotions_page, campaign_page, join_submit, cancel_submit)
"""The campaign pages."""
