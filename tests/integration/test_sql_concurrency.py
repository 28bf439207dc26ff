"""Concurrency and faults on real databases: racing takers, racing writers, a failed use case.

SQLite serialises writers (``BEGIN IMMEDIATE``) and threads share one process; PostgreSQL is
raced from separate processes (``spawn``), each with its own connections, as web workers
would.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import attrs
import pytest
from sqlalchemy import func, select
from unicom_sql import create_storage
from unicom_sql.schema import metadata
from unicom_sql.testing import race_try_take

from unicom_core.domain.shared import SHANGHAI, Money, ResidentId, check_character, new_id
from unicom_core.domain.subscribers import Account, AccountId, Customer, CustomerId
from unicom_core.errors import Conflict
from unicom_core.testing.contracts import InjectedFailure

PROCESSES = 4
AT = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)
RESIDENT_IDS = [
    ResidentId(first17 + check_character(first17))
    for first17 in ("11010119900307001", "44030519851231002", "31011519770101003")
]


@pytest.fixture
def storage(db_url):
    opened = create_storage(db_url)
    yield opened
    opened.close()


def _row_counts(storage):
    with storage.engine.connect() as connection:
        return {
            table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in metadata.sorted_tables
        }


@pytest.fixture(scope="module")
def processes():
    """Worker processes started once (``spawn``: a fresh interpreter, no inherited sockets),
    and a barrier they all wait on so that the takes really overlap."""
    spawn = multiprocessing.get_context("spawn")
    with spawn.Manager() as manager, ProcessPoolExecutor(PROCESSES, mp_context=spawn) as pool:
        yield pool, manager.Barrier(PROCESSES)


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.parametrize(("limit", "attempts"), [(30, 15), (100, 15), (0, 2)])
def test_racing_processes_never_take_more_than_the_limit(processes, pg_url, limit, attempts):
    pool, start = processes
    runs = [
        pool.submit(race_try_take, pg_url, "promo:517:quota", limit, attempts, start)
        for _ in range(PROCESSES)
    ]
    wins = sum(run.result(timeout=120) for run in runs)
    assert wins == min(limit, PROCESSES * attempts)
    storage = create_storage(pg_url)
    try:
        with storage.transaction() as tx:
            assert tx.counters.taken("promo:517:quota") == wins
    finally:
        storage.close()


def test_two_writers_on_one_account_exactly_one_wins(storage):
    account = Account(AccountId(new_id()), CustomerId(new_id()))
    with storage.transaction() as tx:
        tx.accounts.add(account)
    both_read = threading.Barrier(2)

    def top_up(amount):
        with storage.transaction() as tx:
            mine = tx.accounts.get(account.id)
        both_read.wait(10)
        mine.credit(Money(amount), at=AT)
        try:
            with storage.transaction() as tx:
                tx.accounts.save(mine)
        except Conflict as clash:
            return clash.code
        return amount

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(top_up, (100, 999)))
    assert outcomes.count("storage.version_conflict") == 1
    (winner,) = [outcome for outcome in outcomes if isinstance(outcome, int)]
    with storage.transaction() as tx:
        stored = tx.accounts.get(account.id)
    assert stored.balance == Money(winner)
    assert stored.version == 2


def test_a_failure_between_two_writes_leaves_no_row_behind(storage):
    before = _row_counts(storage)
    customer = Customer(CustomerId(new_id()), "王五", RESIDENT_IDS[0])
    account = Account(AccountId(new_id()), customer.id)

    def use_case():
        with storage.transaction() as tx:
            tx.customers.add(customer)
            tx.outbox.append(customer.submit_real_name(at=AT)[0])
            tx.customers.save(customer)
            assert tx.counters.try_take("stock:sim", 1, 1)
            raise InjectedFailure
            tx.accounts.add(account)  # the second write, never reached

    with pytest.raises(InjectedFailure):
        use_case()
    assert _row_counts(storage) == before


def test_a_database_error_between_two_writes_leaves_no_row_behind(storage):
    """The second write fails in the database (a duplicate); the first goes with it."""
    first = Customer(CustomerId(new_id()), "赵六", RESIDENT_IDS[1])
    with storage.transaction() as tx:
        tx.customers.add(first)
    before = _row_counts(storage)
    newcomer = Account(AccountId(new_id()), first.id)
    clash = Customer(CustomerId(new_id()), "孙七", RESIDENT_IDS[1])

    def use_case():
        with storage.transaction() as tx:
            tx.accounts.add(newcomer)
            tx.customers.add(clash)

    with pytest.raises(Conflict) as caught:
        use_case()
    assert caught.value.code == "storage.duplicate_resident_id"
    assert _row_counts(storage) == before


def test_a_use_case_may_carry_on_after_a_conflict_inside_its_transaction(storage):
    """A duplicate caught inside the block does not poison the transaction (PostgreSQL)."""
    first = Customer(CustomerId(new_id()), "周八", RESIDENT_IDS[2])
    second = Customer(CustomerId(new_id()), "吴九", RESIDENT_IDS[0])
    with storage.transaction() as tx:
        tx.customers.add(first)
        tx.customers.add(second)
    account = Account(AccountId(new_id()), first.id)
    with storage.transaction() as tx:
        with pytest.raises(Conflict) as added:
            tx.customers.add(Customer(CustomerId(new_id()), "郑十", RESIDENT_IDS[2]))
        with pytest.raises(Conflict) as rekeyed:
            tx.customers.save(attrs.evolve(second, resident_id=RESIDENT_IDS[2]))
        tx.accounts.add(account)
    assert added.value.code == rekeyed.value.code == "storage.duplicate_resident_id"
    with storage.transaction() as tx:
        assert tx.accounts.get(account.id) == account
        assert tx.customers.get(second.id).resident_id == RESIDENT_IDS[0]
