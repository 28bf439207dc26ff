"""support: the customer-service conversations and their human queue (F-BIZ-8).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0009"
down_revision: str | None = "0008"
branch_labels: str | None = None
depends_on: str | None = None

_DOCUMENT = sa.JSON().with_variant(JSONB(), "postgresql")
_ID = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")


def upgrade() -> None:
    """Create the conversations, unique by open number, and the indexes of the queue."""
    op.create_table(
        "support_conversations",
        sa.Column("id", _ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("subscriber_id", _ID, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("queued_at_us", sa.BigInteger(), nullable=True),
        sa.Column("agent_id", sa.String(32), nullable=True),
        sa.Column("open_subscriber", _ID, nullable=True),
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_support_conversations"),
        sa.UniqueConstraint("open_subscriber", name="uq_support_conversations_open_subscriber"),
    )
    op.create_index(
        "ix_support_conversations_queue",
        "support_conversations",
        ["state", "queued_at_us", "id"],
    )
    op.create_index(
        "ix_support_conversations_agent_id", "support_conversations", ["agent_id", "state"]
    )


def downgrade() -> None:
    """Drop them again (tests and development only: the data goes with it)."""
    op.drop_table("support_conversations")
