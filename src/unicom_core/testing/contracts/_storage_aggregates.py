"""Storage contract, part 1: repositories, versions, uniqueness and transactions."""

# A contract suite is tests shipped as a library, so the test-file rules apply here too:
# S101 (it asserts), PLR2004 (expected versions are written out), PT012 (a Conflict may come
# from the commit at the end of a ``with`` block, so the whole block is under pytest.raises).
# ruff: noqa: S101, PLR2004, PT012

from __future__ import annotations

import copy
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from unicom_core.domain.shared import Money, new_id
from unicom_core.domain.subscribers import (
    Account,
    AccountId,
    Customer,
    CustomerId,
    RealNameStatus,
    ServiceKind,
    ServiceNumber,
    Subscriber,
    SubscriberStatus,
)
from unicom_core.errors import AdapterError, Conflict, InvalidInput, NotFound, Refused
from unicom_core.testing.contracts._storage_base import (
    AT,
    FEW,
    SOME,
    Aggregate,
    InjectedFailure,
    StorageContractBase,
    inject_failure,
    repository_for,
)
from unicom_core.testing.strategies.subscribers import accounts, customers, subscribers

__all__ = ["AggregateContract"]

_WRITERS = 8
_RETRIES = 500
_HOLD_SECONDS = 0.002


def _any_aggregate() -> st.SearchStrategy[Aggregate]:
    return st.one_of(customers(), subscribers(), accounts())


