"""The storage contract bound to the memory reference, and its own late-validation rules.

The memory reference checks versions and unique numbers again when a transaction commits,
and holds counter takes as reservations while a transaction is open.
"""

from __future__ import annotations

import datetime as dt

import pytest

from unicom_core.domain.shared import MobileNumber, Money, new_id
from unicom_core.domain.subscribers import (
    Account,
    AccountId,
    CustomerId,
    NetworkGeneration,
    PaymentMode,
    ServiceNumber,
    Subscriber,
    SubscriberId,
)
from unicom_core.errors import Conflict
from unicom_core.memory.storage import MemoryStorage
from unicom_core.ports.shared import PageRequest
from unicom_core.testing.contracts import AT, StorageContract


class TestMemoryStorage(StorageContract):
    def make_storage(self) -> MemoryStorage:
        return MemoryStorage()


def a_subscriber(number: str = "18612345678") -> Subscriber:
    return Subscriber(
        id=SubscriberId(new_id()),
        customer_id=CustomerId("c1"),
        account_id=AccountId("a1"),
        number=ServiceNumber.of(MobileNumber(number)),
        plan_code="4G-76",
        joined_on=dt.date(2016, 5, 17),
        payment_mode=PaymentMode.POSTPAID,
        generation=NetworkGeneration.G4,
        puk="12345678",
    )


def test_interleaved_writers_conflict_when_the_later_one_commits():
    storage = MemoryStorage()
    account = Account(AccountId(new_id()), CustomerId("c1"))
    with storage.transaction() as tx:
        tx.accounts.add(account)
    slow_block = storage.transaction()
    slow = slow_block.__enter__()
    loaded = slow.accounts.get(account.id)
    loaded.credit(Money(999), at=AT)
    slow.accounts.save(loaded)  # current when saved: the clash shows at commit
    with storage.transaction() as fast:
        other = fast.accounts.get(account.id)  # reads committed state, not slow's write
        other.credit(Money(100), at=AT)
        fast.accounts.save(other)
    with pytest.raises(Conflict) as raised:
        slow_block.__exit__(None, None, None)
    assert raised.value.code == "storage.version_conflict"
    with storage.transaction() as tx:
        assert tx.accounts.get(account.id).balance == Money(100)


def test_interleaved_adds_of_one_number_conflict_at_commit():
    storage = MemoryStorage()
    slow_block = storage.transaction()
    slow_block.__enter__().subscribers.add(a_subscriber())
    with storage.transaction() as fast:
        fast.subscribers.add(a_subscriber())
    with pytest.raises(Conflict) as raised:
        slow_block.__exit__(None, None, None)
    assert raised.value.code == "storage.duplicate_number"
    with storage.transaction() as tx:
        assert tx.subscribers.list_by_customer(CustomerId("c1"), PageRequest()).total == 1


def test_an_open_take_is_held_against_other_transactions():
    storage = MemoryStorage()
    with storage.transaction() as first:
        assert first.counters.try_take("stock", 1, 1)
        with storage.transaction() as second:
            assert not second.counters.try_take("stock", 1, 1)
            assert second.counters.taken("stock") == 0  # it sees committed takes only
    with storage.transaction() as tx:
        assert tx.counters.taken("stock") == 1


def test_an_open_release_is_held_against_other_releases():
    storage = MemoryStorage()
    with storage.transaction() as tx:
        tx.counters.try_take("stock", 1, 5)
    with storage.transaction() as first:
        first.counters.release("stock", 1)
        with pytest.raises(Conflict), storage.transaction() as second:
            second.counters.release("stock", 1)
    with storage.transaction() as tx:
        assert tx.counters.taken("stock") == 0


def test_pending_lists_committed_entries_only():
    storage = MemoryStorage()
    account = Account(AccountId(new_id()), CustomerId("c1"))
    with storage.transaction() as tx:
        for event in account.credit(Money(1), at=AT):
            tx.outbox.append(event)
        assert tx.outbox.pending(10) == []
    with storage.transaction() as tx:
        assert [entry.id for entry in tx.outbox.pending(10)] == [1]
