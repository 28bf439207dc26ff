"""The page languages are the catalogues present; amounts and instants are Babel's, per locale.

A carrier adds Traditional Chinese by adding ``locale/zh_Hant/LC_MESSAGES/messages.po``:
``Accept-Language: zh-TW`` (or ``zh-Hant``, ``zh-HK``) then picks it, a key it leaves out
reads in the default Simplified Chinese, and ``?lang=zh-Hant`` chooses it. Money is
``format_currency`` of exact yuan (never a float), instants are Beijing wall time.
"""

from __future__ import annotations

import os
import shutil
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po
from hypothesis import given
from hypothesis import strategies as st
from unicom_web.catalogues import LOCALE_DIR, Catalogues
from unicom_web.formatting import Formats
from unicom_web.i18n import CATALOGUES, LANGUAGES, formats, translator

from unicom_core.domain.shared import MAX_FEN, Money

ZH, EN = Formats(Locale.parse("zh_Hans")), Formats(Locale.parse("en"))


@pytest.fixture
def with_traditional(tmp_path):
    """The shipped catalogues plus a small zh_Hant one, in a directory of their own."""
    shutil.copytree(LOCALE_DIR, tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    catalog = Catalog(locale="zh_Hant")
    catalog.add("home.title", "我的聯通")
    catalog.add("lang.name", "繁體中文")
    folder = tmp_path / "locale" / "zh_Hant" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.po").open("wb") as out:
        write_po(out, catalog)
    return Catalogues(tmp_path / "locale")


def test_the_languages_are_the_shipped_catalogues_the_default_first():
    assert LANGUAGES == ("zh", "en")
    assert [lang.html_lang for lang in CATALOGUES.languages] == ["zh-Hans", "en"]


def test_a_traditional_catalogue_adds_a_language(with_traditional):
    assert with_traditional.tags == ("zh", "en", "zh-Hant")
    assert with_traditional.language("zh-Hant").html_lang == "zh-Hant"


@pytest.mark.parametrize(
    ("header", "tag"),
    [
        ("zh-TW", "zh-Hant"),
        ("zh-Hant", "zh-Hant"),
        ("zh-HK,en;q=0.5", "zh-Hant"),
        ("zh-CN,zh;q=0.9", "zh"),
        ("zh", "zh"),
        ("fr-FR, en-GB;q=0.8, zh;q=0.5", "en"),
        ("en;q=0.2, zh-TW;q=0.9", "zh-Hant"),
        ("fr", None),
        ("", None),
        ("zh-TW;q=0", None),
        ("***, en", "en"),
    ],
)
def test_accept_language_picks_the_catalogue_of_the_same_script(with_traditional, header, tag):
    assert with_traditional.negotiate(header) == tag


def test_without_a_traditional_catalogue_taiwan_reads_simplified_chinese():
    assert CATALOGUES.negotiate("zh-TW") == "zh"
    assert CATALOGUES.negotiate("en-US,en;q=0.9") == "en"


def test_a_key_the_new_catalogue_leaves_out_reads_in_the_default(with_traditional):
    t = translator("zh-Hant", with_traditional)
    assert t("home.title") == "我的聯通"
    assert t("nav.bills") == translator("zh")("nav.bills") == "账单查询"
    assert t("no.such.key") == "no.such.key"


def test_the_compiled_catalogue_is_read_when_current(tmp_path):
    """A current .mo is used as it is; a .po newer than its .mo is compiled in memory."""
    shutil.copytree(LOCALE_DIR, tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    folder = tmp_path / "locale" / "en" / "LC_MESSAGES"
    stale = Catalog(locale="en")
    stale.add("home.title", "From the compiled file")
    with (folder / "messages.mo").open("wb") as out:
        write_mo(out, stale)
    assert translator("en", Catalogues(tmp_path / "locale"))("home.title") == (
        "From the compiled file"
    )
    (folder / "messages.po").touch()  # edited after compiling: the .po wins
    po_time = (folder / "messages.po").stat().st_mtime
    os.utime(folder / "messages.mo", (po_time - 10, po_time - 10))
    assert translator("en", Catalogues(tmp_path / "locale"))("home.title") == "My account"


@pytest.mark.parametrize(
    ("fen", "zh", "en"),
    [
        (1234, "¥12.34", "CN¥12.34"),
        (-1234, "-¥12.34", "-CN¥12.34"),
        (0, "¥0.00", "CN¥0.00"),
        (199800, "¥1998.00", "CN¥1998.00"),  # no grouping: as the hall has always shown
    ],
)
def test_money_is_babel_currency_per_locale(fen, zh, en):
    assert ZH.money(Money(fen)) == zh
    assert EN.money(Money(fen)) == en
    assert ZH.money({"fen": fen, "currency": "CNY"}) == zh
    assert ZH.money("¥1.00") == "¥1.00"  # not an amount: as text


@given(st.integers(-MAX_FEN, MAX_FEN))
def test_money_text_reads_back_as_the_exact_fen(fen):
    """No float on the way: the digits shown are exactly the fen count."""
    for style, symbol in ((ZH, "¥"), (EN, "CN¥")):
        text = style.money(Money(fen))
        assert Decimal(text.replace(symbol, "")) * 100 == fen


def test_an_instant_is_beijing_wall_time_in_both_languages():
    noon = datetime(2026, 12, 3, 4, 0, tzinfo=UTC)
    assert ZH.when(noon) == EN.when(noon) == "2026-12-03 12:00"
    assert ZH.when("2026-12-03T00:00:00+08:00") == "2026-12-03 00:00"
    assert ZH.when("later") == "later"
    naive = datetime(2026, 12, 3, 4, 0)  # noqa: DTZ001 - a naive value is shown as text
    assert ZH.when(naive) == "2026-12-03 04:00:00"
    assert ZH.when(3) == "3"


def test_the_date_time_pattern_comes_from_the_catalogue(with_traditional):
    assert formats("zh").datetime_pattern == "yyyy-MM-dd HH:mm"
    assert formats("zh-Hant", with_traditional).locale == Locale.parse("zh_Hant")


def test_chart_months_are_the_locale_abbreviations():
    assert [ZH.month(m) for m in (1, 11, 12)] == ["1月", "11月", "12月"]
    assert [EN.month(m) for m in (1, 11, 12)] == ["Jan", "Nov", "Dec"]


def test_numbers_and_days_per_locale():
    assert ZH.number(1000) == EN.number(1000) == "1000"
    assert EN.number(Decimal("1.50")) == "1.5"
    assert EN.day(date(2026, 12, 3)) == "12/3/26"
    assert ZH.day(date(2026, 12, 3)) == "2026/12/3"
