"""E-invoices on the web: issue one for a paid item, list them, download the copy (F-QRY-6).

One invoice per paid item, never two: asking again answers the invoice issued already.
The copy is the invoicing service's document (HTML in the memory adapter), served as a
download; ``?format=pdf`` answers the invoice as a PDF instead, rendered by the hall's
document port (``hall.documents``; a port without PDF is 403 ``document.media_type``).
Another customer's invoice is 404 ``invoice.unknown``.
"""

from __future__ import annotations

from typing import Any

import attrs
from litestar import Request, Response, get, post
from litestar.params import FromPath, JSONBody
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_201_CREATED

from unicom_core.domain.payments import Invoice, PaymentStatus
from unicom_core.errors import UnicomError
from unicom_core.ports.shared import PDF, Page, PageRequest
from unicom_web.areas.forms import Form, field
from unicom_web.areas.payments_api import Limit
from unicom_web.areas.payments_pages import problem_or_raise
from unicom_web.bodies import PROBLEMS, Offset
from unicom_web.deps import Hall, Token
from unicom_web.downloads import DownloadFormat, HtmlOrPdf, download
from unicom_web.pages import render
from unicom_web.problems import Problem

__all__ = ["API", "PAGES", "InvoiceRequest"]

_TAGS = ["invoices"]
_PAGE = PageRequest(0, 50)


@attrs.frozen(slots=True)
class InvoiceRequest:
    """Invoice a paid item (a payment of the session's number) to ``title``."""

    payment_id: str
    title: str = "个人"
    tax_id: str | None = None


@post(
    "/invoices",
    tags=_TAGS,
    summary="Issue the e-invoice of a paid item",
    sync_to_thread=True,
    status_code=HTTP_201_CREATED,
    responses=PROBLEMS,
)
def issue(data: JSONBody[InvoiceRequest], hall: Hall, token: Token) -> Invoice:
    """The invoice of a succeeded payment: issued once, answered again after that."""
    return hall.invoices.issue(token, data.payment_id, title=data.title, tax_id=data.tax_id)


@get(
    "/invoices",
    tags=_TAGS,
    summary="My e-invoices, newest first",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def invoices(hall: Hall, token: Token, offset: Offset = 0, limit: Limit = 20) -> Page[Invoice]:
    """The session number's invoices, red-letter ones included."""
    return hall.invoices.invoices(token, page=PageRequest(offset, limit))


def _document(hall: Hall, token: Token, invoice_id: str, kind: str) -> Response[bytes]:
    media_type = PDF if kind == "pdf" else None
    return download(hall.invoices.download(token, invoice_id, media_type))


@get(
    "/invoices/{invoice_id:str}/document",
    tags=_TAGS,
    summary="Download an invoice's copy",
    sync_to_thread=True,
    responses=PROBLEMS,
    media_type="text/html",
    operation_class=HtmlOrPdf,
)
def document(
    invoice_id: FromPath[str], hall: Hall, token: Token, kind: DownloadFormat = "html"
) -> Response[bytes]:
    """The copy of an issued invoice, as often as asked (an attachment; F-QRY-6)."""
    return _document(hall, token, invoice_id, kind)


API = (issue, invoices, document)
"""The invoice endpoints, mounted under ``/api/v1``."""


def _invoices_page(
    request: Request[Any, Any, Any], hall: Hall, token: Token, problem: Problem | None = None
) -> Template:
    issued = hall.invoices.invoices(token, page=_PAGE)
    invoiced = {invoice.item_id for invoice in issued.items}
    paid = [
        attempt
        for attempt in hall.payments.records(token, page=_PAGE).items
        if attempt.status is PaymentStatus.SUCCEEDED and attempt.id not in invoiced
    ]
    return render(
        request,
        "invoices.html",
        status_code=problem.status if problem is not None else 200,
        invoices=issued,
        billable=paid,
        problem=problem,
    )


@get("/invoices", include_in_schema=False, sync_to_thread=True)
def invoices_page(request: Request[Any, Any, Any], hall: Hall, token: Token) -> Template:
    """The invoices issued, and the paid items that can still be invoiced."""
    return _invoices_page(request, hall, token)


@post("/invoices", include_in_schema=False, sync_to_thread=True)
def issue_page(
    request: Request[Any, Any, Any], data: Form, hall: Hall, token: Token
) -> Template | Redirect:
    """Issue the invoice of a paid item."""
    try:
        hall.invoices.issue(
            token,
            field(data, "payment_id"),
            title=field(data, "title") or "个人",
            tax_id=field(data, "tax_id") or None,
        )
    except UnicomError as error:
        return _invoices_page(request, hall, token, problem_or_raise(error))
    return Redirect("/invoices", status_code=303)


@get("/invoices/{invoice_id:str}", include_in_schema=False, sync_to_thread=True)
def download_page(
    invoice_id: FromPath[str], hall: Hall, token: Token, kind: DownloadFormat = "html"
) -> Response[bytes]:
    """Download an invoice's copy (``?format=pdf``: as a PDF)."""
    return _document(hall, token, invoice_id, kind)


PAGES = (invoices_page, issue_page, download_page)
"""The invoice pages."""
