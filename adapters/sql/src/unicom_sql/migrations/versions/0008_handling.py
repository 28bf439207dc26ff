"""handling: business records and pending changes of business handling (F-BIZ, F-QRY-5, F-QRY-6).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0008"
down_revision: str | None = "0007"
branch_labels: str | None = None
depends_on: str | None = None

_DOCUMENT = sa.JSON().with_variant(JSONB(), "postgresql")
_ID = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")


def upgrade() -> None:
    """Create the business records and the indexes of a number's records and of due changes."""
    op.create_table(
        "business_records",
        sa.Column("id", _ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", _ID, nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("requested_at_us", sa.BigInteger(), nullable=False),
        sa.Column("effective_from_us", sa.BigInteger(), nullable=False),
        sa.Column("pending", sa.Boolean(), nullable=False),
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_business_records"),
    )
    op.create_index(
        "ix_business_records_subscriber_id",
        "business_records",
        ["subscriber_id", "requested_at_us"],
    )
    op.create_index(
        "ix_business_records_due", "business_records", ["pending", "effective_from_us", "id"]
    )


def downgrade() -> None:
    """Drop them again (tests and development only: the data goes with it)."""
    op.drop_table("business_records")
