"""The ``unicom-sql`` command: ``unicom-sql upgrade URL`` makes or upgrades the schema.

Why a command of its own: operators run migrations at deploy time, before any application
process opens the database; a failure prints one line naming the problem, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from unicom_core.errors import UnicomError
from unicom_sql import migrate

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="unicom-sql", description="Manage the SQL schema of unicom_core."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    upgrade = commands.add_parser(
        "upgrade", help="create the schema, or bring it up to this release's revision"
    )
    upgrade.add_argument(
        "url", help="e.g. sqlite:///hall.sqlite3 or postgresql+psycopg://user:pw@host/db"
    )
    upgrade.add_argument("--revision", default="head", help="target revision (default: head)")
    current = commands.add_parser("current", help="print the schema revision of a database")
    current.add_argument("url", help="the database URL")
    return parser


def _run(arguments: argparse.Namespace) -> str:
    if arguments.command == "upgrade":
        return str(migrate.upgrade(arguments.url, arguments.revision))
    revision = migrate.current_revision(arguments.url)
    head = migrate.head_revision()
    if revision is None:
        return f"no unicom schema (this release's head is {head})"
    state = "up to date" if revision == head else f"behind head {head}"
    return f"{revision} ({state})"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code (0 on success, 1 on failure)."""
    arguments = _parser().parse_args(argv)
    try:
        outcome = _run(arguments)
    except UnicomError as error:
        sys.stderr.write(f"unicom-sql: error: {error}\n")
        return 1
    sys.stdout.write(outcome + "\n")
    return 0


if __name__ == "__main__":  # pragma: no cover - `python -m unicom_sql.cli`
    sys.exit(main())
