"""Customer service on the web (在线客服, F-BIZ-8): the chat page and the agent console.

``/support`` shows the subscriber's open conversation and posts questions (plain forms, so
the page works without JavaScript); ``static/support.js`` polls
``/api/v1/support/conversation`` every two seconds and redraws the transcript, so the robot's
answers, the place in the queue and an agent's replies appear without a reload. The robot
answers with its source entry and confidence; "转人工" (or 人工 in a question) moves the
conversation to the human queue. The agent console is :mod:`unicom_web.areas.support_agent`.
"""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.response import Redirect, Template

from unicom_core.errors import UnicomError
from unicom_web.areas import Area, NavLink
from unicom_web.areas.forms import Form, field
from unicom_web.areas.support_agent import PAGES as AGENT_PAGES
from unicom_web.areas.support_agent import agent_key_digest
from unicom_web.areas.support_api import API
from unicom_web.deps import Hall, Token
from unicom_web.pages import render
from unicom_web.problems import Problem, problem_for

__all__ = ["AREA", "agent_key_digest"]

_PAGE = "/support"


def _page(
    request: Request[Any, Any, Any], hall: Hall, token: Token, problem: Problem | None = None
) -> Template:
    return render(
        request,
        "support.html",
        status_code=problem.status if problem is not None else 200,
        problem=problem,
        view=hall.support.current(token),
    )


@get(_PAGE, include_in_schema=False, sync_to_thread=True)
def chat_page(request: Request[Any, Any, Any], hall: Hall, token: Token) -> Template:
    """The chat: the open conversation's transcript, the queue position, the question box."""
    return _page(request, hall, token)


def _posted(
    request: Request[Any, Any, Any], hall: Hall, token: Token, data: dict[str, Any], action: str
) -> Template | Redirect:
    conversation_id = field(data, "conversation_id") or None
    try:
        if action == "ask":
            hall.support.ask(token, field(data, "text"), conversation_id)
        elif action == "human":
            hall.support.ask_for_human(token, conversation_id or "")
        else:
            hall.support.leave(token, conversation_id or "")
    except UnicomError as error:
        problem = problem_for(error)
        if problem.status == 401:  # noqa: PLR2004 - not logged in: the handler redirects
            raise
        return _page(request, hall, token, problem)
    return Redirect(_PAGE, status_code=303)


@post(_PAGE, include_in_schema=False, sync_to_thread=True)
def ask_page(
    request: Request[Any, Any, Any], data: Form, hall: Hall, token: Token
) -> Template | Redirect:
    """Post a question; the robot answers (or the conversation queues) before the reload."""
    return _posted(request, hall, token, data, "ask")


@post(f"{_PAGE}/human", include_in_schema=False, sync_to_thread=True)
def human_page(
    request: Request[Any, Any, Any], data: Form, hall: Hall, token: Token
) -> Template | Redirect:
    """Ask for a human agent (转人工)."""
    return _posted(request, hall, token, data, "human")


@post(f"{_PAGE}/close", include_in_schema=False, sync_to_thread=True)
def close_page(
    request: Request[Any, Any, Any], data: Form, hall: Hall, token: Token
) -> Template | Redirect:
    """End the conversation."""
    return _posted(request, hall, token, data, "close")


AREA = Area(
    name="support",
    api=API,
    pages=(chat_page, ask_page, human_page, close_page, *AGENT_PAGES),
    nav=(NavLink("nav.support", _PAGE, needs_login=True),),
)
"""``/api/v1/support/...``, the ``/support`` chat and the ``/support/agent`` console."""
