"""MemoryInvoicing: the invoicing port in memory, numbering and rendering HTML (F-QRY-6).

Invoice codes are 12 digits: ``0``, a 4-digit region (default ``1100``, Beijing), the 2-digit
year of issue, ``2`` (electronic ordinary invoice), ``00`` and a 2-digit batch (``01``).
Numbers are 8 digits, counted per code from 1; the 20-digit check code is derived from the
code, number, amount and date (HMAC-SHA256 under the adapter's key, as digits). The copy is
an HTML page, every text escaped. Thread-safe; stdlib only.
"""

from __future__ import annotations

import hashlib
import hmac
import html
import secrets
import threading
from typing import TYPE_CHECKING

from unicom_core.domain.payments import (
    INVOICE_KEY_REUSED,
    INVOICE_NUMBERS_EXHAUSTED,
    INVOICE_REGION,
    INVOICE_UNKNOWN,
    InvoiceKind,
    InvoiceNumber,
)
from unicom_core.domain.shared import to_shanghai
from unicom_core.ports.payments import InvoiceRequest, Invoicing
from unicom_core.ports.shared import RenderedDocument

if TYPE_CHECKING:
    from unicom_core.domain.payments import Invoice

__all__ = ["MemoryInvoicing"]

_REGION_DIGITS = 4
_CHECK_DIGITS = 20
_MAX_NUMBER = 99_999_999


class MemoryInvoicing(Invoicing):
    """Numbers invoices per code and renders them as HTML (the reference adapter)."""

    def __init__(self, *, region: str = "1100", key: bytes | None = None) -> None:
        if len(region) != _REGION_DIGITS or not region.isdigit():
            raise INVOICE_REGION.error(field="region")
        self._region = region
        self._key = key if key is not None else secrets.token_bytes(32)
        self._lock = threading.Lock()
        self._issued: dict[str, tuple[InvoiceRequest, InvoiceNumber]] = {}
        self._next: dict[str, int] = {}

    def issue(self, request: InvoiceRequest, /) -> InvoiceNumber:
        """Number once per key; the same key with another amount is a ``Conflict``."""
        with self._lock:
            known = self._issued.get(request.idempotency_key)
            if known is not None:
                if known[0].amount != request.amount or known[0].kind is not request.kind:
                    raise INVOICE_KEY_REUSED.error()
                return known[1]
            year = to_shanghai(request.requested_at, field="requested_at").year % 100
            code = f"0{self._region}{year:02d}20001"
            number = self._next.get(code, 1)
            if number > _MAX_NUMBER:
                raise INVOICE_NUMBERS_EXHAUSTED.error(f"code {code} has no numbers left")
            self._next[code] = number + 1
            issued = InvoiceNumber(code, f"{number:08d}", self._check_code(code, number, request))
            self._issued[request.idempotency_key] = (request, issued)
            return issued

    def _check_code(self, code: str, number: int, request: InvoiceRequest) -> str:
        message = f"{code}|{number}|{request.amount.fen}|{request.requested_at.date()}"
        digest = hmac.new(self._key, message.encode(), hashlib.sha256).digest()
        return f"{int.from_bytes(digest, 'big') % 10**_CHECK_DIGITS:0{_CHECK_DIGITS}d}"

    def document(self, invoice: Invoice, /) -> RenderedDocument:
        """The HTML copy of an invoice this adapter issued."""
        with self._lock:
            known = self._issued.get(invoice.id)
        if known is None or invoice.number != known[1]:
            raise INVOICE_UNKNOWN.error(id=invoice.id)
        request, number = known
        return RenderedDocument(
            media_type="text/html; charset=utf-8",
            filename=f"invoice-{number.code}-{number.number}.html",
            content=_render(request, number).encode(),
        )


def _render(request: InvoiceRequest, number: InvoiceNumber) -> str:
    red = request.kind is InvoiceKind.RED
    heading = "电子普通发票（红字）" if red else "电子普通发票"
    rows = [
        ("发票代码", number.code),
        ("发票号码", number.number),
        ("校验码", number.check_code),
        ("开票日期", to_shanghai(request.requested_at).date().isoformat()),
        ("购买方", request.title),
        ("纳税人识别号", request.tax_id or "—"),
        ("项目", request.description),
        ("价税合计", str(request.amount)),
    ]
    if request.cancels is not None:
        rows.append(("冲销发票", f"{request.cancels.code} {request.cancels.number}"))
    cells = "\n".join(
        f"<tr><th>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows
    )
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{html.escape(heading)} {number.code}-{number.number}</title></head>\n"
        f"<body><h1>{html.escape(heading)}</h1>\n<table>\n{cells}\n</table></body></html>\n"
    )
