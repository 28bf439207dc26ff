"""Customer service through ``hall.support``: robot first, the human queue, agents (F-BIZ-8)."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from unicom_core.domain.handling import Author, ConversationState
from unicom_core.domain.shared import SHANGHAI
from unicom_core.errors import InvalidInput, NotFound, Refused
from unicom_core.memory.support_bot import ScriptedSupportBot
from unicom_core.ports.handling import BotAnswer
from unicom_core.testing.worlds.billing import BillingWorld
from unicom_core.usecases.handling import SupportService, SupportSettings

A, B = "18612345678", "18687654321"
FORWARDING = BotAnswer(
    text="拨 **21*转移号码# 设置无条件转移。",
    confidence=0.9,
    source_id="faq.call_forwarding",
    source_title="呼叫转移",
)


@attrs.define
class Desk:
    world: BillingWorld
    bot: ScriptedSupportBot
    a: str
    b: str

    @property
    def support(self) -> SupportService:
        return self.world.hall.support


@pytest.fixture
def desk() -> Desk:
    world = BillingWorld(start=dt.datetime(2026, 11, 26, 10, tzinfo=SHANGHAI))
    bot = ScriptedSupportBot()
    bot.script("呼叫转移", FORWARDING)
    bot.script("天气", attrs.evolve(FORWARDING, confidence=0.1))
    hall = world.hall
    service = SupportService(
        hall.storage, hall.clock, authorizer=hall.access, bot=bot, settings=SupportSettings()
    )
    world.hall = attrs.evolve(hall, support=service)
    a = world.login(world.add_number(A), random_password=True)  # F-AUTH-5: support.chat
    b = world.login(world.add_number(B))
    return Desk(world, bot, a, b)


def test_f_biz_8_the_robot_answers_first_with_its_source(desk):
    view = desk.support.ask(desk.a, "怎么设置呼叫转移")
    conversation = view.conversation
    assert conversation.state is ConversationState.BOT
    assert [m.author for m in conversation.messages] == [Author.SUBSCRIBER, Author.BOT]
    answer = conversation.messages[-1]
    assert (answer.source_id, answer.source_title, answer.confidence) == (
        "faq.call_forwarding",
        "呼叫转移",
        0.9,
    )
    assert view.position is None


def test_f_biz_8_a_second_question_goes_to_the_same_open_conversation(desk):
    first = desk.support.ask(desk.a, "怎么设置呼叫转移").conversation
    second = desk.support.ask(desk.a, "怎么取消呼叫转移").conversation
    assert second.id == first.id
    assert len(second.messages) == 4


def test_f_biz_8_an_answer_below_the_threshold_queues_for_a_human(desk):
    view = desk.support.ask(desk.a, "明天天气好吗")
    assert view.conversation.state is ConversationState.QUEUED
    assert view.position == 1
    assert view.conversation.messages[-1].text == SupportSettings().unsure_text


def test_f_biz_8_no_answer_at_all_queues_for_a_human(desk):
    view = desk.support.ask(desk.a, "宽带怎么装")
    assert view.conversation.state is ConversationState.QUEUED


def test_f_biz_8_asking_for_a_person_skips_the_robot(desk):
    view = desk.support.ask(desk.a, "我要转人工")
    assert view.conversation.state is ConversationState.QUEUED
    assert desk.bot.questions == []  # the robot was not asked
    assert view.conversation.messages[-1].text == SupportSettings().handoff_text


def test_f_biz_8_the_queue_position_counts_the_earlier_ones(desk):
    first = desk.support.ask(desk.a, "转人工").conversation
    desk.world.move_to(dt.datetime(2026, 11, 26, 10, 5, tzinfo=SHANGHAI))
    second = desk.support.ask(desk.b, "人工").conversation
    assert desk.support.conversation(desk.b, second.id).position == 2
    assert [v.conversation.id for v in desk.support.queue()] == [first.id, second.id]
    desk.support.take("agent-7", first.id)
    assert desk.support.conversation(desk.b, second.id).position == 1


def test_f_biz_8_an_agent_takes_replies_and_closes(desk):
    asked = desk.support.ask(desk.a, "怎么设置呼叫转移").conversation
    desk.support.ask_for_human(desk.a, asked.id)
    taken = desk.support.take("agent-7", asked.id).conversation
    assert taken.state is ConversationState.WITH_AGENT
    desk.support.reply("agent-7", asked.id, "您好，我是7号客服")
    desk.support.ask(desk.a, "谢谢，再问一下", asked.id)  # reaches the agent, not the robot
    seen = desk.support.conversation(desk.a, asked.id).conversation
    assert [(m.author, m.text) for m in seen.messages[-2:]] == [
        (Author.AGENT, "您好，我是7号客服"),
        (Author.SUBSCRIBER, "谢谢，再问一下"),
    ]
    assert [c.id for c in desk.support.assigned("agent-7")] == [asked.id]
    closed = desk.support.close("agent-7", asked.id).conversation
    assert closed.state is ConversationState.CLOSED
    assert desk.support.current(desk.a) is None


def test_f_biz_8_another_agent_may_not_reply_or_look(desk):
    asked = desk.support.ask(desk.a, "转人工").conversation
    desk.support.take("agent-7", asked.id)
    with pytest.raises(Refused) as refused:
        desk.support.reply("agent-8", asked.id, "我来")
    assert refused.value.code == "support.not_assigned"
    with pytest.raises(Refused):
        desk.support.inspect("agent-8", asked.id)


def test_f_auth_6_another_numbers_conversation_is_unknown(desk):
    asked = desk.support.ask(desk.a, "怎么设置呼叫转移").conversation
    for call in (
        lambda: desk.support.conversation(desk.b, asked.id),
        lambda: desk.support.ask(desk.b, "偷看", asked.id),
        lambda: desk.support.ask_for_human(desk.b, asked.id),
        lambda: desk.support.leave(desk.b, asked.id),
    ):
        with pytest.raises(NotFound) as unknown:
            call()
        assert unknown.value.code == "support.unknown_conversation"


def test_f_biz_8_a_closed_conversation_takes_no_more_and_a_new_one_opens(desk):
    asked = desk.support.ask(desk.a, "怎么设置呼叫转移").conversation
    desk.support.leave(desk.a, asked.id)
    with pytest.raises(Refused) as closed:
        desk.support.ask(desk.a, "还在吗", asked.id)
    assert closed.value.code == "support.closed"
    fresh = desk.support.ask(desk.a, "怎么设置呼叫转移").conversation
    assert fresh.id != asked.id


def test_f_biz_8_bad_text_and_no_session_are_refused(desk):
    with pytest.raises(InvalidInput) as empty:
        desk.support.ask(desk.a, "   ")
    assert empty.value.code == "support.text"
    with pytest.raises(Refused) as anonymous:
        desk.support.ask("", "怎么设置呼叫转移")
    assert anonymous.value.code == "access.not_logged_in"


def test_f_biz_8_the_asking_events_reach_the_outbox(desk):
    desk.support.ask(desk.a, "转人工")
    with desk.world.hall.storage.read() as tx:
        kinds = [entry.event.event_type for entry in tx.outbox.pending(10)]
    assert "support.opened" in kinds
    assert "support.queued" in kinds


@pytest.mark.parametrize("threshold", [-0.1, 1.5, True, "0.5"])
def test_f_biz_8_a_threshold_outside_0_to_1_is_refused(threshold):
    with pytest.raises(InvalidInput) as bad:
        SupportSettings(threshold=threshold)
    assert bad.value.code == "support.settings"
