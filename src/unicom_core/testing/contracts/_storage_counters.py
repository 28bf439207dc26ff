"""Storage contract, part 3: conditional counters and the transactional outbox."""

# A contract suite is tests shipped as a library: S101 (it asserts), PLR2004 (expected
# counts are written out), PT012 (a failure may come from the commit at the end of a
# ``with`` block, so the whole block is under pytest.raises).
# ruff: noqa: S101, PLR2004, PT012

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.shared import SHANGHAI, DomainEvent
from unicom_core.errors import Conflict, InvalidInput
from unicom_core.testing.contracts._storage_base import (
    FEW,
    SOME,
    InjectedFailure,
    StorageContractBase,
    inject_failure,
)
from unicom_core.testing.strategies.subscribers import domain_events

if TYPE_CHECKING:
    from unicom_core.ports.storage import Storage

__all__ = ["CounterContract", "CounterExpiryContract", "OutboxContract"]

_KEY = "promo:517:quota"
_RACES = ((16, 5), (6, 10), (12, 12))  # (threads, limit)
_HOLD_SECONDS = 0.01
_T = datetime(2026, 11, 26, 10, 0, tzinfo=SHANGHAI)
_MINUTE = timedelta(minutes=1)


class CounterContract(StorageContractBase):
    """try_take, release, taken: never oversold, rolled back with the rest (F-PRO-2)."""

    @SOME
    @given(limit=st.integers(0, 12), requests=st.integers(0, 16))
    def test_sequential_takes_succeed_up_to_the_limit(self, limit: int, requests: int) -> None:
        """Of R takes of 1 on a limit L, exactly min(L, R) succeed (F-PRO-2)."""
        with self.opened() as storage:
            successes = 0
            for _ in range(requests):
                with storage.transaction() as tx:
                    successes += tx.counters.try_take(_KEY, 1, limit)
            with storage.transaction() as tx:
                assert tx.counters.taken(_KEY) == successes
            assert successes == min(limit, requests)

    @FEW
    @given(limit=st.integers(1, 1000))
    def test_limit_edges(self, limit: int) -> None:
        """Taking exactly the limit works, one more never; a limit of 0 takes nothing."""
        with self.opened() as storage, storage.transaction() as tx:
            assert not tx.counters.try_take("empty", 1, 0)
            assert not tx.counters.try_take(_KEY, limit + 1, limit)
            assert tx.counters.taken(_KEY) == 0
            assert tx.counters.try_take(_KEY, limit, limit)
            assert not tx.counters.try_take(_KEY, 1, limit)
            assert tx.counters.taken(_KEY) == limit
            assert tx.counters.try_take(_KEY, 1, limit + 1)  # the limit travels with the call

    def test_bad_arguments_are_invalid_input(self) -> None:
        """Taking n <= 0, a negative limit or an empty key is InvalidInput with its code."""
        cases = (
            ((_KEY, 0, 5), "counter.amount"),
            ((_KEY, -1, 5), "counter.amount"),
            ((_KEY, 1, -1), "counter.limit"),
            (("", 1, 5), "counter.key"),
        )
        with self.opened() as storage, storage.transaction() as tx:
            for arguments, code in cases:
                with pytest.raises(InvalidInput) as raised:
                    tx.counters.try_take(*arguments)
                assert raised.value.code == code
            with pytest.raises(InvalidInput) as raised:
                tx.counters.release(_KEY, 0)
            assert raised.value.code == "counter.amount"

    def test_keys_are_independent_and_unknown_keys_count_zero(self) -> None:
        """Each key counts alone; a key never taken counts 0."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                assert tx.counters.taken("never") == 0
                assert tx.counters.try_take("a", 2, 2)
                assert tx.counters.try_take("b", 1, 2)
            with storage.transaction() as tx:
                assert (tx.counters.taken("a"), tx.counters.taken("b")) == (2, 1)

    def test_release_gives_back_and_never_below_zero(self) -> None:
        """Releasing returns stock; releasing more than taken is Conflict counter.underflow."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                assert tx.counters.try_take(_KEY, 3, 3)
            with storage.transaction() as tx:
                tx.counters.release(_KEY, 2)
                assert tx.counters.taken(_KEY) == 1
            with pytest.raises(Conflict) as raised, storage.transaction() as tx:
                tx.counters.release(_KEY, 2)
            assert raised.value.code == "counter.underflow"
            with storage.transaction() as tx:
                assert tx.counters.taken(_KEY) == 1
                assert tx.counters.try_take(_KEY, 2, 3)

    def test_takes_and_releases_roll_back(self) -> None:
        """A failing block keeps none of its takes or releases."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                assert tx.counters.try_take(_KEY, 2, 5)
            with pytest.raises(InjectedFailure), storage.transaction() as tx:
                assert tx.counters.try_take(_KEY, 3, 5)
                tx.counters.release(_KEY, 1)
                inject_failure()
            with storage.transaction() as tx:
                assert tx.counters.taken(_KEY) == 2

    def test_racing_threads_never_oversell(self) -> None:
        """N threads racing on a limit L take exactly min(L, N) in total (F-PRO-2)."""
        for threads, limit in _RACES:
            with self.opened() as storage:
                results = _race(storage, threads, limit)
                with storage.transaction() as tx:
                    assert tx.counters.taken(_KEY) == min(limit, threads)
                assert sum(results) == min(limit, threads)


def _race(storage: Storage, threads: int, limit: int) -> list[bool]:
    """Let ``threads`` threads each try to take 1 of ``limit`` at the same moment."""
    start = threading.Barrier(threads)

    def take(_: int) -> bool:
        start.wait(timeout=30)
        with storage.transaction() as tx:
            taken = tx.counters.try_take(_KEY, 1, limit)
            time.sleep(_HOLD_SECONDS)  # keep the transaction open so the racers overlap
        return taken

    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(take, range(threads)))


class CounterExpiryContract(StorageContractBase):
    """try_take's expires_at and purge_expired: rate-limit counters do not pile up (F-AUTH-7).

    The rule (:mod:`unicom_core.ports.shared.counters`): a counter's expiry is the latest
    ``expires_at`` any ``try_take`` on it gave, or never once one gave none; it is deleted
    by a purge at or after its expiry, and then counts 0.
    """

    def test_the_purge_deletes_the_expired_and_keeps_the_rest(self) -> None:
        """Expired (before or exactly at now) go; later and never-expiring counters stay."""
        expiries = {"past": _T - _MINUTE, "now": _T, "later": _T + _MINUTE, "quota": None}
        with self.opened() as storage:
            with storage.transaction() as tx:
                for key, expiry in expiries.items():
                    assert tx.counters.try_take(key, 2, 5, expires_at=expiry)
                assert tx.counters.try_take("stock", 1, 5)  # positional callers: never expires
            with storage.transaction() as tx:
                assert tx.counters.purge_expired(_T, 500) == 2
            with storage.transaction() as tx:
                assert [tx.counters.taken(key) for key in expiries] == [0, 0, 2, 2]
                assert tx.counters.taken("stock") == 1
                assert tx.counters.purge_expired(_T, 500) == 0
                assert tx.counters.try_take("past", 5, 5)  # a purged counter counts afresh
            with storage.transaction() as tx:
                assert tx.counters.purge_expired(_T + timedelta(days=3650), 500) == 1
                assert (tx.counters.taken("later"), tx.counters.taken("quota")) == (0, 2)

    @SOME
    @given(
        offsets=st.lists(st.none() | st.integers(-3, 3), min_size=1, max_size=5),
        at=st.integers(-4, 4),
    )
    def test_the_latest_expiry_counts_and_none_is_for_ever(
        self, offsets: list[int | None], at: int
    ) -> None:
        """Takes at minute offsets: purged at ``at`` iff none was None and all are <= at."""
        with self.opened() as storage:
            for offset in offsets:
                expiry = None if offset is None else _T + offset * _MINUTE
                with storage.transaction() as tx:
                    assert tx.counters.try_take(_KEY, 1, 100, expires_at=expiry)
            expired = None not in offsets and all(o is not None and o <= at for o in offsets)
            with storage.transaction() as tx:
                assert tx.counters.purge_expired(_T + at * _MINUTE, 500) == int(expired)
            with storage.transaction() as tx:
                assert tx.counters.taken(_KEY) == (0 if expired else len(offsets))

    def test_a_refused_take_expires_too(self) -> None:
        """A take refused at its limit still records its expiry: nothing is left for ever."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                assert not tx.counters.try_take("full", 1, 0, expires_at=_T)
                assert tx.counters.try_take("once", 1, 1, expires_at=_T)
            with storage.transaction() as tx:
                assert not tx.counters.try_take("once", 1, 1, expires_at=_T + _MINUTE)
            with storage.transaction() as tx:
                assert tx.counters.purge_expired(_T, 500) == 1  # "full", never taken
                assert tx.counters.taken("once") == 1  # moved on by the refused take
            with storage.transaction() as tx:
                assert tx.counters.purge_expired(_T + _MINUTE, 500) == 1
                assert tx.counters.taken("once") == 0

    @FEW
    @given(count=st.integers(1, 12), limit=st.integers(1, 5))
    def test_the_purge_is_bounded_by_its_limit(self, count: int, limit: int) -> None:
        """Of C expired counters, each purge deletes min(limit, what is left)."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                for n in range(count):
                    assert tx.counters.try_take(f"rate:{n}", 1, 1, expires_at=_T)
            left = count
            while left:
                with storage.transaction() as tx:
                    assert tx.counters.purge_expired(_T, limit) == min(limit, left)
                left -= min(limit, left)
            with storage.transaction() as tx:
                assert tx.counters.purge_expired(_T, limit) == 0
                assert sum(tx.counters.taken(f"rate:{n}") for n in range(count)) == 0

    def test_the_purge_rolls_back(self) -> None:
        """A failing block deletes nothing."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                assert tx.counters.try_take(_KEY, 3, 5, expires_at=_T)
            with pytest.raises(InjectedFailure), storage.transaction() as tx:
                assert tx.counters.purge_expired(_T, 10) == 1
                inject_failure()
            with storage.transaction() as tx:
                assert tx.counters.taken(_KEY) == 3

    def test_bad_instants_and_limits_are_invalid_input(self) -> None:
        """Naive instants are counter.instant, purge limits outside 1..500 counter.limit."""
        naive = _T.replace(tzinfo=None)
        with self.opened() as storage, storage.transaction() as tx:
            with pytest.raises(InvalidInput) as raised:
                tx.counters.try_take(_KEY, 1, 5, expires_at=naive)
            assert raised.value.code == "counter.instant"
            with pytest.raises(InvalidInput) as raised:
                tx.counters.purge_expired(naive, 10)
            assert raised.value.code == "counter.instant"
            for limit in (0, -1, 501):
                with pytest.raises(InvalidInput) as raised:
                    tx.counters.purge_expired(_T, limit)
                assert raised.value.code == "counter.limit"
            assert tx.counters.taken(_KEY) == 0


