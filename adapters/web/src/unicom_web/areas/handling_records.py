"""The business records pages (辦理記錄, F-QRY-5) and the acceptance form download (F-QRY-6).

* ``GET /handling/records``: the number's records, newest first, paged, ``?kind=`` filters;
* ``GET /handling/records/{id}``: where one stands (status, effect and its date, what
  changed, fee, terms), the acceptance form to download, and a cancel button while the
  change waits for its cycle (``POST /handling/records/{id}/cancel``);
* ``GET /handling/records/{id}/form?format=html|pdf``: the acceptance form, rendered by the
  hall's document port (``hall.documents``) and served as an attachment.

Another customer's record is answered like an unknown one (404 ``handling.unknown_record``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from litestar import Request, Response, get, post
from litestar.params import FromPath, QueryParameter
from litestar.response import Redirect, Template

from unicom_core.errors import UnicomError
from unicom_core.ports.shared import PageRequest
from unicom_web.areas.handling_views import (
    acceptance_download,
    compared,
    record_view,
    row_label,
)
from unicom_web.deps import Hall, Token
from unicom_web.pages import render
from unicom_web.problems import Problem, problem_for

__all__ = ["PAGES"]

PAGE_SIZE = 20
_MAX_OFFSET = 1_000_000

Format = Annotated[
    Literal["html", "pdf"], QueryParameter(name="format", description="``html`` or ``pdf``")
]


def _offset(request: Request[Any, Any, Any]) -> int:
    try:
        offset = int(request.query_params.get("offset", "0"))
    except ValueError:
        return 0
    return min(max(0, offset), _MAX_OFFSET)


@get("/handling/records", include_in_schema=False, sync_to_thread=True)
def records_page(request: Request[Any, Any, Any], hall: Hall, token: Token) -> Template:
    """The session number's business records, newest first, of one kind if asked."""
    kinds = [(h.kind, h.title) for h in hall.handling.handlers]
    kind = request.query_params.get("kind", "")
    kind = kind if kind in dict(kinds) else ""
    page = hall.handling.records(token, PageRequest(_offset(request), PAGE_SIZE), kind=kind or None)
    return render(
        request,
        "records.html",
        page=page,
        records=[record_view(r) for r in page.items],
        kinds=kinds,
        kind=kind,
        page_size=PAGE_SIZE,
    )


def _record_page(
    request: Request[Any, Any, Any],
    hall: Hall,
    token: Token,
    record_id: str,
    problem: Problem | None = None,
) -> Template:
    shown = record_view(hall.handling.record(token, record_id))
    return render(
        request,
        "handling_record.html",
        status_code=problem.status if problem is not None else 200,
        record=shown,
        rows=compared(shown.before, shown.after),
        row_label=row_label(request),
        problem=problem,
    )


@get("/handling/records/{record_id:str}", include_in_schema=False, sync_to_thread=True)
def record_page(
    request: Request[Any, Any, Any], record_id: FromPath[str], hall: Hall, token: Token
) -> Template:
    """One record: status, effect, change, fee, terms, form downloads, cancel while pending."""
    return _record_page(request, hall, token, record_id)


@post("/handling/records/{record_id:str}/cancel", include_in_schema=False, sync_to_thread=True)
def cancel_page(
    request: Request[Any, Any, Any], record_id: FromPath[str], hall: Hall, token: Token
) -> Template | Redirect:
    """Cancel a change still waiting for its cycle; back to its record."""
    try:
        record = hall.handling.cancel(token, record_id)
    except UnicomError as error:
        problem = problem_for(error)
        if problem.status in {401, 404}:
            raise
        return _record_page(request, hall, token, record_id, problem)
    return Redirect(f"/handling/records/{record.id}", status_code=303)


@get("/handling/records/{record_id:str}/form", include_in_schema=False, sync_to_thread=True)
def form_download(
    record_id: FromPath[str], hall: Hall, token: Token, kind: Format = "html"
) -> Response[bytes]:
    """Download the record's acceptance form (``?format=pdf``: as a PDF)."""
    return acceptance_download(hall, token, record_id, pdf=kind == "pdf")


PAGES = (records_page, record_page, cancel_page, form_download)
"""The records pages and the acceptance form download."""
