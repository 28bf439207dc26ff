"""The cheap paths of SqlStorage keep every rule of the storage port.

A SQLite thread keeps one connection of its own across units of work (outside the pool, so
tools sharing the engine are never starved) and ``close()`` closes it, even one in use at
the time; the hot statements (get by id, find by key, ``add``, ``save``) go to the driver
as rendered SQL, and still refuse writes in a read, detect a stale version and a taken key,
and share one transaction with the Core statements of the same unit of work.
"""

from __future__ import annotations

import datetime as dt
import threading

import attrs
import pytest
from unicom_sql import create_storage

from unicom_core.domain.shared import SHANGHAI, ResidentId
from unicom_core.domain.subscribers import Customer, CustomerId
from unicom_core.errors import AdapterError, Conflict, Refused

AT = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)


def _customer(customer_id: str, resident_id: str = "11010519491231002X") -> Customer:
    return Customer(id=CustomerId(customer_id), name="张三", resident_id=ResidentId(resident_id))


def _connection_of(tx):
    return tx._session.connection


@pytest.fixture
def storage(db_url):
    opened = create_storage(db_url)
    yield opened
    opened.close()


def test_a_sqlite_thread_keeps_its_connection_and_close_closes_it(sqlite_url):
    storage = create_storage(sqlite_url)
    with storage.read() as tx:
        first = _connection_of(tx)
    with storage.transaction() as tx:
        second = _connection_of(tx)
    assert second is first
    storage.close()
    assert first.closed
    with pytest.raises(AdapterError) as caught, storage.read():
        pass
    assert caught.value.code == "storage.closed"


def test_another_threads_connection_is_closed_by_close(sqlite_url):
    storage = create_storage(sqlite_url)
    seen = []

    def work():
        with storage.read() as tx:
            seen.append(_connection_of(tx))

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert not seen[0].closed  # kept for the thread's next unit of work
    storage.close()
    assert seen[0].closed


def test_a_connection_in_use_at_close_is_closed_when_its_work_ends(sqlite_url):
    storage = create_storage(sqlite_url)
    inside, closed = threading.Event(), threading.Event()
    seen = []

    def work():
        with storage.transaction() as tx:
            tx.customers.add(_customer("c-1"))
            seen.append(_connection_of(tx))
            inside.set()
            closed.wait(10)

    worker = threading.Thread(target=work)
    worker.start()
    assert inside.wait(10)
    storage.close()
    assert not seen[0].closed  # not pulled from under a running unit of work
    closed.set()
    worker.join(10)
    assert seen[0].closed


def test_a_threads_own_connection_leaves_the_pool_to_others(sqlite_url):
    storage = create_storage(sqlite_url, pool_size=1, max_overflow=0, pool_timeout=1)
    try:
        with storage.read() as tx:
            assert tx.customers.find(CustomerId("c-1")) is None
        with storage.engine.connect():  # would time out if the thread kept a pooled one
            pass
    finally:
        storage.close()


def test_a_nested_unit_of_work_in_one_thread_takes_another_connection(sqlite_url):
    storage = create_storage(sqlite_url)
    try:
        with storage.transaction() as tx:
            tx.customers.add(_customer("c-1"))
            with storage.read() as inner:
                assert _connection_of(inner) is not _connection_of(tx)
                assert inner.customers.find(CustomerId("c-1")) is None  # not committed yet
        with storage.read() as tx:
            assert tx.customers.get(CustomerId("c-1")).version == 1
    finally:
        storage.close()


def test_a_rendered_write_in_a_read_is_refused_and_sends_nothing(storage):
    customer = _customer("c-1")
    with storage.transaction() as tx:
        tx.customers.add(customer)
    with pytest.raises(Refused) as saved, storage.read() as tx:
        tx.customers.save(attrs.evolve(customer, name="李四"))
    with pytest.raises(Refused) as added, storage.read() as tx:
        tx.customers.add(_customer("c-2", "110105198001010016"))
    assert saved.value.code == added.value.code == "storage.read_only"
    with storage.read() as tx:
        stored = tx.customers.get(customer.id)
        assert tx.customers.find(CustomerId("c-2")) is None
    assert (stored.name, stored.version) == ("张三", 1)


def test_a_stale_save_on_the_rendered_path_is_a_version_conflict(storage):
    with storage.transaction() as tx:
        tx.customers.add(_customer("c-1"))
    with storage.read() as tx:
        mine, theirs = tx.customers.get(CustomerId("c-1")), tx.customers.get(CustomerId("c-1"))
    with storage.transaction() as tx:
        tx.customers.save(attrs.evolve(theirs, name="李四"))
    with pytest.raises(Conflict) as caught, storage.transaction() as tx:
        tx.customers.save(attrs.evolve(mine, name="王五"))
    assert caught.value.code == "storage.version_conflict"
    assert caught.value.data["stored_version"] == 2
    with storage.read() as tx:
        assert tx.customers.get(CustomerId("c-1")).name == "李四"


def test_a_taken_key_on_the_rendered_paths_is_a_duplicate(storage):
    with storage.transaction() as tx:
        tx.customers.add(_customer("c-1", "11010519491231002X"))
        tx.customers.add(_customer("c-2", "110105198001010016"))
    with pytest.raises(Conflict) as added, storage.transaction() as tx:
        tx.customers.add(_customer("c-3", "11010519491231002X"))
    with storage.read() as tx:
        second = tx.customers.get(CustomerId("c-2"))
    moved = attrs.evolve(second, resident_id=ResidentId("11010519491231002X"))
    with pytest.raises(Conflict) as saved, storage.transaction() as tx:
        tx.customers.save(moved)
    assert added.value.code == saved.value.code == "storage.duplicate_resident_id"
    with storage.read() as tx:
        assert tx.customers.find_by_resident_id(ResidentId("110105198001010016")) == second


def test_rendered_and_core_statements_share_one_transaction(storage):
    seen = []

    def failing() -> None:
        with storage.transaction() as tx:
            tx.customers.add(_customer("c-1"))  # rendered INSERT
            seen.append(tx.customers.find_by_resident_id(ResidentId("11010519491231002X")))
            seen.append(len(tx.outbox.pending(10, AT)))  # a Core statement, same transaction
            raise RuntimeError

    with pytest.raises(RuntimeError):
        failing()
    assert seen[0] is not None
    assert seen[1] == 0
    with storage.transaction() as tx:
        assert tx.customers.find(CustomerId("c-1")) is None  # all rolled back
        tx.customers.add(_customer("c-1"))
        tx.counters.try_take("k", 1, 5)  # Core after rendered, committed together
    with storage.read() as tx:
        assert tx.customers.find(CustomerId("c-1")) is not None
        assert tx.counters.taken("k") == 1
