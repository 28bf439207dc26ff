"""The pages in each catalogue's language: the switch keeps the page, nothing mixes languages.

The language links keep the path and every other query parameter (only ``lang`` changes);
the 404 page says its refusal in the page's language; the English bills page labels its
chart months and bill lines in English; a Traditional Chinese catalogue, once present, is
what ``Accept-Language: zh-TW`` gets.
"""

from __future__ import annotations

import re
import shutil
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
import unicom_web.i18n
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from hypothesis import given
from hypothesis import strategies as st
from unicom_web.catalogues import LOCALE_DIR, Catalogues
from unicom_web.pages import language_switches

_SWITCH = re.compile(r'<a href="([^"]+)" class="lang" lang="([^"]+)"')
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _switches(html: str) -> dict[str, str]:
    return {lang: unescape(href) for href, lang in _SWITCH.findall(html)}


def _main(html: str) -> str:
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_the_language_link_keeps_the_path_and_the_query(client):
    page = client.get("/numbers?province=bj&starts_with=186&lang=zh")
    href = _switches(page.text)["en"]
    assert href == "/numbers?province=bj&starts_with=186&lang=en"
    english = client.get(href)
    assert _switches(english.text)["zh-Hans"] == "/numbers?province=bj&starts_with=186&lang=zh"


def test_the_language_link_of_a_page_without_a_query(client):
    page = client.get("/plans")
    assert _switches(page.text) == {"en": "/plans?lang=en"}
    assert 'lang="en" hreflang="en" data-lang="en">English</a>' in page.text


_VALUES = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8)


@given(st.lists(st.tuples(st.sampled_from(["a", "lang", "kind", "q"]), _VALUES), max_size=6))
def test_a_switch_replaces_only_lang(params):
    """Every parameter but ``lang`` comes back in order, and ``lang`` once, the new one."""
    (switch,) = language_switches("/p", urlencode(params), "zh")
    parts = urlsplit(switch.href)
    assert parts.path == "/p"
    kept = [(name, value) for name, value in params if name != "lang"]
    assert parse_qsl(parts.query, keep_blank_values=True) == [*kept, ("lang", "en")]


@pytest.mark.parametrize("path", ["//evil.example/x", "/\\evil.example/x", "///evil.example"])
def test_the_language_link_never_leaves_the_site(path):
    (switch,) = language_switches(path, "a=1", "zh")
    assert switch.href.startswith("/")
    assert not switch.href.startswith(("//", "/\\"))
    assert urlsplit(switch.href).netloc == ""


@pytest.mark.parametrize(
    ("lang", "sentence"), [("zh", "没有找到该页面。"), ("en", "There is no such page.")]
)
def test_the_404_page_speaks_one_language(client, lang, sentence):
    page = client.get(f"/no-such-page?lang={lang}")
    assert page.status_code == 404
    main = _main(page.text)
    assert sentence in main
    assert "Not Found" not in main
    if lang == "en":
        assert not _CJK.search(main)


def test_the_english_bills_page_has_english_months_and_lines(world, client):
    world.bill_history()
    world.login(client)
    page = client.get("/bills?lang=en")
    main = _main(page.text)
    assert ">Nov</text>" in main
    assert ">Jun</text>" in main
    assert "月" not in main
    assert "Plan fee" in main or "Pack fee" in main
    chinese = _main(client.get("/bills?lang=zh").text)
    assert ">11月</text>" in chinese


@pytest.fixture
def traditional(tmp_path, monkeypatch):
    """The shipped catalogues plus a zh_Hant one, in place of the shipped ones."""
    shutil.copytree(LOCALE_DIR, tmp_path / "locale", ignore=shutil.ignore_patterns("*.mo"))
    catalog = Catalog(locale="zh_Hant")
    catalog.add("plans.title", "套餐與資費")
    catalog.add("lang.name", "繁體中文")
    folder = tmp_path / "locale" / "zh_Hant" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "messages.po").open("wb") as out:
        write_po(out, catalog)
    catalogues = Catalogues(tmp_path / "locale")
    monkeypatch.setattr(unicom_web.i18n, "CATALOGUES", catalogues)
    return catalogues


@pytest.mark.usefixtures("traditional")
def test_accept_language_zh_tw_picks_a_traditional_catalogue(client):
    page = client.get("/plans", headers={"Accept-Language": "zh-TW,zh;q=0.9"})
    assert '<html lang="zh-Hant">' in page.text
    assert "<h1>套餐與資費</h1>" in page.text
    assert _switches(page.text) == {"zh-Hans": "/plans?lang=zh", "en": "/plans?lang=en"}
    simplified = client.get("/plans", headers={"Accept-Language": "zh-CN"})
    assert '<html lang="zh-Hans">' in simplified.text
    chosen = client.get("/plans?lang=zh-Hant")
    assert '<html lang="zh-Hant">' in chosen.text