class OutboxContract(StorageContractBase):
    """Events saved in the transaction, read and marked by a relay (docs/explanation/hexagon.md)."""

    @SOME
    @given(
        first=st.lists(domain_events(), min_size=1, max_size=4),
        second=st.lists(domain_events(), max_size=4),
    )
    def test_pending_lists_committed_events_in_order(
        self, first: list[DomainEvent], second: list[DomainEvent]
    ) -> None:
        """Entries come back equal, of the same class, in append order, ids increasing."""
        with self.opened() as storage:
            for batch in (first, second):
                with storage.transaction() as tx:
                    for event in batch:
                        tx.outbox.append(event)
            with storage.transaction() as tx:
                entries = list(tx.outbox.pending(100))
            assert [entry.event for entry in entries] == first + second
            assert [type(e.event) for e in entries] == [type(e) for e in first + second]
            ids = [entry.id for entry in entries]
            assert ids == sorted(set(ids))

    @FEW
    @given(events=st.lists(domain_events(), min_size=3, max_size=6))
    def test_mark_sent_is_idempotent(self, events: list[DomainEvent]) -> None:
        """Marked entries leave pending; marking again or unknown ids changes nothing."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                for event in events:
                    tx.outbox.append(event)
            with storage.transaction() as tx:
                entries = list(tx.outbox.pending(2))
                assert [entry.event for entry in entries] == events[:2]
                tx.outbox.mark_sent(entry.id for entry in entries)
            with storage.transaction() as tx:
                tx.outbox.mark_sent([entries[0].id, max(e.id for e in entries) + 10_000])
            with storage.transaction() as tx:
                assert [entry.event for entry in tx.outbox.pending(100)] == events[2:]

    @FEW
    @given(events=st.lists(domain_events(), min_size=1, max_size=3))
    def test_the_outbox_rolls_back(self, events: list[DomainEvent]) -> None:
        """Appends and marks of a failing block are forgotten."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.outbox.append(events[0])
            with pytest.raises(InjectedFailure), storage.transaction() as tx:
                tx.outbox.mark_sent(entry.id for entry in tx.outbox.pending(10))
                for event in events[1:]:
                    tx.outbox.append(event)
                inject_failure()
            with storage.transaction() as tx:
                assert [entry.event for entry in tx.outbox.pending(10)] == events[:1]

    def test_pending_limit_is_checked(self) -> None:
        """A pending limit outside 1..500 is InvalidInput outbox.limit."""
        with self.opened() as storage, storage.transaction() as tx:
            for limit in (0, -1, 501):
                with pytest.raises(InvalidInput) as raised:
                    tx.outbox.pending(limit)
                assert raised.value.code == "outbox.limit"
