"""Customer service (在线客服): a conversation with the robot, then a human agent (F-BIZ-8).

A subscriber's :class:`Conversation` starts with the robot (``BOT``): each question is
answered by the hall's support bot with the FAQ or catalogue entry it came from and a
confidence. When the subscriber asks for a human (人工), or the robot is not confident
enough, the conversation joins the human queue (``QUEUED``, from ``queued_at`` on); an agent
takes it (``WITH_AGENT``) and replies; either side closes it (``CLOSED``)::

    BOT --queue--> QUEUED --take--> WITH_AGENT --close--> CLOSED
    (BOT and QUEUED may be closed too)

The transcript only grows: a message is never changed or removed, and a conversation keeps
at most :data:`MAX_MESSAGES`, each 1-:data:`MAX_TEXT` characters. Each move returns its
domain events; a move the state does not allow raises a typed error (``support.*``).
"""

from __future__ import annotations

import enum
import math
import re
from datetime import datetime
from typing import Final

import attrs

from unicom_core.domain.handling.codes import (
    SUPPORT_AGENT,
    SUPPORT_BOT_ANSWER,
    SUPPORT_CLOSED,
    SUPPORT_CONVERSATION,
    SUPPORT_NOT_ASSIGNED,
    SUPPORT_NOT_WAITING,
    SUPPORT_NOT_WITH_BOT,
    SUPPORT_TEXT,
    SUPPORT_TRANSCRIPT_FULL,
)
from unicom_core.domain.shared import (
    DomainEvent,
    check_id,
    check_version,
    domain_event,
    guarded,
    instance_of,
    to_shanghai,
    update,
)

__all__ = [
    "HUMAN_KEYWORDS",
    "MAX_MESSAGES",
    "MAX_TEXT",
    "Author",
    "Conversation",
    "ConversationClosed",
    "ConversationOpened",
    "ConversationQueued",
    "ConversationState",
    "ConversationTaken",
    "Message",
    "asks_for_human",
    "check_agent_id",
    "check_text",
]

MAX_TEXT: Final = 500
"""The most characters of one message."""
MAX_MESSAGES: Final = 200
"""The most messages one conversation keeps (``support.transcript_full`` beyond)."""
HUMAN_KEYWORDS: Final = ("转人工", "人工客服", "人工服务", "人工", "客服", "真人")
"""Words by which a subscriber asks for a human agent (F-BIZ-8)."""

_AGENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,31}")
_SOURCE_MAX = 80


class ConversationState(enum.Enum):
    """Where a conversation stands."""

    BOT = "bot"
    """The robot answers."""
    QUEUED = "queued"
    """Waiting in the human queue since ``queued_at``."""
    WITH_AGENT = "with_agent"
    """An agent (``agent_id``) has taken it."""
    CLOSED = "closed"


class Author(enum.Enum):
    """Who wrote a message."""

    SUBSCRIBER = "subscriber"
    BOT = "bot"
    AGENT = "agent"


def check_text(text: object) -> str:
    """``text`` without surrounding blanks: 1-:data:`MAX_TEXT` characters (``support.text``)."""
    cleaned = text.strip() if isinstance(text, str) else ""
    if not 1 <= len(cleaned) <= MAX_TEXT or "\x00" in cleaned:
        raise SUPPORT_TEXT.error(maximum=MAX_TEXT)
    return cleaned


def check_agent_id(agent_id: object) -> str:
    """An agent id: 1-32 letters, digits, ``.``, ``-`` or ``_`` (``support.agent``)."""
    if not isinstance(agent_id, str) or not _AGENT.fullmatch(agent_id):
        raise SUPPORT_AGENT.error()
    return agent_id


def asks_for_human(text: str) -> bool:
    """Whether ``text`` asks for a human agent: it names one of :data:`HUMAN_KEYWORDS`."""
    return any(keyword in text for keyword in HUMAN_KEYWORDS)


def _instant(value: datetime) -> datetime:
    return to_shanghai(value, field="at")


