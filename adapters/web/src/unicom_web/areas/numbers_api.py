"""The number pool as JSON (號碼隨心搜, F-NUM-1..3).

``GET /api/v1/numbers/search`` is public (the shop shows its numbers to anyone): masks
(``186****8888``), contains, ends with, starts with, without digits, segments, province,
city, tiers and one pattern class, paged (``offset``, ``limit`` up to 100), ordered by tier
then number. ``GET /api/v1/numbers/classes`` lists the pattern classes and tiers.
``POST /api/v1/numbers/{number}/reservation`` reserves a number for the session's customer
(``number.reserve``; 30 minutes by default), ``DELETE`` releases it, and
``GET /api/v1/numbers/reservations`` lists the session's reservations.
"""

from __future__ import annotations

from typing import Annotated

import attrs
from litestar import delete, get, post
from litestar.params import FromPath, QueryParameter
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from unicom_core.domain.numbers import Mask, NumberPage, NumberQuery, Reservation
from unicom_web.bodies import PROBLEMS
from unicom_web.deps import Hall, Token

__all__ = ["API", "ClassView", "NumbersTable", "TierView", "query_of"]

_TAGS = ["numbers"]


def _text(name: str, description: str) -> object:
    return QueryParameter(name=name, required=False, description=description)


Text = str | None
Mask_ = Annotated[Text, _text("mask", "digits, ? (one digit), * (any run): 186****8888")]
Contains = Annotated[Text, _text("contains", "digits the number contains")]
EndsWith = Annotated[Text, _text("ends_with", "digits the number ends with")]
StartsWith = Annotated[Text, _text("starts_with", "digits the number starts with")]
Without = Annotated[Text, _text("without", "digits that must not appear, e.g. 4")]
Segments = Annotated[Text, _text("segment", "3-digit segments, comma-separated")]
Province = Annotated[Text, _text("province", "the province")]
City = Annotated[Text, _text("city", "the city")]
Tiers = Annotated[Text, _text("tier", "tier codes, comma-separated")]
Pattern = Annotated[Text, _text("pattern", "one pattern class code (AAAA, ABCD, ...)")]
Offset = Annotated[int, QueryParameter(name="offset", ge=0, le=10_000)]
Limit = Annotated[int, QueryParameter(name="limit", ge=1, le=100)]


def _blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _set(value: str | None) -> frozenset[str]:
    return frozenset(part.strip() for part in (value or "").split(",") if part.strip())


def query_of(  # noqa: PLR0913 - one argument per filter of the search form
    *,
    mask: str | None = None,
    contains: str | None = None,
    ends_with: str | None = None,
    starts_with: str | None = None,
    without: str | None = None,
    segment: str | None = None,
    province: str | None = None,
    city: str | None = None,
    tier: str | None = None,
    pattern: str | None = None,
    offset: int = 0,
    limit: int = 20,
) -> NumberQuery:
    """The query of the search form's fields (blank fields filter nothing)."""
    text = _blank(mask)
    return NumberQuery(
        mask=None if text is None else Mask(text),
        contains=_blank(contains),
        ends_with=_blank(ends_with),
        starts_with=_blank(starts_with),
        without=frozenset((without or "").replace(",", "").replace(" ", "")),
        segments=_set(segment),
        province=_blank(province),
        city=_blank(city),
        tiers=_set(tier),
        pattern=_blank(pattern),
        offset=offset,
        limit=limit,
    )


@attrs.frozen(slots=True)
class TierView:
    """A tier as the shop shows it: pre-stored fee, minimum monthly spend, contract."""

    code: str
    name: str
    rank: int
    prestore_fen: int
    min_monthly_fen: int
    contract_months: int


@attrs.frozen(slots=True)
class ClassView:
    """A pattern class: its code, name and tier."""

    code: str
    name: str
    tier: str


@attrs.frozen(slots=True)
class NumbersTable:
    """The pattern classes and tiers in force (F-NUM-2)."""

    tiers: tuple[TierView, ...]
    classes: tuple[ClassView, ...]


@get(
    "/numbers/search",
    tags=_TAGS,
    summary="Search the number pool",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def search(  # noqa: PLR0913, PLR0917 - one parameter per filter
    hall: Hall,
    mask: Mask_ = None,
    contains: Contains = None,
    ends_with: EndsWith = None,
    starts_with: StartsWith = None,
    without: Without = None,
    segment: Segments = None,
    province: Province = None,
    city: City = None,
    tier: Tiers = None,
    pattern: Pattern = None,
    offset: Offset = 0,
    limit: Limit = 20,
) -> NumberPage:
    """The available numbers the filters match, by tier then number (F-NUM-1); public."""
    query = query_of(
        mask=mask,
        contains=contains,
        ends_with=ends_with,
        starts_with=starts_with,
        without=without,
        segment=segment,
        province=province,
        city=city,
        tier=tier,
        pattern=pattern,
        offset=offset,
        limit=limit,
    )
    return hall.numbers.search(query)


@get("/numbers/classes", tags=_TAGS, summary="Pattern classes and tiers", sync_to_thread=True)
def classes(hall: Hall) -> NumbersTable:
    """The pattern classes and the tier each puts a number in (F-NUM-2); public."""
    table = hall.numbers.table
    return NumbersTable(
        tiers=tuple(
            TierView(t.code, t.name, t.rank, t.prestore.fen, t.min_monthly.fen, t.contract_months)
            for t in sorted(table.tiers, key=lambda t: t.rank)
        ),
        classes=tuple(ClassView(c.code, c.name, c.tier) for c in table.classes),
    )


@get(
    "/numbers/reservations",
    tags=_TAGS,
    summary="The session's reserved numbers",
    sync_to_thread=True,
    responses=PROBLEMS,
)
def reservations(hall: Hall, token: Token) -> tuple[Reservation, ...]:
    """The numbers the session's customer holds reserved now, soonest to end first."""
    return hall.numbers.reservations(token)


@post(
    "/numbers/{number:str}/reservation",
    tags=_TAGS,
    summary="Reserve a number",
    sync_to_thread=True,
    status_code=HTTP_201_CREATED,
    responses=PROBLEMS,
)
def reserve(number: FromPath[str], hall: Hall, token: Token) -> Reservation:
    """Hold ``number`` for the session's customer for 30 minutes (F-NUM-3)."""
    return hall.numbers.reserve(token, number)


@delete(
    "/numbers/{number:str}/reservation",
    tags=_TAGS,
    summary="Release a reserved number",
    sync_to_thread=True,
    status_code=HTTP_204_NO_CONTENT,
    responses=PROBLEMS,
)
def release(number: FromPath[str], hall: Hall, token: Token) -> None:
    """Give the reserved number back to the pool."""
    hall.numbers.release(token, number)


API = (search, classes, reservations, reserve, release)
"""The number pool's endpoints."""
