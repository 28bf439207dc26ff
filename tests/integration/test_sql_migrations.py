"""The schema is made by Alembic migrations only, from empty, on SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import column, inspect, table, update
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool
from unicom_sql import cli, create_storage, current_revision, head_revision, migrate, upgrade
from unicom_sql.engines import create_engine
from unicom_sql.schema import VERSION_TABLE, metadata
from unicom_sql.testing import scratch_schema

from unicom_core.errors import AdapterError

VERSION = table(VERSION_TABLE, column("version_num"))
TABLES = {
    *("customers", "subscribers", "accounts", "catalogs", "counters", "outbox", VERSION_TABLE),
    *("credentials", "one_time_codes", "login_attempts", "sessions", "third_party_bindings"),
    *("usage_records", "bills", "bill_runs", "billing_profiles"),
    *("payment_attempts", "recharge_batches", "recharge_cards", "mandates", "auto_debits"),
    "invoices",
    "business_records",
    "support_conversations",
    "points_accounts",
    "service_states",
    "shared_plans",
    "orders",
    *("campaigns", "participations"),
    *("growth_accounts", "draws"),
    "campaign_metrics",
    *("number_pool", "number_classes", "number_reservations"),
    *("operator_clients", "operator_tokens", "audit_log"),
    *("hub_subscriptions", "hub_deliveries"),
    "bill_run_partitions",
}


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_url(request, tmp_path):
    """An empty database (no schema at all) on the backend under test."""
    if request.param == "sqlite":
        path = tmp_path / "empty.sqlite3"
        path.touch()  # an empty file is an empty SQLite database
        yield f"sqlite:///{path}"
        return
    with scratch_schema(request.getfixturevalue("pg_server_url"), migrated=False) as url:
        yield url


def _tables(url):
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            return set(inspect(connection).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_from_empty_creates_every_table_then_is_a_no_op(empty_url):
    assert current_revision(empty_url) is None
    first = upgrade(empty_url)
    assert first.before is None
    assert first.after == head_revision()
    applied = [step.split()[0] for step in first.applied]
    assert applied == [
        "0001",
        "0002",
        "0003",
        "0004",
        "0005",
        "0006",
        "0007",
        "0008",
        "0009",
        "0010",
        "0011",
        "0012",
        "0013",
        "0014",
        "0015",
        "0016",
        "0017",
        "0018",
        "0019",
        "0020",
    ]
    assert _tables(empty_url) == TABLES

    second = upgrade(empty_url)
    assert second.applied == ()
    assert second.before == second.after == head_revision()
    assert "nothing to do" in str(second)
    assert _tables(empty_url) == TABLES


def test_downgrade_to_base_drops_every_table_and_upgrade_brings_them_back(db_url):
    engine = create_engine(db_url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            config = Config()
            config.set_main_option(
                "script_location", str(Path(migrate.__file__).parent / "migrations")
            )
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
    finally:
        engine.dispose()
    assert _tables(db_url) == {VERSION_TABLE}
    assert current_revision(db_url) is None
    assert upgrade(db_url).applied
    assert _tables(db_url) == TABLES


def test_the_migrated_schema_is_exactly_the_tables_the_adapter_queries(db_url):
    engine = create_engine(db_url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(
                connection, opts={"version_table": VERSION_TABLE, "compare_type": True}
            )
            assert compare_metadata(context, metadata) == []
    finally:
        engine.dispose()


def test_a_storage_refuses_a_database_without_the_schema(empty_url):
    with pytest.raises(AdapterError) as caught:
        create_storage(empty_url)
    assert caught.value.code == "storage.schema_missing"
    assert "unicom db upgrade" in caught.value.message


def test_a_storage_refuses_a_schema_at_another_revision(db_url):
    engine = create_engine(db_url, poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(update(VERSION).values(version_num="ffff"))
    engine.dispose()
    with pytest.raises(AdapterError) as caught:
        create_storage(db_url)
    assert caught.value.code == "storage.schema_outdated"
    assert caught.value.data["found"] == "ffff"


def test_an_upgrade_of_a_database_stamped_by_an_unknown_revision_fails_cleanly(sqlite_url):
    engine = create_engine(sqlite_url, poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(update(VERSION).values(version_num="ffff"))
    engine.dispose()
    with pytest.raises(AdapterError) as caught:
        upgrade(sqlite_url)
    assert caught.value.code == "storage.migration_failed"


def test_the_cli_upgrades_and_says_what_it_did(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    assert cli.main(["--database-url", url, "db", "upgrade"]) == 0
    assert "upgraded" in capsys.readouterr().out
    assert cli.main(["--database-url", url, "db", "upgrade"]) == 0
    assert "nothing to do" in capsys.readouterr().out
    assert cli.main(["--database-url", url, "db", "current"]) == 0
    assert "up to date" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("not a url", "storage.bad_url"),
        ("mysql://someone@localhost/hall", "storage.bad_url"),
        ("postgresql+psycopg2://someone@localhost/hall", "storage.bad_url"),
        ("sqlite://", "storage.bad_url"),
        ("sqlite:////no/such/directory/hall.sqlite3", "storage.unavailable"),
    ],
)
def test_the_cli_prints_one_line_and_fails_on_a_bad_url(url, code, capsys):
    assert cli.main(["--database-url", url, "db", "upgrade"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert captured.err.startswith(f"unicom: error: [{code}]")


def test_the_console_script_is_installed_and_exits_by_outcome(tmp_path):
    script = shutil.which("unicom", path=str(Path(sys.executable).parent))
    assert script is not None
    url = f"sqlite:///{tmp_path / 'hall.sqlite3'}"
    # Our own console script, with a URL we made: nothing untrusted reaches the command.
    done = subprocess.run(  # noqa: S603
        [script, "--database-url", url, "db", "upgrade"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "0001" in done.stdout


@pytest.mark.postgres
def test_the_cli_reports_a_wrong_password_without_showing_any_password(pg_server_url, capsys):
    url = make_url(pg_server_url).set(password="wrong-password")  # noqa: S106 - wrong on purpose
    rendered = url.render_as_string(hide_password=False)
    assert cli.main(["--database-url", rendered, "db", "upgrade"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("unicom: error: [storage.unavailable]")
    assert "password authentication failed" in err
    assert "wrong-password" not in err
    assert make_url(pg_server_url).password not in err
