"""An additive migration applied while the hall serves: no request fails.

A test-only Alembic revision, chained after this release's head in a versions directory of
the test's own, adds a nullable column to the accounts, a new table, and an index on the
payment attempts: the "expand" step of expand-contract (docs/how-to/migrations.md). It is
applied with the project's own :func:`unicom_sql.migrate.upgrade` (told about the extra
directory) while customers read their balance and top up from threads, on SQLite and on a
PostgreSQL cluster of the tests' own. Every request succeeds, before, during and after.
"""

from __future__ import annotations

import os
import threading
import time

import attrs
import pytest
from alembic.script import ScriptDirectory
from litestar.testing import TestClient
from sqlalchemy import inspect
from tests.faults.halls import SCALE, login, make_hall, provision
from unicom_sql import create_storage, current_revision, migrate
from unicom_sql.engines import create_engine
from unicom_sql.testing import scratch_schema
from unicom_web import WebSettings, create_app

pytestmark = [pytest.mark.faults, pytest.mark.slow]

CUSTOMERS = 2
REVISION = "faults_online"
_REVISION_FILE = '''"""faults: an additive change applied online (a test's own revision)."""

import sqlalchemy as sa
from alembic import op

revision = "{revision}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("accounts", sa.Column("faults_note", sa.String(64), nullable=True))
    op.create_table(
        "faults_notes",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("note", sa.Text(), nullable=True),
    )
    op.create_index("ix_faults_attempts_created", "payment_attempts", ["created_at_us"])
'''


@pytest.fixture
def apply_extra(tmp_path, monkeypatch):
    """Apply the test's revision after head with ``migrate.upgrade``, told of its directory.

    ``migrate`` is told only for the upgrade itself: a hall opened meanwhile still checks
    the schema against this release's head.
    """
    versions = tmp_path / "versions"
    versions.mkdir()
    text = _REVISION_FILE.format(revision=REVISION, head=migrate.head_revision())
    (versions / f"{REVISION}.py").write_text(text)
    shipped = migrate._SCRIPTS / "versions"
    make_config = migrate._config

    def config(connection):
        made = make_config(connection)
        made.set_main_option("path_separator", "os")
        made.set_main_option("version_locations", os.pathsep.join(map(str, (shipped, versions))))
        return made

    def apply(url: str) -> None:
        with monkeypatch.context() as patched:
            patched.setattr(migrate, "_config", config)
            patched.setattr(migrate, "_scripts", lambda: ScriptDirectory.from_config(config(None)))
            report = migrate.upgrade(url, REVISION)
        assert report.after == REVISION

    return apply


@attrs.define
class Customers:
    """Customers reading and paying in a loop; every answer that was not a success."""

    client: TestClient
    tokens: list[str]
    failed: list[str] = attrs.field(factory=list)
    served: int = 0
    done: threading.Event = attrs.field(factory=threading.Event)
    lock: threading.Lock = attrs.field(factory=threading.Lock)

    def run(self, index: int) -> None:
        bearer = {"Authorization": f"Bearer {self.tokens[index]}"}
        step = 0
        while not self.done.is_set():
            step += 1
            read = self.client.get("/api/v1/billing/balance", headers=bearer)
            paid = self.client.post(
                "/api/v1/payments/top-ups",
                json={"product_code": "top-up-50", "method": "app"},
                headers={**bearer, "Idempotency-Key": f"m{index}-{step}"},
            )
            with self.lock:
                self.served += 2
                self.failed += [f"{a.status_code} {a.text}" for a in (read, paid) if a.is_error]

    def wait_served(self, count: int) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.served < count:
            time.sleep(0.02)
        assert self.served >= count, "the customers were not served"


def _migrate_while_serving(url: str, apply) -> Customers:
    hall = make_hall(create_storage(url))
    provision(hall, CUSTOMERS)
    tokens = [login(hall, index) for index in range(CUSTOMERS)]
    app = create_app(hall, WebSettings(secret="m" * 48))
    try:
        with TestClient(app, base_url="http://testserver.local") as client:
            customers = Customers(client, tokens)
            threads = [threading.Thread(target=customers.run, args=(i,)) for i in range(2)]
            for thread in threads:
                thread.start()
            try:
                customers.wait_served(10 * SCALE)
                apply(url)
                customers.wait_served(customers.served + 10 * SCALE)
            finally:
                customers.done.set()
                for thread in threads:
                    thread.join(60)
    finally:
        hall.close()
    return customers


def _expanded(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            seen = inspect(connection)
            columns = {column["name"] for column in seen.get_columns("accounts")}
            indexes = {index["name"] for index in seen.get_indexes("payment_attempts")}
            return (columns | indexes) & {"faults_note", "ix_faults_attempts_created"}
    finally:
        engine.dispose()


def _check(url: str, apply) -> None:
    customers = _migrate_while_serving(url, apply)
    assert customers.failed == []
    assert current_revision(url) == REVISION
    assert _expanded(url) == {"faults_note", "ix_faults_attempts_created"}


def test_an_additive_migration_applied_while_serving_fails_no_request_on_sqlite(
    sqlite_file, apply_extra
):
    _check(f"sqlite:///{sqlite_file}", apply_extra)


def test_an_additive_migration_applied_while_serving_fails_no_request_on_postgres(
    own_postgres, apply_extra
):
    with scratch_schema(own_postgres.url) as url:
        _check(url, apply_extra)
