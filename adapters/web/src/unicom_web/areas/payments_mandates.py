"""Bank-card auto-debit mandates on the web: sign, cancel, list, and their debits (F-PAY-2).

The card number is masked by the domain before it is stored; only the bank and the masked
card are ever shown. Signing and cancelling need the service password (business handling).
The signing form carries an idempotency key drawn when it is shown (a form sent twice
signs once), and a second active mandate of one card for one number is refused by the core
(409 ``mandate.duplicate``, shown in place).
"""

from __future__ import annotations

from typing import Any

import attrs
from litestar import Request, get, post
from litestar.params import FromPath, JSONBody
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from unicom_core.domain.payments import AutoDebit, Mandate
from unicom_core.errors import UnicomError
from unicom_core.ports.shared import Page, PageRequest
from unicom_web.amounts import FenAmount
from unicom_web.areas.forms import Form, field
from unicom_web.areas.payments_api import IdempotencyKey, Limit, number_of
from unicom_web.areas.payments_pages import new_key, problem_or_raise
from unicom_web.bodies import PROBLEMS, Offset
from unicom_web.deps import Hall, Token
from unicom_web.pages import render
from unicom_web.problems import Problem

__all__ = ["API", "PAGES", "MandateRequest"]

_TAGS = ["auto-debit"]


@attrs.frozen(slots=True)
class MandateRequest:
    """A bank card to debit the number's bills from; ``limit_fen`` caps each debit.

    ``limit_fen`` is a JSON integer of fen, positive and at most the web maximum
    (:mod:`unicom_web.amounts`): anything else is 422 ``payment.amount``.
    """

    bank: str
    card_number: str
    limit_fen: FenAmount | None = None
    number: str | None = None
    idempotency_key: str | None = None


@post(
    "/mandates",
    tags=_TAGS,
    summary="Sign an auto-debit mandate",
    sync_to_thread=True,
    status_code=HTTP_201_CREATED,
    responses=PROBLEMS,
)
def sign(
    data: JSONBody[MandateRequest],
    hall: Hall,
    token: Token,
    idempotency_key: IdempotencyKey = None,
) -> Mandate:
    """Sign a mandate for the number's account (the card is kept masked).

    With an idempotency key (header or body) the same key again answers the same mandate;
    a second active mandate of the card for the number is 409 ``mandate.duplicate``.
    """
    limit = None if data.limit_fen is None else data.limit_fen.money
    return hall.auto_debit.sign(
        token,
        data.bank,
        data.card_number,
        limit=limit,
        number=number_of(data.number),
        idempotency_key=data.idempotency_key or idempotency_key,
    )


@get(
    "/mandates",
    tags=_TAGS,
    summary="My auto-debit mandates",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def mandates(hall: Hall, token: Token) -> list[Mandate]:
    """The mandates of the session number's account, active or cancelled."""
    return list(hall.auto_debit.mandates(token))


@post(
    "/mandates/{mandate_id:str}/cancel",
    tags=_TAGS,
    summary="Cancel a mandate",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def cancel(mandate_id: FromPath[str], hall: Hall, token: Token) -> Mandate:
    """Cancel a mandate: no bill is debited under it any more."""
    return hall.auto_debit.cancel(token, mandate_id)


@get(
    "/mandates/{mandate_id:str}/debits",
    tags=_TAGS,
    summary="A mandate's debits",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def debits(
    mandate_id: FromPath[str], hall: Hall, token: Token, offset: Offset = 0, limit: Limit = 20
) -> Page[AutoDebit]:
    """The bills debited (or being debited) under a mandate."""
    return hall.auto_debit.debits(token, mandate_id, PageRequest(offset, limit))


API = (sign, mandates, cancel, debits)
"""The auto-debit endpoints, mounted under ``/api/v1``."""


def _mandates_page(
    request: Request[Any, Any, Any], hall: Hall, token: Token, problem: Problem | None = None
) -> Template:
    return render(
        request,
        "mandates.html",
        status_code=problem.status if problem is not None else 200,
        mandates=hall.auto_debit.mandates(token),
        problem=problem,
        key=new_key(),
    )


@get("/mandates", include_in_schema=False, sync_to_thread=True)
def mandates_page(request: Request[Any, Any, Any], hall: Hall, token: Token) -> Template:
    """The mandates, and the form to sign one."""
    return _mandates_page(request, hall, token)


@post("/mandates", include_in_schema=False, sync_to_thread=True)
def sign_page(
    request: Request[Any, Any, Any], data: Form, hall: Hall, token: Token
) -> Template | Redirect:
    """Sign a mandate."""
    try:
        hall.auto_debit.sign(
            token,
            field(data, "bank"),
            field(data, "card_number"),
            idempotency_key=field(data, "idempotency_key") or None,
        )
    except UnicomError as error:
        return _mandates_page(request, hall, token, problem_or_raise(error))
    return Redirect("/mandates", status_code=303)


@post("/mandates/{mandate_id:str}/cancel", include_in_schema=False, sync_to_thread=True)
def cancel_page(
    request: Request[Any, Any, Any], mandate_id: FromPath[str], hall: Hall, token: Token
) -> Template | Redirect:
    """Cancel a mandate."""
    try:
        hall.auto_debit.cancel(token, mandate_id)
    except UnicomError as error:
        return _mandates_page(request, hall, token, problem_or_raise(error))
    return Redirect("/mandates", status_code=303)


PAGES = (mandates_page, sign_page, cancel_page)
"""The auto-debit pages."""
