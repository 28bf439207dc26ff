"""The customer-service conversation: its moves, events, bounds and the queue's law (F-BIZ-8)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.handling import (
    MAX_MESSAGES,
    MAX_TEXT,
    Author,
    Conversation,
    ConversationClosed,
    ConversationOpened,
    ConversationQueued,
    ConversationState,
    ConversationTaken,
    asks_for_human,
)
from unicom_core.domain.shared import SHANGHAI
from unicom_core.errors import Conflict, InvalidInput, Refused
from unicom_core.memory.storage import MemoryStorage

AT = dt.datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI)


def opened(conversation_id: str = "c1", subscriber_id: str = "s1") -> Conversation:
    conversation, _ = Conversation.open(conversation_id, subscriber_id, at=AT)
    return conversation


def test_a_conversation_opens_with_the_robot_and_says_so():
    conversation, events = Conversation.open("c1", "s1", at=AT)
    assert conversation.state is ConversationState.BOT
    assert conversation.messages == ()
    assert [type(e) for e in events] == [ConversationOpened]
    assert events[0].event_type == "support.opened"


def test_the_robot_answers_with_its_source_and_confidence():
    conversation = opened()
    conversation.say("怎么设置呼叫转移", at=AT)
    conversation.bot_says(
        "拨 **21*号码#",
        at=AT,
        source_id="faq.call_forwarding",
        source_title="呼叫转移",
        confidence=0.9,
    )
    answer = conversation.messages[-1]
    assert (answer.author, answer.source_id, answer.confidence) == (
        Author.BOT,
        "faq.call_forwarding",
        0.9,
    )


def test_bot_queue_agent_close_each_report_their_event():
    conversation = opened()
    queued = conversation.queue(at=AT, reason="asked")
    taken = conversation.take("agent-7", at=AT)
    conversation.reply("agent-7", "您好", at=AT)
    closed = conversation.close(at=AT, agent_id="agent-7")
    assert [type(e) for e in (*queued, *taken, *closed)] == [
        ConversationQueued,
        ConversationTaken,
        ConversationClosed,
    ]
    assert conversation.state is ConversationState.CLOSED
    assert conversation.agent_id == "agent-7"
    assert closed[0].by == "agent:agent-7"


def test_asking_for_a_human_again_while_one_is_coming_changes_nothing():
    conversation = opened()
    conversation.queue(at=AT, reason="asked")
    assert conversation.queue(at=AT + dt.timedelta(minutes=1), reason="asked") == ()
    assert conversation.queued_at == AT


@pytest.mark.parametrize(
    ("prepare", "move", "code", "kind"),
    [
        (lambda _: None, lambda c: c.take("a1", at=AT), "support.not_waiting", Conflict),
        (
            lambda c: (c.queue(at=AT, reason="x"), c.take("a1", at=AT)),
            lambda c: c.take("a2", at=AT),
            "support.not_waiting",
            Conflict,
        ),
        (lambda _: None, lambda c: c.reply("a1", "hi", at=AT), "support.not_assigned", Refused),
        (
            lambda c: (c.queue(at=AT, reason="x"), c.take("a1", at=AT)),
            lambda c: c.reply("a2", "hi", at=AT),
            "support.not_assigned",
            Refused,
        ),
        (
            lambda c: c.queue(at=AT, reason="x"),
            lambda c: c.bot_says("答", at=AT),
            "support.not_with_bot",
            Conflict,
        ),
        (lambda c: c.close(at=AT), lambda c: c.say("还在吗", at=AT), "support.closed", Refused),
        (lambda c: c.close(at=AT), lambda c: c.close(at=AT), "support.closed", Refused),
        (lambda c: c.close(at=AT), lambda c: c.queue(at=AT, reason="x"), "support.closed", Refused),
        (lambda _: None, lambda c: c.say("  ", at=AT), "support.text", InvalidInput),
        (
            lambda _: None,
            lambda c: c.say("长" * (MAX_TEXT + 1), at=AT),
            "support.text",
            InvalidInput,
        ),
        (lambda _: None, lambda c: c.take("bad id!", at=AT), "support.agent", InvalidInput),
        (
            lambda _: None,
            lambda c: c.bot_says("答", at=AT, confidence=1.5),
            "support.bot_answer",
            InvalidInput,
        ),
    ],
)
def test_an_illegal_move_is_a_typed_error_and_changes_nothing(prepare, move, code, kind):
    conversation = opened()
    prepare(conversation)
    before = (conversation.state, conversation.messages, conversation.agent_id)
    with pytest.raises(kind) as refused:
        move(conversation)
    assert refused.value.code == code
    assert (conversation.state, conversation.messages, conversation.agent_id) == before


def test_a_transcript_keeps_at_most_its_bound():
    conversation = opened()
    for index in range(MAX_MESSAGES):
        conversation.say(f"第{index}条", at=AT)
    with pytest.raises(Refused) as full:
        conversation.say("再一条", at=AT)
    assert full.value.code == "support.transcript_full"
    assert len(conversation.messages) == MAX_MESSAGES


@pytest.mark.parametrize(
    ("text", "human"),
    [("转人工", True), ("我要人工服务", True), ("客服在吗", True), ("怎么查话费", False)],
)
def test_a_request_for_a_human_is_recognised(text, human):
    assert asks_for_human(text) is human


def _move(conversation: Conversation, move: str, step: int, at: dt.datetime) -> None:
    if move == "say":
        conversation.say(f"问{step}", at=at)
    elif move == "bot":
        conversation.bot_says(f"答{step}", at=at)
    elif move == "queue":
        conversation.queue(at=at, reason="asked")
    elif move == "take":
        conversation.take("agent-1", at=at)
    elif move == "reply":
        conversation.reply("agent-1", f"回{step}", at=at)
    else:
        conversation.close(at=at)


_MOVES = st.lists(st.sampled_from(["say", "bot", "queue", "take", "reply", "close"]), max_size=25)


@given(_MOVES)
def test_the_transcript_only_grows(moves):
    """Whatever moves are tried, legal or not, no message is ever changed or removed."""
    conversation = opened()
    for step, move in enumerate(moves):
        before = conversation.messages
        at = AT + dt.timedelta(seconds=step)
        try:
            _move(conversation, move, step, at)
        except (Conflict, Refused):
            assert conversation.messages == before
        assert conversation.messages[: len(before)] == before
        assert len(conversation.messages) - len(before) in {0, 1}


@given(st.lists(st.tuples(st.integers(0, 20), st.booleans()), min_size=1, max_size=8))
def test_a_queue_position_is_one_more_than_the_earlier_waiting_conversations(plan):
    """Law: position(c) = #{waiting d : (queued_at, id)(d) < (queued_at, id)(c)} + 1."""
    storage = MemoryStorage()
    conversations = []
    with storage.transaction() as tx:
        for index, (minute, waiting) in enumerate(plan):
            conversation = opened(f"c{index:02d}", f"s{index:02d}")
            if waiting:
                conversation.queue(at=AT + dt.timedelta(minutes=minute), reason="asked")
            tx.support_desk.add(conversation)
            conversations.append(conversation)
    waiting = [c for c in conversations if c.state is ConversationState.QUEUED]
    with storage.read() as tx:
        for conversation in conversations:
            expected = (
                None
                if conversation not in waiting
                else 1
                + sum(
                    1
                    for other in waiting
                    if (other.queued_at, other.id) < (conversation.queued_at, conversation.id)
                )
            )
            assert tx.support_desk.position(conversation.id) == expected
