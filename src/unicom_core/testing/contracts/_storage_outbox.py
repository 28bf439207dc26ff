"""Storage contract, part 4: the outbox relay's operations (claim, marks, back-off, purge)."""

# A contract suite is tests shipped as a library: S101 (it asserts), PLR2004 (expected
# counts are written out).
# ruff: noqa: S101, PLR2004

from __future__ import annotations

import datetime as dt
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import pytest

from unicom_core.domain.access import PasswordReset
from unicom_core.errors import InvalidInput
from unicom_core.testing.contracts._storage_base import AT, StorageContractBase

if TYPE_CHECKING:
    from unicom_core.ports.storage import Storage

__all__ = ["OutboxRelayContract"]

_LEASE = dt.timedelta(minutes=5)
_HOLD_SECONDS = 0.05


def _events(n: int) -> list[PasswordReset]:
    return [PasswordReset(aggregate_id=f"credential-{i}", occurred_at=AT) for i in range(n)]


class OutboxRelayContract(StorageContractBase):
    """Due-ness, leases, idempotent marks, back-off and the bounded purge (the relay)."""

    def appended(self, storage: Storage, n: int) -> list[int]:
        """Append ``n`` events in one committed transaction; return their entry ids."""
        with storage.transaction() as tx:
            for event in _events(n):
                tx.outbox.append(event)
        with storage.transaction() as tx:
            return [entry.id for entry in tx.outbox.pending(500)]

    def test_append_many_queues_in_order_or_not_at_all(self) -> None:
        """``append_many`` is ``append`` of each event in order; a non-event queues none."""
        events = _events(3)
        with self.opened() as storage:
            with storage.transaction() as tx:
                tx.outbox.append_many(events[:2])
                tx.outbox.append(events[2])
                tx.outbox.append_many([])
            with pytest.raises(InvalidInput) as refused, storage.transaction() as tx:
                tx.outbox.append_many([*_events(1), "not an event"])  # type: ignore[list-item]
            with storage.transaction() as tx:
                pending = tx.outbox.pending(10)
        assert refused.value.code == "outbox.event"
        assert [entry.event for entry in pending] == events
        assert [entry.id for entry in pending] == sorted(entry.id for entry in pending)

    def test_a_failed_entry_waits_for_its_next_attempt(self) -> None:
        """mark_failed counts an attempt; the entry is due again at next_attempt_at, not before."""
        with self.opened() as storage:
            first, second = self.appended(storage, 2)
            later = AT + dt.timedelta(seconds=10)
            with storage.transaction() as tx:
                assert tx.outbox.mark_failed(first, later)
            with storage.transaction() as tx:
                assert [e.id for e in tx.outbox.pending(10, AT)] == [second]
                due = tx.outbox.pending(10, later)
                assert [(e.id, e.attempts) for e in due] == [(first, 1), (second, 0)]
                assert [e.id for e in tx.outbox.pending(10)] == [first, second]
                assert tx.outbox.mark_failed(first, later)
            with storage.transaction() as tx:
                assert tx.outbox.pending(1, later)[0].attempts == 2

    def test_a_claim_leases_its_entries(self) -> None:
        """A committed claim hides its entries from other claims until the lease ends."""
        with self.opened() as storage:
            ids = self.appended(storage, 3)
            with storage.transaction() as tx:
                assert [e.id for e in tx.outbox.claim(2, AT, AT + _LEASE)] == ids[:2]
            with storage.transaction() as tx:
                assert [e.id for e in tx.outbox.claim(10, AT, AT + _LEASE)] == ids[2:]
            with storage.transaction() as tx:
                assert tx.outbox.claim(10, AT + _LEASE / 2, AT + _LEASE) == []
                assert [e.id for e in tx.outbox.pending(10, AT + _LEASE)] == ids

    def test_concurrent_claims_are_disjoint(self) -> None:
        """Claims racing in open transactions never return the same entry."""
        with self.opened() as storage:
            ids = self.appended(storage, 6)
            start = threading.Barrier(3)

            def claim(_: int) -> list[int]:
                start.wait()
                with storage.transaction() as tx:
                    claimed = [e.id for e in tx.outbox.claim(2, AT, AT + _LEASE)]
                    time.sleep(_HOLD_SECONDS)  # overlap with the other claimers
                return claimed

            with ThreadPoolExecutor(3) as pool:
                batches = list(pool.map(claim, range(3)))
            claimed = [entry_id for batch in batches for entry_id in batch]
            assert sorted(claimed) == ids

    def test_mark_sent_counts_each_entry_once(self) -> None:
        """The first mark counts, later marks count 0; a sent entry cannot fail any more."""
        with self.opened() as storage:
            first, second, third = self.appended(storage, 3)
            with storage.transaction() as tx:
                assert tx.outbox.mark_sent([first, second, first], AT) == 2
            with storage.transaction() as tx:
                assert tx.outbox.mark_sent([first, second, third, third + 99], AT) == 1
                assert not tx.outbox.mark_failed(first, AT)
                assert not tx.outbox.mark_failed(third + 99, AT)
            with storage.transaction() as tx:
                assert tx.outbox.pending(10) == []
                assert tx.outbox.mark_sent([], AT) == 0

    def test_purge_deletes_old_sent_entries_only_in_bounded_batches(self) -> None:
        """Sent before the cutoff goes, limit at a time; recent or unsent entries stay."""
        with self.opened() as storage:
            ids = self.appended(storage, 6)
            old, recent = AT - dt.timedelta(days=8), AT - dt.timedelta(days=1)
            with storage.transaction() as tx:
                tx.outbox.mark_sent(ids[:3], old)
                tx.outbox.mark_sent(ids[3:4], recent)
                tx.outbox.mark_sent(ids[4:5])  # no instant: counts as long ago
                tx.outbox.mark_failed(ids[5], old)
            cutoff = AT - dt.timedelta(days=7)
            with storage.transaction() as tx:
                assert tx.outbox.purge_sent(cutoff, 3) == 3
            with storage.transaction() as tx:
                assert tx.outbox.purge_sent(cutoff, 3) == 1
                assert tx.outbox.purge_sent(cutoff, 3) == 0
            with storage.transaction() as tx:
                assert [e.id for e in tx.outbox.pending(10)] == ids[5:]
                assert tx.outbox.mark_sent(ids[3:4], AT) == 0  # still there, still sent
                assert tx.outbox.purge_sent(AT, 10) == 1

    def test_instants_must_be_aware_and_limits_bounded(self) -> None:
        """Naive instants are InvalidInput outbox.instant; batch limits outbox.limit."""
        naive = dt.datetime(2016, 5, 17, 10, 0)  # noqa: DTZ001 - naive on purpose
        with self.opened() as storage, storage.transaction() as tx:
            for call in (
                lambda: tx.outbox.pending(10, naive),
                lambda: tx.outbox.claim(10, naive, AT),
                lambda: tx.outbox.mark_sent([1], naive),
                lambda: tx.outbox.mark_failed(1, naive),
                lambda: tx.outbox.purge_sent(naive, 10),
            ):
                with pytest.raises(InvalidInput) as raised:
                    call()
                assert raised.value.code == "outbox.instant"
            for limit in (0, 501):
                with pytest.raises(InvalidInput) as raised:
                    tx.outbox.claim(limit, AT, AT)
                assert raised.value.code == "outbox.limit"
