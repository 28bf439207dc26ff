"""The storage contract suite bound to SqlStorage on SQLite and on PostgreSQL.

SQLite: every ``make_storage()`` is a new database file, made by the migrations. PostgreSQL:
one migrated scratch schema per test class (migrating per example would dominate the run),
emptied before each ``make_storage()``. PostgreSQL needs ``UNICOM_TEST_PG_URL`` and fails
loudly without it (``.ci/postgres.sh start`` prints the URL).
"""

from __future__ import annotations

import itertools

import pytest
from unicom_sql import SqlStorage, create_storage
from unicom_sql.testing import (
    PG_URL_VARIABLE,
    empty,
    postgres_url,
    scratch_schema,
    sqlite_database,
)

from unicom_core.testing.contracts import StorageContract


class TestSqliteStorage(StorageContract):
    @pytest.fixture(autouse=True, scope="class")
    @classmethod
    def _database_directory(cls, tmp_path_factory):
        cls.directory = tmp_path_factory.mktemp("sqlite-contract")
        cls.numbers = itertools.count()

    def make_storage(self) -> SqlStorage:
        path = self.directory / f"hall-{next(self.numbers)}.sqlite3"
        return create_storage(sqlite_database(path))


@pytest.mark.postgres
class TestPostgresStorage(StorageContract):
    @pytest.fixture(autouse=True, scope="class")
    @classmethod
    def _scratch_schema(cls):
        server = postgres_url()
        if server is None:
            pytest.fail(
                f"{PG_URL_VARIABLE} is not set, so the PostgreSQL contract cannot run. Start "
                f'the throw-away server with: export {PG_URL_VARIABLE}="$(.ci/postgres.sh start)"',
                pytrace=False,
            )
        with scratch_schema(server) as url:
            cls.url = url
            yield

    def make_storage(self) -> SqlStorage:
        storage = create_storage(self.url)
        empty(storage)
        return storage
