"""Recharge cards on the web: buy online cards, reveal their secrets once paid, redeem one.

A card order is a payment like a top-up (idempotency key, cashier page, exactly once); the
secrets are shown only to the buyer and only once the order is paid (``reveal`` mints them
anew for the cards not yet redeemed). Redeeming a secret tops up a number; a wrong secret
is counted per day (``recharge_card.too_many_attempts`` with ``retry_at``).
"""

from __future__ import annotations

from typing import Any

import attrs
from litestar import Request, get, post
from litestar.params import FromPath, JSONBody
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from unicom_core.domain.access import QUERY_BALANCE
from unicom_core.domain.catalog import ProductKind
from unicom_core.errors import UnicomError
from unicom_core.usecases.payments import Redemption, RevealedCard
from unicom_web.areas.forms import Form, field
from unicom_web.areas.payments_api import (
    PAYING,
    IdempotencyKey,
    PaymentReceipt,
    answer,
    number_of,
    require_key,
)
from unicom_web.areas.payments_pages import (
    after_payment,
    new_key,
    offers_of,
    problem_or_raise,
    return_url,
)
from unicom_web.bodies import PROBLEMS, ConvertedResponse
from unicom_web.deps import Hall, Settings, Token
from unicom_web.pages import render
from unicom_web.problems import Problem
from unicom_web.security import checked_return_url

__all__ = ["API", "PAGES", "CardOrderRequest", "RedeemRequest"]

_TAGS = ["recharge cards"]


@attrs.frozen(slots=True)
class CardOrderRequest:
    """Buy ``quantity`` (1-20) online recharge cards of a recharge-card product."""

    product_code: str
    quantity: int = 1
    idempotency_key: str | None = None
    return_url: str | None = None


@attrs.frozen(slots=True)
class RedeemRequest:
    """Redeem a card's secret onto a number (default: the session's)."""

    secret: str
    number: str | None = None


@post(
    "/recharge-cards/orders",
    tags=_TAGS,
    summary="Buy recharge cards",
    sync_to_thread=True,
    status_code=HTTP_201_CREATED,
    responses=PAYING,
)
def buy(
    data: JSONBody[CardOrderRequest],
    hall: Hall,
    token: Token,
    web_settings: Settings,
    idempotency_key: IdempotencyKey = None,
) -> ConvertedResponse[PaymentReceipt]:
    """Order online cards, paid through the gateway (F-PAY-1); 409 when out of stock."""
    result = hall.recharge_cards.buy(
        token,
        data.product_code,
        data.quantity,
        idempotency_key=require_key(idempotency_key, data.idempotency_key),
        return_url=checked_return_url(data.return_url, web_settings),
    )
    return answer(result)


@post(
    "/recharge-cards/orders/{payment_id:str}/reveal",
    tags=_TAGS,
    summary="Show a paid order's card secrets",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def reveal(payment_id: FromPath[str], hall: Hall, token: Token) -> list[RevealedCard]:
    """The secrets of the order's cards not yet redeemed (403 until the order is paid)."""
    return list(hall.recharge_cards.reveal(token, payment_id))


@post(
    "/recharge-cards/redemptions",
    tags=_TAGS,
    summary="Redeem a card onto a number",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def redeem(data: JSONBody[RedeemRequest], hall: Hall, token: Token) -> Redemption:
    """Credit the card's face value to the number, once (F-PAY-1)."""
    return hall.recharge_cards.redeem(token, data.secret, number_of(data.number))


API = (buy, reveal, redeem)
"""The recharge-card endpoints, mounted under ``/api/v1``."""


def _cards_page(  # noqa: PLR0913 - the state of the page
    request: Request[Any, Any, Any],
    hall: Hall,
    web_settings: Settings,
    *,
    problem: Problem | None = None,
    revealed: tuple[RevealedCard, ...] | None = None,
    redeemed: Redemption | None = None,
) -> Template:
    return render(
        request,
        "cards.html",
        status_code=problem.status if problem is not None else 200,
        offers=offers_of(hall, web_settings, ProductKind.RECHARGE_CARD),
        key=new_key(),
        problem=problem,
        revealed=revealed,
        redeemed=redeemed,
    )


@get("/recharge-cards", include_in_schema=False, sync_to_thread=True)
def cards_page(
    request: Request[Any, Any, Any], hall: Hall, token: Token, web_settings: Settings
) -> Template:
    """Buy online cards; redeem a card's secret."""
    hall.access.authorize(token, QUERY_BALANCE)
    return _cards_page(request, hall, web_settings)


@post("/recharge-cards/buy", include_in_schema=False, sync_to_thread=True)
def buy_page(
    request: Request[Any, Any, Any], data: Form, hall: Hall, token: Token, web_settings: Settings
) -> Template | Redirect:
    """Order the cards; on to the cashier (or the order's page)."""
    try:
        result = hall.recharge_cards.buy(
            token,
            field(data, "product_code"),
            _quantity(field(data, "quantity")),
            idempotency_key=field(data, "idempotency_key"),
            return_url=return_url(request),
        )
    except UnicomError as error:
        return _cards_page(request, hall, web_settings, problem=problem_or_raise(error))
    return after_payment(result)


@post("/recharge-cards/reveal", include_in_schema=False, sync_to_thread=True)
def reveal_page(
    request: Request[Any, Any, Any], data: Form, hall: Hall, token: Token, web_settings: Settings
) -> Template:
    """Show the secrets of a paid order."""
    try:
        shown = hall.recharge_cards.reveal(token, field(data, "payment_id"))
    except UnicomError as error:
        return _cards_page(request, hall, web_settings, problem=problem_or_raise(error))
    return _cards_page(request, hall, web_settings, revealed=shown)


@post("/recharge-cards/redeem", include_in_schema=False, sync_to_thread=True)
def redeem_page(
    request: Request[Any, Any, Any], data: Form, hall: Hall, token: Token, web_settings: Settings
) -> Template:
    """Redeem a secret onto the number typed in (default: the session's)."""
    try:
        done = hall.recharge_cards.redeem(
            token, field(data, "secret"), number_of(field(data, "number"))
        )
    except UnicomError as error:
        return _cards_page(request, hall, web_settings, problem=problem_or_raise(error))
    return _cards_page(request, hall, web_settings, redeemed=done)


def _quantity(text: str) -> int:
    return int(text) if text.isdigit() else 0


PAGES = (cards_page, buy_page, reveal_page, redeem_page)
"""The recharge-card pages."""
