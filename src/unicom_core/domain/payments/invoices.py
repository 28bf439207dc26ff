"""Electronic invoices (电子发票): one per billable item, red-letter for a refund (F-QRY-6).

A billable item is a succeeded payment (a top-up, a bill payment, a recharge-card order, an
auto-debit). Its invoice's id is derived from the item (:func:`invoice_id`), so a store
holds at most one invoice per item: two concurrent requests insert the same id, one wins,
the other reads the winner's. The invoice is numbered by the tax system through the
:class:`~unicom_core.ports.payments.invoicing.Invoicing` port: a 12-digit invoice **code**
(发票代码),
an 8-digit **number** (发票号码) and a 20-digit **check code** (校验码)
(:class:`InvoiceNumber`). A refunded payment's invoice is cancelled by one red-letter
invoice (红字发票) of the negative amount, also one per blue invoice (:func:`red_invoice_id`).
"""

from __future__ import annotations

import enum
import hashlib
import re
from datetime import datetime
from typing import TYPE_CHECKING

import attrs

from unicom_core.domain.payments.codes import (
    INVOICE_AMOUNT,
    INVOICE_KIND,
    INVOICE_NOT_ISSUED,
    INVOICE_NUMBER,
    INVOICE_RENUMBERED,
    INVOICE_TAX_ID,
    INVOICE_TITLE,
)
from unicom_core.domain.shared import (
    Document,
    DocumentSection,
    DomainEvent,
    Money,
    check_version,
    domain_event,
    guarded,
    instance_of,
    to_shanghai,
    update,
)

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "INVOICE_ISSUER",
    "Invoice",
    "InvoiceIssued",
    "InvoiceKind",
    "InvoiceNumber",
    "InvoiceStatus",
    "invoice_id",
    "red_invoice_id",
]

_CODE = re.compile(r"\d{12}")
_NUMBER = re.compile(r"\d{8}")
_CHECK = re.compile(r"\d{20}")
_TITLE_MAX = 100
_TAX_ID = re.compile(r"[0-9A-Z]{15,20}")

INVOICE_ISSUER = "中国联通网上营业厅"
"""Who an invoice's printed copy names as its issuer unless told otherwise."""


def invoice_id(item_id: str) -> str:
    """The id of the one invoice of billable item ``item_id`` (``inv_`` + 40 hex)."""
    return "inv_" + hashlib.sha256(item_id.encode()).hexdigest()[:40]


def red_invoice_id(blue_id: str) -> str:
    """The id of the one red-letter invoice cancelling invoice ``blue_id``."""
    return "inr_" + hashlib.sha256(blue_id.encode()).hexdigest()[:40]


def _matching(
    pattern: re.Pattern[str], what: str
) -> Callable[[object, attrs.Attribute[str], object], None]:
    def check(_instance: object, attribute: attrs.Attribute[str], value: object) -> None:
        if not isinstance(value, str) or not pattern.fullmatch(value):
            raise INVOICE_NUMBER.error(f"{what}", field=attribute.name)

    return check


def _instant(value: datetime) -> datetime:
    return to_shanghai(value, field="at")


@attrs.frozen(slots=True)
class InvoiceNumber:
    """What the tax system gives an invoice: code (12 digits), number (8), check code (20)."""

    code: str = attrs.field(validator=_matching(_CODE, "an invoice code is 12 digits"))
    number: str = attrs.field(validator=_matching(_NUMBER, "an invoice number is 8 digits"))
    check_code: str = attrs.field(validator=_matching(_CHECK, "a check code is 20 digits"))

    def __str__(self) -> str:
        return f"{self.code}-{self.number}"


class InvoiceKind(enum.Enum):
    """A blue (ordinary) invoice, or a red-letter one cancelling a blue one."""

    BLUE = "blue"
    RED = "red"


class InvoiceStatus(enum.Enum):
    """Requested (the tax system not answered yet) or issued (numbered)."""

    REQUESTED = "requested"
    ISSUED = "issued"


@domain_event("invoice.issued")
@attrs.frozen(slots=True, kw_only=True)
class InvoiceIssued(DomainEvent):
    """An invoice was numbered by the tax system (F-QRY-6)."""

    kind: InvoiceKind
    item_id: str
    amount: Money
    code: str
    number: str


def _title(value: object) -> str:
    text = value.strip() if isinstance(value, str) else ""
    if not 1 <= len(text) <= _TITLE_MAX:
        raise INVOICE_TITLE.error(f"an invoice title is 1-{_TITLE_MAX} characters", field="title")
    return text


