"""PdfDocuments: PDF with the CJK font embedded, the same bytes each time (F-QRY-6)."""

from __future__ import annotations

import datetime as dt
import logging
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from unicom_documents import PdfDocuments, find_font

from unicom_core.domain.shared import SHANGHAI, Document, DocumentSection
from unicom_core.errors import AdapterError, Refused
from unicom_core.memory import HtmlDocuments
from unicom_core.ports.shared import PDF

try:
    FONT = find_font()
except AdapterError:  # pragma: no cover - the machines here install fonts-noto-cjk
    FONT = None

needs_font = pytest.mark.skipif(
    FONT is None, reason="no Noto Sans CJK font: apt-get install fonts-noto-cjk"
)
ISSUED = dt.datetime(2026, 11, 5, 14, 30, tzinfo=SHANGHAI)


def _form(**changes: object) -> Document:
    fields: dict[str, object] = {
        "title": "电子受理单",
        "reference": "SL-2026-0001",
        "issued_at": ISSUED,
        "issuer": "中国联通网上营业厅",
        "sections": (
            DocumentSection(
                "客户信息",
                (("姓名", "張*"), ("证件号码", "110105********0011")),
                ("本人已阅读并同意入网服务协议的全部条款。", "套餐变更次月生效。"),
            ),
        ),
    }
    fields.update(changes)
    return Document(**fields)  # type: ignore[arg-type]


def _pages(content: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b(?!s)", content))


@needs_font
def test_a_pdf_embeds_the_cjk_font_as_a_subset():
    rendered = PdfDocuments().render(_form(), PDF)
    assert rendered.media_type == "application/pdf"
    assert rendered.filename == "SL-2026-0001.pdf"
    assert rendered.content.startswith(b"%PDF-")
    # Noto Sans CJK has CFF outlines: embedded as /FontFile3 (a TrueType one as /FontFile2).
    assert re.search(rb"/FontFile[23]\b", rendered.content)
    assert re.search(rb"/BaseFont /[A-Z]{6}\+NotoSansCJKSC", rendered.content)
    assert len(rendered.content) < 200_000  # a subset, not the 19 MB collection


@needs_font
def test_the_same_document_is_the_same_bytes_dated_by_its_issue():
    first = PdfDocuments().render(_form(), PDF).content
    assert PdfDocuments().render(_form(), PDF).content == first
    assert b"/CreationDate (D:20261105143000+08'00')" in first
    later = PdfDocuments().render(_form(issued_at=ISSUED + dt.timedelta(minutes=1)), PDF)
    assert later.content != first


@needs_font
def test_a_long_row_and_many_terms_go_on_over_pages():
    long = _form(
        sections=(DocumentSection("条款", (("说明", "很长的中文条款文字" * 200),), ("条款",) * 40),)
    )
    assert _pages(PdfDocuments().render(_form(), PDF).content) == 1
    assert _pages(PdfDocuments().render(long, PDF).content) >= 3


@needs_font
def test_characters_the_font_lacks_are_replaced_not_dropped_silently(caplog):
    with caplog.at_level(logging.WARNING, logger="fpdf"):
        rendered = PdfDocuments().render(_form(issuer="张三 😀\x01\t"), PDF)
    assert rendered.content.startswith(b"%PDF-")
    assert "missing the following glyphs" not in caplog.text


def test_html_is_delegated_to_the_html_renderer_without_a_font(tmp_path):
    documents = PdfDocuments(font_path=tmp_path / "absent.ttc")
    assert documents.media_types == frozenset({"application/pdf", "text/html"})
    assert documents.render(_form(), "text/html") == HtmlDocuments().render(_form(), "text/html")


def test_another_media_type_is_refused():
    with pytest.raises(Refused) as refused:
        PdfDocuments().render(_form(), "image/png")
    assert refused.value.code == "document.media_type"


@pytest.mark.parametrize("content", [None, b"", b"not a font at all"])
def test_no_readable_font_is_an_adapter_error_naming_the_package(tmp_path, content):
    path = tmp_path / "NotoSansCJK-Regular.ttc"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(AdapterError) as missing:
        PdfDocuments(font_path=path).render(_form(), PDF)
    assert missing.value.code == "document.font_missing"
    assert "fonts-noto-cjk" in str(missing.value)


def test_no_standard_place_holding_the_font_is_an_adapter_error(tmp_path):
    with pytest.raises(AdapterError) as missing:
        find_font(candidates=(tmp_path / "a.ttc", tmp_path / "b.ttc"))
    assert missing.value.code == "document.font_missing"


@needs_font
def test_the_first_standard_place_holding_a_font_is_used(tmp_path):
    assert FONT is not None
    found = find_font(candidates=(tmp_path / "absent.ttc", FONT.path))
    assert found.path == FONT.path
    assert found.face == 2  # Noto Sans CJK SC in the collection


_TEXT = st.text(st.characters(exclude_categories=()), max_size=60)


@needs_font
@settings(max_examples=12)
@given(
    title=_TEXT,
    rows=st.lists(st.tuples(_TEXT, _TEXT), max_size=4),
    paragraphs=st.lists(_TEXT, max_size=3),
    language=st.sampled_from(["zh-CN", "en"]) | _TEXT,
)
def test_any_document_renders_to_pdf_and_html(title, rows, paragraphs, language):
    document = _form(
        title=title,
        reference=title,
        issuer=title,
        language=language,
        sections=(DocumentSection(title, tuple(rows), tuple(paragraphs)),),
    )
    documents = PdfDocuments()
    assert documents.render(document, PDF).content.startswith(b"%PDF-")
    assert documents.render(document, "text/html").content.startswith(b"<!DOCTYPE html>")
