"""Fixtures for the SQL adapter's integration tests: a migrated SQLite file, a PostgreSQL schema.

PostgreSQL tests carry the ``postgres`` marker and need ``UNICOM_TEST_PG_URL`` (set by
``make test`` from ``.ci/postgres.sh start``). Without it they fail, never skip: a suite that
silently stops testing PostgreSQL would still look green.
"""

from __future__ import annotations

import pytest
from unicom_sql.testing import PG_URL_VARIABLE, postgres_url, scratch_schema, sqlite_database

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def require_postgres_url() -> str:
    url = postgres_url()
    if url is None:
        pytest.fail(
            f"{PG_URL_VARIABLE} is not set, so the PostgreSQL tests cannot run. Start the "
            f'throw-away server with: export {PG_URL_VARIABLE}="$(.ci/postgres.sh start)"',
            pytrace=False,
        )
    return url


@pytest.fixture(scope="session")
def pg_server_url():
    return require_postgres_url()


@pytest.fixture
def sqlite_url(tmp_path):
    return sqlite_database(tmp_path / "hall.sqlite3")


@pytest.fixture
def pg_url(pg_server_url):
    with scratch_schema(pg_server_url) as url:
        yield url


@pytest.fixture(params=BACKENDS)
def db_url(request):
    """A migrated, empty database on each backend in turn."""
    return request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
