"""The number pool contract (F-NUM-1..3): what every ``NumberPool`` adapter must do.

Bind it by subclassing with a ``Test`` prefix and a factory of empty pools::

    class TestMyPool(NumberPoolContract):
        def make_pool(self) -> NumberPool:
            return MyPool(...)

The suite checks the port's rules (:mod:`unicom_core.ports.numbers.pool`): every search
returns what a linear scan returns, in the same order and pages; a reservation holds until
its end and no longer, without a janitor; of concurrent reservers exactly one wins;
release and sell act only under the reservation that holds the number.
"""

# A contract suite is tests shipped as a library: S101 (it asserts).
# ruff: noqa: S101

from __future__ import annotations

import abc
import itertools
import random
import threading
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Final

import pytest
from hypothesis import HealthCheck, given, settings

from unicom_core.domain.numbers import NumberQuery, NumberStatus, PoolNumber, Reservation
from unicom_core.domain.shared import SHANGHAI
from unicom_core.errors import Conflict, NotFound
from unicom_core.testing.strategies.numbers import number_queries
from unicom_core.usecases.numbers import default_pattern_table

if TYPE_CHECKING:
    from collections.abc import Sequence

    from unicom_core.domain.numbers import NumberPage
    from unicom_core.ports.numbers import NumberPool

__all__ = ["NOW", "NumberPoolContract", "linear_scan", "sample_pool"]

NOW: Final = datetime(2026, 12, 5, 10, 0, tzinfo=SHANGHAI)
"""The instant the suite's pool is searched at."""
_IDS = itertools.count(1)
_UNIFORM: Final = 0.6
_PLACES = (("北京", "北京"), ("广东", "广州"), ("广东", "深圳"))


def linear_scan(rows: Sequence[PoolNumber], query: NumberQuery, now: datetime) -> list[str]:
    """The reference search: every available row the query matches, by (tier rank, number)."""
    found = sorted(
        (row for row in rows if row.available(now) and query.matches(row)),
        key=lambda row: (row.tier_rank, row.number),
    )
    return [row.number for row in found]


def sample_pool(size: int = 400, seed: int = 7) -> list[PoolNumber]:
    """``size`` classified numbers of five segments, tails biased toward the patterns."""
    table, draw = default_pattern_table(), random.Random(seed)  # noqa: S311 - test data
    numbers: set[str] = set()
    while len(numbers) < size:
        body = "".join(
            draw.choice("0123456789" if draw.random() < _UNIFORM else "0188") for _ in "12345678"
        )
        numbers.add(draw.choice(("130", "155", "166", "185", "186")) + body)
    rows = []
    for index, number in enumerate(sorted(numbers)):
        province, city = _PLACES[index % len(_PLACES)]
        held = NumberStatus.HELD if index % 37 == 0 else NumberStatus.FREE
        rows.append(table.row(number, province, city, held))
    return rows


def a_reservation(
    number: str, holder: str = "c1", at: datetime = NOW, minutes: int = 30
) -> Reservation:
    """A reservation of ``number`` for ``holder`` from ``at`` for ``minutes``."""
    return Reservation(f"r{next(_IDS)}", number, holder, at, at + timedelta(minutes=minutes))


