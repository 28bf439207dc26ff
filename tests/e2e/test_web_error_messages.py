"""Every declared error code speaks the page's language (the web adapter's catalogues).

The sentences live in the gettext catalogues (``error.<code>``; the completeness and field
rules are tests/unit/test_web_catalogues.py); here they are shown as a page shows them:
filled from a problem's data, amounts and instants in the page's language.
"""

from __future__ import annotations

from datetime import UTC, datetime

from unicom_web.i18n import code_message, friendly
from unicom_web.problems import Problem, problem_for

from unicom_core.domain.billing import BILLING_CYCLE_NOT_OVER
from unicom_core.domain.payments import PAYMENT_OTHER_CARRIER
from unicom_core.domain.shared import STORAGE_NOT_FOUND, STORAGE_SCHEMA_OUTDATED, Money
from unicom_core.domain.subscribers import ACCOUNT_INSUFFICIENT_FUNDS


def test_money_in_a_message_reads_as_yuan() -> None:
    error = ACCOUNT_INSUFFICIENT_FUNDS.error(amount=Money(1234), available=Money(5))
    data = problem_for(error).data
    assert code_message(error.code, data, "zh") == "账户可用金额 0.05元 不足以支付 12.34元"
    assert code_message(error.code, data, "en") == "¥12.34 is more than the ¥0.05 available"


def test_a_page_shows_the_declared_sentence_when_the_catalogue_has_none() -> None:
    """F-CAL-1: a code without a hand-written sentence still reads in Chinese."""
    error = BILLING_CYCLE_NOT_OVER.error(
        billing_cycle="2026-11", retry_at=datetime(2026, 11, 30, 16, tzinfo=UTC)
    )
    text = friendly(problem_for(error), "zh")
    assert text.startswith("2026-11 账期尚未结束，暂不能出账")
    assert "2026-12-01 00:00" in text  # the retry time, in Beijing time


def test_the_hand_written_sentence_comes_first() -> None:
    problem = problem_for(PAYMENT_OTHER_CARRIER.error(carrier="China Telecom"))
    assert friendly(problem, "zh") == "不是联通号码，请通过该号码所属运营商充值交费。"
    assert friendly(problem, "en") == "Not a China Unicom number: top it up with its own carrier."


def test_english_pages_show_the_english_sentence_of_the_code() -> None:
    error = STORAGE_NOT_FOUND.error(kind="bill", id="a1:2026-11")
    assert friendly(problem_for(error), "en") == error.message == "no bill with this id"


def test_a_failing_database_is_named_on_no_page() -> None:
    """A 5xx shows the hall's general sentence: the database's file or host stays in the log."""
    error = STORAGE_SCHEMA_OUTDATED.error(url="sqlite:///h.db", found="0004", expected="0005")
    for language in ("zh", "en"):
        text = friendly(problem_for(error), language)
        assert "h.db" not in text
        assert "0004" not in text
        assert text


def test_a_message_whose_data_is_missing_falls_back() -> None:
    assert code_message("storage.schema_outdated", {"url": "x"}, "zh") is None
    assert code_message("no.such_code", {}, "zh") is None


def test_a_refusal_without_a_sentence_never_mixes_languages() -> None:
    """A code no catalogue knows: the English detail on an English page, not on a Chinese one."""
    problem = Problem(418, "teapot.refused", "I am a teapot", {})
    assert friendly(problem, "en") == "I am a teapot"
    assert friendly(problem, "zh") == "请求未能完成，请稍后再试。"
