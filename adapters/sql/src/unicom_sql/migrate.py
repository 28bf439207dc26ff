"""Create and upgrade the schema through Alembic: the only way unicom_sql's tables are made.

Why Alembic only: a database created by hand drifts from what the next release migrates
from. :func:`upgrade` runs every pending revision in one transaction (DDL is transactional on
both PostgreSQL and SQLite), so a failed upgrade leaves the schema where it was; running it
again on an up-to-date database changes nothing.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Final

import attrs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy.pool import NullPool

from unicom_core.domain.shared import (
    STORAGE_MIGRATION_FAILED,
    STORAGE_SCHEMA_MISSING,
    STORAGE_SCHEMA_OUTDATED,
)
from unicom_sql.engines import create_engine, parse_url, printable, require_existing_file
from unicom_sql.errors import UPGRADE_HINT, translated
from unicom_sql.schema import VERSION_TABLE

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = [
    "MigrationReport",
    "current_revision",
    "head_revision",
    "require_current",
    "revision_of",
    "upgrade",
]

_SCRIPTS: Final = Path(__file__).parent / "migrations"


@attrs.frozen
class MigrationReport:
    """What :func:`upgrade` did: the revision before and after, and the revisions applied."""

    url: str
    before: str | None
    after: str | None
    applied: tuple[str, ...]

    def __str__(self) -> str:
        if not self.applied:
            return f"{self.url} is already at revision {self.after} (head); nothing to do"
        start = self.before or "an empty schema"
        return f"upgraded {self.url} from {start} to {self.after}; applied " + "; ".join(
            self.applied
        )


def _scripts() -> ScriptDirectory:
    return ScriptDirectory(str(_SCRIPTS))


@functools.cache
def head_revision() -> str:
    """The newest revision this release of unicom_sql knows.

    Read once a process: Alembic finds it by executing every migration script (some 10 ms),
    and the scripts are this package's own files, fixed for the life of the process.
    """
    head = _scripts().get_current_head()
    if head is None:  # pragma: no cover - the package always ships revision 0001
        msg = "unicom_sql ships no migrations"
        raise RuntimeError(msg)
    return head


def revision_of(connection: Connection) -> str | None:
    """The schema revision stamped in the database on ``connection`` (None when empty)."""
    context = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE})
    return context.get_current_revision()


def current_revision(url: str) -> str | None:
    """The schema revision of the database at ``url`` (None when it has no unicom tables)."""
    parsed = parse_url(url)
    require_existing_file(parsed)
    engine = create_engine(parsed, poolclass=NullPool)
    try:
        with translated(printable(parsed)), engine.connect() as connection:
            return revision_of(connection)
    finally:
        engine.dispose()


def _applied(before: str | None, after: str | None) -> tuple[str, ...]:
    if after is None or before == after:
        return ()
    scripts = _scripts().iterate_revisions(after, before or "base")
    return tuple(
        f"{script.revision} {script.doc.rstrip('.')}" for script in reversed(list(scripts))
    )


def _config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    config.attributes["connection"] = connection
    return config


def upgrade(url: str, revision: str = "head") -> MigrationReport:
    """Bring the schema at ``url`` up to ``revision`` (default: the newest) in one transaction.

    Raises:
        AdapterError: ``storage.bad_url``, ``storage.unavailable``, or
            ``storage.migration_failed`` when Alembic refuses (e.g. a database stamped by a
            newer release).
    """
    where = printable(parse_url(url))
    engine = create_engine(url, poolclass=NullPool)
    try:
        with translated(where), engine.begin() as connection:
            before = revision_of(connection)
            command.upgrade(_config(connection), revision)
            after = revision_of(connection)
    except CommandError as error:
        raise STORAGE_MIGRATION_FAILED.error(
            f"cannot upgrade {where}: {error}", url=where
        ) from error
    finally:
        engine.dispose()
    return MigrationReport(url=where, before=before, after=after, applied=_applied(before, after))


def require_current(connection: Connection, where: str) -> None:
    """Refuse a database whose schema is missing or not at this release's head revision."""
    found = revision_of(connection)
    if found is None:
        raise STORAGE_SCHEMA_MISSING.error(
            f"the database at {where} has no unicom schema; {UPGRADE_HINT}", url=where
        )
    expected = head_revision()
    if found != expected:
        raise STORAGE_SCHEMA_OUTDATED.error(
            f"the database at {where} is at schema revision {found}, this release needs "
            f"{expected}; {UPGRADE_HINT}",
            url=where,
            found=found,
            expected=expected,
        )
