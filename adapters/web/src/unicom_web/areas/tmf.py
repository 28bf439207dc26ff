"""What the TM Forum read operations share: ``fields``, attribute filters, paging, errors.

TMF630 (the API design guidelines the TMF APIs follow): ``fields`` names the attributes to
return (``id``, ``href`` and ``@type`` always come); any other query parameter filters on
the attribute of that name by equality; ``offset`` and ``limit`` page the list, and
``X-Total-Count`` / ``X-Result-Count`` say how many matched and how many came.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from litestar import Response
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import QueryParameter

from unicom_core.domain.shared import Money
from unicom_web.bodies import Offset
from unicom_web.problems import TmfError

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

__all__ = ["PAGING", "TMF_ERRORS", "Limit", "Offset", "listing", "money", "page_of", "select"]

PAGING = frozenset({"fields", "offset", "limit"})
"""The query parameters that are not attribute filters."""
_ALWAYS = ("id", "href", "@type")

TMF_ERRORS = {
    status: ResponseSpec(TmfError, generate_examples=False, description=text)
    for status, text in {
        400: "Bad Request",
        401: "Unauthorized",
        403: "Forbidden",
        404: "Not Found",
        422: "Unprocessable Entity",
        500: "Internal Server Error",
        503: "Service Unavailable",
    }.items()
}
"""The error responses of a TMF read operation (TMF630 ``Error`` bodies)."""

Limit = Annotated[int | None, QueryParameter(ge=1)]
"""The ``limit`` query parameter of a TMF list operation: at most this many (all if none)."""


def money(amount: Money) -> dict[str, Any]:
    """A TMF ``Money``: the unit and the value in yuan."""
    return {"unit": amount.currency, "value": amount.fen / 100}


def _text(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def select(body: dict[str, Any], fields: str | None) -> dict[str, Any]:
    """``body`` with only the attributes ``fields`` names (and id, href, @type)."""
    if not fields:
        return body
    wanted = {name.strip() for name in fields.split(",") if name.strip()} | set(_ALWAYS)
    return {key: value for key, value in body.items() if key in wanted}


def page_of(
    bodies: Sequence[dict[str, Any]],
    query: Mapping[str, str],
    *,
    fields: str | None,
    offset: int,
    limit: int | None,
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The filtered, paged and projected list, and its count headers."""
    filters = {key: value for key, value in query.items() if key not in PAGING}
    matching = [
        body
        for body in bodies
        if all(key in body and _text(body[key]) == value for key, value in filters.items())
    ]
    end = None if limit is None else offset + limit
    page = [select(body, fields) for body in matching[offset:end]]
    return page, {"X-Total-Count": str(len(matching)), "X-Result-Count": str(len(page))}


def listing(
    bodies: Sequence[dict[str, Any]],
    query: Mapping[str, str],
    *,
    fields: str | None,
    offset: int,
    limit: int | None,
) -> Response[Any]:
    """The answer of a TMF list operation: :func:`page_of` with its count headers."""
    page, headers = page_of(bodies, query, fields=fields, offset=offset, limit=limit)
    return Response(page, headers=headers)
