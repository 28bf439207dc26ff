"""The customer-service desk in memory: conversations and the human queue (F-BIZ-8).

:class:`SupportTables` holds the committed conversations inside a
:class:`~unicom_core.memory.storage.MemoryStorage`; :class:`MemorySupportRepositories` mixes
``tx.support_desk`` into the memory unit of work. A number's open conversation is a unique
index (``support.open_exists``), as the SQL adapter's unique column is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.handling import SUPPORT_OPEN_EXISTS, Conversation, ConversationState
from unicom_core.memory._repositories import MemoryRepository, Table, Unique
from unicom_core.ports.handling import SupportDesk
from unicom_core.ports.shared import check_limit

if TYPE_CHECKING:
    import threading
    from collections.abc import Callable

__all__ = ["MemorySupportDesk", "MemorySupportRepositories", "SupportTables", "open_key"]


def open_key(conversation: Conversation) -> str | None:
    """The unique key of an open conversation (its subscriber), None once closed."""
    return conversation.subscriber_id if conversation.is_open else None


def _queue_order(conversation: Conversation) -> tuple[str, str]:
    queued = conversation.queued_at
    return ("" if queued is None else queued.isoformat(timespec="microseconds"), conversation.id)


class SupportTables:
    """The committed conversations of one memory store (guarded by the store's lock)."""

    def __init__(self) -> None:
        by_open = Unique[Conversation](
            "open", lambda c: open_key(c) or f"\x00{c.id}", SUPPORT_OPEN_EXISTS
        )
        self.conversations = Table[Conversation]("conversation", by_open)


class MemorySupportDesk(MemoryRepository[Conversation], SupportDesk):
    """Conversations in memory, with the queue's queries (F-BIZ-8)."""

    def waiting(self, limit: int, /) -> list[Conversation]:
        """QUEUED conversations, oldest ``queued_at`` first."""
        count = check_limit(limit)
        found = self._merged(lambda c: c.state is ConversationState.QUEUED)
        return sorted(found, key=_queue_order)[:count]

    def position(self, conversation_id: str, /) -> int | None:
        """1 + the conversations queued before this one; None unless it is QUEUED."""
        mine = self.find(conversation_id)
        if mine is None or mine.state is not ConversationState.QUEUED:
            return None
        key = _queue_order(mine)
        earlier = self._merged(
            lambda c: c.state is ConversationState.QUEUED and _queue_order(c) < key
        )
        return len(earlier) + 1

    def open_of(self, subscriber_id: str, /) -> Conversation | None:
        """The subscriber's open conversation, or None."""
        return self._find_unique("open", subscriber_id)

    def of_agent(self, agent_id: str, /) -> list[Conversation]:
        """The conversations with ``agent_id``, oldest ``queued_at`` first."""
        found = self._merged(
            lambda c: c.state is ConversationState.WITH_AGENT and c.agent_id == agent_id
        )
        return sorted(found, key=_queue_order)


class MemorySupportRepositories:
    """``tx.support_desk`` of a memory unit of work (mixed into ``MemoryUnitOfWork``)."""

    _support: MemorySupportDesk

    def _check_open(self) -> None:
        raise NotImplementedError

    def _init_support(
        self, tables: SupportTables, lock: threading.Lock, check_open: Callable[[], None]
    ) -> None:
        self._support = MemorySupportDesk(tables.conversations, lock, check_open)

    @property
    def support_desk(self) -> MemorySupportDesk:
        """The conversations and the human queue (F-BIZ-8)."""
        self._check_open()
        return self._support
