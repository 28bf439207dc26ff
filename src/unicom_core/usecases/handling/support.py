"""Customer service (在线客服): the robot first, then the human queue and an agent (F-BIZ-8).

:class:`SupportService` is ``hall.support``. The subscriber's side asks the hall's permission
check for ``support.chat`` (a random-password session has it, F-AUTH-5):

- :meth:`SupportService.ask` writes to the subscriber's open conversation (a new one if
  there is none). While the robot has the conversation, the :class:`SupportBot` answers: a
  request for a human (人工, 转人工, 客服) or an answer below
  :attr:`SupportSettings.threshold` moves the conversation to the human queue; an answer at
  or above it is written with its source entry and confidence.
- :meth:`SupportService.ask_for_human` queues it on request; :meth:`SupportService.conversation`
  reads it with its place in the queue; :meth:`SupportService.leave` closes it.

Another customer's conversation is ``support.unknown_conversation``, exactly like an unknown
one. The agent's side (:meth:`queue`, :meth:`take`, :meth:`reply`, :meth:`close`) takes an
agent id the caller has authenticated (the web console checks an agent key): the core has
no operator login yet.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import SUPPORT_CHAT
from unicom_core.domain.handling import (
    SUPPORT_NOT_ASSIGNED,
    SUPPORT_OPEN_EXISTS,
    SUPPORT_SETTINGS,
    SUPPORT_UNKNOWN_CONVERSATION,
    Conversation,
    ConversationState,
    check_agent_id,
    check_text,
)
from unicom_core.domain.shared import DomainEvent, new_id
from unicom_core.errors import InvalidInput
from unicom_core.ports.shared import check_limit
from unicom_core.usecases.access import GrantedReads
from unicom_core.usecases.shared import RetryRule, publish, put, run

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.ports.access import ScopedAuthorizer
    from unicom_core.ports.handling import BotAnswer, SupportBot
    from unicom_core.ports.shared import Clock, Granted
    from unicom_core.ports.storage import Storage, UnitOfWork

__all__ = ["ConversationView", "SupportService", "SupportSettings"]

_RULE = RetryRule(attempts=3, also_on=frozenset({SUPPORT_OPEN_EXISTS.code}))
_READ = RetryRule(attempts=1)


def _threshold(_instance: object, _attribute: object, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise SUPPORT_SETTINGS.error(field="threshold")


def _sentence(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    try:
        check_text(value)
    except InvalidInput:
        raise SUPPORT_SETTINGS.error(field=attribute.name) from None


@attrs.frozen(slots=True, kw_only=True)
class SupportSettings:
    """How the robot hands over to humans (F-BIZ-8).

    Attributes:
        threshold: the least confidence (0..1) of an answer the robot gives; below it the
            conversation goes to the human queue. 0.35 by default (the BM25 bot's scale,
            ``unicom_support``); 0 lets every answer through, 1 only exact ones.
        handoff_text: what the robot says when the subscriber asks for a human.
        unsure_text: what the robot says when it has no answer confident enough.
    """

    threshold: float = attrs.field(default=0.35, validator=_threshold)
    handoff_text: str = attrs.field(
        default="好的，正在为您转接人工客服，请稍候。", validator=_sentence
    )
    unsure_text: str = attrs.field(
        default="抱歉，我没有找到确切的答案，正在为您转接人工客服，请稍候。",
        validator=_sentence,
    )


@attrs.frozen(slots=True)
class ConversationView:
    """A conversation and, while it waits, its place in the human queue (1 = next)."""

    conversation: Conversation
    position: int | None


class SupportService:
    """The customer-service area of the hall: robot, queue, agents (F-BIZ-8).

    Args:
        storage: the hall's storage (``tx.support_desk``).
        clock: the hall's clock.
        authorizer: the permission check (``hall.access``).
        bot: the support bot that answers first.
        settings: the threshold and the robot's hand-over sentences.
    """

    def __init__(
        self,
        storage: Storage,
        clock: Clock,
        *,
        authorizer: ScopedAuthorizer,
        bot: SupportBot,
        settings: SupportSettings | None = None,
    ) -> None:
        self._storage, self._clock, self._authorizer = storage, clock, authorizer
        self._reads = GrantedReads(storage, clock, authorizer, _RULE)
        self._bot = bot
        self.settings = settings if settings is not None else SupportSettings()

    # ------------------------------------------------------------------ the subscriber
    def _subscriber_of(self, token: str) -> str:
        return str(self._authorizer.authorize(token, SUPPORT_CHAT).subscriber.id)

    def ask(self, token: str, text: str, conversation_id: str | None = None) -> ConversationView:
        """Write ``text`` to the subscriber's conversation; the robot answers while it may.

        Raises:
            Refused: ``access.*`` (not logged in, expired), ``support.closed``,
                ``support.transcript_full``.
            InvalidInput: ``support.text`` (empty, or longer than 500 characters).
            NotFound: ``support.unknown_conversation`` (unknown, or another number's).
        """
        subscriber_id = self._subscriber_of(token)
        question = check_text(text)
        human = self._bot.wants_human(question)
        answer = None if human else self._bot.answer(question)

        def work(tx: UnitOfWork, now: datetime) -> ConversationView:
            conversation, events = self._mine(tx, subscriber_id, conversation_id, now)
            conversation.say(question, at=now)
            if conversation.state is ConversationState.BOT:
                events += self._robot(conversation, answer, now, human=human)
            return self._store(tx, conversation, events)

        return run(self._storage, self._clock, work, _RULE)

    def ask_for_human(self, token: str, conversation_id: str) -> ConversationView:
        """Move the conversation to the human queue (nothing changes if a human is coming)."""
        subscriber_id = self._subscriber_of(token)

        def work(tx: UnitOfWork, now: datetime) -> ConversationView:
            conversation, events = self._mine(tx, subscriber_id, conversation_id, now)
            if conversation.state is ConversationState.BOT:
                conversation.bot_says(self.settings.handoff_text, at=now)
            events += conversation.queue(at=now, reason="asked")
            return self._store(tx, conversation, events)

        return run(self._storage, self._clock, work, _RULE)

    def conversation(self, token: str, conversation_id: str) -> ConversationView:
        """The subscriber's conversation and its place in the queue (check and read at once)."""

        def work(tx: UnitOfWork, _now: datetime, grant: Granted) -> ConversationView:
            conversation = _owned(tx, str(grant.subscriber.id), conversation_id)
            return ConversationView(conversation, tx.support_desk.position(conversation.id))

        return self._reads.read(token, SUPPORT_CHAT, None, work)

    def current(self, token: str) -> ConversationView | None:
        """The subscriber's open conversation, or None (check and read at once)."""

        def work(tx: UnitOfWork, _now: datetime, grant: Granted) -> ConversationView | None:
            found = tx.support_desk.open_of(str(grant.subscriber.id))
            if found is None:
                return None
            return ConversationView(found, tx.support_desk.position(found.id))

        return self._reads.read(token, SUPPORT_CHAT, None, work)

    def leave(self, token: str, conversation_id: str) -> ConversationView:
        """The subscriber closes the conversation (``support.closed`` if it is already)."""
        subscriber_id = self._subscriber_of(token)

        def work(tx: UnitOfWork, now: datetime) -> ConversationView:
            conversation = _owned(tx, subscriber_id, conversation_id)
            return self._store(tx, conversation, list(conversation.close(at=now)))

        return run(self._storage, self._clock, work, _RULE)

    def _mine(
        self, tx: UnitOfWork, subscriber_id: str, conversation_id: str | None, now: datetime
    ) -> tuple[Conversation, list[DomainEvent]]:
        if conversation_id is not None:
            return _owned(tx, subscriber_id, conversation_id), []
        found = tx.support_desk.open_of(subscriber_id)
        if found is not None:
            return found, []
        opened, events = Conversation.open(new_id(), subscriber_id, at=now)
        return opened, list(events)

    def _robot(
        self, conversation: Conversation, answer: BotAnswer | None, now: datetime, *, human: bool
    ) -> list[DomainEvent]:
        if human:
            conversation.bot_says(self.settings.handoff_text, at=now)
            return list(conversation.queue(at=now, reason="asked"))
        if answer is not None and answer.confidence >= self.settings.threshold:
            conversation.bot_says(
                answer.text,
                at=now,
                source_id=answer.source_id,
                source_title=answer.source_title,
                confidence=answer.confidence,
            )
            return []
        conversation.bot_says(self.settings.unsure_text, at=now)
        return list(conversation.queue(at=now, reason="unsure"))

    # ------------------------------------------------------------------ the agents
    def queue(self, limit: int = 50) -> tuple[ConversationView, ...]:
        """At most ``limit`` (1..500) waiting conversations, oldest first, with their places."""
        count = check_limit(limit)

        def work(tx: UnitOfWork, _now: datetime) -> tuple[ConversationView, ...]:
            waiting = tx.support_desk.waiting(count)
            return tuple(ConversationView(c, place) for place, c in enumerate(waiting, start=1))

        return run(self._storage, self._clock, work, _READ, readonly=True)

    def assigned(self, agent_id: str) -> tuple[Conversation, ...]:
        """The conversations agent ``agent_id`` has taken and not closed."""
        agent = check_agent_id(agent_id)

        def work(tx: UnitOfWork, _now: datetime) -> tuple[Conversation, ...]:
            return tuple(tx.support_desk.of_agent(agent))

        return run(self._storage, self._clock, work, _READ, readonly=True)

    def inspect(self, agent_id: str, conversation_id: str) -> ConversationView:
        """A waiting conversation, or one of the agent's own (``support.not_assigned`` else)."""
        agent = check_agent_id(agent_id)

        def work(tx: UnitOfWork, _now: datetime) -> ConversationView:
            conversation = _existing(tx, conversation_id)
            if not conversation.waiting and conversation.agent_id != agent:
                raise SUPPORT_NOT_ASSIGNED.error(conversation_id=conversation.id)
            return ConversationView(conversation, tx.support_desk.position(conversation.id))

        return run(self._storage, self._clock, work, _READ, readonly=True)

    def take(self, agent_id: str, conversation_id: str) -> ConversationView:
        """Agent ``agent_id`` takes a waiting conversation (``support.not_waiting`` else)."""

        def work(tx: UnitOfWork, now: datetime) -> ConversationView:
            conversation = _existing(tx, conversation_id)
            return self._store(tx, conversation, list(conversation.take(agent_id, at=now)))

        return run(self._storage, self._clock, work, _RULE)

    def reply(self, agent_id: str, conversation_id: str, text: str) -> ConversationView:
        """The assigned agent writes to the subscriber."""

        def work(tx: UnitOfWork, now: datetime) -> ConversationView:
            conversation = _existing(tx, conversation_id)
            return self._store(tx, conversation, list(conversation.reply(agent_id, text, at=now)))

        return run(self._storage, self._clock, work, _RULE)

    def close(self, agent_id: str, conversation_id: str) -> ConversationView:
        """The assigned agent closes the conversation."""

        def work(tx: UnitOfWork, now: datetime) -> ConversationView:
            conversation = _existing(tx, conversation_id)
            events = conversation.close(at=now, agent_id=agent_id)
            return self._store(tx, conversation, list(events))

        return run(self._storage, self._clock, work, _RULE)

    @staticmethod
    def _store(
        tx: UnitOfWork, conversation: Conversation, events: list[DomainEvent]
    ) -> ConversationView:
        put(tx.support_desk, conversation)
        publish(tx, events)
        return ConversationView(conversation, tx.support_desk.position(conversation.id))


def _existing(tx: UnitOfWork, conversation_id: str) -> Conversation:
    found = tx.support_desk.find(conversation_id) if isinstance(conversation_id, str) else None
    if found is None:
        raise SUPPORT_UNKNOWN_CONVERSATION.error(conversation_id=str(conversation_id)[:64])
    return found


def _owned(tx: UnitOfWork, subscriber_id: str, conversation_id: str) -> Conversation:
    """The subscriber's conversation; another's is as unknown as a missing one (F-AUTH-6)."""
    found = _existing(tx, conversation_id)
    if found.subscriber_id != subscriber_id:
        raise SUPPORT_UNKNOWN_CONVERSATION.error(conversation_id=str(conversation_id)[:64])
    return found
