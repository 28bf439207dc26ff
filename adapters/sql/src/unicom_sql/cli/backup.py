"""``unicom db backup PATH`` and ``unicom db restore PATH``: the hall's database to a file and back.

The work is :mod:`unicom_sql.backup`'s (SQLite's online backup API, PostgreSQL's ``pg_dump``
and ``pg_restore``); these commands name the database by the settings (``--database-url``,
``UNICOM_DATABASE_URL`` or ``--config``) and print one line of what they did. A backup never
overwrites a file; a restore refuses a target that holds tables unless ``--force``. Neither
builds a hall (a restore's target has no schema yet, a backup may be of an older revision),
so neither writes the hall's audit log: the operating system's log of who ran them is the
record.
"""

from __future__ import annotations

from pathlib import Path  # noqa: TC003 - Typer reads the annotations at run time
from typing import Annotated

import typer

from unicom_sql import backup as backups
from unicom_sql.cli.app import db_app, guarded, settings_of

__all__ = ["db_backup", "db_restore"]


@db_app.command("backup")
@guarded
def db_backup(
    ctx: typer.Context,
    *,
    path: Annotated[Path, typer.Argument(help="the new backup file (never overwritten)")],
) -> None:
    """Write a consistent backup of the database to a new file, while the hall runs."""
    typer.echo(str(backups.backup(settings_of(ctx).url(), path)))


@db_app.command("restore")
@guarded
def db_restore(
    ctx: typer.Context,
    *,
    path: Annotated[Path, typer.Argument(help="a file written by `unicom db backup`")],
    force: Annotated[
        bool, typer.Option("--force", help="restore over a database that holds tables")
    ] = False,
) -> None:
    """Restore a backup into the database (an empty one, unless --force)."""
    typer.echo(str(backups.restore(path, settings_of(ctx).url(), force=force)))
