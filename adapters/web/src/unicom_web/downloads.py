"""A rendered document as a download: the one place that writes ``Content-Disposition``.

An acceptance form or an invoice copy (a :class:`~unicom_core.ports.shared.RenderedDocument`,
F-QRY-6) is served as an attachment. Its file name may hold Chinese letters, so the header
carries it twice (RFC 6266): ``filename`` in plain ASCII for old clients (anything else made
``_``, quotes and backslashes never pass) and ``filename*`` in UTF-8, percent-encoded, for
the others. The responses are ``Cache-Control: no-store`` like every answer of the web
adapter (:mod:`unicom_web.security`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Annotated, Literal
from urllib.parse import quote

from litestar import Response
from litestar.openapi.spec import OpenAPIMediaType, OpenAPIResponse, Operation, Schema
from litestar.openapi.spec.enums import OpenAPIType
from litestar.params import QueryParameter

from unicom_core.ports.shared import PDF, RenderedDocument

__all__ = ["DownloadFormat", "HtmlOrPdf", "content_disposition", "download"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_NAME_MAX = 120

DownloadFormat = Annotated[
    Literal["html", "pdf"],
    QueryParameter(name="format", description="``html`` (the default) or ``pdf``"),
]
"""The ``?format=`` of a download (anything else is 400)."""


def _ascii_name(filename: str) -> str:
    """``filename`` in ASCII letters, digits, ``.``, ``_`` and ``-`` only."""
    folded = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
    stem, dot, extension = _UNSAFE.sub("_", folded).rpartition(".")
    if not dot:
        stem, extension = extension, ""
    stem = stem.strip("._-")[:_NAME_MAX] or "document"
    extension = extension.strip("_-")[:16]
    return f"{stem}.{extension}" if extension else stem


def content_disposition(filename: str) -> str:
    """The ``Content-Disposition`` of an attachment named ``filename`` (RFC 6266, RFC 8187)."""
    utf8 = quote(filename[:_NAME_MAX], safe="")
    return f"attachment; filename=\"{_ascii_name(filename)}\"; filename*=UTF-8''{utf8}"


def download(document: RenderedDocument) -> Response[bytes]:
    """``document`` as an attachment: its bytes, its media type, its file name."""
    return Response(
        document.content,
        media_type=document.media_type,
        headers={"Content-Disposition": content_disposition(document.filename)},
    )


@dataclass
class HtmlOrPdf(Operation):
    """The OpenAPI operation of a download answered as HTML, or as PDF on ``?format=pdf``."""

    def __post_init__(self) -> None:
        """Document ``application/pdf`` beside the HTML of the 200 answer."""
        ok = (self.responses or {}).get("200")
        if isinstance(ok, OpenAPIResponse) and ok.content is not None:
            ok.content[PDF] = OpenAPIMediaType(
                schema=Schema(type=OpenAPIType.STRING, content_media_type=PDF)
            )
