"""Electronic invoices: issue, list, re-download; red-letter for a refund (F-QRY-6).

:class:`InvoiceService` is ``hall.invoices``. A billable item is a succeeded payment of the
number (a top-up, a bill payment, a card order, an auto-debit). Issuing is two steps: the
invoice is stored as REQUESTED under the id derived from the item (so a second request, even
a concurrent one, finds it instead of making another), then the
:class:`~unicom_core.ports.payments.invoicing.Invoicing` port numbers it, idempotently by the same
id, and the numbers are recorded. A crash between the two leaves a REQUESTED invoice that
the next request (or :meth:`InvoiceService.red_letter`) completes with the same numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.access import Capability
from unicom_core.domain.payments import (
    INVOICE_NOT_BILLABLE,
    INVOICE_UNKNOWN,
    PAYMENT_UNKNOWN,
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    PaymentStatus,
    invoice_id,
)
from unicom_core.domain.shared import DOCUMENT_MEDIA_TYPE
from unicom_core.ports.payments import InvoiceRequest
from unicom_core.ports.shared import PageRequest
from unicom_core.usecases.access import GrantedReads
from unicom_core.usecases.shared import publish

if TYPE_CHECKING:
    from datetime import datetime

    from unicom_core.domain.payments import InvoiceNumber
    from unicom_core.domain.subscribers import NumberIdentifier
    from unicom_core.errors import UnicomError
    from unicom_core.ports.access import ScopedAuthorizer
    from unicom_core.ports.payments import Invoicing, PaymentUnitOfWork
    from unicom_core.ports.shared import Documents, Granted, Page, RenderedDocument
    from unicom_core.usecases.payments.engine import PaymentEngine

__all__ = ["InvoiceService"]

ISSUE = Capability("invoice.issue")
QUERY = Capability("query.invoice")
_DESCRIPTIONS = {
    "top_up": "话费充值",
    "bill": "通信服务费",
    "card_order": "充值卡",
    "auto_debit": "通信服务费（银行代扣）",
    "shop_order": "商品及号卡",
}


class InvoiceService:
    """Issue, list and re-download e-invoices; cancel one by a red-letter invoice (F-QRY-6)."""

    def __init__(
        self,
        engine: PaymentEngine,
        invoicing: Invoicing,
        *,
        authorizer: ScopedAuthorizer,
        documents: Documents | None = None,
    ) -> None:
        self._engine, self._invoicing, self._authorizer = engine, invoicing, authorizer
        self._documents = documents
        self._reads = GrantedReads(
            engine.storage, engine.clock, authorizer, engine.settings.retry_rule
        )

    def issue(
        self, token: str, payment_id: str, *, title: str = "个人", tax_id: str | None = None
    ) -> Invoice:
        """The invoice of a paid item of the session's number: one per item, never two.

        Raises:
            NotFound: ``payment.unknown``; Refused: ``invoice.not_billable`` for a payment
                not succeeded (or refunded).
        """
        subscriber = self._authorizer.authorize(token, ISSUE, None).subscriber

        def work(tx: PaymentUnitOfWork, now: datetime) -> Invoice:
            attempt = tx.payment_attempts.find(payment_id)
            if attempt is None or attempt.subscriber_id != subscriber.id:
                raise PAYMENT_UNKNOWN.error()
            found = tx.invoices.find(invoice_id(attempt.id))
            if found is not None:
                return found
            if attempt.status is not PaymentStatus.SUCCEEDED:
                raise INVOICE_NOT_BILLABLE.error(status=attempt.status.value)
            invoice = Invoice(
                invoice_id(attempt.id),
                InvoiceKind.BLUE,
                attempt.id,
                attempt.subscriber_id,
                title,
                _DESCRIPTIONS[attempt.purpose.value],
                attempt.amount,
                now,
                tax_id,
            )
            tx.invoices.add(invoice)
            return invoice

        return self._numbered(self._engine.run(work))

    def _numbered(self, invoice: Invoice, cancels: InvoiceNumber | None = None) -> Invoice:
        if invoice.status is InvoiceStatus.ISSUED:
            return invoice
        number = self._invoicing.issue(InvoiceRequest.of(invoice, cancels))

        def work(tx: PaymentUnitOfWork, now: datetime) -> Invoice:
            stored = tx.invoices.get(invoice.id)
            events = stored.issue(number, at=now)
            if events:
                tx.invoices.save(stored)
                publish(tx, events)
            return stored

        return self._engine.run(work)

    def red_letter(self, payment_id: str) -> Invoice | None:
        """Cancel the invoice of a refunded payment by one red-letter invoice (back office).

        Returns the red-letter invoice, or None when the payment was never invoiced.
        """

        def work(tx: PaymentUnitOfWork, now: datetime) -> tuple[Invoice, Invoice] | None:
            blue = tx.invoices.find(invoice_id(payment_id))
            if blue is None or blue.number is None:
                return None
            red = blue.red_letter(at=now)
            stored = tx.invoices.find(red.id)
            if stored is None:
                tx.invoices.add(red)
                stored = red
            blue.mark_cancelled(red.id)
            tx.invoices.save(blue)
            return blue, stored

        pair = self._engine.run(work)
        if pair is None:
            return None
        blue, red = pair
        return self._numbered(red, blue.number)

    def invoices(
        self, token: str, number: NumberIdentifier | None = None, page: PageRequest | None = None
    ) -> Page[Invoice]:
        """The number's invoices, newest first (F-QRY-6); check and read in one transaction."""
        wanted = page if page is not None else PageRequest()

        def work(tx: PaymentUnitOfWork, _now: datetime, grant: Granted) -> Page[Invoice]:
            return tx.invoices.list_by_subscriber(grant.subscriber.id, wanted)

        return self._reads.read(token, QUERY, number, work)

    def download(self, token: str, invoice: str, media_type: str | None = None) -> RenderedDocument:
        """A copy of one of the session's issued invoices, as often as asked (F-QRY-6).

        Without ``media_type``, the invoicing service's own copy; with one (``application/pdf``),
        the invoice as a document (:meth:`Invoice.as_document`) rendered by the hall's
        document port, named ``invoice-<code>-<number>.<extension>``.

        Raises:
            NotFound: ``invoice.unknown`` (also for another customer's invoice).
            Refused: ``document.media_type`` for a media type the document port cannot render.
        """

        def work(tx: PaymentUnitOfWork, _now: datetime, grant: Granted) -> Invoice | UnicomError:
            found = tx.invoices.find(invoice)
            if found is None or found.subscriber_id != grant.subscriber.id or found.number is None:
                return INVOICE_UNKNOWN.error("there is no such invoice", id=invoice)
            return found

        found = self._reads.read(token, QUERY, None, work)
        if media_type is None:
            return self._invoicing.document(found)
        if self._documents is None:
            raise DOCUMENT_MEDIA_TYPE.error(media_type=media_type[:100], supported="")
        rendered = self._documents.render(found.as_document(), media_type)
        extension = rendered.filename.rpartition(".")[2]
        return attrs.evolve(rendered, filename=f"invoice-{found.number}.{extension}")
