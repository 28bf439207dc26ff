"""The catalogue data file: validated on load, errors naming line, path and field (F-BUN)."""

from __future__ import annotations

from datetime import datetime

import pytest

from unicom_core.catalog_data import (
    TomlCatalogSource,
    default_catalog,
    default_catalog_source,
    line_of,
    load_catalog_text,
)
from unicom_core.domain.catalog import ChangeKind, ChangeTiming, PackKind
from unicom_core.domain.shared import SHANGHAI, Money, Rate
from unicom_core.errors import AdapterError, InvalidInput

GOOD = """\
id = "test"
revision = 3

[[combos]]
code = "combo"
name = "组合套餐"
generation = "4g"
payment_modes = ["postpaid"]
channels = ["online_hall", "mobile_hall"]
change_rules = [
    { kind = "voice", change = "add", timing = "next_cycle" },
]
tiers = [
    "data-100mb",
    "voice-200min",
]

[[packs]]
code = "data-100mb"
name = "8元100MB流量包"
kind = "data"
fee = "8元"
allowances = { data_mb = 100 }
channels = ["online_hall", "mobile_hall"]

[[packs]]
code = "voice-200min"
name = "32元200分钟语音包"
kind = "voice"
fee = "32元"
allowances = { voice_minutes = 200 }
channels = ["online_hall", "mobile_hall"]

[[goods]]
code = "top-up-50"
name = "50元话费充值"
kind = "top_up"
price = "50元"
channels = ["online_hall"]

[[price_rules]]
code = "discount"
description = "9.85折"
product_kinds = ["top_up"]
rate = "98.5%"
window = { starts = 2015-01-01, ends = 2016-01-12T00:00:00+08:00 }
"""


def _broken(old: str, new: str) -> InvalidInput:
    assert old in GOOD
    with pytest.raises(InvalidInput) as caught:
        load_catalog_text(GOOD.replace(old, new, 1), "test.toml")
    assert caught.value.code == "catalog.data"
    return caught.value


def test_a_good_file_loads_into_a_catalogue():
    catalog = load_catalog_text(GOOD)
    assert (catalog.id, catalog.revision, catalog.version) == ("test", 3, 0)
    assert catalog.pack("data-100mb").fee == Money(800)
    assert catalog.combo("combo").change_policy.timing(PackKind.VOICE, ChangeKind.ADD) is (
        ChangeTiming.NEXT_CYCLE
    )
    rule = catalog.price_rules[0]
    assert rule.rate == Rate.percent("98.5")
    assert rule.window.starts == datetime(2015, 1, 1, tzinfo=SHANGHAI)  # a date: 00:00 Beijing
    assert rule.window.ends == datetime(2016, 1, 12, tzinfo=SHANGHAI)


def test_the_default_catalogue_ships_as_package_data():
    source = default_catalog_source()
    assert "default.toml" in repr(source)
    assert source.load() == default_catalog()


def test_a_file_source_reads_a_path(tmp_path):
    path = tmp_path / "catalog.toml"
    path.write_text(GOOD, encoding="utf-8")
    assert TomlCatalogSource(str(path)).load().revision == 3


def test_an_unreadable_file_is_an_adapter_error(tmp_path):
    with pytest.raises(AdapterError) as caught:
        TomlCatalogSource(tmp_path / "missing.toml").load()
    assert caught.value.code == "catalog.unreadable"


def test_a_file_that_is_not_utf8_is_invalid_data(tmp_path):
    path = tmp_path / "catalog.toml"
    path.write_bytes(GOOD.encode("gb18030"))
    with pytest.raises(InvalidInput) as caught:
        TomlCatalogSource(path).load()
    assert caught.value.data["rule"] == "catalog.encoding"


