"""Fixtures of the fault tests: a migrated SQLite file per test, a PostgreSQL cluster of their own.

Every test here carries the ``faults`` marker; ``make test`` runs them in their short form,
``make faults`` (``scripts/run-faults.sh``) with ``UNICOM_FAULTS_SCALE=10``
(docs/explanation/faults.md). Migrating a database takes seconds, so each worker migrates one
SQLite file once and each test gets a copy.
"""

from __future__ import annotations

import shutil

import pytest
from tests.faults.cluster import Cluster, server_bindir
from unicom_sql.testing import sqlite_database


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """A SQLite file at this release's schema head, never written to by a test."""
    path = tmp_path_factory.mktemp("faults-template") / "hall.sqlite3"
    sqlite_database(path)
    return path


@pytest.fixture
def sqlite_file(tmp_path, migrated_sqlite):
    """A fresh copy of the migrated SQLite file, for one test."""
    path = tmp_path / "hall.sqlite3"
    shutil.copyfile(migrated_sqlite, path)
    return path


@pytest.fixture(scope="session")
def own_postgres():
    """A running PostgreSQL cluster the tests may stop and start (removed at the end)."""
    bindir = server_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL's server programs (initdb, pg_ctl) are not installed")
    cluster = Cluster(bindir)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.remove()
