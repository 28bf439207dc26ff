"""PdfDocuments: acceptance forms and invoices as PDF, the CJK font embedded (F-QRY-6).

Built with fpdf2 on A4: the title, then the reference, the issuer and the issue time in
Beijing time; each section's heading, its rows as a two-column table (label, value) whose
rows continue on the next page when long, and its paragraphs as numbered terms. Chinese
text wraps at any character (``zh``, ``ja`` and ``ko`` documents), other languages at word
boundaries. The font (Noto Sans CJK SC, :mod:`unicom_documents.fonts`) is embedded as a
subset of the glyphs used, so a document is a few kilobytes and prints anywhere.

The same document renders to the same bytes: the PDF's creation date is the document's
``issued_at`` (never the clock), and nothing else in the file depends on the moment, so a
re-download is byte-identical. A character the font lacks (an emoji, a control character)
is printed as ``□``; a tab as a space.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, WrapMode, XPos, YPos

from unicom_core.domain.shared import to_shanghai
from unicom_core.memory import HtmlDocuments
from unicom_core.ports.shared import (
    HTML,
    PDF,
    Documents,
    RenderedDocument,
    document_filename,
    document_header,
    media_type_essence,
    refuse_media_type,
)
from unicom_documents.codes import DOCUMENT_FONT_MISSING
from unicom_documents.fonts import SIMPLIFIED_CHINESE_FACE, CjkFont, find_font

if TYPE_CHECKING:
    from pathlib import Path

    from unicom_core.domain.shared import Document, DocumentSection

__all__ = ["PdfDocuments"]

_FAMILY = "NotoSansCJK"
_MARGIN = 18.0
_LABEL_SHARE = 1 / 3
_LINE = 6.0
_MISSING = "□"
_CJK_LANGUAGES = ("zh", "ja", "ko")
_FONT_ERRORS = (OSError, ValueError, LookupError, AssertionError)

Clean = Callable[[str], str]


class PdfDocuments(Documents):
    """Renders ``application/pdf`` with fpdf2, and ``text/html`` through ``HtmlDocuments``.

    Args:
        font_path: the CJK font file (a ``.ttc`` collection or a ``.ttf``/``.otf``); by
            default the first of :data:`unicom_documents.fonts.STANDARD_FONT_PATHS` found.
        face: the face of a collection to use (default: Noto Sans CJK SC).
        html: the renderer of ``text/html`` (default: :class:`~unicom_core.memory.HtmlDocuments`).

    The font is looked for at the first PDF rendered (an HTML rendering needs none), then
    kept; none found is ``AdapterError`` ``document.font_missing`` (install
    ``fonts-noto-cjk``). Thread-safe: each rendering builds its own PDF.
    """

    def __init__(
        self,
        *,
        font_path: Path | str | None = None,
        face: int = SIMPLIFIED_CHINESE_FACE,
        html: Documents | None = None,
    ) -> None:
        self._font_path, self._face = font_path, face
        self._html = html if html is not None else HtmlDocuments()
        self._font: CjkFont | None = None

    @property
    def media_types(self) -> frozenset[str]:
        """``application/pdf`` and ``text/html``."""
        return frozenset({PDF, HTML})

    @property
    def font(self) -> CjkFont:
        """The font embedded in every PDF (found at the first call).

        Raises:
            AdapterError: ``document.font_missing``.
        """
        if self._font is None:
            self._font = find_font(self._font_path, face=self._face)
        return self._font

    def render(self, document: Document, media_type: str, /) -> RenderedDocument:
        """``document`` as a PDF (or as HTML, by the HTML renderer).

        Raises:
            Refused: ``document.media_type`` for another media type.
            AdapterError: ``document.font_missing`` when no CJK font can be read.
        """
        refuse_media_type(media_type, self.media_types)
        if media_type_essence(media_type) == HTML:
            return self._html.render(document, HTML)
        return RenderedDocument(
            media_type=PDF,
            filename=document_filename(document, "pdf"),
            content=_Sheet(document, self.font).output_bytes(),
        )


def _cleaner(cmap: Mapping[int, object]) -> Clean:
    """Text the font can print: newlines kept, tabs as spaces, missing glyphs as ``□``."""

    def clean(text: str) -> str:
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
        return "".join(
            char if char == "\n" or ord(char) in cmap else (" " if char.isspace() else _MISSING)
            for char in text
        )

    return clean


def _plain(text: str) -> str:
    """Text for the PDF's metadata: no control, surrogate or unassigned character."""
    return "".join(
        char for char in text if unicodedata.category(char) not in {"Cc", "Cs", "Cn", "Co"}
    )


