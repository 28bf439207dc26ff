"""HtmlDocuments: the document port's reference adapter, a printable HTML page (F-QRY-6).

Pure string building, standard library only: every text of the document (title, reference,
issuer, headings, labels, values, paragraphs, even the language tag) is escaped, so a name
typed as ``<script>`` is printed as text and never runs. The page stands alone (inline CSS,
no script, no image, no link), declares its ``lang`` and prints on A4. The same document
renders to the same bytes each time: the issue time is printed in Beijing time
(Asia/Shanghai), whatever the instant's own offset.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from unicom_core.ports.shared import (
    HTML,
    Documents,
    RenderedDocument,
    document_filename,
    document_header,
    refuse_media_type,
)

if TYPE_CHECKING:
    from unicom_core.domain.shared import Document, DocumentSection

__all__ = ["HtmlDocuments"]

_STYLE = """
@page { size: A4; margin: 18mm; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei",
  sans-serif; color: #111; margin: 0; line-height: 1.6; }
main { max-width: 180mm; margin: 0 auto; padding: 12mm 0; }
h1 { font-size: 1.5em; text-align: center; margin: 0 0 .6em; }
h2 { font-size: 1.1em; border-bottom: 1px solid #999; margin: 1.2em 0 .4em; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1em 1em; margin: 0; }
dl.meta dt { font-weight: bold; }
dl.meta dd { margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #999; padding: .3em .5em; text-align: left; vertical-align: top;
  white-space: pre-wrap; overflow-wrap: anywhere; }
th { width: 30%; background: #f3f3f3; font-weight: normal; }
ol.terms { padding-left: 1.6em; }
ol.terms li { white-space: pre-wrap; overflow-wrap: anywhere; margin: .2em 0; }
@media print { main { padding: 0; } h2, tr, li { break-inside: avoid; } }
""".strip()


class HtmlDocuments(Documents):
    """Renders ``text/html`` (UTF-8): a self-contained, printable page (F-QRY-6).

    A lone surrogate (text that is no Unicode, which UTF-8 cannot carry) is written ``?``.
    """

    @property
    def media_types(self) -> frozenset[str]:
        """Only ``text/html``."""
        return frozenset({HTML})

    def render(self, document: Document, media_type: str, /) -> RenderedDocument:
        """The page of ``document``.

        Raises:
            Refused: ``document.media_type`` for anything but ``text/html``.
        """
        refuse_media_type(media_type, self.media_types)
        return RenderedDocument(
            media_type=f"{HTML}; charset=utf-8",
            filename=document_filename(document, "html"),
            content=_page(document).encode("utf-8", "replace"),
        )


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _page(document: Document) -> str:
    header = "".join(
        f"<dt>{_e(label)}</dt><dd>{_e(value)}</dd>" for label, value in document_header(document)
    )
    sections = "\n".join(_section(section) for section in document.sections)
    return (
        f'<!DOCTYPE html>\n<html lang="{_e(document.language)}">\n<head>\n'
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(document.title)} {_e(document.reference)}</title>\n"
        f"<style>\n{_STYLE}\n</style>\n</head>\n<body>\n<main>\n"
        f'<header>\n<h1>{_e(document.title)}</h1>\n<dl class="meta">{header}</dl>\n</header>\n'
        f"{sections}\n</main>\n</body>\n</html>\n"
    )


def _section(section: DocumentSection) -> str:
    parts = [f"<section>\n<h2>{_e(section.heading)}</h2>"]
    if section.rows:
        rows = "\n".join(
            f'<tr><th scope="row">{_e(label)}</th><td>{_e(value)}</td></tr>'
            for label, value in section.rows
        )
        parts.append(f"<table>\n<tbody>\n{rows}\n</tbody>\n</table>")
    if section.paragraphs:
        items = "\n".join(f"<li>{_e(paragraph)}</li>" for paragraph in section.paragraphs)
        parts.append(f'<ol class="terms">\n{items}\n</ol>')
    parts.append("</section>")
    return "\n".join(parts)
