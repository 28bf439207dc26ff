"""The error codes of the storage port: both storage adapters raise them.

Each code is declared once here; a raise site reads ``raise NAME.error(**data)``
(see :class:`unicom_core.errors.ErrorCode`).
"""

from __future__ import annotations

from unicom_core.errors import AdapterError, Conflict, ErrorCode, InvalidInput, NotFound, Refused

__all__ = [
    "COUNTER_AMOUNT",
    "COUNTER_INSTANT",
    "COUNTER_KEY",
    "COUNTER_LIMIT",
    "COUNTER_UNDERFLOW",
    "OUTBOX_EVENT",
    "OUTBOX_INSTANT",
    "OUTBOX_LIMIT",
    "PAGE_LIMIT",
    "PAGE_OFFSET",
    "PAGE_REQUEST",
    "STORAGE_BAD_URL",
    "STORAGE_BUSY",
    "STORAGE_CLOSED",
    "STORAGE_CONTENTION",
    "STORAGE_DUPLICATE",
    "STORAGE_DUPLICATE_EMAIL",
    "STORAGE_DUPLICATE_NUMBER",
    "STORAGE_DUPLICATE_RESIDENT_ID",
    "STORAGE_DUPLICATE_SECRET",
    "STORAGE_DUPLICATE_SUBJECT",
    "STORAGE_FAILED",
    "STORAGE_MIGRATION_FAILED",
    "STORAGE_NOT_FOUND",
    "STORAGE_NOT_NEW",
    "STORAGE_READ_ONLY",
    "STORAGE_REFERENCE",
    "STORAGE_SCHEMA_MISSING",
    "STORAGE_SCHEMA_OUTDATED",
    "STORAGE_TOO_MANY",
    "STORAGE_TRANSACTION_CLOSED",
    "STORAGE_UNAVAILABLE",
    "STORAGE_VERSION_CONFLICT",
]

COUNTER_AMOUNT = ErrorCode(
    "counter.amount",
    InvalidInput,
    "expected a large enough integer, not {value!r}",
    fields=("value",),
)
COUNTER_INSTANT = ErrorCode(
    "counter.instant", InvalidInput, "{field} is an aware datetime", fields=("field",)
)
COUNTER_KEY = ErrorCode(
    "counter.key",
    InvalidInput,
    "a counter key is non-empty and within the length limit",
    fields=("key",),
)
COUNTER_LIMIT = ErrorCode(
    "counter.limit",
    InvalidInput,
    "a purge limit is a positive integer within the allowed maximum",
    optional=("value",),
)
COUNTER_UNDERFLOW = ErrorCode(
    "counter.underflow",
    Conflict,
    "cannot release more of counter {key!r} than was taken",
    fields=("key",),
)
OUTBOX_EVENT = ErrorCode("outbox.event", InvalidInput, "expected a DomainEvent")
OUTBOX_INSTANT = ErrorCode(
    "outbox.instant", InvalidInput, "{field} is an aware datetime", fields=("field",)
)
OUTBOX_LIMIT = ErrorCode(
    "outbox.limit", InvalidInput, "a limit is a positive integer within the allowed maximum"
)
PAGE_LIMIT = ErrorCode(
    "page.limit", InvalidInput, "a page limit is a positive integer within the allowed maximum"
)
PAGE_OFFSET = ErrorCode("page.offset", InvalidInput, "an offset is an integer >= 0")
PAGE_REQUEST = ErrorCode("page.request", InvalidInput, "expected a PageRequest")
STORAGE_BAD_URL = ErrorCode(
    "storage.bad_url",
    AdapterError,
    (
        "cannot use {url} as a database URL; expected e.g. sqlite:///hall.sqlite3 or postgresql+psycopg://user:secret@host:5432/hall"
    ),
    fields=("url",),
)
STORAGE_BUSY = ErrorCode(
    "storage.busy", AdapterError, "the SQLite database at {url} stayed locked", fields=("url",)
)
STORAGE_CLOSED = ErrorCode(
    "storage.closed", AdapterError, "this MemoryStorage was closed", optional=("url",)
)
STORAGE_CONTENTION = ErrorCode(
    "storage.contention", Conflict, "a concurrent writer got in the way; try again", fields=("url",)
)
STORAGE_DUPLICATE = ErrorCode(
    "storage.duplicate",
    Conflict,
    "a stored record already holds this key",
    optional=("id", "kind", "url"),
)
STORAGE_DUPLICATE_EMAIL = ErrorCode(
    "storage.duplicate_email",
    Conflict,
    "the {field} is already taken by another record",
    fields=("field",),
    optional=("kind", "url"),
)
STORAGE_DUPLICATE_NUMBER = ErrorCode(
    "storage.duplicate_number",
    Conflict,
    "the {field} is already taken by another record",
    fields=("field",),
    optional=("kind", "url"),
)
STORAGE_DUPLICATE_RESIDENT_ID = ErrorCode(
    "storage.duplicate_resident_id",
    Conflict,
    "the {field} is already taken by another record",
    fields=("field",),
    optional=("kind", "url"),
)
STORAGE_DUPLICATE_SECRET = ErrorCode(
    "storage.duplicate_secret",
    Conflict,
    "the {field} is already taken by another record",
    fields=("field",),
    optional=("kind", "url"),
)
STORAGE_DUPLICATE_SUBJECT = ErrorCode(
    "storage.duplicate_subject",
    Conflict,
    "the {field} is already taken by another record",
    fields=("field",),
    optional=("kind", "url"),
)
STORAGE_FAILED = ErrorCode(
    "storage.failed", AdapterError, "the database at {url} failed", fields=("url",)
)
STORAGE_MIGRATION_FAILED = ErrorCode(
    "storage.migration_failed",
    AdapterError,
    "cannot upgrade the database at {url}",
    fields=("url",),
)
STORAGE_NOT_FOUND = ErrorCode(
    "storage.not_found", NotFound, "no {kind} with this id", fields=("id", "kind")
)
STORAGE_NOT_NEW = ErrorCode(
    "storage.not_new",
    InvalidInput,
    "only a new {kind} (version 0) can be added",
    fields=("kind", "version"),
)
STORAGE_REFERENCE = ErrorCode(
    "storage.reference", Conflict, "a row refers to one that does not exist", fields=("url",)
)
STORAGE_SCHEMA_MISSING = ErrorCode(
    "storage.schema_missing",
    AdapterError,
    "the database at {url} has no unicom tables; create them with `unicom db upgrade`",
    fields=("url",),
)
STORAGE_READ_ONLY = ErrorCode(
    "storage.read_only",
    Refused,
    "this unit of work was opened by storage.read(): it cannot write",
)
STORAGE_SCHEMA_OUTDATED = ErrorCode(
    "storage.schema_outdated",
    AdapterError,
    "the database at {url} is at schema revision {found}, this release needs {expected}; "
    "run `unicom db upgrade`",
    fields=("expected", "found", "url"),
)
STORAGE_TOO_MANY = ErrorCode(
    "storage.too_many", InvalidInput, "at most {limit} ids per call", fields=("limit",)
)
STORAGE_TRANSACTION_CLOSED = ErrorCode(
    "storage.transaction_closed", Refused, "this unit of work ended with its with-block"
)
STORAGE_UNAVAILABLE = ErrorCode(
    "storage.unavailable", AdapterError, "cannot use the database at {url}", fields=("url",)
)
STORAGE_VERSION_CONFLICT = ErrorCode(
    "storage.version_conflict",
    Conflict,
    "the record changed since it was read; reload it and try again",
    optional=("id", "kind", "payment_id", "stored_version", "version"),
)
