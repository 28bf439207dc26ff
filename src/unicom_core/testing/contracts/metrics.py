"""The campaign metrics store contract (F-PRO-5): what every ``MetricsStore`` must do.

Bind it by subclassing with a ``Test`` prefix and a factory of empty stores::

    class TestMyMetricsStore(MetricsStoreContract):
        def make_store(self) -> MetricsStore:
            return MyMetricsStore(...)

The suite checks the port's rules (:mod:`unicom_core.ports.promotions.metrics`): a batch
adds ``count`` and ``amount_fen`` to each (campaign, metric, day), the row made on first
use; ``days`` lists one campaign's totals in a range, both ends included, by day then
metric; a malformed batch stores nothing; concurrent batches add up exactly.
"""

# A contract suite is tests shipped as a library: S101 (it asserts).
# ruff: noqa: S101

from __future__ import annotations

import abc
import itertools
from collections import Counter
from datetime import date, timedelta
from typing import TYPE_CHECKING, Final

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from unicom_core.domain.shared import MAX_FEN
from unicom_core.errors import InvalidInput
from unicom_core.ports.promotions import CampaignMetric, MetricIncrement, MetricTotal
from unicom_core.testing.racing import race

if TYPE_CHECKING:
    from collections.abc import Sequence

    from unicom_core.ports.promotions import MetricsStore

__all__ = ["DAY", "MetricsStoreContract", "totals_of"]

DAY: Final = date(2027, 1, 15)
"""A day the suite counts on."""
_CODES = itertools.count(1)
_RACERS: Final = 4
_BATCHES: Final = 20


def totals_of(batches: Sequence[Sequence[MetricIncrement]]) -> list[MetricTotal]:
    """The reference: every key's sums over ``batches``, by campaign, day, then metric."""
    counts: Counter[tuple[str, date, str]] = Counter()
    fen: Counter[tuple[str, date, str]] = Counter()
    for batch in batches:
        for item in batch:
            key = (item.campaign, item.day, item.metric.value)
            counts[key] += item.count
            fen[key] += item.amount_fen
    return [
        MetricTotal(campaign, CampaignMetric(metric), day, counts[key], fen[key])
        for key in sorted(counts)
        for campaign, day, metric in (key,)
    ]


def _increments(campaign: str) -> st.SearchStrategy[list[MetricIncrement]]:
    return st.lists(
        st.builds(
            MetricIncrement,
            st.just(campaign),
            st.sampled_from(CampaignMetric),
            st.integers(0, 6).map(lambda offset: DAY + timedelta(days=offset)),
            st.integers(1, 10**6),
            st.integers(0, 10**8),
        ),
        max_size=12,
    )