def _optional_instant(value: datetime | None) -> datetime | None:
    return None if value is None else to_shanghai(value, field="at")


def _optional_agent(value: str | None) -> str | None:
    return None if value is None else check_agent_id(value)


def _source(value: str | None) -> str | None:
    if value is not None and (not isinstance(value, str) or not 1 <= len(value) <= _SOURCE_MAX):
        raise SUPPORT_BOT_ANSWER.error(field="source")
    return value


def _confidence(value: float | None) -> float | None:
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not 0 <= value <= 1
    ):
        raise SUPPORT_BOT_ANSWER.error(field="confidence")
    return round(float(value), 4)


@attrs.frozen(slots=True, kw_only=True)
class Message:
    """One line of the transcript; a robot's answer names its source and confidence (0..1)."""

    author: Author = attrs.field(validator=instance_of(Author, SUPPORT_CONVERSATION))
    text: str = attrs.field(converter=check_text)
    at: datetime = attrs.field(converter=_instant)
    source_id: str | None = attrs.field(default=None, converter=_source)
    source_title: str | None = attrs.field(default=None, converter=_source)
    confidence: float | None = attrs.field(default=None, converter=_confidence)


@domain_event("support.opened")
@attrs.frozen(slots=True, kw_only=True)
class ConversationOpened(DomainEvent):
    """A subscriber started a conversation with customer service (F-BIZ-8)."""

    subscriber_id: str


@domain_event("support.queued")
@attrs.frozen(slots=True, kw_only=True)
class ConversationQueued(DomainEvent):
    """A conversation joined the human queue: asked for, or the robot was unsure (F-BIZ-8)."""

    subscriber_id: str
    reason: str


@domain_event("support.taken")
@attrs.frozen(slots=True, kw_only=True)
class ConversationTaken(DomainEvent):
    """An agent took a waiting conversation (F-BIZ-8)."""

    agent_id: str


@domain_event("support.closed")
@attrs.frozen(slots=True, kw_only=True)
class ConversationClosed(DomainEvent):
    """A conversation was closed by ``by`` (subscriber or agent; F-BIZ-8)."""

    by: str


def _messages(values: object) -> tuple[Message, ...]:
    items = tuple(values) if isinstance(values, tuple | list) else None
    if items is None or not all(isinstance(m, Message) for m in items):
        raise SUPPORT_CONVERSATION.error(field="messages")
    if len(items) > MAX_MESSAGES:
        raise SUPPORT_TRANSCRIPT_FULL.error(maximum=MAX_MESSAGES)
    return items


