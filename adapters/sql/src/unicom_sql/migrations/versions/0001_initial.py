"""customers, subscribers, accounts, counters and the outbox.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

_DOCUMENT = sa.JSON().with_variant(JSONB(), "postgresql")
_ID = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")
_SERIAL = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _aggregate_columns() -> list[sa.Column[object]]:
    return [
        sa.Column("id", _ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def upgrade() -> None:
    """Create the five tables of the storage port."""
    _create_aggregate_tables()
    _create_counters_and_outbox()


def _create_aggregate_tables() -> None:
    op.create_table(
        "customers",
        *_aggregate_columns(),
        sa.Column("resident_id", sa.String(18), nullable=False),
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_customers"),
        sa.UniqueConstraint("resident_id", name="uq_customers_resident_id"),
    )
    op.create_table(
        "subscribers",
        *_aggregate_columns(),
        sa.Column("customer_id", _ID, nullable=False),
        sa.Column("number_key", sa.String(200), nullable=False),
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_subscribers"),
        sa.UniqueConstraint("number_key", name="uq_subscribers_number_key"),
    )
    op.create_index("ix_subscribers_customer_id", "subscribers", ["customer_id", "id"])
    op.create_table(
        "accounts",
        *_aggregate_columns(),
        sa.Column("customer_id", _ID, nullable=False),
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
    )
    op.create_index("ix_accounts_customer_id", "accounts", ["customer_id", "id"])


def _create_counters_and_outbox() -> None:
    op.create_table(
        "counters",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("taken", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_counters"),
    )
    op.create_table(
        "outbox",
        sa.Column("id", _SERIAL, sa.Identity(), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("event_type", sa.String(), nullable=False),
        sa.Column("aggregate_id", sa.String(), nullable=False),
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.Column("sent", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
    )
    op.create_index("ix_outbox_pending", "outbox", ["sent", "id"])


def downgrade() -> None:
    """Drop them again (tests and development only: the data goes with them)."""
    for index, table in (
        ("ix_outbox_pending", "outbox"),
        ("ix_accounts_customer_id", "accounts"),
        ("ix_subscribers_customer_id", "subscribers"),
    ):
        op.drop_index(index, table_name=table)
    for table in ("outbox", "counters", "accounts", "subscribers", "customers"):
        op.drop_table(table)
