"""The tables of unicom_sql as SQLAlchemy Core objects (no ORM mapping of domain classes).

Each aggregate is one row: the columns the queries need (id, version, the customer it
belongs to, its unique keys) plus ``body``, a JSON document written by the one cattrs
converter (:mod:`unicom_core.serialization`). Why: the domain classes stay free of SQL, a new
aggregate field needs no migration, and everything a query filters or orders on is a real,
indexed column. The hand-written Alembic revisions under ``migrations/versions`` create
exactly these tables; ``tests/integration`` compares the two.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Identity,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    false,
)
from sqlalchemy.dialects.postgresql import JSONB

from unicom_core.domain.handling import HANDLING_SHARED_PRIMARY, SUPPORT_OPEN_EXISTS
from unicom_core.domain.shared import (
    STORAGE_DUPLICATE_EMAIL,
    STORAGE_DUPLICATE_NUMBER,
    STORAGE_DUPLICATE_RESIDENT_ID,
    STORAGE_DUPLICATE_SECRET,
    STORAGE_DUPLICATE_SUBJECT,
)

if TYPE_CHECKING:
    from unicom_core.errors import Conflict, ErrorCode

__all__ = [
    "ID_LENGTH",
    "KEY_LENGTH",
    "UNIQUE_CODES",
    "VERSION_TABLE",
    "accounts",
    "auto_debits",
    "bill_runs",
    "billing_profiles",
    "bills",
    "business_records",
    "catalogs",
    "counters",
    "credentials",
    "customers",
    "invoices",
    "login_attempts",
    "mandates",
    "metadata",
    "number_classes",
    "number_pool",
    "number_reservations",
    "one_time_codes",
    "orders",
    "outbox",
    "payment_attempts",
    "points_accounts",
    "recharge_batches",
    "recharge_cards",
    "service_states",
    "sessions",
    "shared_plans",
    "subscribers",
    "support_conversations",
    "third_party_bindings",
    "usage_records",
]

VERSION_TABLE: Final = "unicom_sql_version"
"""Alembic's version table, named for this package so it never meets an embedder's own."""

ID_LENGTH: Final = 64
KEY_LENGTH: Final = 200
EMAIL_LENGTH: Final = 254

NAMING: Final = {
    "pk": "pk_%(table_name)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ix": "ix_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
}

metadata = MetaData(naming_convention=NAMING)

Id = String(ID_LENGTH).with_variant(String(ID_LENGTH, collation="C"), "postgresql")
"""An aggregate id. PostgreSQL compares it in the "C" collation, so ``ORDER BY id`` is the
code-point order of Python's ``sorted`` (and of SQLite's BINARY) whatever the database locale."""

Document = JSON().with_variant(JSONB(), "postgresql")
"""A JSON document: JSONB on PostgreSQL, JSON text on SQLite."""

Serial = BigInteger().with_variant(Integer(), "sqlite")
"""A growing id: BIGINT identity on PostgreSQL, SQLite's INTEGER PRIMARY KEY (the rowid)."""


def aggregate_table(name: str, *items: Column[Any] | Index) -> Table:
    """The table of one aggregate kind: ``id``, ``version``, the query columns, ``body``.

    ``items`` are the columns the queries filter or order on, then their indexes; the id,
    the version (optimistic concurrency) and the JSON body are the same for every aggregate.
    """
    columns = [item for item in items if isinstance(item, Column)]
    others = [item for item in items if not isinstance(item, Column)]
    return Table(
        name,
        metadata,
        Column("id", Id, primary_key=True),
        Column("version", Integer, nullable=False),
        *columns,
        Column("body", Document, nullable=False),
        *others,
    )


customers = aggregate_table(
    "customers",
    Column("resident_id", String(18), nullable=False, unique=True),
)

subscribers = aggregate_table(
    "subscribers",
    Column("customer_id", Id, nullable=False),
    Column("number_key", String(KEY_LENGTH), nullable=False, unique=True),
    Index("ix_subscribers_customer_id", "customer_id", "id"),
)

accounts = aggregate_table(
    "accounts",
    Column("customer_id", Id, nullable=False),
    Index("ix_accounts_customer_id", "customer_id", "id"),
)

catalogs = aggregate_table(
    "catalogs",
    Column("revision", Integer, nullable=False),
)

