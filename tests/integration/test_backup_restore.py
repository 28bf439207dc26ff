"""``unicom db backup`` / ``db restore`` round-trip a loaded hall on SQLite and PostgreSQL.

The hall is loaded through its use cases (customers with opening balances, top-ups, bills,
bill payments; F-PAY-1, F-PAY-3). After a restore into a fresh database every account
equals the source's at backup time, balance and ledger, and its balance is its opening
balance plus the sum of its ledger entries. On SQLite the backup is taken while a writer
thread keeps crediting one account: the backup is one snapshot, so the restored account
holds exactly the writer's first ``k`` credits, in order, for a ``k`` the writer had reached
by the end of the backup and not before its start (``make faults``: as many backups in a
row as ``UNICOM_FAULTS_SCALE`` says).
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool
from typer.testing import CliRunner
from unicom_payments import SandboxPaymentGateway
from unicom_sql import create_storage
from unicom_sql.backup import backup, backup_revision, restore
from unicom_sql.cli import app
from unicom_sql.engines import create_engine
from unicom_sql.migrate import head_revision, upgrade
from unicom_sql.testing import sqlite_database

from unicom_core.domain.shared import SHANGHAI, Money
from unicom_core.errors import UnicomError
from unicom_core.testing.worlds.payments import PaymentWorld

ACCOUNTS = 4
SCALE = max(1, int(os.environ.get("UNICOM_FAULTS_SCALE", "1")))
AT = dt.datetime(2016, 5, 17, 10, 0, tzinfo=SHANGHAI)


def load(url):
    """A hall on ``url`` with ``ACCOUNTS`` paying customers; their account ids."""
    world = PaymentWorld(SandboxPaymentGateway(), storage=create_storage(url))
    account_ids = []
    try:
        for n in range(ACCOUNTS):
            subscriber, token = world.customer(f"1861234500{n}", balance=Money(700 * n))
            world.payments.top_up(token, "top-up-50", idempotency_key=f"top-{n}")
            world.owe(subscriber, Money(1200 + n))
            world.payments.pay_bill(token, idempotency_key=f"bill-{n}")
            account_ids.append(subscriber.account_id)
    finally:
        world.storage.close()
    return account_ids


def accounts(url, account_ids):
    """Each account's (balance, opening balance, ledger), read through the storage port."""
    storage = create_storage(url)
    try:
        with storage.read() as tx:
            found = {i: tx.accounts.get(i) for i in account_ids}
    finally:
        storage.close()
    return {i: (a.balance, a.opening_balance, a.ledger) for i, a in found.items()}


def assert_ledgers_add_up(state):
    for balance, opening, ledger in state.values():
        assert balance == opening + Money.total(entry.amount for entry in ledger)


class Writer(threading.Thread):
    """Credits one account 1 fen per transaction, references w0, w1, ... until stopped."""

    def __init__(self, url, account_id):
        super().__init__(daemon=True)
        self.storage = create_storage(url)
        self.account_id = account_id
        self.committed = 0
        self.started = threading.Event()
        self.stop = threading.Event()
        self.error = None

    def run(self):
        try:
            while not self.stop.is_set():
                with self.storage.transaction() as tx:
                    account = tx.accounts.get(self.account_id)
                    account.credit(Money(1), at=AT, reference=f"w{self.committed}")
                    tx.accounts.save(account)
                self.committed += 1
                if self.committed >= 3:  # a few writes before the backup
                    self.started.set()
        except Exception as error:  # noqa: BLE001 - reported by the test
            self.error = error
            self.started.set()
        finally:
            self.storage.close()


