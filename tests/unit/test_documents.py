"""The document port and its HTML renderer; an invoice as a document (F-QRY-6)."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from hypothesis import given
from hypothesis import strategies as st
from unicom_payments import SandboxPaymentGateway

from unicom_core import bootstrap
from unicom_core.domain.payments import Invoice, InvoiceKind, InvoiceNumber, invoice_id
from unicom_core.domain.shared import SHANGHAI, Document, DocumentSection, Money
from unicom_core.errors import Conflict, NotFound, Refused
from unicom_core.memory import HtmlDocuments
from unicom_core.ports.shared import PDF, RenderedDocument, document_filename, document_header
from unicom_core.testing.worlds.payments import PaymentWorld

ISSUED = dt.datetime(2026, 11, 5, 6, 30, tzinfo=dt.UTC)  # 14:30 in Beijing
NUMBER = InvoiceNumber("011002620001", "00000007", "1" * 20)


def _form(**changes: object) -> Document:
    fields: dict[str, object] = {
        "title": "电子受理单",
        "reference": "SL-2026-0001",
        "issued_at": ISSUED,
        "issuer": "中国联通网上营业厅",
        "sections": (
            DocumentSection("客户信息", (("姓名", "張*"),), ("本人已阅读并同意以下条款。",)),
        ),
    }
    fields.update(changes)
    return Document(**fields)  # type: ignore[arg-type]


def _page(document: Document) -> str:
    return HtmlDocuments().render(document, "text/html").content.decode()


def test_a_name_typed_as_a_script_stays_text():
    script = "<script>alert(1)</script>"
    page = _page(
        _form(
            title=script,
            issuer=script,
            reference=script,
            sections=(DocumentSection(script, ((script, script),), (script,)),),
        )
    )
    assert "<script>" not in page
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 7


def test_the_language_tag_is_escaped_in_its_attribute():
    page = _page(_form(language='zh-CN"><script>x</script>'))
    assert '<html lang="zh-CN&quot;&gt;&lt;script&gt;x&lt;/script&gt;">' in page


def test_the_page_stands_alone_declares_its_language_and_prints_on_a4():
    page = _page(_form())
    assert page.startswith("<!DOCTYPE html>")
    assert '<html lang="zh-CN">' in page
    assert "<style>" in page
    assert "@page { size: A4;" in page
    for outside in ("<script", "<link", "<img", "src=", "href="):
        assert outside not in page


def test_the_header_names_reference_issuer_and_the_time_in_beijing():
    assert document_header(_form()) == (
        ("编号", "SL-2026-0001"),
        ("出具方", "中国联通网上营业厅"),
        ("出具时间", "2026-11-05 14:30 (北京时间)"),
    )
    english = document_header(_form(language="en"))
    assert english[2] == ("Issued at", "2026-11-05 14:30 (Beijing time)")
    assert "2026-11-05 14:30 (北京时间)" in _page(_form())


def test_rows_are_a_table_and_paragraphs_numbered_terms():
    page = _page(_form())
    assert '<tr><th scope="row">姓名</th><td>張*</td></tr>' in page
    assert '<ol class="terms">\n<li>本人已阅读并同意以下条款。</li>\n</ol>' in page


@pytest.mark.parametrize("media_type", ["text/html", "text/html; charset=utf-8", "TEXT/HTML"])
def test_html_is_rendered_as_utf8_html(media_type):
    rendered = HtmlDocuments().render(_form(), media_type)
    assert rendered.media_type == "text/html; charset=utf-8"
    assert rendered.filename == "SL-2026-0001.html"


@pytest.mark.parametrize("media_type", [PDF, "image/png", "", "text/plain"])
def test_a_media_type_it_cannot_render_is_refused(media_type):
    with pytest.raises(Refused) as refused:
        HtmlDocuments().render(_form(), media_type)
    assert refused.value.code == "document.media_type"
    assert refused.value.data == {"media_type": media_type, "supported": "text/html"}


@pytest.mark.parametrize(
    ("reference", "filename"),
    [
        ("SL-2026-0001", "SL-2026-0001.html"),
        ("../../etc/passwd", "etc_passwd.html"),
        ("受理单 2026/11", "受理单_2026_11.html"),
        ('a"b\r\nc', "a_b__c.html"),
        ("///", "document.html"),
    ],
)
def test_the_file_name_is_the_reference_made_safe(reference, filename):
    assert document_filename(_form(reference=reference), "html") == filename


def test_a_lone_surrogate_does_not_crash_the_page():
    rendered = HtmlDocuments().render(_form(issuer="张\ud800三"), "text/html")
    assert "张?三" in rendered.content.decode()


def test_the_same_document_renders_the_same_bytes():
    assert HtmlDocuments().render(_form(), "text/html") == HtmlDocuments().render(
        _form(), "text/html"
    )


_TEXT = st.text(st.characters(exclude_categories=()), max_size=40)
documents = st.builds(
    Document,
    title=_TEXT,
    reference=_TEXT,
    issued_at=st.datetimes(
        min_value=dt.datetime(1990, 1, 1),  # noqa: DTZ001 - made aware by timezones=
        max_value=dt.datetime(2100, 1, 1),  # noqa: DTZ001
        timezones=st.just(SHANGHAI) | st.just(dt.UTC),
    ),
    issuer=_TEXT,
    sections=st.lists(
        st.builds(
            DocumentSection,
            heading=_TEXT,
            rows=st.lists(st.tuples(_TEXT, _TEXT), max_size=4),
            paragraphs=st.lists(_TEXT, max_size=3),
        ),
        max_size=3,
    ),
    language=st.sampled_from(["zh-CN", "en", "zh-TW"]) | _TEXT,
)


def _escaped(text: str) -> bytes:
    return html.escape(text, quote=True).encode("utf-8", "replace")


@given(documents)
def test_any_document_renders_to_html_holding_every_row_escaped(document):
    rendered = HtmlDocuments().render(document, "text/html")
    assert rendered.content.startswith(b"<!DOCTYPE html>")
    for section in document.sections:
        assert _escaped(section.heading) in rendered.content
        for label, value in section.rows:
            row = b'<tr><th scope="row">' + _escaped(label) + b"</th><td>"
            assert row + _escaped(value) + b"</td></tr>" in rendered.content


def _issued_invoice(kind: InvoiceKind = InvoiceKind.BLUE) -> Invoice:
    blue = Invoice(
        invoice_id("item"),
        InvoiceKind.BLUE,
        "item",
        "s",
        "个人",
        "话费充值",
        Money(3000),
        dt.datetime(2026, 11, 5, 9, tzinfo=SHANGHAI),
    )
    blue.issue(NUMBER, at=ISSUED)
    if kind is InvoiceKind.BLUE:
        return blue
    red = blue.red_letter(at=ISSUED)
    red.issue(InvoiceNumber("011002620001", "00000008", "2" * 20), at=ISSUED)
    return red


def test_an_invoice_becomes_a_document_of_the_tax_systems_rows():
    document = _issued_invoice().as_document()
    assert document.title == "电子普通发票"
    assert document.reference == "011002620001-00000007"
    assert document.issued_at == ISSUED
    assert document.issuer == "中国联通网上营业厅"
    (section,) = document.sections
    assert dict(section.rows) == {
        "发票代码": "011002620001",
        "发票号码": "00000007",
        "校验码": "1" * 20,
        "开票日期": "2026-11-05",
        "购买方": "个人",
        "纳税人识别号": "—",
        "项目": "话费充值",
        "价税合计": "¥30.00",
    }


def test_a_red_letter_invoice_says_so_and_is_negative():
    document = _issued_invoice(InvoiceKind.RED).as_document(issuer="某省分公司")
    assert document.title == "电子普通发票（红字）"
    assert document.issuer == "某省分公司"
    assert dict(document.sections[0].rows)["价税合计"] == "-¥30.00"


def test_an_invoice_not_numbered_yet_is_no_document():
    unnumbered = Invoice(invoice_id("i"), InvoiceKind.BLUE, "i", "s", "个人", "x", Money(1), ISSUED)
    with pytest.raises(Conflict) as conflict:
        unnumbered.as_document()
    assert conflict.value.code == "invoice.not_issued"


@pytest.fixture
def invoiced():
    world = PaymentWorld(SandboxPaymentGateway())
    _, token = world.customer("18612345678")
    payment = world.payments.top_up(token, "top-up-50", idempotency_key="k").payment
    return world, token, world.invoices.issue(token, payment.id)


def test_the_download_renders_the_invoice_through_the_document_port(invoiced):
    """F-QRY-6: the invoice as a document, named after its numbers, the same each time."""
    world, token, invoice = invoiced
    assert invoice.number is not None
    copy = world.invoices.download(token, invoice.id, "text/html")
    assert copy.media_type == "text/html; charset=utf-8"
    assert copy.filename == f"invoice-{invoice.number.code}-{invoice.number.number}.html"
    assert invoice.number.check_code in copy.content.decode()
    assert world.invoices.download(token, invoice.id, "text/html") == copy
    own = world.invoices.download(token, invoice.id)
    assert own == world.invoicing.document(invoice)  # no media type: the tax system's copy


def test_a_pdf_from_an_html_only_hall_is_refused_and_others_invoices_stay_private(invoiced):
    world, token, invoice = invoiced
    with pytest.raises(Refused) as refused:
        world.invoices.download(token, invoice.id, PDF)
    assert refused.value.code == "document.media_type"
    _, other = world.customer("18687654321")
    with pytest.raises(NotFound):
        world.invoices.download(other, invoice.id, "text/html")


class _Recorder:
    media_types = frozenset({PDF})

    def __init__(self) -> None:
        self.seen: list[Document] = []

    def render(self, document: Document, media_type: str, /) -> RenderedDocument:
        self.seen.append(document)
        return RenderedDocument(media_type=media_type, filename="x.pdf", content=b"%PDF-")


def test_bootstrap_keeps_the_documents_port_on_the_hall_and_the_invoices(invoiced):
    assert isinstance(bootstrap().documents, HtmlDocuments)
    world, token, invoice = invoiced
    recorder = _Recorder()
    hall = bootstrap(
        storage=world.storage,
        clock=world.clock,
        invoicing=world.invoicing,
        documents=recorder,
    )
    assert hall.documents is recorder
    assert hall.invoices.download(token, invoice.id, PDF).content == b"%PDF-"
    assert recorder.seen == [invoice.as_document()]