credentials = aggregate_table(
    "credentials",
    Column("email", String(EMAIL_LENGTH), nullable=True, unique=True),
)
"""Service-password credentials: one per subscriber id; the login e-mail, when set,
is unique (NULLs never clash)."""

one_time_codes = aggregate_table(
    "one_time_codes",
)

login_attempts = aggregate_table(
    "login_attempts",
)

sessions = aggregate_table(
    "sessions",
    Column("subscriber_id", Id, nullable=False),
    Index("ix_sessions_subscriber_id", "subscriber_id", "id"),
)
"""Sessions by token digest; by subscriber too, for ending a number's sessions at once."""

third_party_bindings = aggregate_table(
    "third_party_bindings",
    Column("subscriber_id", Id, nullable=False),
    Column("subject_key", String(KEY_LENGTH), nullable=True, unique=True),
)
"""QQ/Weibo bindings: ``subject_key`` (``qq:<openid>``) is unique while bound, NULL after."""

BillId = String(80).with_variant(String(80, collation="C"), "postgresql")
"""A bill's id, ``<account id>:<YYYY-MM>`` (one bill per account per cycle, F-QRY-3)."""

usage_records = Table(
    "usage_records",
    metadata,
    Column("record_id", Id, primary_key=True),
    Column("subscriber_id", Id, nullable=False),
    Column("account_id", Id, nullable=False),
    Column("cycle", String(7), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("started_at_us", BigInteger, nullable=False),
    Column("quantity", BigInteger, nullable=False),
    Column("units", BigInteger, nullable=False),
    Column("fee_fen", BigInteger, nullable=True),
    Column("detail", String(200), nullable=False),
    Index("ix_usage_records_subscriber_id", "subscriber_id", "cycle", "kind", "started_at_us"),
)
"""Accepted usage records (CDRs), one row per record id; the bill run's GROUP BY."""

bills = Table(
    "bills",
    metadata,
    Column("id", BillId, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("account_id", Id, nullable=False),
    Column("cycle", String(7), nullable=False),
    Column("settled", Boolean, nullable=False),
    Column("body", Document, nullable=False),
    Index("ix_bills_account_id", "account_id", "cycle"),
    Index("ix_bills_settled", "settled", "id"),
)
"""Bills: the id makes one per account per cycle; ``settled`` finds what is owed."""

bill_runs = Table(
    "bill_runs",
    metadata,
    Column("id", String(7), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("body", Document, nullable=False),
)
"""One bill run per cycle (``2026-11``): status, cursor, counts."""

billing_profiles = aggregate_table(
    "billing_profiles",
)
"""A subscriber's packs held, 4G upgrade and adjustments, by subscriber id."""


payment_attempts = aggregate_table(
    "payment_attempts",
    Column("subscriber_id", Id, nullable=False),
    Column("created_at_us", BigInteger, nullable=False),
    Column("unsettled", Boolean, nullable=False),
    Index("ix_payment_attempts_unsettled", "unsettled", "id"),
    Index("ix_payment_attempts_subscriber_id", "subscriber_id", "created_at_us"),
)
"""Payment attempts: ``unsettled`` is the reconciler's worklist (F-PAY-3)."""

recharge_batches = aggregate_table(
    "recharge_batches",
)
"""Recharge-card batches (F-PAY-1)."""

recharge_cards = aggregate_table(
    "recharge_cards",
    Column("secret_digest", String(64), nullable=True, unique=True),
    Column("status", String(16), nullable=False),
    Column("face_fen", BigInteger, nullable=False),
    Column("order_id", Id, nullable=True),
    Index("ix_recharge_cards_status", "status", "face_fen", "id"),
    Index("ix_recharge_cards_order_id", "order_id"),
)
"""Recharge cards by serial; the keyed digest of the secret is unique (F-PAY-1)."""

mandates = aggregate_table(
    "mandates",
    Column("account_id", Id, nullable=False),
    Index("ix_mandates_account_id", "account_id", "id"),
)
"""Bank-card auto-debit mandates (F-PAY-2)."""

auto_debits = aggregate_table(
    "auto_debits",
    Column("mandate_id", Id, nullable=False),
    Column("open", Boolean, nullable=False),
    Index("ix_auto_debits_open", "open", "id"),
    Index("ix_auto_debits_mandate_id", "mandate_id", "id"),
)
"""One debit per bill per mandate, with its tries (F-PAY-2)."""

invoices = aggregate_table(
    "invoices",
    Column("subscriber_id", Id, nullable=False),
    Column("requested_at_us", BigInteger, nullable=False),
    Index("ix_invoices_subscriber_id", "subscriber_id", "requested_at_us"),
)
"""Electronic invoices, one per billable item by id (F-QRY-6)."""

business_records = aggregate_table(
    "business_records",
    Column("subscriber_id", Id, nullable=False),
    Column("kind", String(64), nullable=False),
    Column("requested_at_us", BigInteger, nullable=False),
    Column("effective_from_us", BigInteger, nullable=False),
    Column("pending", Boolean, nullable=False),
    Index("ix_business_records_subscriber_id", "subscriber_id", "requested_at_us"),
    Index("ix_business_records_due", "pending", "effective_from_us", "id"),
)
"""Business records of a number, and the pending changes among them (F-QRY-5)."""

support_conversations = aggregate_table(
    "support_conversations",
    Column("subscriber_id", Id, nullable=False),
    Column("state", String(16), nullable=False),
    Column("queued_at_us", BigInteger, nullable=True),
    Column("agent_id", String(32), nullable=True),
    Column("open_subscriber", Id, nullable=True, unique=True),
    Index("ix_support_conversations_queue", "state", "queued_at_us", "id"),
    Index("ix_support_conversations_agent_id", "agent_id", "state"),
)
"""Customer-service conversations; ``open_subscriber`` (NULL once closed) is unique (F-BIZ-8)."""

orders = aggregate_table(
    "orders",
    Column("buyer_id", Id, nullable=False),
    Column("status", String(16), nullable=False),
    Column("placed_at_us", BigInteger, nullable=False),
    Column("tracking_id", String(64), nullable=True),
    Index("ix_orders_buyer_id", "buyer_id", "placed_at_us"),
    Index("ix_orders_status", "status", "placed_at_us", "id"),
    Index("ix_orders_tracking_id", "tracking_id"),
)
"""The shop's orders: by buyer, the PLACED ones by age (the janitor), by tracking (F-SHOP-1)."""

points_accounts = aggregate_table(
    "points_accounts",
    Column("next_expiry_us", BigInteger, nullable=True),
    Index("ix_points_accounts_next_expiry_us", "next_expiry_us", "id"),
)
"""Points accounts by subscriber id; ``next_expiry_us``: the next lot to expire (F-QRY-4)."""

shared_plans = aggregate_table(
    "shared_plans",
    Column("primary_id", Id, nullable=False, unique=True),
)
"""4G shared plans (主副卡); a number is the primary of one group at most (F-BIZ-3)."""

service_states = aggregate_table("service_states")
"""A number's forwarding, roaming, WLAN and 4G switches by subscriber id (F-BIZ-1, F-BIZ-5..6)."""

counters = Table(
    "counters",
    metadata,
    Column("key", String(KEY_LENGTH), primary_key=True),
    Column("taken", BigInteger, nullable=False),
    Column("expires_at_us", BigInteger, nullable=True),
    Index("ix_counters_expires_at_us", "expires_at_us"),
)
"""Atomic counters; a rate limit's counter may be purged from ``expires_at_us`` on (UTC
microseconds; NULL: never), see :mod:`unicom_core.ports.shared.counters`."""

outbox = Table(
    "outbox",
    metadata,
    Column("id", Serial, Identity(), primary_key=True),
    Column("event_id", String, nullable=False),
    Column("event_type", String, nullable=False),
    Column("aggregate_id", String, nullable=False),
    Column("body", Document, nullable=False),
    Column("sent", Boolean, nullable=False, server_default=false()),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at_us", BigInteger, nullable=False, server_default="0"),
    Column("sent_at_us", BigInteger, nullable=True),
    Index("ix_outbox_pending", "sent", "id"),
    Index("ix_outbox_due", "sent", "next_attempt_at_us", "id"),
    Index("ix_outbox_sent_at_us", "sent_at_us"),
)
"""The transactional outbox: failed publications wait until ``next_attempt_at_us`` (0: due at
once), ``sent_at_us`` dates a sent entry for the purge (UTC microseconds, F-PAY-3 events)."""

Number = BigInteger().with_variant(Integer(), "sqlite")
"""A pool number as an integer: SQLite's INTEGER PRIMARY KEY (the rowid), BIGINT elsewhere."""

number_pool = Table(
    "number_pool",
    metadata,
    Column("number", Number, primary_key=True, autoincrement=False),
    Column("segment", SmallInteger, nullable=False),
    Column("province", String(32), nullable=False),
    Column("city", String(32), nullable=False),
    Column("tier", String(ID_LENGTH), nullable=False),
    Column("tier_rank", SmallInteger, nullable=False),
    Column("classes", String(KEY_LENGTH), nullable=False),
    Column("w3", SmallInteger, nullable=False),
    Column("w4", SmallInteger, nullable=False),
    Column("w5", SmallInteger, nullable=False),
    Column("w6", SmallInteger, nullable=False),
    Column("w7", SmallInteger, nullable=False),
    Column("status", String(8), nullable=False),
    Column("reservation_id", String(ID_LENGTH), nullable=True),
    Column("reserved_until_us", BigInteger, nullable=True),
    Index("ix_number_pool_order", "tier_rank", "number"),
    Index("ix_number_pool_w3", "w3", "tier_rank", "number"),
    Index("ix_number_pool_w4", "w4", "tier_rank", "number"),
    Index("ix_number_pool_w5", "w5", "tier_rank", "number"),
    Index("ix_number_pool_w6", "w6", "tier_rank", "number"),
    Index("ix_number_pool_w7", "w7", "tier_rank", "number"),
)
"""The number pool, one row per number (F-NUM-1..3): ``w3``..``w7`` are the 4-digit windows
at positions 3..7 (``w7`` the tail), each indexed in result order (tier rank, number);
``classes`` the pattern class codes, space-separated; ``reserved_until_us`` ends a
reservation (UTC microseconds; after it the number counts as free)."""

number_classes = Table(
    "number_classes",
    metadata,
    Column("class_code", String(ID_LENGTH), primary_key=True),
    Column("tier_rank", SmallInteger, primary_key=True),
    Column("number", BigInteger, primary_key=True),
)
"""Which numbers belong to which pattern class, in result order (F-NUM-2)."""

number_reservations = Table(
    "number_reservations",
    metadata,
    Column("id", Id, primary_key=True),
    Column("number", BigInteger, nullable=False),
    Column("holder", Id, nullable=False),
    Column("reserved_at_us", BigInteger, nullable=False),
    Column("until_us", BigInteger, nullable=False),
    Index("ix_number_reservations_holder", "holder", "until_us"),
    Index("ix_number_reservations_number", "number"),
)
"""The reservations of pool numbers: who holds which until when (F-NUM-3)."""

_RESIDENT_ID = (STORAGE_DUPLICATE_RESIDENT_ID, "resident_id")
_NUMBER = (STORAGE_DUPLICATE_NUMBER, "number")
_EMAIL = (STORAGE_DUPLICATE_EMAIL, "email")
_SUBJECT = (STORAGE_DUPLICATE_SUBJECT, "subject")
_SECRET = (STORAGE_DUPLICATE_SECRET, "secret")
_OPEN = (SUPPORT_OPEN_EXISTS, "open")

UNIQUE_CODES: Final[dict[str, tuple[ErrorCode[Conflict], str]]] = {
    "customers.resident_id": _RESIDENT_ID,
    "uq_customers_resident_id": _RESIDENT_ID,
    "subscribers.number_key": _NUMBER,
    "uq_subscribers_number_key": _NUMBER,
    "credentials.email": _EMAIL,
    "uq_credentials_email": _EMAIL,
    "third_party_bindings.subject_key": _SUBJECT,
    "uq_third_party_bindings_subject_key": _SUBJECT,
    "recharge_cards.secret_digest": _SECRET,
    "uq_recharge_cards_secret_digest": _SECRET,
    "support_conversations.open_subscriber": _OPEN,
    "uq_support_conversations_open_subscriber": _OPEN,
    "shared_plans.primary_id": (HANDLING_SHARED_PRIMARY, "primary"),
    "uq_shared_plans_primary_id": (HANDLING_SHARED_PRIMARY, "primary"),
}
"""The declared ``Conflict`` code and the field of a unique violation, by SQLite column or
PostgreSQL constraint name."""
