"""Storage contract, the customer-service desk: conversations and the human queue (F-BIZ-8).

A conversation reads back equal under the same optimistic versions as every other
aggregate; the queue lists the waiting conversations oldest first and a conversation's
position is one more than the number queued before it; a number has at most one open
conversation (``support.open_exists``) and may open another once it is closed.
"""

# A contract suite is tests shipped as a library: S101 (it asserts), PLR2004 (expected
# counts are written out), PT012 (a Conflict may come from the commit at the end of a block).
# ruff: noqa: S101, PT012

from __future__ import annotations

from datetime import timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.handling import Conversation, ConversationState
from unicom_core.errors import Conflict
from unicom_core.testing.contracts._storage_base import (
    AT,
    FEW,
    InjectedFailure,
    StorageContractBase,
    inject_failure,
)

__all__ = ["SupportDeskContract"]


def _conversation(number: int, *, queued_after: int | None = None) -> Conversation:
    """Conversation ``c<number>`` of subscriber ``s<number>``, queued ``queued_after`` min late."""
    conversation, _ = Conversation.open(f"c{number:03d}", f"s{number:03d}", at=AT)
    conversation.say("怎么设置呼叫转移", at=AT)
    if queued_after is not None:
        conversation.queue(at=AT + timedelta(minutes=queued_after), reason="asked")
    return conversation


class SupportDeskContract(StorageContractBase):
    """``tx.support_desk``: conversations and the human queue (F-BIZ-8)."""

    def test_a_conversation_reads_back_equal_and_versioned(self) -> None:
        """A conversation with bot and agent messages reads back equal, versioned."""
        conversation = _conversation(1, queued_after=1)
        conversation.take("agent-7", at=AT + timedelta(minutes=2))
        conversation.reply("agent-7", "您好，请讲", at=AT + timedelta(minutes=3))
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.support_desk.add(conversation)
            assert conversation.version == 1
            with storage.read() as tx:
                stored = tx.support_desk.get(conversation.id)
            assert stored == conversation
            stored.close(at=AT + timedelta(minutes=4), agent_id="agent-7")
            with storage.transaction() as tx:
                tx.support_desk.save(stored)
            with pytest.raises(Conflict), storage.transaction() as tx:
                tx.support_desk.save(conversation)  # version 1 is stale

    @FEW
    @given(st.lists(st.integers(0, 30), min_size=1, max_size=6), st.data())
    def test_the_queue_is_oldest_first_and_a_position_counts_the_earlier_ones(
        self, minutes: list[int], data: st.DataObject
    ) -> None:
        """``waiting`` is by ``queued_at`` then id; ``position`` is 1 + those before."""
        queued = [_conversation(i, queued_after=m) for i, m in enumerate(minutes)]
        idle = _conversation(len(minutes))  # still with the robot: never in the queue
        limit = data.draw(st.integers(1, len(minutes)), label="limit")
        with self.opened() as storage:
            with storage.transaction() as tx:
                for conversation in (*queued, idle):
                    tx.support_desk.add(conversation)
            order = sorted(queued, key=lambda c: (c.queued_at, c.id))
            with storage.read() as tx:
                assert [c.id for c in tx.support_desk.waiting(limit)] == [
                    c.id for c in order[:limit]
                ]
                for place, conversation in enumerate(order, start=1):
                    assert tx.support_desk.position(conversation.id) == place
                assert tx.support_desk.position(idle.id) is None
                assert tx.support_desk.position("c999") is None

    def test_a_taken_conversation_leaves_the_queue_for_its_agent(self) -> None:
        """Once taken it is the agent's, no longer waiting; the others move up."""
        first, second = _conversation(1, queued_after=1), _conversation(2, queued_after=2)
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.support_desk.add(first)
                tx.support_desk.add(second)
            with storage.transaction() as tx:
                taken = tx.support_desk.get(first.id)
                taken.take("agent-7", at=AT + timedelta(minutes=5))
                tx.support_desk.save(taken)
            with storage.read() as tx:
                assert [c.id for c in tx.support_desk.waiting(10)] == [second.id]
                assert tx.support_desk.position(second.id) == 1
                assert tx.support_desk.position(first.id) is None
                assert [c.id for c in tx.support_desk.of_agent("agent-7")] == [first.id]
                assert tx.support_desk.of_agent("agent-8") == []

    def test_a_number_has_one_open_conversation_and_may_open_another_once_closed(self) -> None:
        """A second open conversation of a number is ``support.open_exists``."""
        first = _conversation(1)
        again, _ = Conversation.open("c-again", first.subscriber_id, at=AT)
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.support_desk.add(first)
            with pytest.raises(Conflict) as clash, storage.transaction() as tx:
                tx.support_desk.add(again)
            assert clash.value.code == "support.open_exists"
            with storage.transaction() as tx:
                assert tx.support_desk.open_of(first.subscriber_id) == first
                closing = tx.support_desk.get(first.id)
                closing.close(at=AT)
                tx.support_desk.save(closing)
                tx.support_desk.add(again)
            with storage.read() as tx:
                found = tx.support_desk.open_of(first.subscriber_id)
                assert found is not None
                assert found.id == again.id
                assert tx.support_desk.get(first.id).state is ConversationState.CLOSED
                assert tx.support_desk.open_of("s-nobody") is None

    def test_a_rolled_back_conversation_is_not_stored(self) -> None:
        """An exception in the block leaves no conversation behind."""
        conversation = _conversation(1, queued_after=0)
        with self.opened() as storage:
            with pytest.raises(InjectedFailure), storage.transaction() as tx:
                tx.support_desk.add(conversation)
                inject_failure()
            with storage.read() as tx:
                assert tx.support_desk.find(conversation.id) is None
                assert tx.support_desk.waiting(10) == []
