"""What customer service needs from outside: a support bot, and the desk's storage (F-BIZ-8).

:class:`SupportBot` answers a subscriber's question first: an answer's text, its confidence
in 0..1 and the entry of the knowledge base (FAQ or catalogue) it came from, or no answer.
``unicom_support.Bm25SupportBot`` is the real one (jieba and BM25 over the carrier's FAQ and
catalogue); :class:`unicom_core.memory.support_bot.ScriptedSupportBot` is the test double.

:class:`SupportDesk` is where conversations and the human queue live: a repository of
:class:`~unicom_core.domain.handling.Conversation` (the storage port's rules: copies,
versions, ``storage.version_conflict``) with the queue's queries. A number has at most one
open conversation (``support.open_exists``). Every unit of work offers it as
``tx.support_desk`` (:class:`SupportRepositories`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

import attrs

from unicom_core.domain.handling import SUPPORT_BOT_ANSWER, Conversation
from unicom_core.ports.shared import Repository

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["BotAnswer", "SupportBot", "SupportDesk", "SupportRepositories"]

_TITLE_MAX = 80


def _confidence(_instance: object, _attribute: attrs.Attribute[float], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise SUPPORT_BOT_ANSWER.error(field="confidence")


def _text(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > _TITLE_MAX * 10:
        raise SUPPORT_BOT_ANSWER.error(field=attribute.name)


def _short(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not 1 <= len(value) <= _TITLE_MAX:
        raise SUPPORT_BOT_ANSWER.error(field=attribute.name)


@attrs.frozen(slots=True, kw_only=True)
class BotAnswer:
    """A bot's answer: its text, confidence in 0..1, and the entry it came from."""

    text: str = attrs.field(validator=_text)
    confidence: float = attrs.field(validator=_confidence)
    source_id: str = attrs.field(validator=_short)
    """The id of the FAQ entry (``faq.call_forwarding``) or product (``product.4G-76``)."""
    source_title: str = attrs.field(validator=_short)


class SupportBot(Protocol):
    """The intelligent robot of the chat (智能机器人): answers before a human does."""

    def answer(self, question: str, /) -> BotAnswer | None:
        """The best answer to ``question``, or None when the knowledge base has none."""
        ...

    def wants_human(self, question: str, /) -> bool:
        """Whether ``question`` asks for a human agent (人工, 转人工, 客服)."""
        ...


class SupportDesk(Repository[Conversation, str], Protocol):
    """Conversations by id, and the human queue (F-BIZ-8)."""

    def waiting(self, limit: int, /) -> Sequence[Conversation]:
        """At most ``limit`` (1..500) QUEUED conversations, oldest ``queued_at`` first (then id)."""
        ...

    def position(self, conversation_id: str, /) -> int | None:
        """1 + the number of conversations queued before this one; None unless it is QUEUED."""
        ...

    def open_of(self, subscriber_id: str, /) -> Conversation | None:
        """The subscriber's open (not CLOSED) conversation, or None."""
        ...

    def of_agent(self, agent_id: str, /) -> Sequence[Conversation]:
        """The conversations WITH_AGENT ``agent_id``, oldest ``queued_at`` first (then id)."""
        ...


class SupportRepositories(Protocol):
    """The customer-service storage, as a unit of work offers it."""

    @property
    def support_desk(self) -> SupportDesk:
        """The conversations and the human queue."""
        ...
