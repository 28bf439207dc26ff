"""Document renderers for unicom_core (F-QRY-6): PDF with the CJK font embedded, and HTML.

:class:`PdfDocuments` implements :class:`unicom_core.ports.shared.Documents`: it renders an
acceptance form or an invoice (a :class:`unicom_core.domain.shared.Document`) as
``application/pdf`` with fpdf2 and Noto Sans CJK (Debian's ``fonts-noto-cjk``), and as
``text/html`` through the core's :class:`~unicom_core.memory.HtmlDocuments`::

    from unicom_core import bootstrap
    from unicom_documents import PdfDocuments

    hall = bootstrap(documents=PdfDocuments())
"""

from __future__ import annotations

from unicom_documents.codes import DOCUMENT_FONT_MISSING
from unicom_documents.fonts import SIMPLIFIED_CHINESE_FACE, STANDARD_FONT_PATHS, CjkFont, find_font
from unicom_documents.pdf import PdfDocuments

__all__ = [
    "DOCUMENT_FONT_MISSING",
    "SIMPLIFIED_CHINESE_FACE",
    "STANDARD_FONT_PATHS",
    "CjkFont",
    "PdfDocuments",
    "find_font",
]
