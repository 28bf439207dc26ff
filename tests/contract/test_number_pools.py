"""The number pool contract (F-NUM-1..3) bound to memory, SQLite and PostgreSQL."""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import delete
from unicom_sql import SqlNumberPool
from unicom_sql.schema import number_classes, number_pool, number_reservations
from unicom_sql.testing import PG_URL_VARIABLE, postgres_url, scratch_schema, sqlite_database

from unicom_core.memory import MemoryNumberPool
from unicom_core.testing.contracts import NumberPoolContract


class TestMemoryNumberPool(NumberPoolContract):
    def make_pool(self):
        return MemoryNumberPool()


class TestSqliteNumberPool(NumberPoolContract):
    @pytest.fixture(autouse=True, scope="class")
    @classmethod
    def _database_directory(cls, tmp_path_factory):
        cls.directory = tmp_path_factory.mktemp("sqlite-pool")
        cls.numbers = itertools.count()

    def make_pool(self):
        path = self.directory / f"pool-{next(self.numbers)}.sqlite3"
        return SqlNumberPool.from_url(sqlite_database(path))


@pytest.mark.postgres
class TestPostgresNumberPool(NumberPoolContract):
    @pytest.fixture(autouse=True, scope="class")
    @classmethod
    def _scratch_schema(cls):
        server = postgres_url()
        if server is None:
            pytest.fail(f"{PG_URL_VARIABLE} is not set", pytrace=False)
        with scratch_schema(server) as url:
            cls.url = url
            yield

    def make_pool(self):
        pool = SqlNumberPool.from_url(self.url)
        with pool._engine.begin() as connection:
            for table in (number_reservations, number_classes, number_pool):
                connection.execute(delete(table))
        return pool
