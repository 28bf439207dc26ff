"""The search of :class:`~unicom_sql.number_pool.SqlNumberPool`: a plan per query (F-NUM-1).

Every plan returns exactly what :meth:`NumberQuery.matches
<unicom_core.domain.numbers.NumberQuery.matches>` and availability select, ordered by
(tier rank, number): each SQL statement carries **all** the conditions; the plan only
chooses the index it walks.

* **Anchored walks.** A pattern class walks ``number_classes`` (class, tier rank, number);
  a 4-digit window known at position 4..7 (from ``ends_with``, ``starts_with``, the
  mask's fixed digits or a ``contains`` placement) walks ``ix_number_pool_w<p>`` (window,
  tier rank, number). Both are in result order: the walk stops after the page.
* **Prefix probes.** A known prefix of 6 digits or more reads its primary-key range (at
  most a few thousand rows) and sorts them.
* **Contains** of 4 digits or more is the union of its placements: positions 4..7 by
  their window, positions 0..3 by the prefixes the pool's segments allow. The probes are
  merged in Python (each already in result order or sorted, each at most the page deep).
* **Otherwise** (short needles, a segment, "without 4"): the walk of
  ``ix_number_pool_order`` (tier rank, number) with the conditions as filters, which
  finds a page quickly exactly because such filters match often.

A probe that would read more than :data:`PROBE_CAP` rows gives up and the query falls back
to the ordered walk (the filter matches often then, so the walk is short).
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import String, and_, cast, not_, or_, select

from unicom_sql.schema import number_classes, number_pool

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from sqlalchemy import ColumnElement, Connection, Row, Select

    from unicom_core.domain.numbers import NumberQuery

__all__ = ["PROBE_CAP", "ROW_COLUMNS", "available", "search_rows"]

PROBE_CAP: Final = 3000
"""The most rows an unordered probe (a prefix range) reads before the plan falls back."""
LENGTH: Final = 11
WINDOWS: Final = (4, 5, 6, 7)
_PREFIX_PROBE: Final = 6
_WINDOW = {4: number_pool.c.w4, 5: number_pool.c.w5, 6: number_pool.c.w6, 7: number_pool.c.w7}

ROW_COLUMNS: Final = (
    number_pool.c.number,
    number_pool.c.province,
    number_pool.c.city,
    number_pool.c.classes,
    number_pool.c.tier,
    number_pool.c.tier_rank,
    number_pool.c.status,
    number_pool.c.reservation_id,
    number_pool.c.reserved_until_us,
)


def available(now_us: int) -> ColumnElement[bool]:
    """Free, or reserved with the reservation ended by ``now_us``: no janitor needed."""
    c = number_pool.c
    return or_(
        c.status == "free",
        and_(c.status == "reserved", c.reserved_until_us <= now_us),
    )


def _fixed_digits(query: NumberQuery) -> dict[int, str]:
    """The digits the query fixes at known positions (starts/ends with, a mask without *)."""
    fixed: dict[int, str] = {}
    if query.starts_with is not None:
        fixed.update(enumerate(query.starts_with))
    if query.ends_with is not None:
        start = LENGTH - len(query.ends_with)
        fixed.update((start + i, d) for i, d in enumerate(query.ends_with))
    mask = query.mask
    if mask is not None:
        if "*" not in mask.text:
            fixed.update((i, d) for i, d in enumerate(mask.text) if d.isdigit())
        else:
            fixed.update(enumerate(mask.prefix))
            start = LENGTH - len(mask.suffix)
            fixed.update((start + i, d) for i, d in enumerate(mask.suffix))
    return fixed


def _conditions(query: NumberQuery, now_us: int) -> list[ColumnElement[bool]]:
    c = number_pool.c
    text = cast(c.number, String)
    found: list[ColumnElement[bool]] = [available(now_us)]
    if query.mask is not None:
        found.append(text.like(query.mask.like))
    if query.contains is not None:
        found.append(text.like(f"%{query.contains}%"))
    if query.ends_with is not None:
        found.append(c.number % 10 ** len(query.ends_with) == int(query.ends_with))
    if query.starts_with is not None:
        found.append(text.like(f"{query.starts_with}%"))
    found.extend(not_(text.like(f"%{digit}%")) for digit in sorted(query.without))
    if query.segments:
        found.append(c.segment.in_(sorted(int(s) for s in query.segments)))
    if query.province is not None:
        found.append(c.province == query.province)
    if query.city is not None:
        found.append(c.city == query.city)
    if query.tiers:
        found.append(c.tier.in_(sorted(query.tiers)))
    if query.pattern is not None:
        found.append(c.classes.like(f"% {query.pattern} %"))
    return found


def _ordered(statement: Select[Any], depth: int) -> Select[Any]:
    return statement.order_by(number_pool.c.tier_rank, number_pool.c.number).limit(depth)


def _window_probe(p: int, digits: str, where: list[ColumnElement[bool]], depth: int) -> Select[Any]:
    return _ordered(select(*ROW_COLUMNS).where(_WINDOW[p] == int(digits), *where), depth)


def _prefix_probe(prefixes: Sequence[str], where: list[ColumnElement[bool]]) -> Select[Any]:
    number = number_pool.c.number
    ranges = [
        and_(number >= int(p.ljust(LENGTH, "0")), number <= int(p.ljust(LENGTH, "9")))
        for p in prefixes
    ]
    return select(*ROW_COLUMNS).where(or_(*ranges), *where).limit(PROBE_CAP + 1)


def _contains_probes(
    needle: str, segments: Sequence[str], where: list[ColumnElement[bool]], depth: int
) -> list[tuple[Select[Any], bool]] | None:
    """The probes of every placement of ``needle`` (4+ digits), or None if one is too wide.

    Positions 4..7 are window walks; positions 0..3 overlap the segment, so each of the
    pool's segments that agrees with the needle there gives a prefix (6+ digits) to probe.
    """
    probes: list[tuple[Select[Any], bool]] = []
    prefixes: list[str] = []
    for p in range(LENGTH - len(needle) + 1):
        if p in _WINDOW:
            probes.append((_window_probe(p, needle[:4], where, depth), True))
            continue
        for segment in segments:
            prefix = segment[:p] + needle
            if prefix[:3] != segment:
                continue
            if len(prefix) < _PREFIX_PROBE:
                return None
            prefixes.append(prefix)
    if prefixes:
        probes.append((_prefix_probe(prefixes, where), False))
    return probes


def _needle(query: NumberQuery) -> str:
    """The longest run of digits every match contains (``contains``, or a mask's literals)."""
    runs = [query.contains or ""]
    if query.mask is not None and "*" in query.mask.text:
        runs.extend(part for chunk in query.mask.text.split("*") for part in chunk.split("?"))
    return max(runs, key=len)


def _anchored(
    query: NumberQuery, segments: Sequence[str], where: list[ColumnElement[bool]], depth: int
) -> list[tuple[Select[Any], bool]] | None:
    """The probes of the query's best anchor, or None for the ordered walk."""
    if query.pattern is not None:
        nc = number_classes.c
        walk = (
            select(*ROW_COLUMNS)
            .select_from(number_classes.join(number_pool, number_pool.c.number == nc.number))
            .where(nc.class_code == query.pattern, *where)
            .order_by(nc.tier_rank, nc.number)
            .limit(depth)
        )
        return [(walk, True)]
    fixed = _fixed_digits(query)
    for p in (7, 4, 5, 6):
        window = "".join(fixed.get(i, "") for i in range(p, p + 4))
        if len(window) == 4:  # noqa: PLR2004
            return [(_window_probe(p, window, where, depth), True)]
    prefix = ""
    while len(prefix) in fixed:
        prefix += fixed[len(prefix)]
    if len(prefix) >= _PREFIX_PROBE:
        return [(_prefix_probe([prefix], where), False)]
    needle = _needle(query)
    if len(needle) >= 4:  # noqa: PLR2004
        return _contains_probes(needle, segments, where, depth)
    return None


def search_rows(
    connection: Connection, query: NumberQuery, now_us: int, segments: Sequence[str]
) -> list[Row[Any]]:
    """The rows of the page ``query`` asks for, plus one more if another page follows."""
    where = _conditions(query, now_us)
    depth = query.offset + query.limit + 1
    probes = _anchored(query, segments, where, depth)
    if probes is not None:
        merged = _merged(connection, probes)
        if merged is not None:
            return merged[query.offset : depth]
    walk = _ordered(select(*ROW_COLUMNS).where(*where), query.limit + 1).offset(query.offset)
    return list(connection.execute(walk))


def _merged(
    connection: Connection, probes: Iterable[tuple[Select[Any], bool]]
) -> list[Row[Any]] | None:
    """Run the probes and merge them in result order, without repeats; None if one overflows."""
    streams: list[list[Row[Any]]] = []
    for statement, ordered in probes:
        rows = list(connection.execute(statement))
        if not ordered:
            if len(rows) > PROBE_CAP:
                return None
            rows.sort(key=_key)
        streams.append(rows)
    merged: list[Row[Any]] = []
    seen: set[int] = set()
    for row in heapq.merge(*streams, key=_key):
        if row.number not in seen:
            seen.add(row.number)
            merged.append(row)
    return merged


def _key(row: Row[Any]) -> tuple[int, int]:
    return (row.tier_rank, row.number)
