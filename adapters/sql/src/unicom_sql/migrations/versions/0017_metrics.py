"""metrics: campaign metrics by day (F-PRO-5).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision: str | None = "0016"
branch_labels: str | None = None
depends_on: str | None = None

_CAMPAIGN = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")


def upgrade() -> None:
    """Create ``campaign_metrics``: one row per campaign, day and metric, upserted by flushes."""
    op.create_table(
        "campaign_metrics",
        sa.Column("campaign", _CAMPAIGN, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("metric", sa.String(16), nullable=False),
        sa.Column("count", sa.BigInteger(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("campaign", "day", "metric", name="pk_campaign_metrics"),
    )


def downgrade() -> None:
    """Drop it again (tests and development only: the data goes with it)."""
    op.drop_table("campaign_metrics")