class NumberPoolContract(abc.ABC):
    """The number pool port's contract; subclass it with ``make_pool()``."""

    @abc.abstractmethod
    def make_pool(self) -> NumberPool:
        """An empty pool."""

    def loaded(
        self, rows: Sequence[PoolNumber] | None = None
    ) -> tuple[NumberPool, list[PoolNumber]]:
        """A pool holding ``rows`` (default: :func:`sample_pool`), with some reserved/sold.

        Returns the pool and the rows as they stand after the reservations (the reference).
        """
        pool, rows = self.make_pool(), list(rows if rows is not None else sample_pool())
        pool.load(rows)
        current = {row.number: row for row in rows}
        for index, row in enumerate(rows):
            if row.status is not NumberStatus.FREE or index % 5:
                continue
            # every fifth: reserved now, or reserved earlier and ended, or sold
            kind = index // 5 % 3
            at = NOW - timedelta(hours=2) if kind == 1 else NOW - timedelta(minutes=1)
            reservation = a_reservation(row.number, at=at)
            pool.reserve(reservation)
            status = NumberStatus.RESERVED
            if kind == 2:  # noqa: PLR2004
                pool.sell(reservation, at)
                status = NumberStatus.SOLD
            current[row.number] = PoolNumber(
                number=row.number, province=row.province, city=row.city, classes=row.classes,
                tier=row.tier, tier_rank=row.tier_rank, status=status, reservation=reservation,
            )  # fmt: skip
        return pool, list(current.values())

    # ------------------------------------------------------------------ loading, finding
    def test_a_loaded_number_is_found_as_stored(self) -> None:
        """A loaded number reads back as it was loaded; an unknown one is None."""
        rows = sample_pool(20)
        pool = self.make_pool()
        try:
            assert pool.load(rows) == len(rows)
            assert pool.find(rows[3].number) == rows[3]
            assert pool.find("13000000000") is None
        finally:
            pool.close()

    def test_a_duplicate_load_stores_nothing(self) -> None:
        """A load with a number already pooled is ``number.duplicate`` and stores nothing."""
        rows = sample_pool(10)
        pool = self.make_pool()
        try:
            pool.load(rows[:5])
            with pytest.raises(Conflict) as raised:
                pool.load(rows[5:] + rows[:1])
            assert raised.value.code == "number.duplicate"
            assert raised.value.data["number"] == rows[0].number
            assert pool.find(rows[6].number) is None
        finally:
            pool.close()

    # ------------------------------------------------------------------ search
    def test_every_search_is_the_linear_scan_in_order_and_pages(self) -> None:
        """F-NUM-1: any query returns the linear scan's page, in order, with ``has_more``."""
        pool, reference = self.loaded()
        try:

            @settings(database=None, suppress_health_check=list(HealthCheck), deadline=None)
            @given(number_queries())
            def agrees(query: NumberQuery) -> None:
                expected = linear_scan(reference, query, NOW)
                page = pool.search(query, NOW)
                end = query.offset + query.limit
                assert [row.number for row in page.items] == expected[query.offset : end]
                assert page.has_more == (len(expected) > end)
                assert all(row.status is NumberStatus.FREE for row in page.items)

            agrees()
        finally:
            pool.close()

    def test_searches_for_each_kind_agree_with_the_scan(self) -> None:
        """F-NUM-1: each plan (tail, contains, prefix, class, mask) agrees with the scan."""
        pool, reference = self.loaded()
        rows = {row.number: row for row in reference}
        some = sorted(rows)[len(rows) // 2]
        queries = [
            NumberQuery(ends_with=some[-4:]),
            NumberQuery(ends_with=some[-6:]),
            NumberQuery(contains=some[4:8]),
            NumberQuery(contains=some[2:7]),
            NumberQuery(contains=some[:5]),
            NumberQuery(starts_with=some[:7]),
            NumberQuery(pattern="AAA", limit=5),
            NumberQuery(pattern="tail8", offset=3, limit=7),
            NumberQuery(without=frozenset("4"), segments=frozenset({"186"}), limit=50),
            NumberQuery(tiers=frozenset({"gold", "lucky"}), limit=50),
        ]
        from unicom_core.domain.numbers import Mask  # noqa: PLC0415

        queries += [
            NumberQuery(mask=Mask(some[:3] + "????" + some[-4:])),
            NumberQuery(mask=Mask("*" + some[5:9] + "*")),
            NumberQuery(mask=Mask(some[:2] + "*" + some[-2:]), limit=30),
        ]
        try:
            for query in queries:
                expected = linear_scan(reference, query, NOW)
                page = pool.search(query, NOW)
                window = expected[query.offset : query.offset + query.limit]
                assert [row.number for row in page.items] == window, query
        finally:
            pool.close()

    # ------------------------------------------------------------------ reservations
    def test_a_reservation_holds_until_it_ends_without_a_janitor(self) -> None:
        """F-NUM-3: a reservation holds until ``until``; then the number is free, unpurged."""
        pool, rows = self.loaded(sample_pool(30))
        number = next(row.number for row in rows if row.available(NOW))
        try:
            first = a_reservation(number, "c1", minutes=30)
            pool.reserve(first)
            assert number not in _numbers(pool.search(NumberQuery(limit=100), NOW))
            with pytest.raises(Conflict) as raised:
                pool.reserve(a_reservation(number, "c2", at=NOW + timedelta(minutes=29)))
            assert raised.value.code == "number.taken"
            later = NOW + timedelta(minutes=30)
            assert number in _numbers(pool.search(NumberQuery(limit=100), later))
            second = a_reservation(number, "c2", at=later)
            pool.reserve(second)
            stored = pool.find(number)
            assert stored is not None
            assert stored.reservation == second
        finally:
            pool.close()

    def test_reserving_an_unknown_sold_or_held_number_is_refused(self) -> None:
        """Unknown is ``number.unknown``; sold and held numbers are ``number.taken``."""
        pool, rows = self.loaded(sample_pool(40))
        try:
            with pytest.raises(NotFound) as unknown:
                pool.reserve(a_reservation("13000000000"))
            assert unknown.value.code == "number.unknown"
            for status in (NumberStatus.SOLD, NumberStatus.HELD):
                row = next(row for row in rows if row.status is status)
                with pytest.raises(Conflict) as taken:
                    pool.reserve(a_reservation(row.number, at=NOW + timedelta(days=1)))
                assert taken.value.code == "number.taken"
        finally:
            pool.close()

    def test_release_and_sell_act_only_under_the_holding_reservation(self) -> None:
        """F-NUM-3: an old reservation neither releases nor sells; an ended one cannot sell."""
        pool, rows = self.loaded(sample_pool(30))
        free = [row.number for row in rows if row.available(NOW)]
        try:
            old = a_reservation(free[0], minutes=10)
            pool.reserve(old)
            new = a_reservation(free[0], "c2", at=NOW + timedelta(minutes=11))
            pool.reserve(new)
            for action in (pool.release, lambda r: pool.sell(r, NOW + timedelta(minutes=12))):
                with pytest.raises(NotFound) as raised:
                    action(old)
                assert raised.value.code == "number.reservation_unknown"
            with pytest.raises(Conflict) as expired:
                pool.sell(new, NOW + timedelta(hours=1))
            assert expired.value.code == "number.reservation_expired"
            sold = pool.sell(new, NOW + timedelta(minutes=20))
            assert sold.status is NumberStatus.SOLD
            mine = a_reservation(free[1])
            pool.reserve(mine)
            pool.release(mine)
            assert free[1] in _numbers(pool.search(NumberQuery(limit=100), NOW))
            with pytest.raises(NotFound):
                pool.release(mine)
        finally:
            pool.close()

    def test_reservations_of_a_holder_and_the_purge(self) -> None:
        """A holder's valid reservations, soonest first; the purge frees ended ones once."""
        pool, rows = self.loaded(sample_pool(30))
        free = [row.number for row in rows if row.available(NOW)]
        try:
            short = a_reservation(free[0], "h1", minutes=5)
            long = a_reservation(free[1], "h1", minutes=50)
            pool.reserve(long)
            pool.reserve(short)
            pool.reserve(a_reservation(free[2], "h2"))
            assert pool.reservations_of("h1", NOW) == (short, long)
            later = NOW + timedelta(minutes=6)
            assert pool.reservations_of("h1", later) == (long,)
            assert pool.purge_expired(later, 100) >= 1
            found = pool.find(free[0])
            assert found is not None
            assert found.status is NumberStatus.FREE
            assert pool.purge_expired(later, 100) == 0
        finally:
            pool.close()

    def test_of_concurrent_reservers_exactly_one_wins(self) -> None:
        """F-NUM-3: of six threads reserving one number at once, exactly one wins."""
        pool, rows = self.loaded(sample_pool(10))
        number = next(row.number for row in rows if row.available(NOW))
        start, wins, losses = threading.Barrier(6), [], []

        def racer(holder: str) -> None:
            start.wait(10)
            try:
                pool.reserve(a_reservation(number, holder))
                wins.append(holder)
            except Conflict:
                losses.append(holder)

        threads = [threading.Thread(target=racer, args=(f"h{i}",)) for i in range(6)]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            assert len(wins) == 1
            assert len(losses) == len(threads) - 1
            stored = pool.find(number)
            assert stored is not None
            assert stored.reservation is not None
            assert stored.reservation.holder == wins[0]
        finally:
            pool.close()


def _numbers(page: NumberPage) -> list[str]:
    return [row.number for row in page.items]
