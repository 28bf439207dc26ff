"""PostgreSQL's ``pg_dump`` and ``pg_restore`` run for :mod:`unicom_sql.backup`.

The programs get the connection from the ``PG*`` environment variables made from the
database URL (parsed by SQLAlchemy's ``make_url``): host, port, user, database and the URL's
libpq query parameters (``sslmode``, ``options`` ...), and the password as ``PGPASSWORD``,
never on the command line. Every ``PG*`` variable of the caller's environment is dropped
first, so a stray ``PGSERVICE`` or ``PGHOST`` cannot point a restore at another server.
The programs are found in ``pg_config --bindir``, Debian's ``/usr/lib/postgresql/15/bin``,
then the ``PATH`` (``backup.tool_missing`` when none has them); a program that fails gives
``backup.tool_failed`` with the first lines it wrote on standard error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final

from unicom_sql.codes import BACKUP_TOOL_FAILED, BACKUP_TOOL_MISSING, BACKUP_UNREADABLE
from unicom_sql.engines import printable
from unicom_sql.errors import bad_url

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

__all__ = ["DEBIAN_BINDIR", "dump", "dumped_revision", "environment", "restore", "tool"]

DEBIAN_BINDIR: Final = Path("/usr/lib/postgresql/15/bin")
"""Where Debian installs PostgreSQL 15's programs (looked at after ``pg_config --bindir``)."""

_QUERY_VARIABLES: Final = {
    "application_name": "PGAPPNAME",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "options": "PGOPTIONS",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}
_ERROR_LINES: Final = 3


def tool(name: str) -> str:
    """The path of PostgreSQL's program ``name`` (``backup.tool_missing`` when absent)."""
    for directory in (_pg_config_bindir(), DEBIAN_BINDIR):
        if directory is not None and (directory / name).is_file():
            return str(directory / name)
    found = shutil.which(name)
    if found is None:
        raise BACKUP_TOOL_MISSING.error(
            f"the PostgreSQL client program {name} is not installed (looked in pg_config "
            f"--bindir, {DEBIAN_BINDIR} and the PATH)",
            tool=name,
        )
    return found


def _pg_config_bindir() -> Path | None:
    pg_config = shutil.which("pg_config")
    if pg_config is None:
        return None
    try:
        done = subprocess.run(  # noqa: S603 - a fixed argument list, no shell
            [pg_config, "--bindir"], capture_output=True, text=True, check=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return Path(done.stdout.strip()) if done.stdout.strip() else None


def _without_pg_variables() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if not key.startswith("PG")}


def environment(url: URL) -> dict[str, str]:
    """The environment of a program connecting to ``url``: the caller's, ``PG*`` from the URL.

    Raises:
        AdapterError: ``storage.bad_url`` for a query parameter libpq's programs would not
            read from the environment, or a URL with several hosts.
    """
    variables = _without_pg_variables()
    given = {
        "PGHOST": url.host,
        "PGPORT": None if url.port is None else str(url.port),
        "PGUSER": url.username,
        "PGPASSWORD": url.password,
        "PGDATABASE": url.database,
    }
    for key, value in url.query.items():
        if key not in _QUERY_VARIABLES or not isinstance(value, str):
            detail = f"the programs pg_dump and pg_restore cannot take its parameter {key!r}"
            raise bad_url(printable(url), detail)
        given[_QUERY_VARIABLES[key]] = value
    variables.update({key: value for key, value in given.items() if value})
    return variables


def _run(
    url: URL | None, arguments: list[str], stdout: int | IO[bytes]
) -> subprocess.CompletedProcess[bytes]:
    """Run a program; its result (the caller checks the exit code)."""
    program = tool(arguments[0])
    variables = environment(url) if url is not None else _without_pg_variables()
    try:
        return subprocess.run(  # noqa: S603, PLW1510 - fixed arguments, no shell; checked by the caller
            [program, *arguments[1:]],
            env=variables,
            stdout=stdout,
            stderr=subprocess.PIPE,
        )
    except OSError as error:
        message = f"cannot run {program}: {error.strerror}"
        raise BACKUP_TOOL_FAILED.error(message, tool=arguments[0]) from None


def _failure(done: subprocess.CompletedProcess[bytes], name: str) -> str:
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()[:_ERROR_LINES]
    return f"{name} failed (exit {done.returncode}): " + " / ".join(lines)


def _checked(url: URL, arguments: list[str], stdout: int | IO[bytes]) -> None:
    done = _run(url, arguments, stdout)
    if done.returncode != 0:
        raise BACKUP_TOOL_FAILED.error(_failure(done, arguments[0]), tool=arguments[0])


def dump(url: URL, path: Path) -> None:
    """Write ``pg_dump --format=custom`` of the database at ``url`` into the file ``path``."""
    with path.open("wb") as file:
        _checked(url, ["pg_dump", "--format=custom", "--no-password"], file)


def dumped_revision(path: Path, table: str) -> str | None:
    """The revision in the version ``table`` of the dump ``path`` (None: no such table).

    Raises:
        InvalidInput: ``backup.unreadable`` when ``pg_restore`` cannot read the file.
    """
    arguments = ["pg_restore", "--data-only", f"--table={table}", "--file=-", str(path)]
    done = _run(None, arguments, subprocess.PIPE)
    if done.returncode != 0:
        message = f"{path} is no readable pg_dump archive: {_failure(done, 'pg_restore')}"
        raise BACKUP_UNREADABLE.error(message, path=str(path))
    copying = False
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        if copying:
            return None if line == "\\." else line.split("\t", 1)[0]
        copying = line.startswith("COPY ") and f".{table} " in line
    return None


def restore(path: Path, url: URL) -> None:
    """Restore the dump ``path`` into the database at ``url``: all of it or nothing."""
    if not url.database:
        raise bad_url(printable(url), "name the database to restore into")
    arguments = [
        "pg_restore",
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        "--no-password",
        f"--dbname={url.database}",
        str(path),
    ]
    _checked(url, arguments, subprocess.DEVNULL)