@pytest.mark.parametrize(
    ("old", "new", "line", "path", "field", "rule"),
    [
        ('fee = "8元"', 'fee = "8.123元"', 22, "$.packs[0].fee", "fee", "money.format"),
        ('fee = "32元"', "fee = 32", 30, "$.packs[1].fee", "fee", "catalog.money"),
        (
            'kind = "voice"\nfee',
            'kind = "video"\nfee',
            29,
            "$.packs[1].kind",
            "kind",
            "catalog.enum",
        ),
        (
            'price = "50元"',
            'price = "50元"\ncolour = "red"',
            39,
            "$.goods[0].colour",
            "colour",
            "catalog.unknown_field",
        ),
        ('name = "50元话费充值"\n', "", 34, "$.goods[0].name", "name", "catalog.missing_field"),
        (
            'code = "voice-200min"',
            'code = "data-100mb"',
            27,
            "$.packs[1].code",
            "code",
            "catalog.duplicate_code",
        ),
        (
            '    "voice-200min",',
            '    "voice-2000min",',
            15,
            "$.combos[0].tiers[1]",
            "tiers",
            "catalog.unknown_tier",
        ),
        (
            'timing = "next_cycle"',
            'timing = "later"',
            11,
            "$.combos[0].change_rules[0].timing",
            "timing",
            "catalog.enum",
        ),
        (
            "allowances = { voice_minutes = 200 }",
            "allowances = { data_mb = 200 }",
            31,
            "$.packs[1].allowances",
            "allowances",
            "catalog.pack_allowance",
        ),
        ('rate = "98.5%"', 'rate = "0.985"', 45, "$.price_rules[0].rate", "rate", "catalog.rate"),
        (
            "ends = 2016-01-12T00:00:00+08:00",
            "ends = 2016-01-12T00:00:00",
            46,
            "$.price_rules[0].window.ends",
            "ends",
            "time.naive",
        ),
        (
            "starts = 2015-01-01",
            "starts = 2017-01-01",
            46,
            "$.price_rules[0].window.ends",
            "ends",
            "catalog.window",
        ),
        ("revision = 3", "revision = 0", 2, "$.revision", "revision", "catalog.revision"),
        ('code = "combo"', 'code = "Combo!"', 5, "$.combos[0].code", "code", "catalog.code"),
        (
            'channels = ["online_hall"]',
            'channels = "online_hall"',
            39,
            "$.goods[0].channels",
            "channels",
            "catalog.list",
        ),
        (
            "allowances = { data_mb = 100 }",
            "allowances = 100",
            23,
            "$.packs[0].allowances",
            "allowances",
            "catalog.table",
        ),
        (
            "allowances = { data_mb = 100 }",
            "allowances = { data_mb = 1.5 }",
            23,
            "$.packs[0].allowances.data_mb",
            "data_mb",
            "serialization.type",
        ),
        (
            "starts = 2015-01-01",
            'starts = "yesterday"',
            46,
            "$.price_rules[0].window.starts",
            "starts",
            "catalog.window",
        ),
        (
            'product_kinds = ["top_up"]',
            'product_kinds = ["plan"]\nproduct_codes = ["nope"]',
            45,
            "$.price_rules[0].product_codes",
            "product_codes",
            "catalog.unknown_product",
        ),
    ],
)
def test_an_invalid_file_names_line_path_and_field(old, new, line, path, field, rule):  # noqa: PLR0913, PLR0917
    error = _broken(old, new)
    assert (error.data["line"], error.data["path"], error.data["field"]) == (line, path, field)
    assert error.data["rule"] == rule
    assert error.data["source"] == "test.toml"
    assert str(error).startswith(f"[catalog.data] test.toml:{line}: {path}: ")


def test_a_toml_syntax_error_names_its_line():
    error = _broken('kind = "voice"\nfee', 'kind = "voice\nfee')
    assert error.data["rule"] == "catalog.syntax"
    assert error.data["line"] == 29
    assert error.data["path"] == "$"


def test_the_store_version_cannot_be_set_by_a_file():
    error = _broken("revision = 3", "revision = 3\nversion = 7")
    assert (error.data["line"], error.data["field"]) == (3, "version")


def test_a_missing_top_level_key_names_no_line_it_cannot_point_at():
    error = _broken('id = "test"\n', "")
    assert error.data["path"] == "$.id"
    assert error.data["line"] is None
    assert error.data["rule"] == "catalog.missing_field"


@pytest.mark.parametrize(
    ("path", "line"),
    [
        (["packs", 0, "fee"], 4),
        (["packs", 1], 7),
        (["packs", 5, "fee"], None),
        (["tiers", 0], 1),
        (["tiers", 2], 2),
        (["tiers", 9], 1),
        (["other", 0, "rules", 1], 11),
        (["other", 0, "rules", 0], 10),
        ([], None),
    ],
)
def test_line_of_maps_a_path_to_its_line(path, line):
    text = [
        'tiers = ["a", "b",',  # 1
        '  "c"]  # a comment, "quoted"',  # 2
        "[[packs]]",  # 3
        'fee = "8元"',  # 4
        'name = "x # not a comment"',  # 5
        "",  # 6
        "[[packs]]",  # 7
        'fee = "9元"',  # 8
        "[[other]]",  # 9
        "rules = [{ a = 1 },",  # 10
        '  { a = "\\"]" }]',  # 11
    ]
    assert line_of(text, path) == line
