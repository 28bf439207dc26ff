"""The JSON endpoints of business handling (業務辦理, F-BIZ, F-QRY-5, F-QRY-6).

One set of endpoints serves every kind the hall offers (``hall.handling.handlers``):

* ``GET /handling``: the kinds, each with its form's fields;
* ``POST /handling/{kind}/preview``: what the values would change and when (nothing is
  written);
* ``POST /handling/{kind}``: accept it (201 with the record); the body's ``request_id``
  makes it idempotent: the same id and values again answer the same record, never a second
  change;
* ``GET /handling/records`` (newest first, ``?kind=``), ``GET /handling/records/{id}``,
  ``POST /handling/records/{id}/cancel`` (a change still waiting for its cycle) and
  ``GET /handling/records/{id}/form``: the acceptance form, HTML or PDF (``?format=``, else
  the ``Accept`` header), rendered by the hall's document port.

Every call needs a session. A preview or a change needs the kind's capability
(``handle.bundle`` ...), the records and forms ``query.business_records`` and
``query.acceptance_form``: a random-password session has none of them (403
``access.capability_missing``, F-AUTH-5), but may list the kinds. Another customer's
record is 404 ``handling.unknown_record``, like an unknown one (F-AUTH-6). A
value named by no field of the kind is 422 ``handling.parameter``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from litestar import Request, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from unicom_core.ports.shared import HTML, PDF, Page, PageRequest
from unicom_web.areas.handling_views import (
    HandlingKind,
    HandlingPreview,
    HandlingRecord,
    HandlingRequest,
    PreviewRequest,
    acceptance_download,
    checked_params,
    kind_view,
    preview_view,
    record_view,
)
from unicom_web.areas.payments_api import Limit
from unicom_web.bodies import PROBLEMS, Offset
from unicom_web.deps import Hall, Token
from unicom_web.downloads import HtmlOrPdf

__all__ = ["API", "FormFormat"]

_TAGS = ["handling"]

FormFormat = Annotated[
    Literal["html", "pdf"] | None,
    QueryParameter(
        name="format",
        required=False,
        description="``html`` or ``pdf``; without it, the ``Accept`` header decides (HTML)",
    ),
]
"""The ``format`` of an acceptance form's download."""


@get(
    "/handling",
    tags=_TAGS,
    summary="The kinds of business handling, with their forms",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def kinds(hall: Hall, token: Token) -> list[HandlingKind]:
    """Every kind this hall handles, with its fields (labels, choices, hints), in order.

    Any session may list them (a random-password one too: it is refused the handling).
    """
    hall.access.session(token)
    return [kind_view(handler) for handler in hall.handling.handlers]


@post(
    "/handling/{kind:str}/preview",
    tags=_TAGS,
    summary="Preview a business handling: what changes, and when",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def preview(
    kind: FromPath[str], data: JSONBody[PreviewRequest], hall: Hall, token: Token
) -> HandlingPreview:
    """The change the values ask for, its effect date, fee and terms; nothing is changed."""
    handler = hall.handling.handler(kind)
    params = checked_params(handler, data.params)
    change = hall.handling.preview(token, kind, params)
    return preview_view(handler, change, hall.clock.now())


@post(
    "/handling/{kind:str}",
    tags=_TAGS,
    summary="Accept a business handling",
    sync_to_thread=True,
    status_code=HTTP_201_CREATED,
    responses=PROBLEMS,
)
def handle(
    kind: FromPath[str], data: JSONBody[HandlingRequest], hall: Hall, token: Token
) -> HandlingRecord:
    """Apply now or schedule for the next cycle, and record it (idempotent per request id)."""
    handler = hall.handling.handler(kind)
    params = checked_params(handler, data.params)
    record = hall.handling.handle(token, kind, params, request_id=data.request_id)
    return record_view(record)


@get(
    "/handling/records",
    tags=_TAGS,
    summary="My business records (辦理記錄), newest first",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def records(
    hall: Hall,
    token: Token,
    offset: Offset = 0,
    limit: Limit = 20,
    kind: FromQuery[str | None] = None,
) -> Page[HandlingRecord]:
    """The session number's business records, of one kind if ``kind`` is given."""
    page = hall.handling.records(token, PageRequest(offset, limit), kind=kind or None)
    return Page(tuple(record_view(r) for r in page.items), page.total, page.request)


@get(
    "/handling/records/{record_id:str}",
    tags=_TAGS,
    summary="One of my business records",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def record(record_id: FromPath[str], hall: Hall, token: Token) -> HandlingRecord:
    """A record of the session's customer; another customer's is 404."""
    return record_view(hall.handling.record(token, record_id))


@post(
    "/handling/records/{record_id:str}/cancel",
    tags=_TAGS,
    summary="Cancel a change still waiting for its cycle",
    sync_to_thread=True,
    status_code=HTTP_200_OK,
    responses=PROBLEMS,
)
def cancel(record_id: FromPath[str], hall: Hall, token: Token) -> HandlingRecord:
    """PENDING -> CANCELLED; anything else is 403 ``handling.not_pending``."""
    return record_view(hall.handling.cancel(token, record_id))


def wants_pdf(request: Request[Any, Any, Any], chosen: str | None) -> bool:
    """``?format=pdf``, or no format and an ``Accept`` header that prefers PDF."""
    if chosen is not None:
        return chosen == "pdf"
    return request.accept.best_match([HTML, PDF], default=HTML) == PDF


@get(
    "/handling/records/{record_id:str}/form",
    tags=_TAGS,
    summary="Download a record's acceptance form (電子受理單)",
    sync_to_thread=True,
    responses=PROBLEMS,
    media_type="text/html",
    operation_class=HtmlOrPdf,
)
def acceptance_form(
    request: Request[Any, Any, Any],
    record_id: FromPath[str],
    hall: Hall,
    token: Token,
    kind: FormFormat = None,
) -> Response[bytes]:
    """The acceptance form as an attachment, as often as asked, the same bytes each time."""
    return acceptance_download(hall, token, record_id, pdf=wants_pdf(request, kind))


API = (kinds, preview, handle, records, record, cancel, acceptance_form)
"""The handling endpoints, mounted under ``/api/v1``."""
