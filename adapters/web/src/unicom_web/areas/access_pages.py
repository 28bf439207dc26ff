"""The pages of the way in: log in, random passwords, change and reset password (F-AUTH).

Usable without JavaScript: the login is **one form with two tabs** (service password,
random password; the tab is the ``method`` radio, styled as tabs, and the chosen pane is
shown by CSS), the random password's button beside its field sends the code
(``formaction="/login/code"``, the same form's number), the captcha appears once the domain
asks for it (``captcha_required`` in a refusal), and the initial service password leads to
the change-password page (F-AUTH-4).

Forgot the password (F-AUTH-7): ``/password/reset`` sends a random password for purpose
``reset`` (the access area's limits: one per minute and a daily number per mobile, an
hourly number per client) and sets the new service password with it (the login gate's
failure counting and captcha escalation, as the API's ``POST /api/v1/password-resets``).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from litestar import Request, get, post
from litestar.response import Redirect, Template

from unicom_core.domain.access import CodePurpose
from unicom_core.domain.shared import LoginType
from unicom_core.errors import UnicomError
from unicom_web.areas.forms import Form, captcha_of, field, login_type_of, safe_next
from unicom_web.cookies import clear_session_cookie, set_session_cookie
from unicom_web.deps import Client, Hall, Settings, Token
from unicom_web.pages import render
from unicom_web.problems import Problem, problem_for

__all__ = ["PAGES"]


def _login_page(  # noqa: PLR0913 - the state of the login form
    request: Request[Any, Any, Any],
    hall: Hall,
    *,
    values: dict[str, str],
    problem: Problem | None = None,
    info: tuple[str, dict[str, object]] | None = None,
    captcha: bool = False,
) -> Template:
    challenge = hall.access.new_captcha() if captcha else None
    return render(
        request,
        "login.html",
        status_code=problem.status if problem is not None else 200,
        problem=problem,
        info=info,
        values=values,
        login_types=[kind.value for kind in LoginType],
        challenge=challenge,
    )


def _values(source: Any) -> dict[str, str]:  # noqa: ANN401 - a form or the query
    names = ("login_type", "user_name", "method", "next")
    return {name: field(dict(source), name) for name in names}


_DONE = {"changed": "login.changed", "reset": "login.reset_done"}


@get("/login", include_in_schema=False, sync_to_thread=True)
def login_form(request: Request[Any, Any, Any], hall: Hall) -> Template:
    """The login form (method ``password`` or ``random``), after a change or a reset too."""
    query = dict(request.query_params)
    done = next((key for name, key in _DONE.items() if field(query, name) == "1"), None)
    info: tuple[str, dict[str, object]] | None = (done, {}) if done is not None else None
    return _login_page(request, hall, values=_values(request.query_params), info=info)


def _log_in(
    request: Request[Any, Any, Any],
    data: Form,
    hall: Hall,
    web_settings: Settings,
    client: Client,
) -> Template | Redirect:
    values = _values(data)
    try:
        if values["method"] == "random":
            result = hall.access.login_with_random_password(
                values["user_name"],
                field(data, "random_password"),
                client=client,
                captcha=captcha_of(data),
            )
        else:
            result = hall.access.login_with_password(
                login_type_of(values["login_type"]),
                values["user_name"],
                field(data, "password"),
                client=client,
                captcha=captcha_of(data),
            )
    except UnicomError as error:
        if error.code == "access.initial_password":
            query = urlencode({"user_name": values["user_name"], "initial": "1"})
            return Redirect(f"/password?{query}", status_code=303)
        problem = problem_for(error)
        needs = bool(problem.data.get("captcha_required"))
        return _login_page(request, hall, values=values, problem=problem, captcha=needs)
    response = Redirect(safe_next(values["next"]), status_code=303)
    lifetime = hall.access.settings.sessions.absolute
    set_session_cookie(response, request, web_settings, token=result.token, lifetime=lifetime)
    return response


@post("/login", include_in_schema=False, sync_to_thread=True)
def login(
    request: Request[Any, Any, Any],
    data: Form,
    hall: Hall,
    web_settings: Settings,
    client: Client,
) -> Template | Redirect:
    """Log in; on success go to ``next`` with the session cookie set."""
    return _log_in(request, data, hall, web_settings, client)


@post("/login/code", include_in_schema=False, sync_to_thread=True)
def send_code(
    request: Request[Any, Any, Any],
    data: Form,
    hall: Hall,
    web_settings: Settings,
    client: Client,
) -> Template | Redirect:
    """Send a random password to the number typed in, and come back to the form.

    The code's button is the form's first submit button, so pressing Enter in any field
    posts here too: a form on the service-password tab, or one holding a random password
    already, logs in instead (the button itself shows only on the random tab, empty code).
    """
    if field(data, "method") == "password" or field(data, "random_password"):
        return _log_in(request, data, hall, web_settings, client)
    values = {**_values(data), "method": "random", "login_type": "mobile"}
    try:
        hall.access.request_random_password(values["user_name"], client=client)
    except UnicomError as error:
        return _login_page(request, hall, values=values, problem=problem_for(error))
    minutes = int(hall.access.settings.codes.valid_for.total_seconds() // 60)
    return _login_page(request, hall, values=values, info=("login.code_sent", {"minutes": minutes}))


@post("/logout", include_in_schema=False, sync_to_thread=True)
def logout_page(
    request: Request[Any, Any, Any], hall: Hall, web_settings: Settings, token: Token
) -> Redirect:
    """Log out and forget the cookie."""
    hall.access.logout(token)
    response = Redirect("/login", status_code=303)
    clear_session_cookie(response, request, web_settings)
    return response


def _password_page(
    request: Request[Any, Any, Any],
    hall: Hall,
    values: dict[str, str],
    problem: Problem | None = None,
) -> Template:
    needs = problem is not None and bool(problem.data.get("captcha_required"))
    return render(
        request,
        "password.html",
        status_code=problem.status if problem is not None else 200,
        problem=problem,
        values=values,
        login_types=[kind.value for kind in LoginType],
        challenge=hall.access.new_captcha() if needs else None,
    )


@get("/password", include_in_schema=False, sync_to_thread=True)
def password_form(request: Request[Any, Any, Any], hall: Hall) -> Template:
    """The change-password form (``initial=1`` explains why the login sent you here)."""
    values = {
        **_values(request.query_params),
        "initial": field(dict(request.query_params), "initial"),
    }
    return _password_page(request, hall, values)


@post("/password", include_in_schema=False, sync_to_thread=True)
def change_password_page(
    request: Request[Any, Any, Any], data: Form, hall: Hall, client: Client
) -> Template | Redirect:
    """Change the service password, then log in with it."""
    values = _values(data)
    try:
        hall.access.change_password(
            login_type_of(values["login_type"]),
            values["user_name"],
            field(data, "old_password"),
            field(data, "new_password"),
            client=client,
            captcha=captcha_of(data),
        )
    except UnicomError as error:
        return _password_page(request, hall, values, problem_for(error))
    query = urlencode({"user_name": values["user_name"], "changed": "1"})
    return Redirect(f"/login?{query}", status_code=303)


def _reset_page(
    request: Request[Any, Any, Any],
    hall: Hall,
    values: dict[str, str],
    problem: Problem | None = None,
    info: tuple[str, dict[str, object]] | None = None,
) -> Template:
    needs = problem is not None and bool(problem.data.get("captcha_required"))
    return render(
        request,
        "password_reset.html",
        status_code=problem.status if problem is not None else 200,
        problem=problem,
        info=info,
        values=values,
        challenge=hall.access.new_captcha() if needs else None,
    )


@get("/password/reset", include_in_schema=False, sync_to_thread=True)
def reset_form(request: Request[Any, Any, Any], hall: Hall) -> Template:
    """Forgot the password: the number, the random password by SMS, the new password."""
    return _reset_page(request, hall, {"user_name": field(dict(request.query_params), "user_name")})


@post("/password/reset/code", include_in_schema=False, sync_to_thread=True)
def send_reset_code(
    request: Request[Any, Any, Any], data: Form, hall: Hall, client: Client
) -> Template | Redirect:
    """Send a random password for purpose ``reset`` (the access area's limits apply).

    The code's button is the form's first submit button (Enter posts here): a form that
    holds a random password already resets instead.
    """
    if field(data, "random_password"):
        return _reset(request, data, hall, client)
    values = {"user_name": field(data, "user_name")}
    try:
        hall.access.request_random_password(
            values["user_name"], purpose=CodePurpose.RESET, client=client
        )
    except UnicomError as error:
        return _reset_page(request, hall, values, problem_for(error))
    minutes = int(hall.access.settings.codes.valid_for.total_seconds() // 60)
    return _reset_page(request, hall, values, info=("login.code_sent", {"minutes": minutes}))


@post("/password/reset", include_in_schema=False, sync_to_thread=True)
def reset_password_page(
    request: Request[Any, Any, Any], data: Form, hall: Hall, client: Client
) -> Template | Redirect:
    """Set the new service password with the random password, then to the login page."""
    return _reset(request, data, hall, client)


def _reset(
    request: Request[Any, Any, Any], data: Form, hall: Hall, client: Client
) -> Template | Redirect:
    values = {"user_name": field(data, "user_name")}
    try:
        hall.access.reset_password(
            values["user_name"],
            field(data, "random_password"),
            field(data, "new_password"),
            client=client,
            captcha=captcha_of(data),
        )
    except UnicomError as error:
        return _reset_page(request, hall, values, problem_for(error))
    query = urlencode({"user_name": values["user_name"], "reset": "1"})
    return Redirect(f"/login?{query}", status_code=303)


PAGES = (
    login_form,
    login,
    send_code,
    logout_page,
    password_form,
    change_password_page,
    reset_form,
    send_reset_code,
    reset_password_page,
)
"""The access pages."""
