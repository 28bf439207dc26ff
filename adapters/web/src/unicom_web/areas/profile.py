"""Basic information: plan, PUK, join date and network age, real-name status (F-QRY-7, F-REAL-1).

``GET /api/v1/profile`` (optional ``?number=``, one of the session's customer's mobile
numbers) answers :class:`~unicom_core.usecases.subscribers.profile.BasicInfo` and ``/profile``
shows it.
Both are ``hall.profile.basic_info``: ``query.profile`` (a random-password session has it,
F-AUTH-5, and sees the PUK masked), another customer's number a 404 like an unknown one
(F-AUTH-6), the resident ID always masked (F-REAL-3).
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get
from litestar.params import FromQuery
from litestar.response import Template

from unicom_core.domain.shared import MobileNumber
from unicom_core.usecases.subscribers import BasicInfo
from unicom_web.areas import Area, NavLink
from unicom_web.bodies import PROBLEMS
from unicom_web.deps import Hall, Token
from unicom_web.pages import render

__all__ = ["AREA"]


def _number(number: str | None) -> MobileNumber | None:
    return None if number is None else MobileNumber.parse(number)


@get(
    "/profile",
    tags=["profile"],
    summary="Basic information of a number",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def basic_info(hall: Hall, token: Token, number: FromQuery[str | None] = None) -> BasicInfo:
    """Plan, PUK, join date, network age, holder and real-name status (F-QRY-7, F-REAL-1)."""
    return hall.profile.basic_info(token, _number(number))


@get("/profile", include_in_schema=False, sync_to_thread=True)
def profile_page(
    request: Request[Any, Any, Any], hall: Hall, token: Token, number: FromQuery[str | None] = None
) -> Template:
    """The basic-information page (基本信息)."""
    return render(request, "profile.html", info=hall.profile.basic_info(token, _number(number)))


AREA = Area(
    name="profile",
    api=(basic_info,),
    pages=(profile_page,),
    nav=(NavLink("nav.profile", "/profile", needs_login=True),),
)
"""``/api/v1/profile`` and the ``/profile`` page."""
