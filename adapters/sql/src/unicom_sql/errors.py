"""The one place where driver and SQLAlchemy errors become unicom_core's error tree.

Why one place: SQLite and psycopg report the same situations (a duplicate key, a missing
table, a refused login) in different shapes; callers of the storage port switch on the
stable codes below and never see a driver traceback (docs/explanation/errors.md).

============================  =================  =====================================
code                          class              when
============================  =================  =====================================
``storage.bad_url``           ``AdapterError``   the URL cannot be parsed or names no
                                                 installed driver
``storage.unavailable``       ``AdapterError``   cannot connect: no server, wrong
                                                 password, missing file or directory
``storage.schema_missing``    ``AdapterError``   the tables are absent: run
                                                 ``unicom db upgrade``
``storage.busy``              ``AdapterError``   SQLite stayed locked past the timeout
``storage.disk_full``         ``AdapterError``   SQLite's ``SQLITE_FULL`` (or its
                                                 ``max_page_count``), PostgreSQL's
                                                 ``53100``: the write was rolled back
``storage.read_only_disk``    ``AdapterError``   SQLite cannot write its file: the file,
                                                 its WAL or its disk is read-only
``storage.failed``            ``AdapterError``   any other driver failure
``storage.duplicate``         ``Conflict``       a unique key is already taken
``storage.reference``         ``Conflict``       a foreign key names a missing row
``storage.contention``        ``Conflict``       PostgreSQL aborted a deadlock or a
                                                 serialization failure; retry
============================  =================  =====================================

The two disk faults are told apart from a plain ``storage.unavailable`` only when they
happen, never before: SQLite names ``SQLITE_FULL`` itself, but a read-only disk reaches it
as a failed ``write`` (``SQLITE_IOERR``), a refused open (``SQLITE_CANTOPEN``) or
``SQLITE_READONLY``, so on those the file and its WAL are asked whether they can be written
(``os.access``: false on a read-only mount and on an immutable file, for root too).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import exc
from sqlalchemy.engine import make_url

from unicom_core.domain.shared import (
    STORAGE_BAD_URL,
    STORAGE_BUSY,
    STORAGE_CONTENTION,
    STORAGE_DUPLICATE,
    STORAGE_FAILED,
    STORAGE_REFERENCE,
    STORAGE_SCHEMA_MISSING,
    STORAGE_UNAVAILABLE,
)
from unicom_sql.codes import STORAGE_DISK_FULL, STORAGE_READ_ONLY_DISK
from unicom_sql.schema import UNIQUE_CODES

if TYPE_CHECKING:
    from collections.abc import Iterator

    from unicom_core.errors import AdapterError, Conflict, ErrorCode, UnicomError

__all__ = ["UPGRADE_HINT", "bad_url", "translate", "translated"]

UPGRADE_HINT = "create or update the schema with `unicom db upgrade`"

# SQLSTATE classes and codes (PostgreSQL appendix A) that we name.
_FOREIGN_KEY = "23503"
_UNDEFINED_TABLE = "42P01"
_CONTENTION = frozenset({"40001", "40P01"})
_CONNECTION_CLASSES = ("08", "28", "3D", "53", "57")
# What SQLite says (it has no SQLSTATE) when the file itself cannot serve as a database.
_SQLITE_UNUSABLE = ("file is not a database", "disk image is malformed", "readonly database")
_DISK_FULL = "53100"
# SQLite's result codes (``sqlite_errorname``) of a write or an open the disk refused.
_SQLITE_FULL = "SQLITE_FULL"
_SQLITE_WRITE_REFUSED = ("SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_CANTOPEN")


def bad_url(where: str, detail: str) -> AdapterError:
    """The error for a URL that cannot name a database we can open."""
    return STORAGE_BAD_URL.error(
        f"cannot use {where} as a database URL: {detail}; expected e.g. "
        "sqlite:///hall.sqlite3 or postgresql+psycopg://user:secret@host:5432/hall",
        url=where,
    )


def _first_line(error: BaseException | None) -> str:
    if error is None:
        return "unknown driver error"
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


def _sqlstate(error: BaseException | None) -> str:
    state = getattr(error, "sqlstate", None)
    return state if isinstance(state, str) else ""


def _unique_key(error: BaseException | None, detail: str) -> tuple[ErrorCode[Conflict], str]:
    """The Conflict code and field of a unique key, by PostgreSQL constraint or SQLite column."""
    diagnostic = getattr(error, "diag", None)
    names = [getattr(diagnostic, "constraint_name", None), detail.rpartition(": ")[2]]
    return next((UNIQUE_CODES[n] for n in names if n in UNIQUE_CODES), (STORAGE_DUPLICATE, ""))


def _integrity(error: exc.IntegrityError, where: str) -> UnicomError:
    detail = _first_line(error.orig)
    state = _sqlstate(error.orig)
    if state == _FOREIGN_KEY or "FOREIGN KEY" in detail:
        return STORAGE_REFERENCE.error(
            f"a row refers to one that does not exist: {detail}", url=where
        )
    code, field = _unique_key(error.orig, detail)
    message = f"that key is already taken: {detail}"
    if code is STORAGE_DUPLICATE:
        return STORAGE_DUPLICATE.error(message, url=where)
    return code.error(message, field=field, url=where)


def _read_only_file(where: str) -> bool:
    """Whether the SQLite file of ``where`` or its WAL exists and cannot be written."""
    try:
        database = make_url(where).database
    except exc.ArgumentError:
        return False
    if not database or database.startswith("file:"):
        return False
    files = (Path(database), Path(database + "-wal"))
    return any(path.exists() and not os.access(path, os.W_OK) for path in files)


def _disk_fault(error: exc.DBAPIError, where: str, detail: str) -> AdapterError | None:
    """``storage.disk_full`` or ``storage.read_only_disk`` when the disk refused the write."""
    name = getattr(error.orig, "sqlite_errorname", "")
    name = name if isinstance(name, str) else ""
    kept = "the write was rolled back"
    if name == _SQLITE_FULL or _sqlstate(error.orig) == _DISK_FULL:
        return STORAGE_DISK_FULL.error(
            f"the disk of the database at {where} is full ({detail}); {kept}", url=where
        )
    if name.startswith(_SQLITE_WRITE_REFUSED) and _read_only_file(where):
        return STORAGE_READ_ONLY_DISK.error(
            f"the database at {where} cannot be written: its file or disk is read-only "
            f"({detail}); {kept}",
            url=where,
        )
    return None


def _operational(error: exc.DBAPIError, where: str) -> UnicomError:
    detail = _first_line(error.orig)
    state = _sqlstate(error.orig)
    lowered = detail.lower()
    disk = _disk_fault(error, where, detail)
    if disk is not None:
        return disk
    if state == _UNDEFINED_TABLE or "no such table" in lowered:
        return STORAGE_SCHEMA_MISSING.error(
            f"the database at {where} has no unicom tables ({detail}); {UPGRADE_HINT}", url=where
        )
    if state in _CONTENTION:
        return STORAGE_CONTENTION.error(f"a concurrent writer got in the way: {detail}", url=where)
    if "database is locked" in lowered or "database is busy" in lowered:
        return STORAGE_BUSY.error(
            f"the SQLite database at {where} stayed locked: {detail}", url=where
        )
    connecting = isinstance(error, exc.OperationalError | exc.InterfaceError)
    if (
        connecting
        or any(text in lowered for text in _SQLITE_UNUSABLE)
        or state.startswith(_CONNECTION_CLASSES)
        or error.connection_invalidated
    ):
        return STORAGE_UNAVAILABLE.error(f"cannot use the database at {where}: {detail}", url=where)
    return STORAGE_FAILED.error(f"the database at {where} failed: {detail}", url=where)


def translate(error: exc.SQLAlchemyError, where: str) -> UnicomError:
    """Map one SQLAlchemy error to the error tree; ``where`` is the password-free URL."""
    if isinstance(error, exc.IntegrityError):
        return _integrity(error, where)
    if isinstance(error, exc.DBAPIError):
        return _operational(error, where)
    if isinstance(error, exc.ArgumentError | exc.NoSuchModuleError):
        return bad_url(where, _first_line(error))
    return STORAGE_FAILED.error(f"the database at {where} failed: {_first_line(error)}", url=where)


@contextmanager
def translated(where: str) -> Iterator[None]:
    """Run a block, re-raising any SQLAlchemy error as a :class:`UnicomError`."""
    try:
        yield
    except exc.SQLAlchemyError as error:
        raise translate(error, where) from error
