"""Customer service over HTTP (F-BIZ-8): the chat API and page, the agent console and its keys."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from unicom_web.areas.support import agent_key_digest

from unicom_core.errors import InvalidInput
from unicom_core.memory.support_bot import ScriptedSupportBot
from unicom_core.ports.handling import BotAnswer
from unicom_core.usecases.handling import SupportService

AGENT, KEY = "agent-7", "k" * 43


@pytest.fixture
def desk(world):
    """The fixture hall with a scripted robot that knows call forwarding, and one agent key."""
    bot = ScriptedSupportBot()
    bot.script(
        "呼叫转移",
        BotAnswer(
            text="拨 **21*转移号码# 设置。",
            confidence=0.9,
            source_id="faq.call_forwarding",
            source_title="呼叫转移",
        ),
    )
    hall = world.hall
    service = SupportService(hall.storage, hall.clock, authorizer=hall.access, bot=bot)
    world.hall = attrs.evolve(hall, support=service)
    world.settings = attrs.evolve(world.settings, support_agent_keys={AGENT: agent_key_digest(KEY)})
    return world


def _form(world, client, path, page, **fields):
    token = world.csrf_token(client.get(page).text)
    return client.post(path, data={"_csrf_token": token, **fields}, follow_redirects=False)


def test_f_biz_8_the_chat_api_answers_then_queues_for_a_human(desk):
    with desk.client() as client:
        desk.login_random(client)  # F-AUTH-5: a random-password session may chat
        assert client.get("/api/v1/support/conversation").json() is None
        asked = client.post("/api/v1/support/messages", json={"text": "怎么设置呼叫转移"})
        assert asked.status_code == 200, asked.text
        body = asked.json()
        answer = body["conversation"]["messages"][-1]
        assert (answer["author"], answer["source_id"], answer["confidence"]) == (
            "bot",
            "faq.call_forwarding",
            0.9,
        )
        conversation_id = body["conversation"]["id"]
        queued = client.post(f"/api/v1/support/conversations/{conversation_id}/human")
        assert queued.json()["conversation"]["state"] == "queued"
        assert queued.json()["position"] == 1
        current = client.get("/api/v1/support/conversation").json()
        assert current["conversation"]["id"] == conversation_id


def test_f_auth_6_another_customers_conversation_is_a_404(desk):
    with desk.client() as a, desk.client() as b:
        desk.login(a)
        conversation_id = a.post(
            "/api/v1/support/messages", json={"text": "怎么设置呼叫转移"}
        ).json()["conversation"]["id"]
        desk.login(b, "18687654321")
        seen = b.get(f"/api/v1/support/conversations/{conversation_id}")
        desk.problem(seen, 404, "support.unknown_conversation")


def test_f_biz_8_bad_text_and_no_session_are_problems(desk):
    with desk.client() as client:
        desk.problem(
            client.post("/api/v1/support/messages", json={"text": "hi"}),
            401,
            "access.not_logged_in",
        )
        desk.login(client)
        desk.problem(
            client.post("/api/v1/support/messages", json={"text": "字" * 501}), 422, "support.text"
        )


def test_f_biz_8_the_chat_page_and_the_agent_console_meet(desk):
    with desk.client() as subscriber, desk.client() as agent:
        desk.login(subscriber)
        asked = _form(desk, subscriber, "/support", "/support", text="怎么设置呼叫转移")
        assert asked.status_code == 303
        page = subscriber.get("/support").text
        assert "来源：呼叫转移（匹配度90%）" in page
        conversation_id = subscriber.get("/api/v1/support/conversation").json()["conversation"][
            "id"
        ]
        _form(desk, subscriber, "/support/human", "/support", conversation_id=conversation_id)
        assert "已为您排队，当前第1位" in subscriber.get("/support").text

        refused = _form(
            desk, agent, "/support/agent/login", "/support/agent", agent_id=AGENT, key="x"
        )
        assert refused.status_code == 403
        assert "unicom_agent" not in agent.cookies
        logged = _form(
            desk, agent, "/support/agent/login", "/support/agent", agent_id=AGENT, key=KEY
        )
        assert logged.status_code == 303
        assert 'data-testid="waiting"' in agent.get("/support/agent").text
        _form(desk, agent, "/support/agent/take", "/support/agent", conversation_id=conversation_id)
        _form(
            desk,
            agent,
            "/support/agent/reply",
            "/support/agent",
            conversation_id=conversation_id,
            text="您好，我是7号客服",
        )
        last = subscriber.get("/api/v1/support/conversation").json()["conversation"]["messages"][-1]
        assert (last["author"], last["text"]) == ("agent", "您好，我是7号客服")


def test_f_biz_8_without_agent_keys_the_console_does_not_exist(world):
    with world.client() as client:
        assert client.get("/support/agent").status_code == 404


def test_f_biz_8_a_forged_or_stale_agent_cookie_opens_nothing(desk):
    with desk.client() as agent:
        agent.cookies.set("unicom_agent", f"{AGENT}.1.{'0' * 64}", path="/support/agent")
        page = agent.get("/support/agent").text
        assert 'id="agent-login"' in page
        _form(desk, agent, "/support/agent/login", "/support/agent", agent_id=AGENT, key=KEY)
        assert 'data-testid="agent"' in agent.get("/support/agent").text
        desk.clock.advance(dt.timedelta(hours=13))  # past the 12-hour console session
        assert 'id="agent-login"' in agent.get("/support/agent").text


@pytest.mark.parametrize(
    "keys", [{"agent 7": "0" * 64}, {"agent-7": "not-a-digest"}, {"agent-7": 7}]
)
def test_f_biz_8_malformed_agent_keys_are_refused_at_start(world, keys):
    with pytest.raises(InvalidInput) as bad:
        attrs.evolve(world.settings, support_agent_keys=keys)
    assert bad.value.code == "web.support_agent_keys"