@pytest.mark.faults
def test_a_sqlite_backup_taken_while_a_writer_writes_restores_one_snapshot(tmp_path):
    """``UNICOM_FAULTS_SCALE`` backups in a row, each restored and checked, as the writer goes."""
    source = sqlite_database(tmp_path / "hall.sqlite3")
    account_ids = load(source)
    before = accounts(source, account_ids)
    writer = Writer(source, account_ids[0])
    writer.start()
    try:
        assert writer.started.wait(30)
        for attempt in range(SCALE):
            at_start = writer.committed
            report = backup(source, tmp_path / f"hall-{attempt}.backup")
            at_end = writer.committed
            assert report.revision == head_revision()
            assert oct(report.path.stat().st_mode & 0o777) == "0o600"
            target = f"sqlite:///{tmp_path / f'restored-{attempt}.sqlite3'}"
            assert restore(report.path, target).revision == head_revision()
            written = check_snapshot(accounts(target, account_ids), before, account_ids[0])
            assert at_start <= written <= at_end
    finally:
        writer.stop.set()
        writer.join(30)
    assert writer.error is None


def check_snapshot(restored, before, written_to):
    """The restored accounts are ``before`` plus the writer's first credits; how many."""
    assert_ledgers_add_up(restored)
    assert {i: s for i, s in restored.items() if i != written_to} == {
        i: s for i, s in before.items() if i != written_to
    }
    balance, opening, ledger = restored[written_to]
    old_balance, old_opening, old_ledger = before[written_to]
    written = ledger[len(old_ledger) :]
    assert ledger[: len(old_ledger)] == old_ledger
    assert opening == old_opening
    assert [entry.reference for entry in written] == [f"w{i}" for i in range(len(written))]
    assert balance == old_balance + Money(len(written))
    return len(written)


def test_the_commands_round_trip_and_refuse_what_they_must(tmp_path, monkeypatch):
    runner = CliRunner()
    source = sqlite_database(tmp_path / "hall.sqlite3")
    account_ids = load(source)
    file = tmp_path / "hall.backup"
    monkeypatch.setenv("UNICOM_DATABASE_URL", source)
    done = runner.invoke(app, ["db", "backup", str(file)])
    assert done.exit_code == 0, done.output
    assert head_revision() in done.stdout
    again = runner.invoke(app, ["db", "backup", str(file)])
    assert (again.exit_code, again.stderr[:30]) == (1, "unicom: error: [backup.exists]")

    taken = sqlite_database(tmp_path / "taken.sqlite3")  # migrated: it holds tables
    monkeypatch.setenv("UNICOM_DATABASE_URL", taken)
    refused = runner.invoke(app, ["db", "restore", str(file)])
    assert refused.exit_code == 1
    assert refused.stderr.startswith("unicom: error: [backup.target_not_empty]")
    forced = runner.invoke(app, ["db", "restore", str(file), "--force"])
    assert forced.exit_code == 0, forced.output
    assert "up to date" in forced.stdout
    assert accounts(taken, account_ids) == accounts(source, account_ids)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"not a backup at all", "backup.unreadable"),
        (b"PGDMP", "backup.wrong_database"),  # a dump is for PostgreSQL, the target SQLite
        (b"", "backup.unreadable"),
    ],
)
def test_restore_refuses_a_file_that_is_no_backup_for_the_target(tmp_path, content, code):
    file = tmp_path / "bad.backup"
    file.write_bytes(content)
    with pytest.raises(UnicomError) as refused:
        restore(file, f"sqlite:///{tmp_path / 'target.sqlite3'}")
    assert refused.value.code == code
    assert not (tmp_path / "target.sqlite3").exists()


