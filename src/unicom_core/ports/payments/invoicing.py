"""The invoicing port: the tax system that numbers electronic invoices (F-QRY-6).

:meth:`Invoicing.issue` numbers an invoice once per idempotency key (the invoice's id): the
same key again answers the same :class:`~unicom_core.domain.payments.invoices.InvoiceNumber`, so two
concurrent requests for one billable item end with one invoice. :meth:`Invoicing.document`
renders the copy a subscriber downloads (again and again: "re-download"), a
:class:`~unicom_core.ports.shared.RenderedDocument`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Protocol

import attrs

from unicom_core.domain.payments import InvoiceKind, InvoiceNumber
from unicom_core.domain.shared import Money

if TYPE_CHECKING:
    from unicom_core.domain.payments import Invoice
    from unicom_core.ports.shared import RenderedDocument

__all__ = ["InvoiceRequest", "Invoicing"]


@attrs.frozen(slots=True, kw_only=True)
class InvoiceRequest:
    """What the tax system needs to number an invoice."""

    idempotency_key: str
    kind: InvoiceKind
    title: str
    tax_id: str | None
    description: str
    amount: Money
    requested_at: datetime
    cancels: InvoiceNumber | None = None

    @classmethod
    def of(cls, invoice: Invoice, cancels: InvoiceNumber | None = None) -> InvoiceRequest:
        """The request for ``invoice`` (``cancels``: the blue invoice's numbers, for a red one)."""
        return cls(
            idempotency_key=invoice.id,
            kind=invoice.kind,
            title=invoice.title,
            tax_id=invoice.tax_id,
            description=invoice.description,
            amount=invoice.amount,
            requested_at=invoice.requested_at,
            cancels=cancels,
        )


class Invoicing(Protocol):
    """The tax system's e-invoice service (F-QRY-6)."""

    def issue(self, request: InvoiceRequest, /) -> InvoiceNumber:
        """Number the invoice once per ``request.idempotency_key``."""
        ...

    def document(self, invoice: Invoice, /) -> RenderedDocument:
        """The copy of an issued invoice (``NotFound`` ``invoice.unknown`` if not issued here)."""
        ...
