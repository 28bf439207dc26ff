"""An offering's names in other languages: catalogue data, validated, stored (F-SHOP-1).

``names = { en = "..." }`` in the catalogue TOML gives a product its name per language tag;
it is optional (a catalogue stored before names existed loads with none), validated (tags
and non-blank names), written by the one converter, and every offering of the shipped
catalogue has an English name without Chinese characters.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.catalog_data import default_catalog, load_catalog_text
from unicom_core.domain.catalog import Catalog, Names, to_names
from unicom_core.errors import InvalidInput
from unicom_core.serialization import converter

CJK = re.compile(r"[\u4e00-\u9fff]")
DEFAULT_TOML = (
    Path(__file__).resolve().parents[2] / "src" / "unicom_core" / "catalog_data" / "default.toml"
).read_text(encoding="utf-8")
COMBO_NAMES = 'names = { en = "4G National Combination Plan" }'


def test_every_shipped_offering_has_an_english_name_without_chinese():
    products = default_catalog().products()
    assert products
    for product in products:
        english = product.names.get("en")
        assert english, product.code
        assert not CJK.search(english), (product.code, english)
    assert default_catalog().plan("4g-national-combo").names == {
        "en": "4G National Combination Plan"
    }


def test_a_catalogue_without_names_reads_with_none():
    catalog = load_catalog_text(DEFAULT_TOML.replace(COMBO_NAMES, ""))
    combo = catalog.plan("4g-national-combo")
    assert combo.names == {}
    assert combo.name == "4G全国组合套餐"


@pytest.mark.parametrize(
    ("written", "rule"),
    [
        ('names = { "EN!" = "x" }', "catalog.name"),  # not a language tag
        ('names = { en = "  " }', "catalog.name"),  # a blank name
        (f'names = {{ en = "{"x" * 101}" }}', "catalog.name"),  # a name too long
        ("names = { en = 4 }", "catalog.name"),  # not a name
        ('names = "4G"', "catalog.table"),  # not a table
    ],
)
def test_a_bad_name_map_names_its_line_and_field(written, rule):
    with pytest.raises(InvalidInput) as caught:
        load_catalog_text(DEFAULT_TOML.replace(COMBO_NAMES, written), "default.toml")
    assert caught.value.code == "catalog.data"
    assert caught.value.data["rule"] == rule
    assert caught.value.data["path"] == "$.combos[0].names"
    assert caught.value.data["line"] == DEFAULT_TOML.splitlines().index(COMBO_NAMES) + 1


def test_a_stored_catalogue_without_names_loads():
    stored = converter.unstructure(default_catalog())
    for products in stored.values():
        if isinstance(products, list):
            for product in products:
                if isinstance(product, dict):
                    product.pop("names", None)
    loaded = converter.structure(stored, Catalog)
    assert all(product.names == {} for product in loaded.products())
    assert [p.code for p in loaded.products()] == [p.code for p in default_catalog().products()]


def test_the_names_are_stored_and_read_back():
    catalog = default_catalog()
    stored = converter.unstructure(catalog)
    assert stored["combos"][0]["names"] == {"en": "4G National Combination Plan"}
    assert converter.structure(stored, Catalog) == catalog


tags = st.from_regex(r"[a-z]{2,3}(-[A-Z][a-z]{3})?", fullmatch=True)
names = st.text(min_size=1, max_size=100).filter(str.strip)


@given(st.dictionaries(tags, names, max_size=4))
def test_valid_names_are_kept_equal_and_hashable(given_names):
    kept = to_names(given_names)
    assert isinstance(kept, Names)
    assert kept == given_names
    assert hash(kept) == hash(to_names(dict(given_names)))
