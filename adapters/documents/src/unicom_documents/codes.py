"""The error codes of the document renderers only.

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`).
"""

from __future__ import annotations

from unicom_core.errors import AdapterError, ErrorCode

__all__ = ["DOCUMENT_FONT_MISSING"]

DOCUMENT_FONT_MISSING = ErrorCode(
    "document.font_missing",
    AdapterError,
    (
        "no readable CJK font for PDF documents: install Debian's fonts-noto-cjk "
        "(NotoSansCJK-Regular.ttc), or give PdfDocuments a font_path"
    ),
)
