"""The operator console's login: an operator client's id and secret, a cookie (F-AUTH-6).

``GET /operator/login`` shows a form (client id, client secret, the CSRF token every form
posts); ``POST /operator/login`` exchanges them through the client-credentials grant
(``hall.access.issue_client_token``, all the client's scopes) and keeps the opaque access
token in the cookie :attr:`WebSettings.operator_cookie <unicom_web.settings.WebSettings>`
(``unicom_operator``): ``HttpOnly``, ``SameSite=Strict``, ``Secure`` over TLS (or as
``secure_cookies`` forces), living as long as the token. A wrong secret, an unknown or
disabled client is the grant's one ``operator.invalid_client``, counted by the lock-out
(``operator.locked``, F-AUTH-7). ``POST /operator/logout`` forgets the cookie; the token
itself stays valid until it expires or the client is disabled or rotated.

The operator pages (``/operator/metrics``, ``/metrics``) take the token from an
``Authorization: Bearer`` header or from this cookie (:func:`operator_token`); the JSON
operator API under ``/api/v1/operator`` takes the header only (:func:`bearer_token`), so no
ambient cookie ever authorizes a change.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from litestar import Request, get, post
from litestar.response import Redirect, Template

from unicom_core.domain.access import OperatorPrincipal
from unicom_core.errors import UnicomError
from unicom_web.areas import Area
from unicom_web.areas.forms import Form, field, safe_next
from unicom_web.deps import Hall, Settings
from unicom_web.i18n import language_of, translator
from unicom_web.pages import render
from unicom_web.problems import problem_for

if TYPE_CHECKING:
    from unicom_core.domain.access import Capability
    from unicom_core.hall import BusinessHall
    from unicom_web.settings import WebSettings

__all__ = [
    "AREA",
    "CONSOLE_HOME",
    "LOGIN_PATH",
    "bearer_token",
    "operator_actor",
    "operator_login",
    "operator_login_form",
    "operator_logout",
    "operator_token",
]

LOGIN_PATH = "/operator/login"
CONSOLE_HOME = "/operator/metrics"
_BEARER = "bearer "


def console_labels(request: Request[Any, Any, Any], settings: WebSettings) -> dict[str, str]:
    """The console's labels in the request's language (the page catalogues' ``console.*``)."""
    t = translator(language_of(request, settings))
    return {
        "title": t("console.title"),
        "client_id": t("console.client_id"),
        "client_secret": t("console.client_secret"),
        "login": t("console.login"),
        "logout": t("console.logout"),
    }


def bearer_token(request: Request[Any, Any, Any]) -> str:
    """The request's ``Authorization: Bearer`` token, or ``""`` (never a cookie)."""
    header = request.headers.get("authorization", "")
    if header[: len(_BEARER)].lower() == _BEARER:
        return header[len(_BEARER) :].strip()
    return ""


def operator_token(request: Request[Any, Any, Any], settings: WebSettings) -> str:
    """The operator token of a page request: the Bearer header first, then the cookie."""
    return bearer_token(request) or request.cookies.get(settings.operator_cookie, "")


def operator_actor(hall: BusinessHall, token: str, capability: Capability) -> str:
    """The client id of the operator token ``token`` allowed ``capability`` (the actor).

    Raises:
        Refused: ``access.not_logged_in`` (no token), ``operator.token_invalid``,
            ``operator.scope_missing``; ``access.capability_missing`` for a subscriber's
            session (an ``operator.*`` capability is never a subscriber's).
    """
    principal = hall.access.authorize(token, capability).principal
    if not isinstance(principal, OperatorPrincipal):  # pragma: no cover - operator.* only
        msg = "an operator capability was granted to a subscriber session"
        raise TypeError(msg)
    return principal.client_id


def _form(
    request: Request[Any, Any, Any],
    settings: WebSettings,
    *,
    status: int = 200,
    **context: Any,  # noqa: ANN401 - template values
) -> Template:
    return render(
        request,
        "operator_login.html",
        status_code=status,
        labels=console_labels(request, settings),
        **context,
    )


@get(LOGIN_PATH, include_in_schema=False, sync_to_thread=False)
def operator_login_form(request: Request[Any, Any, Any], web_settings: Settings) -> Template:
    """The console's login form (client id and secret)."""
    target = field(dict(request.query_params), "next")
    return _form(request, web_settings, values={"client_id": "", "next": target})


@post(LOGIN_PATH, include_in_schema=False, sync_to_thread=True)
def operator_login(
    request: Request[Any, Any, Any], data: Form, hall: Hall, web_settings: Settings
) -> Template | Redirect:
    """Exchange the client's id and secret for a token kept in the operator cookie."""
    client_id, secret = field(data, "client_id"), field(data, "client_secret")
    values = {"client_id": client_id, "next": field(data, "next")}
    try:
        issued = hall.access.issue_client_token(client_id, secret)
    except UnicomError as error:
        problem = problem_for(error)
        return _form(request, web_settings, status=problem.status, problem=problem, values=values)
    response = Redirect(safe_next(values["next"], CONSOLE_HOME), status_code=303)
    secure = web_settings.secure_cookies
    response.set_cookie(
        web_settings.operator_cookie,
        issued.access_token,
        path="/",
        max_age=issued.expires_in,
        httponly=True,
        secure=request.url.scheme == "https" if secure is None else secure,
        samesite="strict",
    )
    return response


@post("/operator/logout", include_in_schema=False, sync_to_thread=False)
def operator_logout(request: Request[Any, Any, Any], web_settings: Settings) -> Redirect:
    """Forget the operator cookie."""
    response = Redirect(LOGIN_PATH, status_code=303)
    secure = web_settings.secure_cookies
    response.set_cookie(
        web_settings.operator_cookie,
        "",
        path="/",
        max_age=0,
        httponly=True,
        secure=request.url.scheme == "https" if secure is None else secure,
        samesite="strict",
    )
    return response


AREA = Area(name="operator_console", pages=(operator_login_form, operator_login, operator_logout))
"""The operator console's login and logout (F-AUTH-6)."""