class MetricsStoreContract(abc.ABC):
    """The suite; subclasses provide :meth:`make_store`."""

    @abc.abstractmethod
    def make_store(self) -> MetricsStore:
        """A new, empty store (or one holding no campaign the suite invents)."""

    @staticmethod
    def campaign() -> str:
        """A campaign code no other test of the run uses."""
        return f"contract-{next(_CODES)}"

    def test_a_new_campaign_has_no_rows(self) -> None:
        """F-PRO-5: nothing counted, nothing listed."""
        store = self.make_store()
        assert store.days(self.campaign(), DAY, DAY + timedelta(days=30)) == []

    def test_batches_add_count_and_amount_per_key(self) -> None:
        """F-PRO-5: ``count = count + n`` and ``amount = amount + fen`` per (metric, day)."""
        store, code = self.make_store(), self.campaign()
        store.add([MetricIncrement(code, CampaignMetric.JOINERS, DAY, 2, 1000)])
        store.add(
            [
                MetricIncrement(code, CampaignMetric.JOINERS, DAY, 3, 500),
                MetricIncrement(code, CampaignMetric.LOGINS, DAY, 7),
            ]
        )
        assert store.days(code, DAY, DAY) == [
            MetricTotal(code, CampaignMetric.JOINERS, DAY, 5, 1500),
            MetricTotal(code, CampaignMetric.LOGINS, DAY, 7, 0),
        ]

    def test_days_lists_one_campaign_in_the_range_by_day_then_metric(self) -> None:
        """F-PRO-5: both ends included; another campaign's rows and other days left out."""
        store, code, other = self.make_store(), self.campaign(), self.campaign()
        before, after = DAY - timedelta(days=1), DAY + timedelta(days=2)
        store.add(
            [
                MetricIncrement(code, CampaignMetric.ORDERS, after, 1),
                MetricIncrement(code, CampaignMetric.PAGE_VIEWS, DAY, 4),
                MetricIncrement(code, CampaignMetric.LOGINS, DAY, 2),
                MetricIncrement(code, CampaignMetric.LOGINS, before, 9),
                MetricIncrement(other, CampaignMetric.LOGINS, DAY, 5),
            ]
        )
        found = store.days(code, DAY, after)
        assert [(row.day, row.metric) for row in found] == [
            (DAY, CampaignMetric.LOGINS),
            (DAY, CampaignMetric.PAGE_VIEWS),
            (after, CampaignMetric.ORDERS),
        ]
        assert store.days(code, after + timedelta(days=1), after + timedelta(days=9)) == []

    def test_an_empty_batch_stores_nothing(self) -> None:
        """An empty flush is no error and no row."""
        store, code = self.make_store(), self.campaign()
        store.add([])
        assert store.days(code, DAY, DAY) == []

    def test_a_malformed_batch_stores_nothing(self) -> None:
        """All or nothing: one item that is no increment refuses the whole batch."""
        store, code = self.make_store(), self.campaign()
        good = MetricIncrement(code, CampaignMetric.ORDERS, DAY, 1)
        with pytest.raises(InvalidInput) as raised:
            store.add([good, "orders"])  # type: ignore[list-item]
        assert raised.value.code == "metrics.count"
        assert store.days(code, DAY, DAY) == []

    def test_a_bad_campaign_code_is_refused_by_days(self) -> None:
        """``metrics.campaign`` for a code that cannot be counted."""
        store = self.make_store()
        with pytest.raises(InvalidInput) as raised:
            store.days("no spaces", DAY, DAY)
        assert raised.value.code == "metrics.campaign"

    def test_a_count_and_amount_up_to_a_64_bit_fen_fit(self) -> None:
        """The totals are 64-bit integers (BIGINT), never floats."""
        store, code = self.make_store(), self.campaign()
        store.add([MetricIncrement(code, CampaignMetric.JOINERS, DAY, MAX_FEN - 1, MAX_FEN - 1)])
        store.add([MetricIncrement(code, CampaignMetric.JOINERS, DAY, 1, 1)])
        (row,) = store.days(code, DAY, DAY)
        assert (row.count, row.amount_fen) == (MAX_FEN, MAX_FEN)
        assert type(row.count) is int
        assert type(row.amount_fen) is int

    def test_the_totals_are_the_sums_of_every_batch(self) -> None:
        """F-PRO-5, the law: whatever the batches, each row is the sum of its increments."""
        store = self.make_store()

        @settings(
            database=None,
            suppress_health_check=list(HealthCheck),
            deadline=None,
            max_examples=25,
        )
        @given(st.data())
        def adds_up(data: st.DataObject) -> None:
            code = self.campaign()
            batches = data.draw(st.lists(_increments(code), max_size=4))
            for batch in batches:
                store.add(batch)
            assert store.days(code, DAY, DAY + timedelta(days=6)) == totals_of(batches)

        adds_up()

    def test_concurrent_batches_add_up_exactly(self) -> None:
        """F-PRO-5: racing flushes of the same keys lose nothing (database-side addition)."""
        store, code = self.make_store(), self.campaign()
        batch = [
            MetricIncrement(code, CampaignMetric.PAGE_VIEWS, DAY, 3),
            MetricIncrement(code, CampaignMetric.JOINERS, DAY, 1, 990),
        ]

        def flush_many(_racer: int) -> None:
            for _ in range(_BATCHES):
                store.add(batch)

        _, errors = race(flush_many, _RACERS)
        assert errors == []
        runs = _RACERS * _BATCHES
        assert store.days(code, DAY, DAY) == [
            MetricTotal(code, CampaignMetric.JOINERS, DAY, runs, 990 * runs),
            MetricTotal(code, CampaignMetric.PAGE_VIEWS, DAY, 3 * runs, 0),
        ]
