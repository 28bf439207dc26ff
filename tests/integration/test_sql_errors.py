"""A wrong file, URL or password is a clear AdapterError, never a driver traceback."""

from __future__ import annotations

import pytest
from sqlalchemy import exc, insert
from sqlalchemy.engine import make_url
from unicom_sql import create_storage
from unicom_sql.errors import translate, translated
from unicom_sql.schema import subscribers
from unicom_sql.testing import empty

from unicom_core.errors import ERROR_CODES, AdapterError, Conflict


def _refused(url):
    with pytest.raises(AdapterError) as caught:
        create_storage(url)
    assert caught.value.data["url"]
    return caught.value


@pytest.mark.parametrize(
    "url",
    [
        "",
        "no scheme at all",
        "oracle://scott:tiger@localhost/hall",
        "postgresql+asyncpg://someone@localhost/hall",
        "sqlite://",
        "sqlite:///:memory:",
    ],
)
def test_an_unusable_url_is_a_bad_url(url):
    assert _refused(url).code == "storage.bad_url"


def test_a_missing_database_file_is_unavailable_and_is_not_created(tmp_path):
    path = tmp_path / "missing.sqlite3"
    error = _refused(f"sqlite:///{path}")
    assert error.code == "storage.unavailable"
    assert "unicom db upgrade" in error.message
    assert not path.exists()


