"""points: points accounts and their history (F-QRY-4).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0010"
down_revision: str | None = "0009"
branch_labels: str | None = None
depends_on: str | None = None

_DOCUMENT = sa.JSON().with_variant(JSONB(), "postgresql")
_ID = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")


def upgrade() -> None:
    """Create the points accounts (lots and history in the body) and the expiry worklist."""
    op.create_table(
        "points_accounts",
        sa.Column("id", _ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("next_expiry_us", sa.BigInteger(), nullable=True),
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_points_accounts"),
    )
    op.create_index(
        "ix_points_accounts_next_expiry_us", "points_accounts", ["next_expiry_us", "id"]
    )


def downgrade() -> None:
    """Drop them again (tests and development only: the data goes with it)."""
    op.drop_table("points_accounts")