def test_restore_refuses_a_revision_this_release_does_not_know(tmp_path):
    source = sqlite_database(tmp_path / "hall.sqlite3")
    engine = create_engine(source, poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(text("UPDATE unicom_sql_version SET version_num = '9999'"))
    engine.dispose()
    backup(source, tmp_path / "future.backup")
    assert backup_revision(tmp_path / "future.backup") == "9999"
    with pytest.raises(UnicomError) as refused:
        restore(tmp_path / "future.backup", f"sqlite:///{tmp_path / 'target.sqlite3'}")
    assert refused.value.code == "backup.revision_unknown"


def test_a_database_without_the_schema_is_not_backed_up(tmp_path):
    empty = tmp_path / "empty.sqlite3"
    create_engine(f"sqlite:///{empty}").dispose()
    engine = create_engine(f"sqlite:///{empty}", poolclass=NullPool)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE other (x INTEGER)"))
    engine.dispose()
    with pytest.raises(UnicomError) as refused:
        backup(f"sqlite:///{empty}", tmp_path / "empty.backup")
    assert refused.value.code == "storage.schema_missing"
    assert list(tmp_path.iterdir()) == [empty]  # no backup, no partial file left


def test_a_restore_of_an_older_revision_says_to_upgrade(tmp_path):
    old = "sqlite:///" + str(tmp_path / "old.sqlite3")
    upgrade(old, "0001")
    backup(old, tmp_path / "old.backup")
    report = restore(tmp_path / "old.backup", f"sqlite:///{tmp_path / 'target.sqlite3'}")
    assert report.revision == "0001"
    assert "unicom db upgrade" in str(report)


# ---------------------------------------------------------------- PostgreSQL


@pytest.fixture
def scratch_databases(pg_server_url):
    """A factory of new, empty databases on the test server, each dropped afterwards."""
    admin = create_engine(pg_server_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    made = []

    def make():
        name = f"unicom_backup_{uuid.uuid4().hex[:12]}"
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        url = make_url(pg_server_url).set(database=name)
        return url.render_as_string(hide_password=False)

    yield make
    with admin.connect() as connection:
        for name in made:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.postgres
def test_a_postgres_backup_restores_every_balance(tmp_path, scratch_databases, monkeypatch):
    source, target = scratch_databases(), scratch_databases()
    upgrade(source)
    account_ids = load(source)
    before = accounts(source, account_ids)
    monkeypatch.setenv("PGHOST", "no-such-host.invalid")  # the URL's settings win
    report = backup(source, tmp_path / "hall.dump")
    assert (report.kind, report.revision) == ("postgresql", head_revision())
    assert make_url(source).password not in str(report)
    assert backup_revision(tmp_path / "hall.dump") == head_revision()
    with pytest.raises(UnicomError) as refused:
        restore(tmp_path / "hall.dump", source)
    assert refused.value.code == "backup.target_not_empty"
    with pytest.raises(UnicomError) as wrong:
        restore(tmp_path / "hall.dump", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert wrong.value.code == "backup.wrong_database"

    assert restore(tmp_path / "hall.dump", target).revision == head_revision()
    restored = accounts(target, account_ids)
    assert restored == before
    assert_ledgers_add_up(restored)
    assert restore(tmp_path / "hall.dump", target, force=True).revision == head_revision()
    assert accounts(target, account_ids) == before


def test_the_password_goes_through_the_environment_never_the_command_line(tmp_path, monkeypatch):
    from unicom_sql import postgres_tools  # noqa: PLC0415 - the module whose runs are watched

    calls = []

    def run(arguments, **options):
        calls.append((arguments, options.get("env")))  # pg_config has none
        raise OSError(2, "watched, not run")

    monkeypatch.setattr(postgres_tools.subprocess, "run", run)
    monkeypatch.setenv("PGSERVICE", "elsewhere")
    url = make_url("postgresql+psycopg://hall:s3cret-word@db.example:6543/hall?sslmode=require")
    with pytest.raises(UnicomError) as failed:
        postgres_tools.dump(url, tmp_path / "x.dump")
    assert failed.value.code == "backup.tool_failed"
    (arguments, env), *_ = [call for call in calls if "pg_dump" in call[0][0]]
    assert not any("s3cret" in argument for argument in arguments)
    assert env["PGPASSWORD"] == "s3cret-word"
    assert (env["PGHOST"], env["PGPORT"], env["PGSSLMODE"]) == ("db.example", "6543", "require")
    assert "PGSERVICE" not in env


def test_a_missing_program_is_a_typed_error():
    from unicom_sql import postgres_tools  # noqa: PLC0415 - the module whose lookup is tested

    with pytest.raises(UnicomError) as missing:
        postgres_tools.tool("pg_no_such_program")
    assert missing.value.code == "backup.tool_missing"


def test_a_missing_database_file_is_not_backed_up_nor_made(tmp_path):
    with pytest.raises(UnicomError) as missing:
        backup(f"sqlite:///{tmp_path / 'nowhere.sqlite3'}", tmp_path / "x.backup")
    assert missing.value.code == "storage.unavailable"
    assert list(tmp_path.iterdir()) == []
