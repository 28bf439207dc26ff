"""SqlStorage driven against MemoryStorage, the reference, by a hypothesis state machine.

Every rule runs the same use case on both stores (each on its own copies of the objects) and
requires the same outcome: the same value, or an error of the same class and code. After
every step both stores must show the same state through the port: every aggregate by id and
by number, every customer's pages, the counters and the pending outbox.
"""

from __future__ import annotations

import copy
import datetime as dt
import itertools

import attrs
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)
from unicom_sql import create_storage
from unicom_sql.testing import empty, sqlite_database

from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.domain.subscribers import ServiceNumber
from unicom_core.errors import UnicomError
from unicom_core.memory.storage import MemoryStorage
from unicom_core.ports.shared import MAX_PAGE_LIMIT, PageRequest
from unicom_core.testing.contracts import InjectedFailure
from unicom_core.testing.strategies.subscribers import accounts, customers, subscribers

AT = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
KEYS = ("promo:517:quota", "stock:sim", "numbers:186")
EVERYTHING = PageRequest(0, MAX_PAGE_LIMIT)
SUBSCRIBER_CHANGES = ("suspend_for_arrears", "suspend_at_request", "reactivate", "cancel")

MACHINE_SETTINGS = settings(
    max_examples=15,
    stateful_step_count=30,
    deadline=None,
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


def comparable(events):
    """Events without their random ids: each store's run of a use case makes its own."""
    return [attrs.evolve(event, event_id="same") for event in events]


def outcome(action, storage):
    """What running ``action`` on ``storage`` gave: ("ok", value) or ("error", class, code)."""
    try:
        return ("ok", action(storage))
    except UnicomError as error:
        return ("error", type(error).__name__, error.code)
    except InjectedFailure:
        return ("error", "InjectedFailure", None)


class StorageAgainstMemory(RuleBasedStateMachine):
    """Subclassed per backend with ``make_sql``, a factory of new, empty SqlStorages."""

    customer_ids = Bundle("customer_ids")
    account_ids = Bundle("account_ids")
    subscriber_ids = Bundle("subscriber_ids")

    def __init__(self):
        super().__init__()
        self.memory = MemoryStorage()
        self.sql = self.make_sql()
        self.known = {"customers": set(), "accounts": set(), "subscribers": set()}
        self.resident_ids, self.numbers = [], []

    def make_sql(self):
        raise NotImplementedError

    def teardown(self):
        self.memory.close()
        self.sql.close()

    def both(self, action):
        """Run ``action`` on each store; the outcomes must agree; return it."""
        expected = outcome(action, self.memory)
        actual = outcome(action, self.sql)
        assert actual == expected, f"SQL gave {actual}, memory gave {expected}"
        return expected

    def add(self, kind, aggregate):
        """Add copies of ``aggregate`` to both stores; return its id if both took it."""
        self.known[kind].add(aggregate.id)

        def add_copy(storage):
            mine = copy.deepcopy(aggregate)
            with storage.transaction() as tx:
                getattr(tx, kind).add(mine)
            return mine.version

        return aggregate.id if self.both(add_copy)[0] == "ok" else multiple()

    # ------------------------------------------------------------------ aggregates
    @rule(target=customer_ids, customer=customers(), twin=st.booleans(), data=st.data())
    def add_customer(self, customer, twin, data):
        if twin and self.resident_ids:  # a resident id already registered, maybe
            customer = attrs.evolve(
                customer, resident_id=data.draw(st.sampled_from(self.resident_ids))
            )
        self.resident_ids.append(customer.resident_id)
        return self.add("customers", customer)

    @rule(target=account_ids, owner=customer_ids, account=accounts())
    def add_account(self, owner, account):
        return self.add("accounts", attrs.evolve(account, customer_id=owner))

    @rule(
        target=subscriber_ids,
        owner=customer_ids,
        payer=account_ids,
        subscriber=subscribers(),
        twin=st.booleans(),
        data=st.data(),
    )
    def add_subscriber(self, owner, payer, subscriber, twin, data):
        subscriber = attrs.evolve(subscriber, customer_id=owner, account_id=payer)
        kind = subscriber.number.kind  # a mobile and a data card share the numbering space
        held = [n for n in self.numbers if n.kind.identifier_type is kind.identifier_type]
        if twin and held:  # a number already held, maybe
            taken = data.draw(st.sampled_from(held))
            subscriber = attrs.evolve(subscriber, number=ServiceNumber(kind, taken.value))
        self.numbers.append(subscriber.number)
        return self.add("subscribers", subscriber)

    @rule(account_id=account_ids, fen=st.integers(1, 10**6), fail=st.booleans())
    def credit(self, account_id, fen, fail):
        self.both(
            lambda storage: self._change_account(storage, account_id, "credit", fen, fail=fail)
        )

    @rule(account_id=account_ids, fen=st.integers(1, 10**7))
    def debit(self, account_id, fen):
        self.both(lambda storage: self._change_account(storage, account_id, "debit", fen))

    @staticmethod
    def _change_account(storage, account_id, method, fen, *, fail=False):
        with storage.transaction() as tx:
            account = tx.accounts.get(account_id)
            for event in getattr(account, method)(Money(fen), at=AT):
                tx.outbox.append(event)
            tx.accounts.save(account)
            if fail:
                raise InjectedFailure
        return account.version

    @rule(account_id=account_ids, fen=st.integers(1, 1000))
    def stale_save(self, account_id, fen):
        def race(storage):
            with storage.transaction() as tx:
                stale = tx.accounts.get(account_id)
            self._change_account(storage, account_id, "credit", fen)
            stale.credit(Money(fen), at=AT)
            with storage.transaction() as tx:
                tx.accounts.save(stale)

        assert self.both(race)[:2] == ("error", "Conflict")

    @rule(subscriber_id=subscriber_ids, change=st.sampled_from(SUBSCRIBER_CHANGES))
    def change_subscriber(self, subscriber_id, change):
        def run(storage):
            with storage.transaction() as tx:
                subscriber = tx.subscribers.get(subscriber_id)
                for event in getattr(subscriber, change)(at=AT):
                    tx.outbox.append(event)
                tx.subscribers.save(subscriber)
            return subscriber.status

        self.both(run)

    # ------------------------------------------------------------------ counters, outbox
    @rule(
        key=st.sampled_from(KEYS),
        n=st.integers(1, 5),
        limit=st.integers(0, 12),
        fail=st.booleans(),
    )
    def try_take(self, key, n, limit, fail):
        def take(storage):
            with storage.transaction() as tx:
                taken = tx.counters.try_take(key, n, limit)
                if fail:
                    raise InjectedFailure
            return taken

        self.both(take)

    @rule(key=st.sampled_from(KEYS), n=st.integers(1, 5))
    def release(self, key, n):
        def give_back(storage):
            with storage.transaction() as tx:
                tx.counters.release(key, n)

        self.both(give_back)

    @rule(limit=st.integers(1, 4), fail=st.booleans())
    def relay(self, limit, fail):
        def publish(storage):
            with storage.transaction() as tx:
                entries = tx.outbox.pending(limit)
                tx.outbox.mark_sent(entry.id for entry in entries)
                if fail:
                    raise InjectedFailure
            return comparable(entry.event for entry in entries)

        self.both(publish)

    # ------------------------------------------------------------------ the same state
    def observe(self, storage):
        """Everything the port shows about the known ids, numbers and keys."""
        with storage.transaction() as tx:
            seen = {
                kind: {i: getattr(tx, kind).find(i) for i in sorted(ids)}
                for kind, ids in self.known.items()
            }
            for owner in sorted(self.known["customers"]):
                seen[f"pages:{owner}"] = (
                    tx.subscribers.list_by_customer(owner, EVERYTHING),
                    tx.accounts.list_by_customer(owner, EVERYTHING),
                )
            seen["numbers"] = [tx.subscribers.find_by_number(n.identifier) for n in self.numbers]
            seen["residents"] = [tx.customers.find_by_resident_id(r) for r in self.resident_ids]
            seen["counters"] = [tx.counters.taken(key) for key in KEYS]
            seen["outbox"] = comparable(entry.event for entry in tx.outbox.pending(MAX_PAGE_LIMIT))
        return seen

    @invariant()
    def same_state(self):
        assert self.observe(self.sql) == self.observe(self.memory)


def _check(make_sql):
    class Machine(StorageAgainstMemory):
        pass

    Machine.make_sql = lambda _self: make_sql()
    run_state_machine_as_test(Machine, settings=MACHINE_SETTINGS)


def test_sqlite_behaves_like_the_memory_reference(tmp_path):
    numbers = itertools.count()
    _check(lambda: create_storage(sqlite_database(tmp_path / f"hall-{next(numbers)}.sqlite3")))


@pytest.mark.postgres
@pytest.mark.slow
def test_postgres_behaves_like_the_memory_reference(pg_url):
    def fresh():
        storage = create_storage(pg_url)
        empty(storage)
        return storage

    _check(fresh)
