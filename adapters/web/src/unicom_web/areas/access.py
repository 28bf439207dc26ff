"""The access area on the web: its endpoints, its pages and the account-security page.

The security page sets the login e-mail (F-AUTH-1), a business of the account that a
random-password session may not do (F-AUTH-5): such a session sees the refusal, naming the
service password, as a friendly message.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.response import Redirect, Template

from unicom_core.errors import UnicomError
from unicom_web.areas import Area, NavLink
from unicom_web.areas.access_api import API
from unicom_web.areas.access_pages import PAGES
from unicom_web.areas.forms import Form, field
from unicom_web.deps import Hall, Token
from unicom_web.pages import render
from unicom_web.problems import problem_for

__all__ = ["AREA"]


@get("/security", include_in_schema=False, sync_to_thread=True)
def security_page(request: Request[Any, Any, Any], hall: Hall, token: Token) -> Template:
    """The account-security page of the session's number."""
    session = hall.access.session(token)
    saved = request.query_params.get("saved") == "1"
    return render(request, "security.html", session=session, saved=saved, values={})


@post("/security/email", include_in_schema=False, sync_to_thread=True)
def set_email_page(
    request: Request[Any, Any, Any], data: Form, hall: Hall, token: Token
) -> Template | Redirect:
    """Set (or, with an empty field, remove) the login e-mail of the session's number."""
    email = field(data, "email") or None
    try:
        hall.access.set_login_email(token, email)
    except UnicomError as error:
        problem = problem_for(error)
        if problem.status == 401:  # noqa: PLR2004 - not logged in: the handler redirects
            raise
        session = hall.access.session(token)
        return render(
            request,
            "security.html",
            status_code=problem.status,
            problem=problem,
            session=session,
            saved=False,
            values={"email": email or ""},
        )
    return Redirect("/security?saved=1", status_code=303)


AREA = Area(
    name="access",
    api=API,
    pages=(*PAGES, security_page, set_email_page),
    nav=(NavLink("nav.security", "/security", needs_login=True),),
)
"""Logins, random passwords, passwords, sessions and account security."""
