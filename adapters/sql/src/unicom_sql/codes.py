"""The error codes of the SQL adapter only.

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`).
"""

from __future__ import annotations

from unicom_core.errors import AdapterError, Conflict, ErrorCode, InvalidInput

__all__ = [
    "BACKUP_EXISTS",
    "BACKUP_REVISION_UNKNOWN",
    "BACKUP_TARGET_NOT_EMPTY",
    "BACKUP_TOOL_FAILED",
    "BACKUP_TOOL_MISSING",
    "BACKUP_UNREADABLE",
    "BACKUP_WRONG_DATABASE",
    "CLI_CONFIG",
    "CLI_HALL_FACTORY",
    "CLI_OUTPUT",
    "RELAY_PUBLISHER",
    "STORAGE_DISK_FULL",
    "STORAGE_READ_ONLY_DISK",
]

BACKUP_EXISTS = ErrorCode(
    "backup.exists",
    Conflict,
    "a file exists at {path}; a backup never overwrites one",
    fields=("path",),
)
BACKUP_REVISION_UNKNOWN = ErrorCode(
    "backup.revision_unknown",
    Conflict,
    "the backup is at schema revision {found}, which this release does not know",
    fields=("found",),
)
BACKUP_TARGET_NOT_EMPTY = ErrorCode(
    "backup.target_not_empty",
    Conflict,
    "the database at {url} holds tables; restore over it only with --force",
    fields=("url",),
)
BACKUP_TOOL_FAILED = ErrorCode(
    "backup.tool_failed", AdapterError, "the PostgreSQL program {tool} failed", fields=("tool",)
)
BACKUP_TOOL_MISSING = ErrorCode(
    "backup.tool_missing",
    AdapterError,
    "the PostgreSQL client program {tool} is not installed",
    fields=("tool",),
)
BACKUP_UNREADABLE = ErrorCode(
    "backup.unreadable", InvalidInput, "{path} is no readable unicom backup", fields=("path",)
)
BACKUP_WRONG_DATABASE = ErrorCode(
    "backup.wrong_database",
    InvalidInput,
    "a backup of a {found} database cannot be restored into a {expected} database",
    fields=("found", "expected"),
)

CLI_BILL_RUN_ENGINE = ErrorCode(
    "cli.bill_run_engine",
    InvalidInput,
    "no bill-run engine {engine!r} is installed (for Dask: install unicom-dask)",
    fields=("engine",),
)
CLI_CONFIG = ErrorCode(
    "cli.config",
    InvalidInput,
    "the command line's settings: {reason}",
    fields=("reason",),
)
CLI_HALL_FACTORY = ErrorCode(
    "cli.hall_factory",
    InvalidInput,
    "cannot make a business hall from {factory!r}",
    fields=("factory",),
)
CLI_OUTPUT = ErrorCode("cli.output", InvalidInput, "cannot write the file {path}", fields=("path",))

RELAY_PUBLISHER = ErrorCode(
    "relay.publisher", InvalidInput, "cannot make an event publisher from that name"
)

STORAGE_DISK_FULL = ErrorCode(
    "storage.disk_full",
    AdapterError,
    "the disk of the database at {url} is full; nothing of the refused write was kept",
    fields=("url",),
)
"""SQLite's ``SQLITE_FULL``, PostgreSQL's ``53100``: free space, then retry (faults.md)."""
STORAGE_READ_ONLY_DISK = ErrorCode(
    "storage.read_only_disk",
    AdapterError,
    "the database at {url} is on a read-only disk or file; nothing of the refused write was kept",
    fields=("url",),
)
"""A SQLite file (or its disk) that cannot be written: make it writable, then retry."""
