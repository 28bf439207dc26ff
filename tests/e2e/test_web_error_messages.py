"""Every declared error code speaks Chinese on the pages (the web adapter's catalogue)."""

from __future__ import annotations

import importlib
import string
from datetime import UTC, datetime

import pytest
from unicom_web.error_messages import ZH_MESSAGES, zh_message
from unicom_web.i18n import friendly
from unicom_web.problems import problem_for

from unicom_core.domain.billing import BILLING_CYCLE_NOT_OVER
from unicom_core.domain.shared import STORAGE_SCHEMA_OUTDATED, Money
from unicom_core.domain.subscribers import ACCOUNT_INSUFFICIENT_FUNDS
from unicom_core.errors import ERROR_CODES, ErrorCode

_CODE_MODULES = (
    "unicom_core.domain.shared",
    "unicom_core.domain.subscribers",
    "unicom_core.domain.catalog",
    "unicom_core.domain.access",
    "unicom_core.domain.billing",
    "unicom_core.domain.payments",
    "unicom_core.domain.handling",
    "unicom_core.domain.numbers",
    "unicom_core.domain.shop",
    "unicom_core.domain.promotions",
    "unicom_web.codes",
    "unicom_sql.codes",
    "unicom_payments.codes",
    "unicom_documents.codes",
)


def _declared() -> dict[str, set[str]]:
    """Each code the codes modules declare, with the data every raise site gives.

    Read from the modules, not from the registry, which a docs example may extend.
    """
    given = {}
    for module in _CODE_MODULES:
        for value in vars(importlib.import_module(module)).values():
            if isinstance(value, ErrorCode) and value.code not in given:
                given[value.code] = set()
    for code in list(given):
        declared = ERROR_CODES[code]
        fields = set(declared.fields)
        for twin in declared.variants:
            fields &= set(twin.fields)
        given[code] = fields
    return given


def _named(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_declared_code_has_a_chinese_message() -> None:
    assert sorted(set(_declared()) - set(ZH_MESSAGES)) == []


def test_no_message_for_a_code_nobody_declares() -> None:
    assert sorted(set(ZH_MESSAGES) - set(_declared())) == []


@pytest.mark.parametrize("code", sorted(ZH_MESSAGES))
def test_a_message_names_only_data_its_code_always_gives(code: str) -> None:
    given = _declared()
    assert _named(ZH_MESSAGES[code]) <= given.get(code, set())


@pytest.mark.parametrize("code", sorted(ZH_MESSAGES))
def test_a_message_is_chinese_and_has_no_ellipsis(code: str) -> None:
    text = ZH_MESSAGES[code]
    assert any("\u4e00" <= char <= "\u9fff" for char in text)
    assert "…" not in text


def test_money_in_a_message_reads_as_yuan() -> None:
    error = ACCOUNT_INSUFFICIENT_FUNDS.error(amount=Money(1234), available=Money(5))
    assert zh_message(error.code, problem_for(error).data) == (
        "账户可用金额 0.05元 不足以支付 12.34元"
    )


def test_a_page_shows_the_declared_sentence_when_the_catalogue_has_none() -> None:
    """F-CAL-1: a code without a hand-written sentence still reads in Chinese."""
    error = BILLING_CYCLE_NOT_OVER.error(
        billing_cycle="2026-11", retry_at=datetime(2026, 11, 30, 16, tzinfo=UTC)
    )
    text = friendly(problem_for(error), "zh")
    assert text.startswith("2026-11 账期尚未结束，暂不能出账")
    assert "2026-12-01 00:00" in text  # the retry time, in Beijing time


def test_english_pages_keep_the_english_message() -> None:
    error = STORAGE_SCHEMA_OUTDATED.error(url="sqlite:///h.db", found="0004", expected="0005")
    assert friendly(problem_for(error), "en") == error.message


def test_a_message_whose_data_is_missing_falls_back() -> None:
    assert zh_message("storage.schema_outdated", {"url": "x"}) is None
    assert zh_message("no.such_code", {}) is None


def test_each_code_has_its_sentence_in_one_module_only():
    """The sentences are split by area; a code in two modules would let one hide the other."""
    import importlib  # noqa: PLC0415
    import pkgutil  # noqa: PLC0415

    import unicom_web  # noqa: PLC0415

    seen: dict[str, str] = {}
    for module in pkgutil.iter_modules(unicom_web.__path__):
        if not module.name.startswith("messages_zh_"):
            continue
        loaded = importlib.import_module(f"unicom_web.{module.name}")
        for table in (v for k, v in vars(loaded).items() if k.endswith("ZH_MESSAGES")):
            for code in table:
                assert code not in seen, (code, seen.get(code), module.name)
                seen[code] = module.name
    assert seen
    assert set(seen) <= set(ZH_MESSAGES)
