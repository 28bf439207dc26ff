"""Customer service as JSON (F-BIZ-8): the subscriber's chat, which the chat page polls.

``GET /api/v1/support/conversation`` (the open conversation, or ``null``),
``POST /api/v1/support/messages`` (ask; the robot answers or the conversation queues),
``GET /api/v1/support/conversations/{id}``, ``POST .../{id}/human`` (ask for a human) and
``POST .../{id}/close``. All are ``hall.support`` under ``support.chat`` (a random-password
session has it, F-AUTH-5); another number's conversation is a 404 like an unknown one.
"""

from __future__ import annotations

import attrs
from litestar import get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK

from unicom_core.usecases.handling import ConversationView
from unicom_web.bodies import PROBLEMS
from unicom_web.deps import Hall, Token

__all__ = ["API", "AskRequest"]

_TAGS = ["support"]


@attrs.frozen(slots=True)
class AskRequest:
    """A question or a message: to the open conversation, or to ``conversation_id``."""

    text: str
    conversation_id: str | None = None


@get(
    "/support/conversation",
    tags=_TAGS,
    summary="The open customer-service conversation",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def current(hall: Hall, token: Token) -> ConversationView | None:
    """The session's open conversation with its place in the queue, or null (F-BIZ-8)."""
    return hall.support.current(token)


@post(
    "/support/messages",
    tags=_TAGS,
    summary="Ask customer service",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def ask(data: JSONBody[AskRequest], hall: Hall, token: Token) -> ConversationView:
    """Write to customer service; the robot answers first, below its threshold a human."""
    return hall.support.ask(token, data.text, data.conversation_id)


@get(
    "/support/conversations/{conversation_id:str}",
    tags=_TAGS,
    summary="A customer-service conversation",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def conversation(conversation_id: FromPath[str], hall: Hall, token: Token) -> ConversationView:
    """The conversation, its transcript and its place in the human queue."""
    return hall.support.conversation(token, conversation_id)


@post(
    "/support/conversations/{conversation_id:str}/human",
    tags=_TAGS,
    summary="Ask for a human agent",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def human(conversation_id: FromPath[str], hall: Hall, token: Token) -> ConversationView:
    """Move the conversation to the human queue (人工)."""
    return hall.support.ask_for_human(token, conversation_id)


@post(
    "/support/conversations/{conversation_id:str}/close",
    tags=_TAGS,
    summary="Close a customer-service conversation",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def close(conversation_id: FromPath[str], hall: Hall, token: Token) -> ConversationView:
    """End the conversation."""
    return hall.support.leave(token, conversation_id)


API = (current, ask, conversation, human, close)
"""The customer-service endpoints."""
