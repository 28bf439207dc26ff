"""Storage contract, part 9: read-only units of work (``Storage.read``).

A read sees committed data and never a concurrent writer's uncommitted rows; a write in it
is refused with ``storage.read_only`` and leaves nothing stored; a reader does not wait for
a writer that holds its transaction open (on SQLite: a writer's ``BEGIN IMMEDIATE``).
"""

# A contract suite is tests shipped as a library: S101 (it asserts), PLR2004 (expected
# counts are written out), PT012 (a refusal may come when the ``with`` block ends, so the
# whole block is under pytest.raises).
# ruff: noqa: S101

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import assume, given

from unicom_core.domain.shared import STORAGE_READ_ONLY
from unicom_core.domain.subscribers import CustomerId
from unicom_core.errors import Refused
from unicom_core.testing.contracts._storage_base import FEW, StorageContractBase
from unicom_core.testing.strategies.subscribers import customers, domain_events

if TYPE_CHECKING:
    from collections.abc import Callable

    from unicom_core.domain.shared import DomainEvent
    from unicom_core.domain.subscribers import Customer
    from unicom_core.ports.storage import UnitOfWork

__all__ = ["ReadOnlyContract"]

_READ_ONLY = STORAGE_READ_ONLY.code
_PROMPT_SECONDS = 1.0  # well under SQLite's busy timeout (5 s): a waiting reader would fail
_WRITER_TIMEOUT = 10.0


class ReadOnlyContract(StorageContractBase):
    """``storage.read()``: committed data, writes refused, never waiting for writers."""

    @FEW
    @given(customer=customers())
    def test_a_read_sees_committed_data(self, customer: Customer) -> None:
        """A read-only unit of work returns what a committed transaction stored."""
        with self.opened() as storage:
            self.store(storage, customer)
            with storage.read() as tx:
                found = tx.customers.get(customer.id)
                assert tx.customers.find(CustomerId("no-such-customer")) is None
            assert found == customer
            assert found.version == 1

    @FEW
    @given(customer=customers(), other=customers(), event=domain_events())
    def test_a_write_in_a_read_is_refused(
        self, customer: Customer, other: Customer, event: DomainEvent
    ) -> None:
        """add, save, outbox appends and counter takes raise ``storage.read_only``; none lands."""
        assume(_apart(customer, other))
        with self.opened() as storage:
            self.store(storage, customer)
            writes: list[Callable[[UnitOfWork], object]] = [
                lambda tx: tx.customers.add(other),
                lambda tx: tx.customers.save(customer),  # stored: version 1 now
                lambda tx: tx.outbox.append(event),
                lambda tx: tx.counters.try_take("reads:quota", 1, 5),
            ]
            for write in writes:
                with pytest.raises(Refused) as caught, storage.read() as tx:
                    write(tx)
                assert caught.value.code == _READ_ONLY
            with storage.transaction() as tx:
                assert tx.customers.find(other.id) is None
                assert tx.customers.get(customer.id).version == 1
                assert len(tx.outbox.pending(10, event.occurred_at)) == 0
                assert tx.counters.taken("reads:quota") == 0
            # A read leaves its connection fit to write; ``other`` may carry the version
            # its refused add set in place (a rolled-back transaction's), so start afresh.
            fresh = attrs.evolve(other, version=0)
            self.store(storage, fresh)
            assert self.reload(storage, fresh) == fresh

    @FEW
    @given(customer=customers(), other=customers())
    def test_a_reader_does_not_wait_for_a_writer(self, customer: Customer, other: Customer) -> None:
        """While a writer holds an open transaction, a read returns promptly, without its rows."""
        assume(_apart(customer, other))
        with self.opened() as storage:
            self.store(storage, customer)
            holding, release = threading.Event(), threading.Event()

            def writer() -> None:
                with storage.transaction() as tx:
                    tx.customers.add(other)
                    holding.set()
                    release.wait(_WRITER_TIMEOUT)

            thread = threading.Thread(target=writer)
            thread.start()
            try:
                assert holding.wait(_WRITER_TIMEOUT)
                started = time.monotonic()
                with storage.read() as tx:
                    committed = tx.customers.find(customer.id)
                    pending = tx.customers.find(other.id)
                elapsed = time.monotonic() - started
            finally:
                release.set()
                thread.join(_WRITER_TIMEOUT)
            assert committed == customer
            assert pending is None
            assert elapsed < _PROMPT_SECONDS


def _apart(customer: Customer, other: Customer) -> bool:
    """Whether ``other`` can be stored beside ``customer`` (no shared id or resident id)."""
    return other.id != customer.id and other.resident_id != customer.resident_id
