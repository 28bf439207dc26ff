"""Back up a hall's database to one file, and restore it: SQLite and PostgreSQL.

A backup is the database's own format, so the vendor's tools read it too:

* **SQLite**: a copy of the database file made by SQLite's online backup API
  (:meth:`sqlite3.Connection.backup`, in one step): the copy is one consistent snapshot taken
  in a read transaction, and in WAL mode the hall's writers go on while it is taken. The copy
  is switched to the rollback journal, so the backup is that one file.
* **PostgreSQL**: ``pg_dump --format=custom`` of the whole database, restored by
  ``pg_restore --clean --if-exists --single-transaction --exit-on-error`` (all or nothing),
  without owners and grants (the target's user owns what it restores). The connection
  settings go to the programs through the ``PG*`` environment variables, the password as
  ``PGPASSWORD``: never on a command line, where ``ps`` would show it. The programs are
  looked for in ``pg_config --bindir``, Debian's ``/usr/lib/postgresql/15/bin``, then the
  ``PATH``.

Both formats carry the schema revision (the version table is in the backup): :func:`backup`
reports it, and :func:`restore` reads it from the file first and refuses a revision this
release does not know (``backup.revision_unknown``), a backup of the other database kind
(``backup.wrong_database``), a file that is no backup (``backup.unreadable``), and a target
that already holds tables unless ``force`` (``backup.target_not_empty``). A backup never
overwrites a file (``backup.exists``); it is written beside its path and linked into place
when complete, readable by its owner only (it holds personal data and password hashes).
A restore of an older revision leaves the database at it: ``unicom db upgrade`` brings it up.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

import attrs
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import text
from sqlalchemy.pool import NullPool

from unicom_core.domain.shared import (
    STORAGE_BUSY,
    STORAGE_FAILED,
    STORAGE_SCHEMA_MISSING,
    STORAGE_UNAVAILABLE,
)
from unicom_sql import postgres_tools
from unicom_sql.codes import (
    BACKUP_EXISTS,
    BACKUP_REVISION_UNKNOWN,
    BACKUP_TARGET_NOT_EMPTY,
    BACKUP_UNREADABLE,
    BACKUP_WRONG_DATABASE,
)
from unicom_sql.engines import BUSY_TIMEOUT_MS, create_engine, parse_url, printable
from unicom_sql.errors import UPGRADE_HINT, translated
from unicom_sql.migrate import current_revision, head_revision
from unicom_sql.schema import VERSION_TABLE

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy.engine import URL

__all__ = ["BackupReport", "Kind", "RestoreReport", "backup", "backup_revision", "restore"]

Kind = Literal["sqlite", "postgresql"]
"""The database kind of a backup file, read from its first bytes."""

_MAGIC: Final[dict[bytes, Kind]] = {b"SQLite format 3\x00": "sqlite", b"PGDMP": "postgresql"}
_SCRIPTS: Final = Path(__file__).parent / "migrations"
_PRIVATE: Final = 0o600


@attrs.frozen
class BackupReport:
    """What :func:`backup` wrote: where, of which database, at which schema revision."""

    path: Path
    database: str
    kind: Kind
    revision: str
    size: int

    def __str__(self) -> str:
        return (
            f"backed up {self.database} to {self.path} ({self.kind}, schema revision "
            f"{self.revision}, {self.size} bytes)"
        )


@attrs.frozen
class RestoreReport:
    """What :func:`restore` did: the database restored, its revision and this release's."""

    path: Path
    database: str
    revision: str
    head: str

    def __str__(self) -> str:
        done = f"restored {self.path} into {self.database} at schema revision {self.revision}"
        if self.revision == self.head:
            return f"{done} (up to date)"
        return f"{done}; this release's head is {self.head}: {UPGRADE_HINT}"


# ---------------------------------------------------------------- the public functions


