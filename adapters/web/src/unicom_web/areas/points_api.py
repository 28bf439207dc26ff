"""The JSON endpoints of points (積分, F-QRY-4).

* ``GET /points``: the balance, and the points that expire next and when;
* ``GET /points/history``: earned, spent and expired points, newest first (``offset``,
  ``limit``);
* ``GET /points/catalogue``: what points buy;
* ``POST /points/redeem``: redeem an item (``item``, ``request_id``): the business handling
  ``points_redeem`` (201 with its record, idempotent per request id), exactly as
  ``POST /handling/points_redeem`` is.

Looking needs ``query.points`` (a random-password session has it, F-AUTH-5); redeeming needs
``points.redeem`` (403 ``access.capability_missing`` for a random-password session). Too few
points is 403 ``points.insufficient``; an item the catalogue lacks 404 ``points.unknown_item``.
"""

from __future__ import annotations

import attrs
from litestar import get, post
from litestar.params import FromQuery, JSONBody
from litestar.status_codes import HTTP_201_CREATED

from unicom_core.domain.handling import PointsCatalogue, PointsEntry
from unicom_core.domain.shared import MobileNumber
from unicom_core.ports.shared import Page, PageRequest
from unicom_core.usecases.handling import PointsView
from unicom_web.areas.handling_views import HandlingRecord, record_view
from unicom_web.areas.payments_api import Limit
from unicom_web.bodies import PROBLEMS, Offset
from unicom_web.deps import Hall, Token

__all__ = ["API", "KIND", "RedeemPoints", "number_of"]

_TAGS = ["points"]
KIND = "points_redeem"
"""The business handling that redeems points."""


def number_of(number: str | None) -> MobileNumber | None:
    """The number a query names (one of the session's customer's), or None: the session's."""
    return None if number is None else MobileNumber.parse(number)


@attrs.frozen(slots=True)
class RedeemPoints:
    """Redeem the catalogue's ``item``; the same ``request_id`` again answers the same record."""

    item: str
    request_id: str


@get("/points", tags=_TAGS, summary="Points balance", sync_to_thread=True, responses=PROBLEMS)
def balance(hall: Hall, token: Token, number: FromQuery[str | None] = None) -> PointsView:
    """The number's points now, and the points that expire next (F-QRY-4)."""
    return hall.points.balance(token, number_of(number))


@get(
    "/points/history",
    tags=_TAGS,
    summary="Points history, newest first",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def history(
    hall: Hall,
    token: Token,
    offset: Offset = 0,
    limit: Limit = 20,
    number: FromQuery[str | None] = None,
) -> Page[PointsEntry]:
    """Points earned (from paid bills), spent (redemptions) and expired (F-QRY-4)."""
    return hall.points.history(token, PageRequest(offset, limit), number_of(number))


@get(
    "/points/catalogue",
    tags=_TAGS,
    summary="What points buy",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def catalogue(hall: Hall, token: Token) -> PointsCatalogue:
    """The points catalogue: each item's cost and the pack or voucher it gives."""
    hall.access.session(token)
    return hall.points.catalogue()


@post(
    "/points/redeem",
    tags=_TAGS,
    summary="Redeem points",
    sync_to_thread=True,
    status_code=HTTP_201_CREATED,
    responses=PROBLEMS,
)
def redeem(data: JSONBody[RedeemPoints], hall: Hall, token: Token) -> HandlingRecord:
    """Spend points on an item, as the business handling ``points_redeem`` (F-QRY-4)."""
    record = hall.handling.handle(token, KIND, {"item": data.item}, request_id=data.request_id)
    return record_view(record)


API = (balance, history, catalogue, redeem)
"""The points endpoints, mounted under ``/api/v1``."""
