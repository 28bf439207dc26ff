"""The document port: a :class:`~unicom_core.domain.shared.Document` rendered to a file (F-QRY-6).

Every business handling hands the subscriber an electronic acceptance form (電子受理單), and
every invoice has a copy to download; both are a ``Document`` the core builds and a
:class:`Documents` adapter renders, as often as asked. The core's reference adapter,
:class:`unicom_core.memory.HtmlDocuments`, renders ``text/html`` with no dependency; the
``unicom_documents`` adapter renders ``application/pdf`` with the CJK font embedded.

:class:`RenderedDocument` is the one rendered-file value of the hall (an invoice's copy from
the invoicing port is one as well). A media type an adapter does not render is refused
(``Refused`` ``document.media_type``), never answered in another format.
"""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING, Protocol

import attrs

from unicom_core.domain.shared import DOCUMENT_MEDIA_TYPE, to_shanghai

if TYPE_CHECKING:
    from collections.abc import Collection

    from unicom_core.domain.shared import Document

__all__ = [
    "HTML",
    "PDF",
    "Documents",
    "RenderedDocument",
    "document_filename",
    "document_header",
    "media_type_essence",
    "refuse_media_type",
]

HTML = "text/html"
"""The media type of an HTML page (rendered with ``; charset=utf-8``)."""
PDF = "application/pdf"
"""The media type of a PDF file."""

_STEM_MAX = 80
_HEADER_ZH = ("编号", "出具方", "出具时间", "北京时间")
_HEADER_EN = ("Reference", "Issued by", "Issued at", "Beijing time")


@attrs.frozen(slots=True, kw_only=True)
class RenderedDocument:
    """A rendered file: its bytes, their media type and the name to save it under."""

    media_type: str
    """The full media type, parameters included (``text/html; charset=utf-8``)."""
    filename: str
    """A file name without a directory (it may hold Chinese letters; see the web helper)."""
    content: bytes


class Documents(Protocol):
    """Renders documents, the same bytes for the same document each time (F-QRY-6)."""

    @property
    def media_types(self) -> frozenset[str]:
        """The media types :meth:`render` accepts, without parameters (``text/html``)."""
        ...

    def render(self, document: Document, media_type: str, /) -> RenderedDocument:
        """``document`` as a file of ``media_type``.

        Raises:
            Refused: ``document.media_type`` for a media type not in :attr:`media_types`.
        """
        ...


def media_type_essence(media_type: str) -> str:
    """``media_type`` without its parameters, in lower case (``text/html; charset=utf-8``)."""
    return media_type.split(";", 1)[0].strip().lower()


def refuse_media_type(media_type: str, supported: Collection[str]) -> None:
    """Raise ``document.media_type`` unless ``media_type`` is one of ``supported``.

    Raises:
        Refused: ``document.media_type`` (data ``media_type``, ``supported``).
    """
    if media_type_essence(media_type) not in supported:
        raise DOCUMENT_MEDIA_TYPE.error(
            media_type=media_type[:100], supported=", ".join(sorted(supported))
        )


def document_filename(document: Document, extension: str) -> str:
    """The file name of ``document``: its reference made safe, then ``.extension``.

    Letters and digits (Chinese ones too), ``-`` and ``_`` are kept; anything else (a
    slash, a space, a control character) becomes ``_``, and the stem is at most 80
    characters, never empty (``document``).
    """
    stem = "".join(
        char if char in "-_" or unicodedata.category(char)[0] in "LN" else "_"
        for char in document.reference[:_STEM_MAX]
    ).strip("_")
    return f"{stem or 'document'}.{extension}"


def document_header(document: Document) -> tuple[tuple[str, str], ...]:
    """The (label, value) lines under a document's title, in its language.

    Its reference, its issuer and when it was issued, in Beijing time to the minute
    (``2026-11-05 14:30 (北京时间)``), whatever the instant's own offset. Chinese words for
    a ``zh*`` language, English ones otherwise.
    """
    words = _HEADER_ZH if document.language.lower().startswith("zh") else _HEADER_EN
    issued = to_shanghai(document.issued_at).strftime("%Y-%m-%d %H:%M")
    return (
        (words[0], document.reference),
        (words[1], document.issuer),
        (words[2], f"{issued} ({words[3]})"),
    )