def backup(url: str, path: Path | str) -> BackupReport:
    """Write a backup of the database at ``url`` to the new file ``path``; see the module.

    Raises:
        Conflict: ``backup.exists`` when ``path`` exists.
        AdapterError: ``storage.*`` (a bad URL, no database, no unicom schema),
            ``backup.tool_missing`` / ``backup.tool_failed`` (PostgreSQL's programs).
    """
    parsed, target = parse_url(url), Path(path)
    if target.exists():
        raise BACKUP_EXISTS.error(path=str(target))
    with _partial(target) as partial:
        if parsed.get_backend_name() == "sqlite":
            _sqlite_backup(parsed, partial)
        else:
            postgres_tools.dump(parsed, partial)
        revision = backup_revision(partial)
        if revision is None:
            raise STORAGE_SCHEMA_MISSING.error(
                f"the database at {printable(parsed)} has no unicom schema to back up",
                url=printable(parsed),
            )
        try:
            os.link(partial, target)  # never over a file made meanwhile
        except FileExistsError:
            raise BACKUP_EXISTS.error(path=str(target)) from None
        except OSError as error:  # e.g. a file system without hard links
            message = f"cannot write the backup at {target}: {error.strerror}"
            raise STORAGE_UNAVAILABLE.error(message, url=str(target)) from None
    kind = _kind_of(target)
    return BackupReport(target, printable(parsed), kind, revision, target.stat().st_size)


def backup_revision(path: Path | str) -> str | None:
    """The schema revision recorded in the backup file ``path`` (None: no unicom schema).

    Raises:
        InvalidInput: ``backup.unreadable`` for a file that is no SQLite or pg_dump backup.
    """
    source = Path(path)
    if _kind_of(source) == "sqlite":
        return _sqlite_revision(source)
    return postgres_tools.dumped_revision(source, VERSION_TABLE)


def restore(path: Path | str, url: str, *, force: bool = False) -> RestoreReport:
    """Restore the backup file ``path`` into the database at ``url``; see the module.

    Raises:
        InvalidInput: ``backup.unreadable``, ``backup.wrong_database``.
        Conflict: ``backup.revision_unknown``; ``backup.target_not_empty`` without ``force``.
        AdapterError: ``storage.*``, ``backup.tool_missing`` / ``backup.tool_failed``.
    """
    source, parsed = Path(path), parse_url(url)
    where = printable(parsed)
    kind, expected = _kind_of(source), _kind_of_url(parsed)
    if kind != expected:
        raise BACKUP_WRONG_DATABASE.error(found=kind, expected=expected)
    revision = backup_revision(source)
    if revision is None:
        raise BACKUP_UNREADABLE.error(
            f"{source} holds no unicom schema (no {VERSION_TABLE} table)", path=str(source)
        )
    _require_known(revision)
    if not force and _holds_tables(parsed):
        raise BACKUP_TARGET_NOT_EMPTY.error(url=where)
    if kind == "sqlite":
        _sqlite_restore(source, parsed)
    else:
        postgres_tools.restore(source, parsed)
    restored = current_revision(parsed.render_as_string(hide_password=False))
    return RestoreReport(source, where, restored or revision, head_revision())


# ---------------------------------------------------------------- checks


def _kind_of(path: Path) -> Kind:
    try:
        with path.open("rb") as file:
            start = file.read(16)
    except OSError as error:
        message = f"cannot read {path}: {error.strerror}"
        raise BACKUP_UNREADABLE.error(message, path=str(path)) from None
    for magic, kind in _MAGIC.items():
        if start.startswith(magic):
            return kind
    raise BACKUP_UNREADABLE.error(path=str(path))


def _kind_of_url(url: URL) -> Kind:
    return "sqlite" if url.get_backend_name() == "sqlite" else "postgresql"


def _require_known(revision: str) -> None:
    try:
        known = ScriptDirectory(str(_SCRIPTS)).get_revision(revision) is not None
    except CommandError:
        known = False
    if not known:
        raise BACKUP_REVISION_UNKNOWN.error(found=revision)


