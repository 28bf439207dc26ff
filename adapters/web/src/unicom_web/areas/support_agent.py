"""The agent console of customer service (客服工作台, F-BIZ-8): the queue, take, reply, close.

The hall has no operator login yet, so the console is guarded by **agent keys**:
:attr:`WebSettings.support_agent_keys <unicom_web.settings.WebSettings.support_agent_keys>`
maps each agent id to the SHA-256 digest of a long random key (:func:`agent_key_digest`).
With none configured the console does not exist (404 on every path). An agent logs in with
id and key (compared in constant time, an unknown id costs the same as a wrong key); the
console then sets ``unicom_agent``, an HttpOnly, ``SameSite=Strict`` cookie for
``/support/agent`` holding the agent id, the time of the login and an HMAC of both with the
web secret and the key's digest: it expires after :data:`AGENT_SESSION` and dies with a
changed key or secret. Every form posts with the CSRF token like the hall's other pages.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta
from typing import Any

from litestar import Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from unicom_core.domain.shared import to_shanghai
from unicom_core.errors import UnicomError
from unicom_web.areas.forms import Form, field
from unicom_web.codes import SUPPORT_AGENT_KEY
from unicom_web.deps import Hall, Settings
from unicom_web.pages import render
from unicom_web.problems import Problem, problem_for
from unicom_web.settings import WebSettings

__all__ = ["AGENT_COOKIE", "AGENT_SESSION", "PAGES", "agent_key_digest"]

AGENT_COOKIE = "unicom_agent"
AGENT_SESSION = timedelta(hours=12)
"""How long an agent's console login lasts."""
_CONSOLE = "/support/agent"
_NOBODY = hashlib.sha256(b"no such agent").hexdigest()


def agent_key_digest(key: str) -> str:
    """The SHA-256 hex digest of an agent key, as ``support_agent_keys`` holds it."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _enabled(settings: WebSettings) -> None:
    if not settings.support_agent_keys:
        raise NotFoundException


def _signature(settings: WebSettings, agent_id: str, issued: int) -> str:
    digest = settings.support_agent_keys.get(agent_id, _NOBODY)
    message = f"support-agent\x1f{agent_id}\x1f{issued}\x1f{digest}".encode()
    return hmac.new(settings.secret.encode(), message, hashlib.sha256).hexdigest()


def _now(hall: Hall) -> int:
    return int(to_shanghai(hall.clock.now(), field="clock").timestamp())


def agent_of(request: Request[Any, Any, Any], hall: Hall, settings: WebSettings) -> str | None:
    """The agent id of a valid console cookie, or None."""
    agent_id, _, rest = request.cookies.get(AGENT_COOKIE, "").partition(".")
    issued_text, _, signature = rest.partition(".")
    if agent_id not in settings.support_agent_keys or not issued_text.isdigit():
        return None
    issued = int(issued_text)
    expected = _signature(settings, agent_id, issued)
    fresh = 0 <= _now(hall) - issued <= AGENT_SESSION.total_seconds()
    return agent_id if hmac.compare_digest(expected, signature) and fresh else None


def _console(
    request: Request[Any, Any, Any],
    hall: Hall,
    agent: str | None,
    problem: Problem | None = None,
) -> Template:
    status = problem.status if problem is not None else 200
    if agent is None:
        return render(request, "support_agent.html", status_code=status, problem=problem)
    chosen = request.query_params.get("c")
    view = None
    if chosen:
        try:
            view = hall.support.inspect(agent, chosen)
        except UnicomError as error:
            problem = problem_for(error)
            status = problem.status
    return render(
        request,
        "support_agent.html",
        status_code=status,
        problem=problem,
        agent=agent,
        queue=hall.support.queue(),
        mine=hall.support.assigned(agent),
        view=view,
    )


@get(_CONSOLE, include_in_schema=False, sync_to_thread=True)
def console(request: Request[Any, Any, Any], hall: Hall, web_settings: Settings) -> Template:
    """The console: a login form, or the queue, the agent's conversations and one of them."""
    _enabled(web_settings)
    return _console(request, hall, agent_of(request, hall, web_settings))


@post(f"{_CONSOLE}/login", include_in_schema=False, sync_to_thread=True)
def agent_login(
    request: Request[Any, Any, Any], data: Form, hall: Hall, web_settings: Settings
) -> Template | Redirect:
    """Check the agent id and key (constant time) and set the console cookie."""
    _enabled(web_settings)
    agent_id, key = field(data, "agent_id"), field(data, "key")
    stored = web_settings.support_agent_keys.get(agent_id, _NOBODY)
    if not (hmac.compare_digest(stored, agent_key_digest(key)) and stored != _NOBODY):
        refused = problem_for(SUPPORT_AGENT_KEY.error())
        return render(request, "support_agent.html", status_code=refused.status, problem=refused)
    issued = _now(hall)
    response = Redirect(_CONSOLE, status_code=303)
    secure = web_settings.secure_cookies
    response.set_cookie(
        AGENT_COOKIE,
        f"{agent_id}.{issued}.{_signature(web_settings, agent_id, issued)}",
        path=_CONSOLE,
        max_age=int(AGENT_SESSION.total_seconds()),
        httponly=True,
        secure=request.url.scheme == "https" if secure is None else secure,
        samesite="strict",
    )
    return response


@post(f"{_CONSOLE}/logout", include_in_schema=False, sync_to_thread=True)
def agent_logout(web_settings: Settings) -> Redirect:
    """Forget the console cookie."""
    _enabled(web_settings)
    response = Redirect(_CONSOLE, status_code=303)
    response.delete_cookie(AGENT_COOKIE, path=_CONSOLE)
    return response


def _act(
    request: Request[Any, Any, Any], data: Form, hall: Hall, settings: WebSettings, action: str
) -> Template | Redirect:
    _enabled(settings)
    agent = agent_of(request, hall, settings)
    if agent is None:
        return Redirect(_CONSOLE, status_code=303)
    conversation_id = field(data, "conversation_id")
    try:
        if action == "take":
            hall.support.take(agent, conversation_id)
        elif action == "reply":
            hall.support.reply(agent, conversation_id, field(data, "text"))
        else:
            hall.support.close(agent, conversation_id)
    except UnicomError as error:
        return _console(request, hall, agent, problem_for(error))
    target = _CONSOLE if action == "close" else f"{_CONSOLE}?c={conversation_id}"
    return Redirect(target, status_code=303)


@post(f"{_CONSOLE}/take", include_in_schema=False, sync_to_thread=True)
def agent_take(
    request: Request[Any, Any, Any], data: Form, hall: Hall, web_settings: Settings
) -> Template | Redirect:
    """Take a waiting conversation."""
    return _act(request, data, hall, web_settings, "take")


@post(f"{_CONSOLE}/reply", include_in_schema=False, sync_to_thread=True)
def agent_reply(
    request: Request[Any, Any, Any], data: Form, hall: Hall, web_settings: Settings
) -> Template | Redirect:
    """Reply in one of the agent's conversations."""
    return _act(request, data, hall, web_settings, "reply")


@post(f"{_CONSOLE}/close", include_in_schema=False, sync_to_thread=True)
def agent_close(
    request: Request[Any, Any, Any], data: Form, hall: Hall, web_settings: Settings
) -> Template | Redirect:
    """Close one of the agent's conversations."""
    return _act(request, data, hall, web_settings, "close")


PAGES = (console, agent_login, agent_logout, agent_take, agent_reply, agent_close)
"""The agent console's pages."""
