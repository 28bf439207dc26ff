"""Documents over HTTP: the invoice as a PDF download, one Content-Disposition (F-QRY-6)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from unicom_documents import PdfDocuments, find_font
from unicom_web.downloads import content_disposition

from unicom_core.errors import AdapterError

try:
    find_font()
    HAS_FONT = True
except AdapterError:  # pragma: no cover - the machines here install fonts-noto-cjk
    HAS_FONT = False


def _invoice(world, client) -> dict:
    world.login(client)
    paid = client.post(
        "/api/v1/payments/top-ups",
        json={"product_code": "top-up-30", "idempotency_key": "pdf"},
    ).json()["payment"]
    issued = client.post("/api/v1/invoices", json={"payment_id": paid["id"]})
    assert issued.status_code == 201, issued.text
    return issued.json()


@pytest.fixture
def pdf_world(world):
    """The hall as the demo wires it: ``bootstrap(documents=PdfDocuments())``."""
    world.hall.invoices._documents = PdfDocuments()
    return world


@pytest.mark.skipif(not HAS_FONT, reason="no Noto Sans CJK font: apt-get install fonts-noto-cjk")
@pytest.mark.parametrize("path", ["/api/v1/invoices/{id}/document", "/invoices/{id}"])
def test_an_invoice_downloads_as_a_pdf_the_same_bytes_each_time(pdf_world, client, path):
    invoice = _invoice(pdf_world, client)
    url = path.format(id=invoice["id"]) + "?format=pdf"
    first = client.get(url)
    assert first.status_code == 200, first.text
    assert first.headers["content-type"] == "application/pdf"
    assert first.content.startswith(b"%PDF-")
    number = invoice["number"]
    name = f"invoice-{number['code']}-{number['number']}.pdf"
    assert first.headers["content-disposition"] == (
        f"attachment; filename=\"{name}\"; filename*=UTF-8''{name}"
    )
    assert first.headers["cache-control"] == "no-store"
    assert client.get(url).content == first.content
    html = client.get(path.format(id=invoice["id"]))
    assert html.headers["content-type"].startswith("text/html")  # the default, as before
    assert number["check_code"] in html.text


def test_a_pdf_from_an_html_only_hall_is_a_problem(world, client):
    invoice = _invoice(world, client)
    answer = client.get(f"/api/v1/invoices/{invoice['id']}/document?format=pdf")
    world.problem(answer, 403, "document.media_type")


def test_an_unknown_format_is_a_bad_request(world, client):
    invoice = _invoice(world, client)
    answer = client.get(f"/api/v1/invoices/{invoice['id']}/document?format=docx")
    assert answer.status_code == 400


def test_the_schema_offers_html_and_pdf_for_the_invoice_copy(client):
    operation = client.get("/schema/openapi.json").json()["paths"][
        "/api/v1/invoices/{invoice_id}/document"
    ]["get"]
    assert set(operation["responses"]["200"]["content"]) == {"text/html", "application/pdf"}
    (query,) = [p for p in operation["parameters"] if p["in"] == "query"]
    assert query["name"] == "format"
    assert query["schema"]["enum"] == ["html", "pdf"]


@pytest.mark.parametrize(
    ("filename", "ascii_name"),
    [
        ("invoice-011002620001-00000007.pdf", "invoice-011002620001-00000007.pdf"),
        ("电子受理单-SL1.pdf", "SL1.pdf"),
        ("受理单.html", "document.html"),
        ('a"b\\c\r\nd.pdf', "a_b_c_d.pdf"),
        ("Café.pdf", "Cafe.pdf"),
    ],
)
def test_the_file_name_is_ascii_safe_and_utf8_beside_it(filename, ascii_name):
    header = content_disposition(filename)
    assert header == (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
    )
    assert "\r" not in header
    assert "\n" not in header
