"""F-NUM-1, F-NUM-2 on real databases: each search is one ordered statement, planned to walk.

The figures in docs/performance.md depend on these plans: a ``contains`` search is one
``UNION`` of its placements ordered and limited in SQL (nothing sorted in Python), and a
class search walks ``number_classes`` without a ``LIKE`` on ``classes`` that PostgreSQL
cannot estimate (it then sorted every number of the class instead of stopping at the page).
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest
from sqlalchemy import event
from unicom_sql import SqlNumberPool, number_search

from unicom_core.domain.numbers import NumberQuery
from unicom_core.testing.contracts.number_pool import NOW, linear_scan, sample_pool
from unicom_core.usecases.numbers import default_pattern_table


@contextmanager
def _statements(pool):
    seen: list[str] = []

    def record(_conn, _cursor, statement, _parameters, _context, _many):
        seen.append(statement)

    engine = pool._engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


@pytest.fixture
def loaded(db_url):
    pool = SqlNumberPool.from_url(db_url)
    rows = sample_pool(600)
    pool.load(rows)
    pool.search(NumberQuery(contains="8888"), NOW)  # learns the pool's segments
    yield pool, rows
    pool.close()


@pytest.mark.parametrize("needle", ["1861", "8888", "0188", "18601", "55018", "188"])
def test_f_num_1_a_contains_search_is_one_statement_and_the_scan(loaded, needle):
    pool, rows = loaded
    query = NumberQuery(contains=needle, limit=7)
    with _statements(pool) as seen:
        page = pool.search(query, NOW)
    assert len(seen) == 1
    assert [row.number for row in page.items] == linear_scan(rows, query, NOW)[:7]


def test_f_num_1_a_contains_search_states_each_placement_not_a_like(loaded):
    pool, _ = loaded
    with _statements(pool) as seen:
        pool.search(NumberQuery(contains="6188"), NOW)
    (statement,) = seen
    assert "UNION" in statement
    assert "LIKE" not in statement.upper()
    assert "w3" in statement  # the placement at 3..6 walks its own window


def test_f_num_2_a_class_search_walks_number_classes_without_a_like(loaded):
    pool, rows = loaded
    query = NumberQuery(pattern="AAA", limit=5)
    with _statements(pool) as seen:
        page = pool.search(query, NOW)
    (statement,) = seen
    assert "number_classes" in statement
    assert "LIKE" not in statement.upper()
    assert [row.number for row in page.items] == linear_scan(rows, query, NOW)[:5]


def test_f_num_2_a_number_that_is_not_a_string_is_number_format():
    from unicom_core.errors import InvalidInput  # noqa: PLC0415

    with pytest.raises(InvalidInput) as bad:
        default_pattern_table().row(18600008888, "北京", "北京")  # type: ignore[arg-type]
    assert bad.value.code == "number.format"


@pytest.mark.parametrize("needles", [("1099", "5598", "3039", "8395"), ("51968", "31559", "99419")])
def test_f_num_1_contains_needles_of_a_length_make_one_statement_shape(needles):
    """The union has the same arms for every needle of a length (empty ranges fill in).

    SQLAlchemy compiles each new shape of statement once (milliseconds for a union of a dozen
    arms); with a shape per count of agreeing segments, the first search of each paid that.
    """
    segments = ("130", "131", "132", "145", "146", "155", "156", "166", "175", "176", "185")
    segments += ("186", "196")
    keys = set()
    for needle in needles:
        query = NumberQuery(contains=needle)
        arms = number_search._anchored(query, 0, segments, 21)
        assert arms is not None
        keys.add(number_search._paged(arms, query)._generate_cache_key().key)
    assert len(keys) == 1
