"""shared plans: the 4G shared plans (主副卡), unique by primary number (F-BIZ-3).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0012"
down_revision: str | None = "0011"
branch_labels: str | None = None
depends_on: str | None = None

_DOCUMENT = sa.JSON().with_variant(JSONB(), "postgresql")
_ID = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")


def upgrade() -> None:
    """Create the shared plans, unique by primary number."""
    op.create_table(
        "shared_plans",
        sa.Column("id", _ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("primary_id", _ID, nullable=False),
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_shared_plans"),
        sa.UniqueConstraint("primary_id", name="uq_shared_plans_primary_id"),
    )


def downgrade() -> None:
    """Drop them again (tests and development only: the data goes with it)."""
    op.drop_table("shared_plans")
