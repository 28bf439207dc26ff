"""The words of a page: offering names, bill lines, payment subjects (F-SHOP-1, F-QRY-1, F-PAY-1).

:class:`unicom_web.offerings.PageWords` over a catalogue's names: an English page shows
``names["en"]`` and falls back to ``name``; a bill line without a detail (issued before
lines carried one), or of a product the catalogue no longer has, shows its description.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from unicom_web.i18n import formats, translator
from unicom_web.offerings import PageWords

from unicom_core.domain.billing import BillLine, LineDetail, LineKind
from unicom_core.domain.catalog import CATALOG_NOT_INSTALLED
from unicom_core.domain.shared import Money

NAMES = {
    "data-100mb": ("8元100MB流量包", {"en": "¥8 100MB Data Pack"}),
    "legacy": ("旧套餐", {}),
}


class _Catalog:
    def __init__(self, *, installed: bool = True) -> None:
        self.installed = installed
        self.reads = 0

    def names(self):
        self.reads += 1
        if not self.installed:
            raise CATALOG_NOT_INSTALLED.error()
        return NAMES


def _words(lang: str = "en", catalog: _Catalog | None = None) -> PageWords:
    hall: Any = SimpleNamespace(catalog=catalog or _Catalog())
    return PageWords(hall, (lang, lang), translator(lang), formats(lang), default=lang == "zh")


def _line(kind: LineKind, code: str, description: str, detail: LineDetail | None) -> BillLine:
    return BillLine("s-1", "18612345678", kind, code, description, Money(800), detail)


def test_an_offering_shows_its_name_in_the_page_language_or_its_name():
    words = _words()
    pack = SimpleNamespace(code="data-100mb", name="8元100MB流量包", names={"en": "¥8 Pack"})
    assert words.named(pack) == "¥8 Pack"
    assert words.named(SimpleNamespace(code="data-100mb", name="8元")) == "¥8 100MB Data Pack"
    assert words.named(SimpleNamespace(code="legacy", name="旧套餐")) == "旧套餐"
    assert words.named(SimpleNamespace(code="gone", name="已下架")) == "已下架"
    bucket = SimpleNamespace(source_code="data-100mb", source_name="8元100MB流量包")
    assert words.named(bucket) == "¥8 100MB Data Pack"
    assert _words("zh").named(pack) == "8元100MB流量包"


def test_the_catalogue_is_read_once_per_page_and_may_be_missing():
    catalog = _Catalog()
    words = _words(catalog=catalog)
    words.name_of("data-100mb")
    words.name_of("legacy")
    assert catalog.reads == 1
    assert _words(catalog=_Catalog(installed=False)).name_of("data-100mb", "8元") == "8元"


def test_a_line_without_detail_or_of_an_unknown_product_shows_its_description():
    words = _words()
    old = _line(LineKind.PACK_FEE, "data-100mb", "8元100MB流量包 (31/31天)", None)
    assert words.line_text(old) == "8元100MB流量包 (31/31天)"
    gone = LineDetail("gone", days=31, cycle_days=31)
    assert words.line_text(_line(LineKind.PACK_FEE, "gone", "旧包 (31/31天)", gone)) == (
        "旧包 (31/31天)"
    )
    adjusted = _line(LineKind.ADJUSTMENT, "adj-1", "调账", None)
    assert words.line_text(adjusted) == "调账"


def test_a_line_with_detail_is_worded_in_the_page_language():
    fee = LineDetail("data-100mb", days=22, cycle_days=31)
    line = _line(LineKind.PACK_FEE, "data-100mb", "8元100MB流量包 (22/31天)", fee)
    assert _words().line_text(line) == "¥8 100MB Data Pack (22/31 days)"
    assert _words("zh").line_text(line) == "8元100MB流量包 (22/31天)"
    sms = _line(LineKind.USAGE, "sms", "短信 3 条 × ¥0.10", LineDetail("", 3, Money(10)))
    assert _words("zh").line_text(sms) == "短信 3 条 × ¥0.10"
    assert _words().line_text(sms).startswith("SMS 3 messages × ")


def test_a_payment_subject_is_stored_text_in_chinese_and_worded_in_english():
    attempt = SimpleNamespace(
        subject="50.00元话费充值 18612345678",
        product_code="data-100mb",
        purpose=SimpleNamespace(value="top_up"),
    )
    assert _words("zh").subject_text(attempt) == "50.00元话费充值 18612345678"
    assert _words().subject_text(attempt) == "¥8 100MB Data Pack for 18612345678"
    bill = SimpleNamespace(
        subject="交费 18612345678 (sms_hall)",
        product_code=None,
        purpose=SimpleNamespace(value="bill"),
    )
    assert _words().subject_text(bill) == "Payment for 18612345678"
