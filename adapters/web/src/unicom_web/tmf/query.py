"""What every TM Forum list shares: ``fields``, attribute filters, paging, error responses.

TMF630 (the API design guidelines the TMF APIs follow): ``fields`` names the attributes to
return (``id``, ``href`` and ``@type`` always come); any other query parameter filters on
the attribute of that name by equality (``?isBundle=true``); ``offset`` and ``limit`` page
the list, and ``X-Total-Count`` / ``X-Result-Count`` say how many matched and how many
came. The functions work on the bodies as the TMF converter wrote them, so a filter or a
field names an attribute as the spec does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from litestar.openapi.datastructures import ResponseSpec
from litestar.params import QueryParameter

from unicom_web.problems import TmfError

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = [
    "ALWAYS",
    "PAGING",
    "TMF_ERRORS",
    "TMF_WRITE_ERRORS",
    "Limit",
    "page_of",
    "select",
]

PAGING = frozenset({"fields", "offset", "limit"})
"""The query parameters that are not attribute filters."""
ALWAYS = ("id", "href", "@type")
"""The attributes a ``fields`` selection always keeps."""


def _errors(texts: Mapping[int, str]) -> dict[int, ResponseSpec]:
    return {
        status: ResponseSpec(TmfError, generate_examples=False, description=text)
        for status, text in texts.items()
    }


TMF_ERRORS = _errors(
    {
        400: "Bad Request",
        401: "Unauthorized",
        403: "Forbidden",
        404: "Not Found",
        422: "Unprocessable Entity",
        500: "Internal Server Error",
        503: "Service Unavailable",
    }
)
"""The error responses of a TMF read operation (TMF630 ``Error`` bodies)."""
TMF_WRITE_ERRORS = {
    **TMF_ERRORS,
    **_errors({402: "Payment Required", 409: "Conflict", 415: "Unsupported Media Type"}),
}
"""The error responses of a TMF create operation: the reads' and a payment's refusals."""

Limit = Annotated[int | None, QueryParameter(ge=1)]
"""The ``limit`` query parameter of a TMF list operation: at most this many (all if none)."""


def _text(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def select(body: dict[str, Any], fields: str | None) -> dict[str, Any]:
    """``body`` with only the attributes ``fields`` names (and id, href, @type)."""
    if not fields:
        return body
    wanted = {name.strip() for name in fields.split(",") if name.strip()} | set(ALWAYS)
    return {key: value for key, value in body.items() if key in wanted}


def page_of(
    bodies: Sequence[dict[str, Any]],
    filters: Mapping[str, str],
    *,
    fields: str | None,
    offset: int,
    limit: int | None,
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The filtered, paged and projected list, and its count headers.

    ``filters`` are the request's query parameters: those of :data:`PAGING` page the list,
    every other one keeps the bodies whose attribute of that name has that value.
    """
    wanted = {key: value for key, value in filters.items() if key not in PAGING}
    matching = [
        body
        for body in bodies
        if all(key in body and _text(body[key]) == value for key, value in wanted.items())
    ]
    end = None if limit is None else offset + limit
    page = [select(body, fields) for body in matching[offset:end]]
    return page, {"X-Total-Count": str(len(matching)), "X-Result-Count": str(len(page))}