def test_a_file_that_is_not_a_database_is_unavailable(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("this is not a SQLite database, it is a shopping list\n" * 100)
    error = _refused(f"sqlite:///{path}")
    assert error.code == "storage.unavailable"
    assert "not a database" in error.message


def test_a_directory_instead_of_a_file_is_unavailable(tmp_path):
    assert _refused(f"sqlite:///{tmp_path}").code == "storage.unavailable"


@pytest.mark.postgres
def test_a_wrong_password_is_unavailable_and_the_password_is_not_shown(pg_server_url):
    url = make_url(pg_server_url).set(password="not-the-password")  # noqa: S106 - wrong on purpose
    error = _refused(url.render_as_string(hide_password=False))
    assert error.code == "storage.unavailable"
    assert "password authentication failed" in error.message
    assert "not-the-password" not in str(error)
    assert "***" in error.data["url"]


@pytest.mark.postgres
def test_a_missing_database_is_unavailable(pg_server_url):
    url = make_url(pg_server_url).set(database="no_such_hall")
    error = _refused(url.render_as_string(hide_password=False))
    assert error.code == "storage.unavailable"
    assert "no_such_hall" in error.message


@pytest.mark.postgres
def test_no_server_on_the_port_is_unavailable(pg_server_url):
    url = make_url(pg_server_url).set(port=1, query={"connect_timeout": "2"})
    assert _refused(url.render_as_string(hide_password=False)).code == "storage.unavailable"


def test_tables_dropped_under_a_running_storage_say_schema_missing(db_url):
    storage = create_storage(db_url)
    try:
        with storage.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE counters")
        with pytest.raises(AdapterError) as caught, storage.transaction() as tx:
            tx.counters.taken("promo:517")
        assert caught.value.code == "storage.schema_missing"
        assert "unicom db upgrade" in caught.value.message
    finally:
        storage.close()


@pytest.mark.postgres
def test_pooled_connections_killed_by_the_server_are_replaced(pg_url):
    storage = create_storage(pg_url)
    try:
        with storage.transaction() as tx:
            assert tx.counters.try_take("promo:517", 1, 5)
        with storage.engine.connect() as connection:
            mine = connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
        admin = create_storage(pg_url)
        with admin.engine.begin() as connection:
            connection.exec_driver_sql(f"SELECT pg_terminate_backend({int(mine)})")
        admin.close()
        with storage.transaction() as tx:  # pre-ping notices and reconnects
            assert tx.counters.taken("promo:517") == 1
    finally:
        storage.close()


def test_empty_leaves_the_schema_and_no_rows(db_url):
    storage = create_storage(db_url)
    try:
        with storage.transaction() as tx:
            assert tx.counters.try_take("promo:517", 1, 1)
        empty(storage)
        with storage.transaction() as tx:
            assert tx.counters.taken("promo:517") == 0
    finally:
        storage.close()


class _Diagnostic:
    def __init__(self, constraint_name):
        self.constraint_name = constraint_name


class _Orig(Exception):
    def __init__(self, message, sqlstate=None, constraint=None):
        super().__init__(message)
        self.sqlstate = sqlstate
        self.diag = _Diagnostic(constraint)


@pytest.mark.parametrize(
    ("error", "kind", "code"),
    [
        (
            exc.IntegrityError("INSERT", {}, _Orig("duplicate key", "23505")),
            Conflict,
            "storage.duplicate",
        ),
        (
            exc.IntegrityError(
                "UPDATE", {}, _Orig("duplicate key", "23505", "uq_subscribers_number_key")
            ),
            Conflict,
            "storage.duplicate_number",
        ),
        (
            exc.IntegrityError(
                "UPDATE", {}, _Orig("UNIQUE constraint failed: customers.resident_id")
            ),
            Conflict,
            "storage.duplicate_resident_id",
        ),
        (
            exc.IntegrityError("INSERT", {}, _Orig("FOREIGN KEY constraint failed")),
            Conflict,
            "storage.reference",
        ),
        (
            exc.OperationalError("UPDATE", {}, _Orig("deadlock detected", "40P01")),
            Conflict,
            "storage.contention",
        ),
        (
            exc.OperationalError("UPDATE", {}, _Orig("could not serialize", "40001")),
            Conflict,
            "storage.contention",
        ),
        (
            exc.OperationalError("UPDATE", {}, _Orig("database is locked")),
            AdapterError,
            "storage.busy",
        ),
        (
            exc.ProgrammingError("SELECT", {}, _Orig('relation "x" does not exist', "42P01")),
            AdapterError,
            "storage.schema_missing",
        ),
        (
            exc.ProgrammingError("SELECT", {}, _Orig("syntax error", "42601")),
            AdapterError,
            "storage.failed",
        ),
        (
            exc.ProgrammingError("SELECT", {}, _Orig("too many connections", "53300")),
            AdapterError,
            "storage.unavailable",
        ),
        (exc.ArgumentError("Could not parse SQLAlchemy URL"), AdapterError, "storage.bad_url"),
        (exc.ResourceClosedError("closed"), AdapterError, "storage.failed"),
    ],
)
def test_every_driver_error_maps_to_one_code(error, kind, code):
    translated_error = translate(error, "sqlite:///hall.sqlite3")
    assert type(translated_error) is kind
    assert translated_error.code == code
    assert translated_error.data["url"] == "sqlite:///hall.sqlite3"


def test_translated_chains_the_driver_error_for_debugging():
    original = exc.OperationalError("SELECT 1", {}, _Orig("disk I/O error"))
    with pytest.raises(AdapterError) as caught, translated("sqlite:///hall.sqlite3"):
        raise original
    assert caught.value.__cause__ is original
    assert caught.value.code == "storage.unavailable"


def test_a_unique_key_broken_behind_the_adapters_back_names_the_key(db_url):
    """The last line of defence: a raw duplicate is still the right Conflict, on each backend."""
    storage = create_storage(db_url)
    row = {"customer_id": "c1", "number_key": "mobile:18612345678", "body": {}, "version": 1}
    try:
        with storage.engine.begin() as connection:
            connection.execute(insert(subscribers).values(id="s1", **row))
            with pytest.raises(Conflict) as caught, translated("test"):
                connection.execute(insert(subscribers).values(id="s2", **row))
            connection.rollback()
    finally:
        storage.close()
    assert caught.value.code == "storage.duplicate_number"


@pytest.mark.parametrize(
    ("name", "code", "field"),
    [
        ("uq_subscribers_number_key", "storage.duplicate_number", "number"),
        ("uq_credentials_email", "storage.duplicate_email", "email"),
        ("uq_recharge_cards_secret_digest", "storage.duplicate_secret", "secret"),
    ],
)
def test_a_unique_violation_raises_the_declared_code_with_its_field(name, code, field):
    """The table of unique keys holds declared codes: the Conflict names the field it clashed on."""
    error = translate(exc.IntegrityError("INSERT", {}, _Orig("dup", "23505", name)), "test")
    assert (type(error), error.code, error.data["field"]) == (Conflict, code, field)
    assert ERROR_CODES[code].kind is Conflict
