"""billing: usage records, bills, bill runs, billing profiles (F-QRY-1..3, F-CAL).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None

_DOCUMENT = sa.JSON().with_variant(JSONB(), "postgresql")
_ID = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")
_BILL_ID = sa.String(80).with_variant(sa.String(80, collation="C"), "postgresql")


def upgrade() -> None:
    """Create the usage log and the three billing aggregate tables."""
    op.create_table(
        "usage_records",
        sa.Column("record_id", _ID, nullable=False),
        sa.Column("subscriber_id", _ID, nullable=False),
        sa.Column("account_id", _ID, nullable=False),
        sa.Column("cycle", sa.String(7), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("started_at_us", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.BigInteger(), nullable=False),
        sa.Column("units", sa.BigInteger(), nullable=False),
        sa.Column("fee_fen", sa.BigInteger(), nullable=True),
        sa.Column("detail", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("record_id", name="pk_usage_records"),
    )
    op.create_index(
        "ix_usage_records_subscriber_id",
        "usage_records",
        ["subscriber_id", "cycle", "kind", "started_at_us"],
    )
    op.create_table(
        "bills",
        sa.Column("id", _BILL_ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("account_id", _ID, nullable=False),
        sa.Column("cycle", sa.String(7), nullable=False),
        sa.Column("settled", sa.Boolean(), nullable=False),
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_bills"),
    )
    op.create_index("ix_bills_account_id", "bills", ["account_id", "cycle"])
    op.create_index("ix_bills_settled", "bills", ["settled", "id"])
    for name, id_type in (("bill_runs", sa.String(7)), ("billing_profiles", _ID)):
        op.create_table(
            name,
            sa.Column("id", id_type, nullable=False),
            sa.Column("version", sa.Integer(), nullable=False),
            sa.Column("body", _DOCUMENT, nullable=False),
            sa.PrimaryKeyConstraint("id", name=f"pk_{name}"),
        )


def downgrade() -> None:
    """Drop them again (tests and development only: the data goes with it)."""
    op.drop_index("ix_bills_settled", table_name="bills")
    op.drop_index("ix_bills_account_id", table_name="bills")
    op.drop_index("ix_usage_records_subscriber_id", table_name="usage_records")
    for name in ("billing_profiles", "bill_runs", "bills", "usage_records"):
        op.drop_table(name)
