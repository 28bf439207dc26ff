"""The search of :class:`~unicom_sql.number_pool.SqlNumberPool`: one statement per query (F-NUM-1).

Every plan returns exactly what :meth:`NumberQuery.matches
<unicom_core.domain.numbers.NumberQuery.matches>` and availability select, ordered by
(tier rank, number), and the database does the ordering and the paging: one statement per
search, nothing sorted or merged in Python. The plan only chooses what the database walks:

* **Anchored walks.** A pattern class walks ``number_classes`` (class, tier rank, number);
  a 4-digit window known at position 3..7 (from ``ends_with``, ``starts_with`` or the
  mask's fixed digits) walks ``ix_number_pool_w<p>`` (window, tier rank, number). Both
  are in result order: the walk stops after the page.
* **Prefix ranges.** A known prefix of 5 digits or more is a primary-key range, ordered by
  (tier rank, number) and limited in SQL. SQLite walks ``ix_number_pool_order`` once per
  tier rank inside the range (a skip-scan: ``ANALYZE`` tells it the ranks are few), so it
  reads a page per rank; PostgreSQL reads the range and keeps the top of it (a
  ``top-N`` sort), or walks the order index when its statistics say the range is dense.
* **Contains** of 4 digits or more is a ``UNION`` of its placements, each an ordered arm
  limited to the page: positions 3..7 walk their windows (``w<p>``, and the next windows
  for a longer needle), positions 0..2 overlap the segment, so each of the pool's
  segments that agrees with the needle there gives a prefix range (the database merges
  the arms; the union also drops a number two placements found).
* **Otherwise** (short needles, a segment, "without 4"): the walk of
  ``ix_number_pool_order`` (tier rank, number) with the conditions as filters, which finds
  a page quickly exactly because such filters match often.

A statement carries all the conditions of the query except one its anchor states exactly:
the class walk's join to ``number_classes`` is the ``pattern`` condition (``classes`` and
``number_classes`` are written together and never change), a placement arm of a
``contains`` needle is that needle at that position. Leaving out the ``LIKE`` that says the
same keeps PostgreSQL's row estimates right (it cannot estimate a ``LIKE '%..%'``, guesses
a handful of rows, and then sorts every candidate instead of walking the index in order).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import String, and_, cast, literal_column, not_, or_, select, union

from unicom_sql.schema import number_classes, number_pool

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy import ColumnElement, CompoundSelect, Connection, Row, Select

    from unicom_core.domain.numbers import NumberQuery

__all__ = ["MIN_PREFIX", "ROW_COLUMNS", "available", "search_rows"]

MIN_PREFIX: Final = 5
"""The shortest known prefix searched as a primary-key range (10**6 numbers at most)."""
LENGTH: Final = 11
WINDOW: Final = 4
_WINDOWS = {
    3: number_pool.c.w3,
    4: number_pool.c.w4,
    5: number_pool.c.w5,
    6: number_pool.c.w6,
    7: number_pool.c.w7,
}

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


def _conditions(
    query: NumberQuery, now_us: int, *, implied: str | None = None
) -> list[ColumnElement[bool]]:
    """Every condition of ``query``, but the one named ``implied`` (the anchor states it)."""
    c = number_pool.c
    text = cast(c.number, String)
    found: list[ColumnElement[bool]] = [available(now_us)]
    if query.mask is not None:
        found.append(text.like(query.mask.like))
    if query.contains is not None and implied != "contains":
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
    if query.pattern is not None and implied != "pattern":
        found.append(c.classes.like(f"% {query.pattern} %"))
    return found


def _ordered(statement: Select[Any], depth: int) -> Select[Any]:
    return statement.order_by(number_pool.c.tier_rank, number_pool.c.number).limit(depth)


def _at_window(p: int, digits: str) -> list[ColumnElement[bool]]:
    """``digits`` (4 or more) at position ``p`` (3..7): the windows they fill."""
    return [_WINDOWS[p + k] == int(digits[k : k + WINDOW]) for k in range(len(digits) - WINDOW + 1)]


def _empty_range() -> list[ColumnElement[bool]]:
    """A primary-key range with no number in it, the shape of :func:`_in_prefix`.

    New clauses each time: SQLAlchemy's cache key tells a clause used twice from two alike.
    """
    number = number_pool.c.number
    return [number >= 1, number <= 0]


def _in_prefix(prefix: str) -> list[ColumnElement[bool]]:
    """The numbers starting with ``prefix``: a primary-key range."""
    number = number_pool.c.number
    return [number >= int(prefix.ljust(LENGTH, "0")), number <= int(prefix.ljust(LENGTH, "9"))]


def _class_walk(pattern: str, where: Sequence[ColumnElement[bool]], depth: int) -> Select[Any]:
    nc = number_classes.c
    return (
        select(*ROW_COLUMNS)
        .select_from(number_classes.join(number_pool, number_pool.c.number == nc.number))
        .where(nc.class_code == pattern, *where)
        .order_by(nc.tier_rank, nc.number)
        .limit(depth)
    )


def _placements(
    needle: str, segments: Sequence[str], base: Select[Any]
) -> list[Select[Any]] | None:
    """An arm per placement of ``needle`` (4+ digits), or None if one would be too wide.

    Positions 3..7 are window walks; positions 0..2 overlap the segment, so each of the
    pool's segments that agrees with the needle there gives a prefix range. Each arm is
    ``base`` (ordered, limited, all other conditions) narrowed to its placement.

    Every needle of a length gets the same number of arms at each position 0..2 (the most
    segments that can agree there), the missing ones empty ranges: the statement then has
    one shape per needle length, which SQLAlchemy compiles once (a new shape costs more
    to compile than the database takes to answer it).
    """
    arms: list[Select[Any]] = []
    for p in range(LENGTH - len(needle) + 1):
        if p in _WINDOWS:
            arms.append(base.where(*_at_window(p, needle)))
            continue
        agreeing = [s for s in segments if (s[:p] + needle)[:3] == s]
        if any(len(s[:p] + needle) < MIN_PREFIX for s in agreeing):
            return None
        arms.extend(base.where(*_in_prefix(s[:p] + needle)) for s in agreeing)
        empty = _most_agreeing(segments, p) - len(agreeing)
        arms.extend(base.where(*_empty_range()) for _ in range(empty))
    return arms


def _most_agreeing(segments: Sequence[str], p: int) -> int:
    """The most of ``segments`` one needle placed at ``p`` (0..2) can agree with."""
    tails = [segment[p:] for segment in segments]
    return max((tails.count(tail) for tail in tails), default=0)


def _needle(query: NumberQuery) -> str:
    """The longest run of digits every match contains (``contains``, or a mask's literals)."""
    runs = [query.contains or ""]
    if query.mask is not None and "*" in query.mask.text:
        runs.extend(part for chunk in query.mask.text.split("*") for part in chunk.split("?"))
    return max(runs, key=len)


def _fixed_anchor(query: NumberQuery) -> list[ColumnElement[bool]] | None:
    """A window the query fixes at 4..7, else a prefix of 5+ digits, else the window at 3."""
    fixed = _fixed_digits(query)
    windows = {p: "".join(fixed.get(i, "") for i in range(p, p + WINDOW)) for p in (7, 4, 5, 6, 3)}
    prefix = ""
    while len(prefix) in fixed:
        prefix += fixed[len(prefix)]
    for p in (7, 4, 5, 6):
        if len(windows[p]) == WINDOW:
            return _at_window(p, windows[p])
    if len(prefix) >= MIN_PREFIX:
        return _in_prefix(prefix)
    return _at_window(3, windows[3]) if len(windows[3]) == WINDOW else None


def _anchored(
    query: NumberQuery, now_us: int, segments: Sequence[str], depth: int
) -> list[Select[Any]] | None:
    """The ordered arms of the query's best anchor, or None for the ordered walk."""
    if query.pattern is not None:
        where = _conditions(query, now_us, implied="pattern")
        return [_class_walk(query.pattern, where, depth)]
    anchor = _fixed_anchor(query)
    needle = _needle(query)
    if anchor is None and len(needle) < WINDOW:
        return None
    implied = "contains" if anchor is None and needle == query.contains else None
    base = _ordered(select(*ROW_COLUMNS).where(*_conditions(query, now_us, implied=implied)), depth)
    if anchor is not None:
        return [base.where(*anchor)]
    return _placements(needle, segments, base)


def _paged(arms: Sequence[Select[Any]], query: NumberQuery) -> Select[Any] | CompoundSelect[Any]:
    """One statement: the arm itself, or the union of the arms (no repeats), paged in SQL.

    The union selects ``*`` of each arm: naming the columns again through each subquery
    would cost SQLAlchemy more than the database takes to answer.
    """
    if len(arms) == 1:
        return arms[0].limit(query.limit + 1).offset(query.offset)
    every: ColumnElement[Any] = literal_column("*")
    merged = union(*(select(every).select_from(arm.subquery()) for arm in arms))
    order: tuple[ColumnElement[Any], ...] = (
        literal_column("tier_rank"),
        literal_column("number"),
    )
    return merged.order_by(*order).limit(query.limit + 1).offset(query.offset)


def search_rows(
    connection: Connection, query: NumberQuery, now_us: int, segments: Sequence[str]
) -> list[Row[Any]]:
    """The rows of the page ``query`` asks for, plus one more if another page follows."""
    depth = query.offset + query.limit + 1
    arms = _anchored(query, now_us, segments, depth)
    if not arms:
        walk = select(*ROW_COLUMNS).where(*_conditions(query, now_us))
        arms = [_ordered(walk, depth)]
    return list(connection.execute(_paged(arms, query)))
