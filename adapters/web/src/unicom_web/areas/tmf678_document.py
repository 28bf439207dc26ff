"""The document of a TMF678 bill: ``GET .../customerBill/{id}/document`` (F-QRY-3, F-QRY-6).

Every ``CustomerBill`` names its ``billDocument``, an ``AttachmentRefOrValue`` whose
``url`` is this operation: the bill (issued, or the interim one of an on-demand request)
as a :class:`~unicom_core.domain.shared.Document` (the account, the cycle, the dates, the
total and what is owed, then one row per line) rendered by the hall's document port
(``hall.documents``, as the invoice copies are): PDF by default (``unicom_documents``
embeds the CJK font), ``?format=html`` for the HTML copy. The same bill renders the same
bytes again. A hall wired without a PDF renderer answers 403 ``document.media_type``;
another account's bill is 404 ``billing.unknown_bill``, as for the bill itself.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from litestar import Request, Response, get
from litestar.params import FromPath, QueryParameter

from unicom_core.domain.billing import Bill
from unicom_core.domain.shared import Document, DocumentSection
from unicom_core.ports.shared import HTML, PDF
from unicom_web.areas.tmf678_bills import Interim, bill_state, find_bill
from unicom_web.downloads import download
from unicom_web.tmf import TMF_ERRORS, TmfContext

__all__ = ["BILL_ISSUER", "bill_document", "document_handler"]

BILL_ISSUER = "中国联通网上营业厅"
"""Who issues the bill, as printed on it."""

BillFormat = Annotated[
    Literal["pdf", "html"],
    QueryParameter(name="format", description="``pdf`` (the default) or ``html``"),
]


def _summary(item: Bill | Interim, context: TmfContext) -> DocumentSection:
    rows = [("账户", item.account_id), ("账期", str(item.cycle)), ("合计", str(item.total))]
    if isinstance(item, Bill):
        rows += [
            ("出账时间", item.issued_at.isoformat()),
            ("缴费截止日", item.due_date.isoformat()),
            ("已缴", str(item.paid)),
            ("应缴", str(item.owed_at(context.hall.clock.now()))),
            ("状态", bill_state(item)),
        ]
    else:
        rows += [("截至", item.at.isoformat()), ("状态", "本期截至目前，未出账")]
    return DocumentSection("账单信息", tuple(rows))


def bill_document(item: Bill | Interim, context: TmfContext) -> Document:
    """The bill as a document: its summary, then one row per line (number, text, amount)."""
    lines = tuple((f"{line.number} {line.description}", str(line.amount)) for line in item.lines)
    interim = isinstance(item, Interim)
    return Document(
        title="话费账单（即时）" if interim else "话费账单",
        reference=item.id,
        issued_at=item.at if isinstance(item, Interim) else item.issued_at,
        issuer=BILL_ISSUER,
        sections=(_summary(item, context), DocumentSection("账单明细", lines)),
    )


def document_handler(base_path: str) -> Any:  # noqa: ANN401 - a Litestar route handler
    """The ``GET customerBill/{id}/document`` operation of the API at ``base_path``."""

    @get(
        "/customerBill/{id:str}/document",
        summary="The document (PDF) of a CustomerBill",
        tags=["TMF678"],
        operation_id="retrieveCustomerBillDocument",
        sync_to_thread=True,
        responses=TMF_ERRORS,
        media_type=PDF,
    )
    def retrieve_customer_bill_document(
        request: Request[Any, Any, Any],
        id: FromPath[str],  # noqa: A002 - the spec's name of the path parameter
        kind: BillFormat = "pdf",
    ) -> Response[bytes]:
        """The bill as a PDF (``?format=html``: as HTML), rendered by the hall's documents."""
        context = TmfContext(request, base_path)
        document = bill_document(find_bill(context, id), context)
        return download(context.hall.documents.render(document, PDF if kind == "pdf" else HTML))

    return retrieve_customer_bill_document
