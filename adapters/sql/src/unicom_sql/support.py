"""The customer-service desk in SQL: conversations and the human queue (F-BIZ-8).

A conversation is an aggregate row like every other (id, version, the cattrs body) with the
columns the queue's queries filter and order on: the number, the state, when it joined the
queue (UTC microseconds, :func:`unicom_sql.repositories.micros`), the agent, and
``open_subscriber``, the number while the conversation is open and NULL once it is closed:
unique, so a number has at most one open conversation (``support.open_exists``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import and_, func, or_, select

from unicom_core.domain.handling import SUPPORT_OPEN_EXISTS, Conversation, ConversationState
from unicom_core.ports.handling import SupportDesk
from unicom_core.ports.shared import check_limit
from unicom_sql import schema
from unicom_sql.repositories import _Kind, _Listing, micros

if TYPE_CHECKING:
    from unicom_sql._session import Session

__all__ = ["SqlSupportDesk", "SqlSupportRepositories"]

_QUEUED = ConversationState.QUEUED.value


def _conversation_keys(conversation: Conversation) -> dict[str, object]:
    queued = conversation.queued_at
    return {
        "subscriber_id": conversation.subscriber_id,
        "state": conversation.state.value,
        "queued_at_us": None if queued is None else micros(queued),
        "agent_id": conversation.agent_id,
        "open_subscriber": conversation.subscriber_id if conversation.is_open else None,
    }


CONVERSATIONS = _Kind(
    "conversation",
    schema.support_conversations,
    Conversation,
    _conversation_keys,
    (("open_subscriber", "open", SUPPORT_OPEN_EXISTS),),
)


class SqlSupportDesk(_Listing, SupportDesk):
    """Conversations in table ``support_conversations`` (F-BIZ-8)."""

    def __init__(self, session: Session) -> None:
        super().__init__(session, CONVERSATIONS)

    def waiting(self, limit: int, /) -> list[Conversation]:
        """QUEUED conversations, oldest ``queued_at`` first."""
        count = check_limit(limit)
        t = self._table
        query = self._bodies(t.c.state == _QUEUED).order_by(t.c.queued_at_us, t.c.id)
        return self._rows(query.limit(count))

    def position(self, conversation_id: str, /) -> int | None:
        """1 + the conversations queued before this one; None unless it is QUEUED."""
        t = self._table
        mine = self._session.execute(
            select(t.c.queued_at_us).where(t.c.id == conversation_id, t.c.state == _QUEUED)
        ).first()
        if mine is None:
            return None
        at = mine.queued_at_us
        earlier = or_(t.c.queued_at_us < at, and_(t.c.queued_at_us == at, t.c.id < conversation_id))
        count = select(func.count()).select_from(t).where(t.c.state == _QUEUED, earlier)
        return int(self._session.execute(count).scalar_one()) + 1

    def open_of(self, subscriber_id: str, /) -> Conversation | None:
        """The subscriber's open conversation, or None."""
        found: Conversation | None = self._find_by(self._table.c.open_subscriber == subscriber_id)
        return found

    def of_agent(self, agent_id: str, /) -> list[Conversation]:
        """The conversations with ``agent_id``, oldest ``queued_at`` first."""
        t = self._table
        query = self._bodies(
            t.c.agent_id == agent_id, t.c.state == ConversationState.WITH_AGENT.value
        )
        return self._rows(query.order_by(t.c.queued_at_us, t.c.id))


class SqlSupportRepositories:
    """``tx.support_desk`` of a SQL unit of work (mixed into ``SqlUnitOfWork``)."""

    _session: Session
    _support_desk: SqlSupportDesk | None

    def _init_support(self, _session: Session) -> None:
        self._support_desk = None  # built on first use

    @property
    def support_desk(self) -> SqlSupportDesk:
        """The conversations and the human queue (F-BIZ-8)."""
        self._session.check_open()
        if self._support_desk is None:
            self._support_desk = SqlSupportDesk(self._session)
        return self._support_desk