class AggregateContract(StorageContractBase):
    """Round trips, optimistic versions, uniqueness, rollback (docs/explanation/hexagon.md)."""

    @SOME
    @given(customer=customers())
    def test_customer_round_trip(self, customer: Customer) -> None:
        """A customer reads back equal, by id and by resident id (F-QRY-7, F-REAL-1)."""
        with self.opened() as storage:
            self.store(storage, customer)
            assert customer.version == 1
            with storage.transaction() as tx:
                assert tx.customers.get(customer.id) == customer
                assert tx.customers.find(customer.id) == customer
                assert tx.customers.find_by_resident_id(customer.resident_id) == customer

    @SOME
    @given(subscriber=subscribers())
    def test_subscriber_round_trip(self, subscriber: Subscriber) -> None:
        """A subscriber reads back equal, by id and by number (F-QRY-7, F-AUTH-1)."""
        with self.opened() as storage:
            self.store(storage, subscriber)
            assert subscriber.version == 1
            with storage.transaction() as tx:
                assert tx.subscribers.get(subscriber.id) == subscriber
                assert tx.subscribers.find(subscriber.id) == subscriber
                assert tx.subscribers.find_by_number(subscriber.number.identifier) == subscriber

    @SOME
    @given(account=accounts())
    def test_account_round_trip(self, account: Account) -> None:
        """An account reads back equal, money to the fen (F-QRY-1)."""
        with self.opened() as storage:
            self.store(storage, account)
            assert account.version == 1
            with storage.transaction() as tx:
                assert tx.accounts.get(account.id) == account
                assert tx.accounts.find(account.id) == account

    @FEW
    @given(aggregate=_any_aggregate())
    def test_versions_start_at_one_and_bump_in_place(self, aggregate: Aggregate) -> None:
        """Add stores version 1 and each save one more, set in place on the caller's object."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                repository = repository_for(tx, aggregate)
                repository.add(aggregate)
                assert aggregate.version == 1
                repository.save(aggregate)
                assert aggregate.version == 2
                assert repository.get(aggregate.id).version == 2
            with storage.transaction() as tx:
                repository_for(tx, aggregate).save(aggregate)
            assert aggregate.version == 3
            assert self.reload(storage, aggregate) == aggregate

    @FEW
    @given(
        customer=customers(),
        subscriber=subscribers(status=SubscriberStatus.ACTIVE),
        account=accounts(),
    )
    def test_changes_persist(
        self, customer: Customer, subscriber: Subscriber, account: Account
    ) -> None:
        """Changes made through domain methods and saved are read back (F-QRY-7)."""
        with self.opened() as storage:
            self.store(storage, customer, subscriber, account)
            with storage.transaction() as tx:
                loaded_account = tx.accounts.get(account.id)
                loaded_account.credit(Money(1234), at=AT)
                tx.accounts.save(loaded_account)
                loaded_subscriber = tx.subscribers.get(subscriber.id)
                loaded_subscriber.suspend_at_request(at=AT)
                tx.subscribers.save(loaded_subscriber)
            assert self.reload(storage, account) == loaded_account
            assert loaded_account.balance == account.balance + Money(1234)
            stored = self.reload(storage, subscriber)
            assert stored == loaded_subscriber
            assert isinstance(stored, Subscriber)
            assert stored.status is SubscriberStatus.SUSPENDED_REQUEST

    @FEW
    @given(aggregate=_any_aggregate())
    def test_unknown_ids_are_not_found(self, aggregate: Aggregate) -> None:
        """Reading or saving an id never stored raises NotFound; find says None."""
        with self.opened() as storage, storage.transaction() as tx:
            repository = repository_for(tx, aggregate)
            assert repository.find(aggregate.id) is None
            with pytest.raises(NotFound) as raised:
                repository.get(aggregate.id)
            assert raised.value.code == "storage.not_found"
            with pytest.raises(NotFound):
                repository.save(aggregate)

    @FEW
    @given(aggregate=_any_aggregate())
    def test_adding_an_existing_id_conflicts(self, aggregate: Aggregate) -> None:
        """A second add of the same id raises Conflict storage.duplicate."""
        twin = copy.deepcopy(aggregate)
        with self.opened() as storage:
            self.store(storage, aggregate)
            with pytest.raises(Conflict) as raised, storage.transaction() as tx:
                repository_for(tx, twin).add(twin)
            assert raised.value.code == "storage.duplicate"

    @FEW
    @given(aggregate=_any_aggregate())
    def test_only_new_aggregates_can_be_added(self, aggregate: Aggregate) -> None:
        """Adding a version other than 0 is InvalidInput storage.not_new."""
        aggregate.version = 3
        with self.opened() as storage:
            with pytest.raises(InvalidInput) as raised, storage.transaction() as tx:
                repository_for(tx, aggregate).add(aggregate)
            assert raised.value.code == "storage.not_new"

    @FEW
    @given(account=accounts())
    def test_two_writers_exactly_one_wins(self, account: Account) -> None:
        """Two copies loaded, both saved: the second is stale, nothing is lost."""
        with self.opened() as storage:
            self.store(storage, account)
            first, second = self.reload(storage, account), self.reload(storage, account)
            assert isinstance(first, Account)
            assert isinstance(second, Account)
            first.credit(Money(100), at=AT)
            second.credit(Money(999), at=AT)
            with storage.transaction() as tx:
                tx.accounts.save(first)
            with pytest.raises(Conflict) as raised, storage.transaction() as tx:
                tx.accounts.save(second)
            assert raised.value.code == "storage.version_conflict"
            assert self.reload(storage, account) == first

    @FEW
    @given(account=accounts())
    def test_stale_save_in_one_transaction_rolls_it_back(self, account: Account) -> None:
        """A stale copy saved after a fresh one in the same block: Conflict, nothing kept."""
        with self.opened() as storage:
            self.store(storage, account)
            with pytest.raises(Conflict), storage.transaction() as tx:
                first, second = tx.accounts.get(account.id), tx.accounts.get(account.id)
                tx.accounts.save(first)
                tx.accounts.save(second)
            assert self.reload(storage, account).version == 1

    def test_concurrent_writers_lose_nothing(self) -> None:
        """Threads crediting one account, retrying on Conflict, add up exactly (F-PAY-3)."""
        account = Account(AccountId(new_id()), CustomerId(new_id()))
        with self.opened() as storage:
            self.store(storage, account)
            start = threading.Barrier(_WRITERS)

            def credit_once() -> int:
                start.wait(timeout=30)
                for attempt in range(_RETRIES):
                    try:
                        with storage.transaction() as tx:
                            loaded = tx.accounts.get(account.id)
                            loaded.credit(Money(100), at=AT)
                            tx.accounts.save(loaded)
                            time.sleep(_HOLD_SECONDS)  # let the writers overlap
                    except Conflict:
                        continue
                    return attempt
                raise AssertionError(_RETRIES)

            with ThreadPoolExecutor(_WRITERS) as pool:
                list(pool.map(lambda _: credit_once(), range(_WRITERS)))
            stored = self.reload(storage, account)
            assert isinstance(stored, Account)
            assert stored.balance == Money(100 * _WRITERS)
            assert stored.version == 1 + _WRITERS

    @FEW
    @given(account=accounts())
    def test_objects_read_are_copies(self, account: Account) -> None:
        """Changing an object without saving it changes nothing stored."""
        with self.opened() as storage:
            self.store(storage, account)
            account.credit(Money(1), at=AT)  # the caller's object, after add
            with storage.transaction() as tx:
                tx.accounts.get(account.id).credit(Money(5), at=AT)
            stored = self.reload(storage, account)
            assert isinstance(stored, Account)
            assert stored.balance == account.balance - Money(1)

    @FEW
    @given(aggregate=_any_aggregate())
    def test_a_transaction_reads_its_own_writes(self, aggregate: Aggregate) -> None:
        """What a transaction added or saved, it reads back before committing."""
        with self.opened() as storage, storage.transaction() as tx:
            repository = repository_for(tx, aggregate)
            repository.add(aggregate)
            assert repository.get(aggregate.id) == aggregate
            repository.save(aggregate)
            assert repository.get(aggregate.id).version == 2

    @FEW
    @given(
        customer=customers(real_name_status=RealNameStatus.UNVERIFIED),
        subscriber=subscribers(),
        account=accounts(),
    )
    def test_an_exception_rolls_back_everything(
        self, customer: Customer, subscriber: Subscriber, account: Account
    ) -> None:
        """A failure between writes leaves no partial rows, takes or events."""
        with self.opened() as storage:
            self.store(storage, customer)
            with pytest.raises(InjectedFailure), storage.transaction() as tx:
                tx.subscribers.add(subscriber)
                loaded = tx.customers.get(customer.id)
                events = loaded.submit_real_name(at=AT)
                tx.customers.save(loaded)
                tx.outbox.append(events[0])
                assert tx.counters.try_take("stock:sim", 1, 10)
                inject_failure()  # between two writes
                tx.accounts.add(account)
            with storage.transaction() as tx:
                assert tx.subscribers.find(subscriber.id) is None
                assert tx.subscribers.find_by_number(subscriber.number.identifier) is None
                assert tx.accounts.find(account.id) is None
                assert tx.customers.get(customer.id).version == 1
                assert tx.customers.get(customer.id).real_name_status is RealNameStatus.UNVERIFIED
                assert tx.counters.taken("stock:sim") == 0
                assert list(tx.outbox.pending(10)) == []

    @FEW
    @given(first=subscribers(), data=st.data())
    def test_a_number_is_held_once(self, first: Subscriber, data: st.DataObject) -> None:
        """Two subscribers with one number conflict, mobile and data card alike (F-AUTH-1)."""
        kind = first.number.kind
        if kind.has_sim:
            kind = data.draw(st.sampled_from([ServiceKind.MOBILE, ServiceKind.DATA_CARD]))
        second = attrs.evolve(
            data.draw(subscribers(kind=kind)), number=ServiceNumber(kind, first.number.value)
        )
        with self.opened() as storage:
            self.store(storage, first)
            with pytest.raises(Conflict) as raised:
                self.store(storage, second)
            assert raised.value.code == "storage.duplicate_number"

    @FEW
    @given(first=customers(), second=customers())
    def test_a_resident_id_registers_one_customer(self, first: Customer, second: Customer) -> None:
        """Two customers with one resident ID conflict (F-REAL)."""
        twin = attrs.evolve(second, resident_id=first.resident_id)
        with self.opened() as storage:
            self.store(storage, first)
            with pytest.raises(Conflict) as raised:
                self.store(storage, twin)
            assert raised.value.code == "storage.duplicate_resident_id"

    def test_a_unit_of_work_ends_with_its_block(self) -> None:
        """Using a unit of work after its block is Refused storage.transaction_closed."""
        with self.opened() as storage:
            with storage.transaction() as tx:
                pass
            with pytest.raises(Refused) as raised:
                tx.customers.find(CustomerId(new_id()))
            assert raised.value.code == "storage.transaction_closed"

    def test_a_closed_storage_opens_no_transaction(self) -> None:
        """transaction() after close() is AdapterError storage.closed; close is idempotent."""
        storage = self.make_storage()
        storage.close()
        storage.close()
        with pytest.raises(AdapterError) as raised, storage.transaction():
            pass
        assert raised.value.code == "storage.closed"
