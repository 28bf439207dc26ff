"""campaigns: campaigns and participations of promotions, quotas by counters (F-PRO-1..3).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0015"
down_revision: str | None = "0014"
branch_labels: str | None = None
depends_on: str | None = None

_DOCUMENT = sa.JSON().with_variant(JSONB(), "postgresql")
_ID = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")


def upgrade() -> None:
    """Create the campaigns (by code) and the participations with their three indexes."""
    op.create_table(
        "campaigns",
        sa.Column("id", _ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_campaigns"),
    )
    op.create_table(
        "participations",
        sa.Column("id", _ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("campaign_code", sa.String(64), nullable=False),
        sa.Column("subscriber_id", _ID, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("joined_at_us", sa.BigInteger(), nullable=False),
        sa.Column("entitlement_due_us", sa.BigInteger(), nullable=True),
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_participations"),
    )
    op.create_index(
        "ix_participations_subscriber_id", "participations", ["subscriber_id", "joined_at_us"]
    )
    op.create_index("ix_participations_campaign_code", "participations", ["campaign_code", "state"])
    op.create_index(
        "ix_participations_entitlement_due_us", "participations", ["entitlement_due_us", "id"]
    )


def downgrade() -> None:
    """Drop them again (tests and development only: the data goes with it)."""
    op.drop_table("participations")
    op.drop_table("campaigns")