def _holds_tables(url: URL) -> bool:
    """Whether the target database has any table (a missing SQLite file has none)."""
    if url.get_backend_name() == "sqlite":
        file = _sqlite_file(url)
        if not file.exists() or file.stat().st_size == 0:
            return False
        query = "SELECT count(*) FROM sqlite_master WHERE type = 'table'"
    else:
        query = (
            "SELECT count(*) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
            "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') "
            "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND n.nspname NOT LIKE 'pg\\_%'"
        )
    engine = create_engine(url, poolclass=NullPool)
    try:
        with translated(printable(url)), engine.connect() as connection:
            return bool(connection.execute(text(query)).scalar_one())
    finally:
        engine.dispose()


@contextlib.contextmanager
def _partial(target: Path) -> Iterator[Path]:
    """A new private file beside ``target`` to write into; removed afterwards."""
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:12]}.partial")
    try:
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _PRIVATE))
    except OSError as error:
        message = f"cannot write a backup beside {target}: {error.strerror}"
        raise STORAGE_UNAVAILABLE.error(message, url=str(target)) from None
    try:
        yield partial
    finally:
        partial.unlink(missing_ok=True)


# ---------------------------------------------------------------- SQLite


def _sqlite_file(url: URL) -> Path:
    database = url.database or ""
    if database.startswith("file:"):
        database = database.removeprefix("file:").partition("?")[0]
    return Path(database)


def _sqlite_connect(file: Path, mode: Literal["ro", "rw", "rwc"]) -> sqlite3.Connection:
    """A plain connection: ``ro`` a backup, ``rw`` the hall's file, ``rwc`` a new file.

    The hall's file is opened ``rw`` (it must exist): a read-only last connection could not
    checkpoint its WAL, and would leave the ``-wal`` and ``-shm`` files behind.
    """
    uri = f"{file.resolve().as_uri()}?mode={mode}"
    try:
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as error:
        message = f"cannot open the SQLite file {file}: {error}"
        raise STORAGE_UNAVAILABLE.error(message, url=str(file)) from None


@contextlib.contextmanager
def _sqlite_errors(where: str) -> Iterator[None]:
    """Turn an error of the ``sqlite3`` module (no SQLAlchemy here) into a typed one."""
    try:
        yield
    except sqlite3.Error as error:
        detail = str(error) or type(error).__name__
        if "locked" in detail or "busy" in detail:
            message = f"the SQLite database at {where} stayed locked: {detail}"
            raise STORAGE_BUSY.error(message, url=where) from None
        message = f"the SQLite database at {where} failed: {detail}"
        raise STORAGE_FAILED.error(message, url=where) from None


def _sqlite_backup(url: URL, partial: Path) -> None:
    file = _sqlite_file(url)
    if not file.is_file():
        message = f"there is no SQLite database file at {file.resolve()}; {UPGRADE_HINT}"
        raise STORAGE_UNAVAILABLE.error(message, url=printable(url))
    source = _sqlite_connect(file, "rw")
    copy = _sqlite_connect(partial, "rwc")
    try:
        with _sqlite_errors(printable(url)):
            source.backup(copy)  # one step: one snapshot; WAL writers go on meanwhile
            copy.execute("PRAGMA journal_mode = DELETE")
    finally:
        copy.close()
        source.close()


def _sqlite_revision(path: Path) -> str | None:
    database = _sqlite_connect(path, "ro")
    try:
        ok = database.execute("PRAGMA quick_check").fetchone()
        if ok is None or ok[0] != "ok":
            raise BACKUP_UNREADABLE.error(f"{path} is a damaged SQLite file", path=str(path))
        row = database.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", (VERSION_TABLE,)
        ).fetchone()
        if row is None:
            return None
        found = database.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchone()  # noqa: S608 - a constant
    except sqlite3.DatabaseError as error:
        message = f"{path} is no readable SQLite database: {error}"
        raise BACKUP_UNREADABLE.error(message, path=str(path)) from None
    finally:
        database.close()
    return None if found is None else str(found[0])


def _sqlite_restore(source: Path, url: URL) -> None:
    backup_file = _sqlite_connect(source, "ro")
    target = _sqlite_connect(_sqlite_file(url), "rwc")
    try:
        with _sqlite_errors(printable(url)):
            backup_file.backup(target)  # replaces the target's pages in one transaction
            target.execute("PRAGMA journal_mode = WAL")
    finally:
        target.close()
        backup_file.close()
