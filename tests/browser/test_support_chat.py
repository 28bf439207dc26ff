"""Customer service in headless Chromium (F-BIZ-8): the robot answers, then a human does.

The subscriber asks the demo's BM25 robot, which answers with its source; asks for 人工 and
sees the queue position; the demo agent logs in to the console (key printed by the demo),
takes the conversation and replies; the subscriber's page shows the reply by itself (the
chat page polls). Screenshots go to ``test-artifacts/browser/``.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from unicom_core.domain.shared import MobileNumber

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
NUMBER = "18612345678"  # the demo's first number


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _login(page, base, built) -> None:
    page.goto(f"{base}/login")
    page.click("label[for=tab-random]")  # the login form's random-password tab
    page.fill("#user_name", NUMBER)
    page.click("#send-code")
    expect(page.locator("p.notice.info")).to_contain_text("随机密码已发送")
    page.fill("#random_password", built.messages.last_code(MobileNumber.parse(NUMBER)))
    page.click("#login-form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/home$"))


def test_f_biz_8_a_chat_reaches_a_human(demo, page, browser_context, follow_menu):
    built, base = demo
    _login(page, base, built)  # a random-password session may chat (F-AUTH-5)
    follow_menu(page, "/support")
    expect(page.locator("h1")).to_have_text("在线客服")

    page.fill("#text", "怎么设置呼叫转移")
    page.click("#ask-form button[type=submit]")
    answer = page.locator("li.message.bot").last
    expect(answer).to_contain_text("**21*")
    expect(answer.get_by_test_id("source")).to_contain_text("来源：呼叫转移")
    _shot(page, "support-01-robot")

    page.click("#human-form button[type=submit]")
    expect(page.get_by_test_id("queue-status")).to_have_text("已为您排队，当前第1位")
    _shot(page, "support-02-queued")

    console = browser_context.new_page()
    try:
        console.goto(f"{base}/support/agent")
        console.fill("#agent_id", "demo-agent")
        console.fill("#key", built.agent_key)
        console.click("#agent-login button[type=submit]")
        waiting = console.get_by_test_id("waiting")
        expect(waiting).to_have_count(1)
        expect(waiting).to_contain_text("怎么设置呼叫转移")
        waiting.locator("button[type=submit]").click()
        console.fill("#text", "您好，我是客服小王，请问还有什么可以帮您？")
        console.click("#reply-form button[type=submit]")
        expect(console.locator("li.message.agent").last).to_contain_text("客服小王")
        _shot(console, "support-03-console")
    finally:
        console.close()

    reply = page.locator("li.message.agent")
    expect(reply).to_contain_text("客服小王", timeout=10_000)  # drawn by the page's polling
    expect(page.get_by_test_id("queue-status")).to_contain_text("demo-agent")
    _shot(page, "support-04-agent-replied")
