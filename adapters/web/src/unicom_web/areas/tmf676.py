"""TMF676 Payment Management v4: payment records, and payments recorded by operators (F-PAY-2).

``GET /paymentManagement/v4/payment`` lists the payments of the session's number, newest
first, and ``.../payment/{id}`` returns one of the session's customer, with the spec's field
names (``fields``, ``offset``, ``limit`` and attribute filters as in every TMF list); an
operator's Bearer token with scope ``tmf.read`` lists and reads the whole carrier's
(F-AUTH-6). ``POST .../payment`` records a payment taken elsewhere (scope
``payments.record``: :mod:`unicom_web.areas.tmf676_record`). The v4.0.0 swagger's
``basePath`` is ``/paymentManagement/v4/`` (without the ``/tmf-api`` prefix the other TMF
APIs carry), so the area serves that path, and the same operations under
``/tmf-api/paymentManagement/v4`` for clients built on the TMF630 convention (that alias is
left out of the OpenAPI document). Both answer errors as TMF ``Error`` objects: the app's
one error mapping (:mod:`unicom_web.http_errors`) counts the spec's path among the TMF
paths. The bodies and their mapping are :mod:`unicom_web.areas.tmf676_bodies`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from litestar import Router

from unicom_core.domain.access import QUERY_BILL
from unicom_core.domain.payments import PAYMENT_UNKNOWN, PaymentAttempt
from unicom_core.errors import NotFound, UnicomError
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_web.areas import Area
from unicom_web.areas.oauth import is_operator, operator_numbers
from unicom_web.areas.tmf676_bodies import BASE_PATH, TMF_BASE_PATH, Payment, payment_body
from unicom_web.areas.tmf676_record import create_payment
from unicom_web.tmf import TmfApi, TmfContext, TmfResource

if TYPE_CHECKING:
    from unicom_core.hall import BusinessHall

__all__ = ["API", "AREA", "find_payment"]


def find_payment(hall: BusinessHall, token: str, payment_id: str) -> PaymentAttempt:
    """A payment of the session's customer; any other id is one ``payment.unknown``.

    The session is checked first (401 before any 404). The core answers an unknown id of
    a payment's form with ``storage.not_found`` and another customer's with
    ``payment.unknown``; both become the latter, so no answer tells them apart (F-AUTH-6).
    """
    hall.access.authorize(token, QUERY_BILL)
    try:
        return hall.payments.payment(token, payment_id)
    except NotFound:
        raise _missing(payment_id) from None


def _missing(payment_id: str) -> UnicomError:
    return PAYMENT_UNKNOWN.error(id=payment_id)


def _payments(context: TmfContext) -> tuple[PaymentAttempt, ...]:
    hall, token, page = context.hall, context.token, PageRequest(0, MAX_PAGE_LIMIT)
    if is_operator(token):  # the whole carrier, for scope tmf.read (F-AUTH-6)
        numbers = operator_numbers(hall, token)
        found = [
            attempt
            for s in numbers
            for attempt in hall.payments.records(token, s.number.identifier, page).items
        ]
        return tuple(sorted(found, key=lambda a: (a.created_at, a.id), reverse=True))
    return tuple(hall.payments.records(token, page=page).items)


def _find(context: TmfContext, payment_id: str) -> PaymentAttempt:
    if is_operator(context.token):
        for attempt in _payments(context):
            if attempt.id == payment_id:
                return attempt
        raise _missing(payment_id)
    return find_payment(context.hall, context.token, payment_id)


PAYMENT: TmfResource[PaymentAttempt, Payment] = TmfResource(
    path="payment",
    body=Payment,
    load=_payments,
    to_body=lambda attempt, context: payment_body(attempt, context.base),
    find=_find,
    missing=_missing,
    list_doc="The payments of the session's number, newest first; other parameters filter.",
    get_doc="One payment of the session's customer; another customer's is not found.",
)

API = TmfApi(tag="TMF676", base_path=BASE_PATH, resources=(PAYMENT,), operations=(create_payment,))
"""TMF676: the payments, under the spec's base path; operators record payments."""


def _alias() -> Router:
    return API.router(TMF_BASE_PATH, include_in_schema=False)


AREA = Area(name="tmf676", routers=(API.router, _alias))
"""TMF676 payments, under the spec's base path (and its ``/tmf-api`` alias)."""
