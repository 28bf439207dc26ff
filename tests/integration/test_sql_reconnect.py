"""PostgreSQL without pre-ping: a pooled connection the server dropped is replaced, not reported.

The engine no longer pings a connection before each transaction (one round trip saved per
unit of work); a connection that died in the pool (a server restart, an administrator's
``pg_terminate_backend``) fails the first statement of its unit of work, which the session
runs again on a fresh connection. Read-only units of work stay read-only on the new one.
"""

from __future__ import annotations

import pytest
from sqlalchemy import text
from unicom_sql import create_storage
from unicom_sql.testing import empty

from unicom_core.domain.shared import ResidentId
from unicom_core.domain.subscribers import Customer, CustomerId
from unicom_core.errors import AdapterError, Refused


def _customer(customer_id: str, resident_id: str) -> Customer:
    return Customer(id=CustomerId(customer_id), name="张三", resident_id=ResidentId(resident_id))


def _backend_pid(storage) -> int:
    with storage.engine.connect() as connection:
        return int(connection.execute(text("SELECT pg_backend_pid()")).scalar_one())


def _terminate(server_url: str, pid: int) -> None:
    killer = create_storage(server_url)
    try:
        with killer.engine.connect() as connection:
            connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            connection.commit()
    finally:
        killer.close()


@pytest.fixture
def storage(pg_url):
    opened = create_storage(pg_url, pool_size=1, max_overflow=0)
    empty(opened)
    yield opened
    opened.close()


def test_the_postgres_engine_does_not_ping_by_default(storage):
    assert storage.engine.pool._pre_ping is False


@pytest.mark.parametrize("readonly", [False, True])
def test_a_connection_dropped_in_the_pool_is_replaced(storage, pg_url, readonly):
    first = _customer("c-1", "11010519491231002X")
    with storage.transaction() as tx:
        tx.customers.add(first)
    _terminate(pg_url, _backend_pid(storage))  # the only pooled connection dies
    opened = storage.read if readonly else storage.transaction
    with opened() as tx:
        assert tx.customers.get(first.id) == first
    with storage.transaction() as tx:
        tx.customers.add(_customer("c-2", "110105198001010016"))
    with storage.read() as tx:
        assert tx.customers.find(CustomerId("c-2")) is not None


def test_a_read_stays_read_only_on_the_replacement_connection(storage, pg_url):
    _terminate(pg_url, _backend_pid(storage))
    with storage.read() as tx:
        assert tx.customers.find(CustomerId("c-9")) is None  # reconnects
        shown = tx._session._connection.execute(text("SHOW transaction_read_only")).scalar()
        with pytest.raises(Refused) as caught:
            tx.customers.add(_customer("c-9", "11010519491231002X"))
    assert shown == "on"
    assert caught.value.code == "storage.read_only"


def test_a_rendered_write_as_first_statement_reconnects(storage, pg_url):
    _terminate(pg_url, _backend_pid(storage))
    with storage.transaction() as tx:
        tx.customers.add(_customer("c-1", "11010519491231002X"))  # rendered INSERT, first
    with storage.read() as tx:
        assert tx.customers.get(CustomerId("c-1")).version == 1


def test_a_core_statement_as_first_statement_reconnects(storage, pg_url):
    with storage.transaction() as tx:
        tx.customers.add(_customer("c-1", "11010519491231002X"))
    _terminate(pg_url, _backend_pid(storage))
    with storage.read() as tx:
        found = tx.customers.find_by_resident_id(ResidentId("11010519491231002X"))
        page = tx.accounts.list_after(None, 10)  # a Core statement on the new connection
    assert found is not None
    assert page == ()


def test_a_connection_lost_after_the_first_statement_is_reported(storage, pg_url):
    with storage.transaction() as tx:
        tx.customers.add(_customer("c-1", "11010519491231002X"))

    def lost_midway() -> None:
        with storage.read() as tx:
            tx.customers.get(CustomerId("c-1"))
            _terminate(pg_url, _backend_pid_of(tx))
            tx.customers.get(CustomerId("c-1"))

    with pytest.raises(AdapterError) as caught:
        lost_midway()
    assert caught.value.code == "storage.unavailable"
    with storage.read() as tx:  # the next unit of work has a live connection again
        assert tx.customers.get(CustomerId("c-1")).version == 1


def _backend_pid_of(tx) -> int:
    return int(tx._session.connection.connection.dbapi_connection.info.backend_pid)
