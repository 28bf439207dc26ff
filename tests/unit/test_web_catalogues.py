"""The page catalogues (gettext, Babel): complete, well-formed, one entry per key.

Every key the templates and the Python code pass to ``t`` (found by Babel's own python and
jinja2 extractors, with the mapping of ``adapters/web/babel.cfg``) and every key built at run
time (:mod:`unicom_web.i18n_keys`: enum families, ``error.<code>`` of every declared code)
has a non-empty text in every shipped catalogue; a catalogue names only the ``{fields}`` its
caller gives; no entry is fuzzy; the entries are sorted, each once.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import io
import re
import string
import sys
import types
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import jinja2.nodes
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from unicom_web.catalogues import LOCALE_DIR
from unicom_web.i18n_keys import ENUM_FAMILIES, PAGE_CODES, declared_codes, dynamic_keys

if TYPE_CHECKING:
    from collections.abc import Iterator

    from babel.messages.catalog import Catalog

WEB = Path(__file__).resolve().parents[2] / "adapters" / "web"
SHIPPED = sorted(path.parent.parent.name for path in LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
PLAIN_ERROR_KEYS = {
    "error.title",
    "error.retry_at",
    "error.correlation",
    "error.fallback",
    "error.money",
    "error.list_separator",
}
"""``error.*`` keys that are words of the error page, not the sentence of a code."""


@functools.cache
def _catalog(locale: str) -> Catalog:
    with (LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as source:
        return read_po(source, abort_invalid=True)


def _texts(locale: str) -> dict[str, str]:
    return {m.id: m.string for m in _catalog(locale) if m.id}


@functools.cache
def _extracted() -> frozenset[str]:
    """Every key Babel extracts with the project's mapping, as `make i18n-extract` does."""
    with (WEB / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = extract_from_dir(
        str(WEB), method_map, options_map, keywords={"t": None}, comment_tags=()
    )
    return frozenset(message for _, _, message, _, _ in found if isinstance(message, str))


def _used_keys() -> set[str]:
    """Every key Babel extracts with the project's mapping, as `make i18n-extract` does."""
    return set(_extracted())


def _named(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def missing_texts(keys: set[str], texts: dict[str, str]) -> list[str]:
    """The keys without a non-empty text."""
    return sorted(key for key in keys if not texts.get(key))


def test_the_shipped_catalogues_are_simplified_chinese_and_english():
    assert SHIPPED == ["en", "zh_Hans"]


def test_the_extraction_finds_the_templates_the_code_and_the_built_keys():
    used = _used_keys()
    assert {"home.title", "site.title", "bills.chart"} <= used  # a template, the code
    assert "bills.line.discount" in used  # an enum family (LineKind)
    assert "error.payment.other_carrier" in used  # a declared code


@pytest.mark.parametrize("locale", SHIPPED)
def test_every_used_key_has_a_text_in_every_catalogue(locale):
    used = _used_keys() | {key for key, _ in dynamic_keys()}
    assert missing_texts(used, _texts(locale)) == []


@pytest.mark.parametrize("locale", SHIPPED)
def test_a_catalogue_holds_no_key_nobody_uses(locale):
    """A stale key would hide a typo in a template (``make i18n-extract`` drops them)."""
    assert sorted(set(_texts(locale)) - _used_keys()) == []


def test_the_check_fails_on_one_missing_text():
    texts = _texts("en")
    del texts["bills.line.discount"]
    texts["home.title"] = ""
    assert missing_texts({"bills.line.discount", "home.title", "site.title"}, texts) == [
        "bills.line.discount",
        "home.title",
    ]


@pytest.mark.parametrize("family", sorted(ENUM_FAMILIES))
def test_each_member_of_a_built_family_has_a_key(family):
    """``t('bills.line.' + line.kind.value)``: a new enum member needs its words."""
    for locale in SHIPPED:
        texts = _texts(locale)
        assert [
            m.value for m in ENUM_FAMILIES[family] if not texts.get(f"{family}.{m.value}")
        ] == []


def test_the_template_lists_every_key_of_the_catalogues():
    with (LOCALE_DIR / "messages.pot").open("rb") as source:
        template = {m.id for m in read_po(source) if m.id}
    for locale in SHIPPED:
        assert set(_texts(locale)) == template


@pytest.mark.parametrize("locale", SHIPPED)
def test_a_catalogue_compiles_with_no_fuzzy_entry(locale):
    catalog = _catalog(locale)
    assert not catalog.fuzzy
    assert [m.id for m in catalog if m.id and m.fuzzy] == []
    assert [(m.id, errors) for m, errors in catalog.check()] == []
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    assert len(read_mo(compiled)) == len(catalog)


@pytest.mark.parametrize("locale", SHIPPED)
def test_entries_are_sorted_and_each_key_appears_once(locale):
    text = (LOCALE_DIR / locale / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    keys = re.findall(r'^msgid "(.+)"$', text, flags=re.MULTILINE)
    assert keys == sorted(set(keys))


def _python_calls(path: Path) -> Iterator[tuple[str, set[str]]]:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        first = node.args[0]
        if name == "t" and isinstance(first, ast.Constant) and isinstance(first.value, str):
            yield first.value, {k.arg for k in node.keywords if k.arg}


def _template_calls(path: Path) -> Iterator[tuple[str, set[str]]]:
    tree = jinja2.Environment(autoescape=True).parse(path.read_text(encoding="utf-8"))
    for node in tree.find_all(jinja2.nodes.Call):
        if (
            isinstance(node.node, jinja2.nodes.Name)
            and node.node.name == "t"
            and node.args
            and isinstance(node.args[0], jinja2.nodes.Const)
        ):
            yield node.args[0].value, {keyword.key for keyword in node.kwargs}


def _call_sites() -> dict[str, set[str]]:
    """Each key passed literally to ``t``, with the fields every one of its call sites gives."""
    source = WEB / "src" / "unicom_web"
    found: dict[str, set[str]] = {}
    calls = [
        *(call for path in source.rglob("*.py") for call in _python_calls(path)),
        *(call for path in source.rglob("*.html") for call in _template_calls(path)),
    ]
    for key, fields in calls:
        found[key] = found[key] & fields if key in found else fields
    return found


def test_a_text_names_only_fields_its_callers_give():
    """``t(key, **values)`` formats with the caller's values: a field more would crash."""
    sites = _call_sites()
    assert sites["cards.redeemed"] == {"balance"}  # the scan reads keyword arguments
    for locale in SHIPPED:
        texts = _texts(locale)
        assert {
            key: sorted(_named(texts[key]) - given)
            for key, given in sites.items()
            if _named(texts.get(key, "")) - given
        } == {}


def _given() -> dict[str, set[str]]:
    """Each declared code with the data every raise site gives (variants included)."""
    given = {}
    for code, declared in declared_codes().items():
        fields = set(declared.fields)
        for twin in declared.variants:
            fields &= set(twin.fields)
        given[code] = fields
    return given


@pytest.mark.parametrize("locale", SHIPPED)
def test_every_declared_code_has_its_sentence_in_every_catalogue(locale):
    texts = _texts(locale)
    assert missing_texts({f"error.{code}" for code in _given()}, texts) == []


@pytest.mark.parametrize("locale", SHIPPED)
def test_no_sentence_for_a_code_nobody_declares(locale):
    codes = {*_given(), *PAGE_CODES}
    keys = set(_texts(locale)) - PLAIN_ERROR_KEYS
    sentences = {key.split(".", 1)[1] for key in keys if key.startswith(("error.", "friendly."))}
    assert sorted(sentences - codes) == []


@pytest.mark.parametrize("locale", SHIPPED)
def test_a_sentence_names_only_data_its_code_always_gives(locale):
    given = _given()
    wrong = {
        key: sorted(_named(text) - given.get(key.split(".", 1)[1], set()))
        for key, text in _texts(locale).items()
        if key.startswith(("error.", "friendly.")) and key not in PLAIN_ERROR_KEYS
    }
    assert {key: names for key, names in wrong.items() if names} == {}


def test_a_chinese_sentence_is_chinese_and_has_no_ellipsis():
    for key, text in _texts("zh_Hans").items():
        if key.startswith(("error.", "friendly.")) and key not in PLAIN_ERROR_KEYS:
            assert any("\u4e00" <= char <= "\u9fff" for char in text), key
            assert "…" not in text, key


def test_the_english_sentence_of_a_code_is_its_declared_template():
    texts = _texts("en")
    assert {
        code: texts[f"error.{code}"]
        for code, declared in declared_codes().items()
        if texts[f"error.{code}"] != declared.template
    } == {}


def test_the_wheel_build_hook_compiles_every_catalogue(tmp_path, monkeypatch):
    """``adapters/web/hatch_build.py`` puts a ``.mo`` beside every ``.po`` in the wheel."""
    interface = types.ModuleType("hatchling.builders.hooks.plugin.interface")

    class BuildHookInterface:  # the part of hatchling's base class the hook uses
        def __init__(self, root: str, directory: str, target_name: str) -> None:
            self.root, self.directory, self.target_name = root, directory, target_name

    interface.BuildHookInterface = BuildHookInterface  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, interface.__name__, interface)
    spec = importlib.util.spec_from_file_location("hatch_build", WEB / "hatch_build.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    build_data: dict[str, dict[str, str]] = {"force_include": {}}
    module.CatalogueBuildHook(str(WEB), str(tmp_path), "wheel").initialize("0.1.0", build_data)
    included = build_data["force_include"]
    assert sorted(included.values()) == [
        f"unicom_web/locale/{locale}/LC_MESSAGES/messages.mo" for locale in SHIPPED
    ]
    for built, inside in included.items():
        with Path(built).open("rb") as compiled:
            texts = read_mo(compiled)
        locale = inside.split("/")[2]
        assert texts.get("home.title").string == _texts(locale)["home.title"]
