"""growth: the growth game's accounts and the draws (F-PRO-4).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0016"
down_revision: str | None = "0015"
branch_labels: str | None = None
depends_on: str | None = None

_DOCUMENT = sa.JSON().with_variant(JSONB(), "postgresql")
_ID = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")


def _aggregate(name: str) -> None:
    op.create_table(
        name,
        sa.Column("id", _ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{name}"),
    )


def upgrade() -> None:
    """Create the growth accounts (by subscriber id) and the draws (by code)."""
    _aggregate("growth_accounts")
    _aggregate("draws")


def downgrade() -> None:
    """Drop them again (tests and development only: the data goes with it)."""
    op.drop_table("draws")
    op.drop_table("growth_accounts")
