"""service states: call forwarding, roaming, WLAN, 4G switch of a number (F-BIZ-1, F-BIZ-5..6).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0011"
down_revision: str | None = "0010"
branch_labels: str | None = None
depends_on: str | None = None

_DOCUMENT = sa.JSON().with_variant(JSONB(), "postgresql")
_ID = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")


def upgrade() -> None:
    """Create the service states, one row per number that changed a service."""
    op.create_table(
        "service_states",
        sa.Column("id", _ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_service_states"),
    )


def downgrade() -> None:
    """Drop them again (tests and development only: the data goes with it)."""
    op.drop_table("service_states")