def _tax_id(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _TAX_ID.fullmatch(value.strip().upper()):
        raise INVOICE_TAX_ID.error(field="tax_id")
    return value.strip().upper()


@attrs.define(slots=True)
class Invoice:
    """The invoice of one billable item, or the red-letter invoice cancelling one (F-QRY-6).

    ``amount`` is positive for a blue invoice and negative for a red one; ``cancels`` names
    the blue invoice a red one cancels, ``cancelled_by`` the red invoice of a blue one.
    """

    id: str = attrs.field(on_setattr=guarded)
    kind: InvoiceKind = attrs.field(
        validator=instance_of(InvoiceKind, INVOICE_KIND), on_setattr=guarded
    )
    item_id: str = attrs.field(on_setattr=guarded)
    subscriber_id: str = attrs.field(on_setattr=guarded)
    title: str = attrs.field(converter=_title, on_setattr=guarded)
    description: str = attrs.field(on_setattr=guarded)
    amount: Money = attrs.field(validator=instance_of(Money, INVOICE_AMOUNT), on_setattr=guarded)
    requested_at: datetime = attrs.field(converter=_instant, on_setattr=guarded)
    tax_id: str | None = attrs.field(default=None, converter=_tax_id, on_setattr=guarded)
    cancels: str | None = attrs.field(default=None, on_setattr=guarded)
    status: InvoiceStatus = attrs.field(default=InvoiceStatus.REQUESTED, on_setattr=guarded)
    number: InvoiceNumber | None = attrs.field(default=None, on_setattr=guarded)
    issued_at: datetime | None = attrs.field(default=None, on_setattr=guarded)
    cancelled_by: str | None = attrs.field(default=None, on_setattr=guarded)
    version: int = attrs.field(default=0, validator=check_version)

    def __attrs_post_init__(self) -> None:
        """Blue invoices are positive and cancel nothing; red ones negative and cancel one."""
        blue = self.kind is InvoiceKind.BLUE
        if blue != self.amount.is_positive or blue != (self.cancels is None):
            raise INVOICE_KIND.error(field="amount")

    def red_letter(self, *, at: datetime) -> Invoice:
        """The red-letter invoice cancelling this one (not yet numbered).

        Raises:
            Conflict: ``invoice.not_issued`` for an unnumbered or red invoice.
        """
        if self.kind is not InvoiceKind.BLUE or self.number is None:
            raise INVOICE_NOT_ISSUED.error()
        return Invoice(
            red_invoice_id(self.id),
            InvoiceKind.RED,
            self.item_id,
            self.subscriber_id,
            self.title,
            f"红字发票 冲销 {self.number}",
            -self.amount,
            at,
            self.tax_id,
            self.id,
        )

    def issue(self, number: InvoiceNumber, *, at: datetime) -> tuple[DomainEvent, ...]:
        """Record the tax system's numbers; the same numbers again change nothing.

        Raises:
            Conflict: ``invoice.renumbered`` for other numbers than the ones recorded.
        """
        if self.number is not None:
            if self.number != number:
                raise INVOICE_RENUMBERED.error(
                    f"invoice {self.id} is numbered {self.number} already"
                )
            return ()
        instant = to_shanghai(at, field="at")
        update(self, number=number, status=InvoiceStatus.ISSUED, issued_at=instant)
        event = InvoiceIssued(
            aggregate_id=self.id,
            occurred_at=instant,
            kind=self.kind,
            item_id=self.item_id,
            amount=self.amount,
            code=number.code,
            number=number.number,
        )
        return (event,)

    def mark_cancelled(self, red_id: str) -> None:
        """Note the red-letter invoice that cancels this one."""
        if self.cancelled_by is None:
            update(self, cancelled_by=red_id)

    def as_document(self, *, issuer: str = INVOICE_ISSUER) -> Document:
        """The invoice as a document to render, to HTML or PDF (F-QRY-6).

        The rows of the tax system's copy (code, number, check code, date of issue, buyer,
        tax id, item, total), dated by the numbering (``issued_at``): the same invoice is
        the same document, so its PDF downloads byte-identical again and again.

        Raises:
            Conflict: ``invoice.not_issued`` for an invoice not numbered yet.
        """
        if self.number is None or self.issued_at is None:
            raise INVOICE_NOT_ISSUED.error()
        rows = (
            ("发票代码", self.number.code),
            ("发票号码", self.number.number),
            ("校验码", self.number.check_code),
            ("开票日期", self.requested_at.date().isoformat()),
            ("购买方", self.title),
            ("纳税人识别号", self.tax_id or "—"),
            ("项目", self.description),
            ("价税合计", str(self.amount)),
        )
        red = self.kind is InvoiceKind.RED
        return Document(
            title="电子普通发票（红字）" if red else "电子普通发票",
            reference=str(self.number),
            issued_at=self.issued_at,
            issuer=issuer,
            sections=(DocumentSection("发票信息", rows),),
        )
