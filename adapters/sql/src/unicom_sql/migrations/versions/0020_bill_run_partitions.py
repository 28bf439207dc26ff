"""bill run partitions: the account ranges of a bill run split across workers (F-QRY-3).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0020"
down_revision: str | None = "0019"
branch_labels: str | None = None
depends_on: str | None = None

_DOCUMENT = sa.JSON().with_variant(JSONB(), "postgresql")
_ID = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")


def upgrade() -> None:
    """Create the partitions, findable by cycle."""
    op.create_table(
        "bill_run_partitions",
        sa.Column("id", _ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("cycle", sa.String(7), nullable=False),
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_bill_run_partitions"),
    )
    op.create_index("ix_bill_run_partitions_cycle", "bill_run_partitions", ["cycle", "id"])


def downgrade() -> None:
    """Drop them again (tests and development only: the data goes with it)."""
    op.drop_table("bill_run_partitions")