@attrs.define(slots=True)
class Conversation:
    """A subscriber's conversation with customer service: robot, queue, agent (F-BIZ-8)."""

    id: str = attrs.field(validator=check_id, on_setattr=guarded)
    subscriber_id: str = attrs.field(validator=check_id, on_setattr=guarded)
    opened_at: datetime = attrs.field(converter=_instant, on_setattr=guarded)
    state: ConversationState = attrs.field(
        default=ConversationState.BOT,
        validator=instance_of(ConversationState, SUPPORT_CONVERSATION),
        on_setattr=guarded,
    )
    messages: tuple[Message, ...] = attrs.field(default=(), converter=_messages, on_setattr=guarded)
    queued_at: datetime | None = attrs.field(
        default=None, converter=_optional_instant, on_setattr=guarded
    )
    agent_id: str | None = attrs.field(default=None, converter=_optional_agent, on_setattr=guarded)
    closed_at: datetime | None = attrs.field(
        default=None, converter=_optional_instant, on_setattr=guarded
    )
    version: int = attrs.field(default=0, validator=check_version)

    @classmethod
    def open(
        cls, conversation_id: str, subscriber_id: str, *, at: datetime
    ) -> tuple[Conversation, tuple[DomainEvent, ...]]:
        """A new conversation with the robot, and its ``support.opened`` event."""
        conversation = cls(conversation_id, subscriber_id, at)
        opened = ConversationOpened(
            aggregate_id=conversation.id,
            occurred_at=conversation.opened_at,
            subscriber_id=subscriber_id,
        )
        return conversation, (opened,)

    @property
    def is_open(self) -> bool:
        """True until the conversation is closed."""
        return self.state is not ConversationState.CLOSED

    @property
    def waiting(self) -> bool:
        """True while it waits in the human queue."""
        return self.state is ConversationState.QUEUED

    def _append(self, message: Message) -> None:
        if not self.is_open:
            raise SUPPORT_CLOSED.error(conversation_id=self.id)
        if len(self.messages) >= MAX_MESSAGES:
            raise SUPPORT_TRANSCRIPT_FULL.error(maximum=MAX_MESSAGES)
        update(self, messages=(*self.messages, message))

    def say(self, text: str, *, at: datetime) -> tuple[DomainEvent, ...]:
        """The subscriber writes (to the robot, while waiting, or to the agent)."""
        self._append(Message(author=Author.SUBSCRIBER, text=text, at=at))
        return ()

    def bot_says(
        self,
        text: str,
        *,
        at: datetime,
        source_id: str | None = None,
        source_title: str | None = None,
        confidence: float | None = None,
    ) -> tuple[DomainEvent, ...]:
        """The robot answers, from ``source_id`` with ``confidence`` (only before the queue)."""
        if self.is_open and self.state is not ConversationState.BOT:
            raise SUPPORT_NOT_WITH_BOT.error(conversation_id=self.id)
        message = Message(
            author=Author.BOT,
            text=text,
            at=at,
            source_id=source_id,
            source_title=source_title,
            confidence=confidence,
        )
        self._append(message)
        return ()

    def queue(self, *, at: datetime, reason: str) -> tuple[DomainEvent, ...]:
        """Join the human queue; asked again while a human is on the way, nothing changes."""
        if not self.is_open:
            raise SUPPORT_CLOSED.error(conversation_id=self.id)
        if self.state is not ConversationState.BOT:
            return ()
        instant = _instant(at)
        update(self, state=ConversationState.QUEUED, queued_at=instant)
        event = ConversationQueued(
            aggregate_id=self.id,
            occurred_at=instant,
            subscriber_id=self.subscriber_id,
            reason=reason,
        )
        return (event,)

    def take(self, agent_id: str, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Agent ``agent_id`` takes this waiting conversation (``support.not_waiting`` else)."""
        agent = check_agent_id(agent_id)
        if self.state is not ConversationState.QUEUED:
            raise SUPPORT_NOT_WAITING.error(conversation_id=self.id, state=self.state.value)
        instant = _instant(at)
        update(self, state=ConversationState.WITH_AGENT, agent_id=agent)
        return (ConversationTaken(aggregate_id=self.id, occurred_at=instant, agent_id=agent),)

    def reply(self, agent_id: str, text: str, *, at: datetime) -> tuple[DomainEvent, ...]:
        """The assigned agent writes (``support.not_assigned`` for anyone else)."""
        self._require_agent(agent_id)
        self._append(Message(author=Author.AGENT, text=text, at=at))
        return ()

    def _require_agent(self, agent_id: str) -> None:
        agent = check_agent_id(agent_id)
        if not self.is_open:
            raise SUPPORT_CLOSED.error(conversation_id=self.id)
        if self.state is not ConversationState.WITH_AGENT or self.agent_id != agent:
            raise SUPPORT_NOT_ASSIGNED.error(conversation_id=self.id)

    def close(self, *, at: datetime, agent_id: str | None = None) -> tuple[DomainEvent, ...]:
        """Close it: by the subscriber (``agent_id`` None) or by the assigned agent."""
        if agent_id is not None:
            self._require_agent(agent_id)
        if not self.is_open:
            raise SUPPORT_CLOSED.error(conversation_id=self.id)
        instant = _instant(at)
        update(self, state=ConversationState.CLOSED, closed_at=instant)
        by = Author.SUBSCRIBER.value if agent_id is None else f"agent:{agent_id}"
        return (ConversationClosed(aggregate_id=self.id, occurred_at=instant, by=by),)