class _Sheet(FPDF):
    """One document on A4 pages, with its reference and page number in the footer."""

    def __init__(self, document: Document, font: CjkFont) -> None:
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self._document = document
        try:
            self.add_font(_FAMILY, fname=str(font.path), collection_font_number=font.face)
        except _FONT_ERRORS as error:
            raise DOCUMENT_FONT_MISSING.error() from error
        self.set_font(_FAMILY, size=10)
        self._clean = _cleaner(getattr(self.current_font, "cmap", {}))
        language = document.language.lower()
        self._wrap = WrapMode.CHAR if language.startswith(_CJK_LANGUAGES) else WrapMode.WORD
        self._metadata(document)
        self.set_margins(_MARGIN, _MARGIN, _MARGIN)
        self.set_auto_page_break(auto=True, margin=_MARGIN)

    def _metadata(self, document: Document) -> None:
        self.set_creation_date(to_shanghai(document.issued_at))
        self.set_title(_plain(document.title))
        self.set_subject(_plain(document.reference))
        self.set_author(_plain(document.issuer))
        self.set_lang(_plain(document.language))
        self.set_creator("unicom_documents")

    def footer(self) -> None:
        """The reference and the page number, at the foot of every page."""
        self.set_y(-_MARGIN + 4)
        self.set_font(_FAMILY, size=8)
        reference = self._clean(self._document.reference.replace("\n", " "))[:60]
        self.cell(0, 5, f"{reference}  ·  {self.page_no()}", align="C")

    def output_bytes(self) -> bytes:
        """Lay the document out and answer the PDF file."""
        self.add_page()
        self.set_font(_FAMILY, size=16)
        self._text(self._document.title, height=9, align="C")
        self.ln(2)
        self.set_font(_FAMILY, size=10)
        for label, value in document_header(self._document):
            self._text(f"{label}: {value}", height=_LINE)
        for section in self._document.sections:
            self._section(section)
        return bytes(self.output())

    def _text(self, text: str, *, height: float, align: str = "L") -> None:
        self.multi_cell(
            0,
            height,
            self._clean(text),
            align=align,
            wrapmode=self._wrap,
            new_x=XPos.LMARGIN,
            new_y=YPos.NEXT,
        )

    def _section(self, section: DocumentSection) -> None:
        self.ln(3)
        self.set_font(_FAMILY, size=12)
        if self.will_page_break(8 + 2 * _LINE):
            self.add_page()
        self._text(section.heading, height=8)
        self.set_font(_FAMILY, size=10)
        for label, value in section.rows:
            self._row(label, value)
        if section.rows:
            self.ln(2)
        for number, paragraph in enumerate(section.paragraphs, start=1):
            if self.will_page_break(_LINE):
                self.add_page()
            self.cell(8, _LINE, f"{number}.")
            self._text(paragraph, height=_LINE)

    def _lines(self, width: float, text: str) -> list[str]:
        lines = self.multi_cell(
            width,
            _LINE,
            self._clean(text),
            dry_run=True,
            output=MethodReturnValue.LINES,
            wrapmode=self._wrap,
        )
        return list(lines) if isinstance(lines, list) and lines else [""]

    def _row(self, label: str, value: str) -> None:
        """One table row, line by line, so that a long value goes on over a page break."""
        label_width = self.epw * _LABEL_SHARE
        value_width = self.epw - label_width
        labels, values = self._lines(label_width, label), self._lines(value_width, value)
        count = max(len(labels), len(values))
        top = True
        for index in range(count):
            if self.will_page_break(_LINE):
                self.add_page()
                top = True
            last = index == count - 1 or self.will_page_break(2 * _LINE)
            sides = "LR" + ("T" if top else "") + ("B" if last else "")
            self.set_fill_color(243, 243, 243)
            self.cell(label_width, _LINE, _at(labels, index), border=sides, fill=True)
            self.cell(
                value_width,
                _LINE,
                _at(values, index),
                border=sides,
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
            top = False


def _at(lines: list[str], index: int) -> str:
    return lines[index] if index < len(lines) else ""
