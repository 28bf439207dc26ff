"""What every TM Forum list shares: ``fields``, attribute filters, paging, error responses.

TMF630 (the API design guidelines the TMF APIs follow): ``fields`` names the attributes to
return (``id``, ``href`` and ``@type`` always come); any other query parameter filters on
the attribute it names, nested ones and comparisons included (``?isBundle=true``,
``?billingAccount.id=aa``, ``?amountDue.value.gt=10``; the language, typed on the body's
attributes, is :mod:`unicom_web.tmf.filters`: an unknown attribute or a malformed value is
a 400, never an empty list); ``offset`` (0 to 1,000,000) and ``limit`` (1 to
:data:`MAX_LIMIT`) page the list, anything else being a 400 ``page.offset`` /
``page.limit``, and ``X-Total-Count`` / ``X-Result-Count`` say how many matched and how
many came. The functions work on the bodies as the TMF converter wrote them, so a filter
or a field names an attribute as the spec does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from litestar.openapi.datastructures import ResponseSpec
from litestar.params import QueryParameter

from unicom_core.ports.shared import MAX_PAGE_LIMIT
from unicom_web.problems import TmfError
from unicom_web.tmf.filters import matches, parse_filters

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from unicom_web.tmf.filters import Shape

__all__ = [
    "ALWAYS",
    "MAX_LIMIT",
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

MAX_LIMIT = MAX_PAGE_LIMIT
"""The largest ``limit`` of a TMF list (a larger one is a 400 ``page.limit``)."""
Limit = Annotated[
    int | None,
    QueryParameter(ge=1, le=MAX_LIMIT, description=f"items to return, 1..{MAX_LIMIT}"),
]
"""The ``limit`` query parameter of a TMF list operation: at most this many (all if none)."""


def select(body: dict[str, Any], fields: str | None) -> dict[str, Any]:
    """``body`` with only the attributes ``fields`` names (and id, href, @type)."""
    if not fields:
        return body
    wanted = {name.strip() for name in fields.split(",") if name.strip()} | set(ALWAYS)
    return {key: value for key, value in body.items() if key in wanted}


def page_of(  # noqa: PLR0913 - the list's parameters, as TMF630 names them
    bodies: Sequence[dict[str, Any]],
    filters: Mapping[str, str],
    *,
    shape: Mapping[str, Shape],
    fields: str | None,
    offset: int,
    limit: int | None,
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The filtered, paged and projected list, and its count headers.

    ``filters`` are the request's query parameters: those of :data:`PAGING` page the list,
    every other one is a filter on the attribute it names in ``shape``
    (:func:`unicom_web.tmf.filters.shape_of` of the body class).

    Raises:
        InvalidInput: ``tmf.filter_attribute``, ``tmf.filter_value`` (a 400).
    """
    wanted = {key: value for key, value in filters.items() if key not in PAGING}
    parsed = parse_filters(wanted, shape)
    matching = [body for body in bodies if matches(body, parsed)]
    end = None if limit is None else offset + limit
    page = [select(body, fields) for body in matching[offset:end]]
    return page, {"X-Total-Count": str(len(matching)), "X-Result-Count": str(len(page))}
