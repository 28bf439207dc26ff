"""English pages name offerings and word bill lines without Chinese (F-SHOP-1, F-QRY-1).

An offering shows its catalogue ``names["en"]`` on an English page and its ``name`` on a
Chinese one; a bill line is worded from its detail in the page's language, and a Chinese
page shows exactly what the bill run wrote; a payment's subject and the call-forwarding
hints speak the page's language.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from unicom_web.i18n import translator

from unicom_core.domain.billing import UsageKind, UsageRecord
from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.ports.billing import UsageBatch

A1 = "18612345678"
CJK = re.compile(r"[\u4e00-\u9fff]")
ROW = re.compile(r'<tr data-testid="bill-line"><td>[^<]*</td><td>([^<]*)</td>')
PACKS = re.compile(r'<li data-testid="pack">([^<]*)</li>')
PLAN = re.compile(r'data-testid="plan">([^<]*)<')
LEFT = re.compile(r'<span id="left-\d+">([^<]*)</span>')


def _october(hour: int) -> dt.datetime:
    return dt.datetime(2026, 10, 20, hour, tzinfo=SHANGHAI)


@pytest.fixture
def billed(world, client):
    """October: A1 holds the 100MB data pack and the 200-minute voice pack, and uses more."""
    records = (
        UsageRecord("o-sms", A1, UsageKind.SMS, _october(9), 3, "13800000001"),
        UsageRecord("o-call", A1, UsageKind.VOICE, _october(10), 250 * 60, "13800000002"),
        UsageRecord("o-data", A1, UsageKind.DATA, _october(11), 150 * 1024 * 1024, "3gnet"),
        UsageRecord(
            "o-vas", A1, UsageKind.VALUE_ADDED, _october(12), 1, "music", Money.of_yuan("2")
        ),
    )
    report = world.hall.billing.ingest(UsageBatch("words-batch", records))
    assert not report.rejected, report
    world.bill_history()
    world.login(client)
    return client


def _lines(client, lang: str) -> list[str]:
    page = client.get("/bills/2026-10", params={"lang": lang})
    assert page.status_code == 200, page.text
    return [text.replace("&amp;", "&") for text in ROW.findall(page.text)]


def test_an_english_bill_page_words_every_line_without_chinese(billed):
    lines = _lines(billed, "en")
    assert len(lines) == 6  # two pack fees, SMS, voice, data, the value-added use
    assert [line for line in lines if CJK.search(line)] == []
    assert "¥8 100MB Data Pack (31/31 days)" in lines
    assert "¥32 200-Minute Voice Pack (31/31 days)" in lines
    assert any(line.startswith("SMS 3 messages × ") for line in lines)
    assert any(line.startswith("Domestic voice 50 minutes × ") for line in lines)
    assert any(line.startswith("Domestic data 50 MB × ") for line in lines)
    assert "music information fee" in lines


def test_a_chinese_bill_page_shows_what_the_bill_run_wrote(billed):
    bill = billed.get("/api/v1/billing/bills", params={"limit": 1}).json()["items"][0]
    assert bill["cycle"] == "2026-10"
    issued = [line["description"] for line in bill["lines"]]
    assert _lines(billed, "zh") == issued
    assert "8元100MB流量包 (31/31天)" in issued
    assert "短信 3 条 × ¥0.10" in issued


def test_the_api_keeps_the_description_and_adds_the_detail(billed):
    bill = billed.get("/api/v1/billing/bills", params={"limit": 1}).json()["items"][0]
    sms = next(line for line in bill["lines"] if line["code"] == "sms")
    assert sms["description"] == "短信 3 条 × ¥0.10"
    assert sms["detail"]["quantity"] == 3
    assert sms["detail"]["unit_price"]["fen"] == 10
    assert sms["amount"]["fen"] == 30


def test_an_english_home_page_names_the_plan_packs_and_allowances_in_english(billed):
    page = billed.get("/home", params={"lang": "en"}).text
    assert PLAN.findall(page) == ["4G National Combination Plan"]
    names = [*PACKS.findall(page), *LEFT.findall(page)]
    assert names
    assert [name for name in names if CJK.search(name)] == []
    assert any(name.startswith("¥8 100MB Data Pack") for name in names)


def test_a_chinese_home_page_keeps_the_catalogue_names(billed):
    page = billed.get("/home", params={"lang": "zh"}).text
    assert PLAN.findall(page) == ["4G全国组合套餐"]
    assert any(name.startswith("8元100MB流量包") for name in PACKS.findall(page))


def test_the_plans_page_names_offerings_in_the_page_language(client):
    english = client.get("/plans", params={"lang": "en"}).text
    chinese = client.get("/plans", params={"lang": "zh"}).text
    assert "4G National Combination Plan" in english
    assert "4G全国组合套餐" not in english
    assert "4G全国组合套餐" in chinese


def test_a_payment_subject_speaks_the_page_language(world, client):
    world.login(client)
    answer = client.post(
        "/api/v1/payments/top-ups",
        json={"product_code": "top-up-50"},
        headers={"Idempotency-Key": "words-1"},
    )
    assert answer.status_code == 201, answer.text
    payment = answer.json()["payment"]
    assert payment["subject"] == f"50.00元话费充值 {A1}"  # stored as it was
    english = client.get(f"/payments/{payment['id']}", params={"lang": "en"}).text
    assert f"¥50 Phone Credit Top-Up for {A1}" in english
    assert "话费充值" not in english
    chinese = client.get(f"/payments/{payment['id']}", params={"lang": "zh"}).text
    assert f"50.00元话费充值 {A1}" in chinese


def test_the_call_forwarding_hints_speak_english(world, client):
    world.login(client)
    english = client.get("/handling/call_forwarding", params={"lang": "en"}).text
    hints = re.findall(r'<p class="hint">([^<]*)</p>', english)
    assert "A mobile number or a fixed-line number (without the area code)" in hints
    assert [hint for hint in hints if CJK.search(hint)] == []
    chinese = client.get("/handling/call_forwarding", params={"lang": "zh"}).text
    assert "手机号码或固定电话号码（不含区号）" in chinese


def test_the_api_keeps_the_name_and_adds_the_names(client):
    offers = client.get("/api/v1/catalog/offers").json()
    combo = next(o["product"] for o in offers if o["product"]["code"] == "4g-national-combo")
    assert combo["name"] == "4G全国组合套餐"
    assert combo["names"] == {"en": "4G National Combination Plan"}


def test_every_handling_hint_has_its_english_words(world):
    """Each hint a handling declares has an English text without Chinese (its form shows it)."""
    t = translator("en")
    hinted = [
        (handler.kind, field)
        for handler in world.hall.handling.handlers
        for field in handler.fields
        if field.hint
    ]
    assert hinted
    for kind, field in hinted:
        key = f"handling.hint.{kind}.{field.name}"
        assert t(key) != key, key
        assert not CJK.search(t(key)), key
