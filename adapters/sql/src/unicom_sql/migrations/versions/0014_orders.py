"""orders: the shop's orders, by buyer, by status and age, by tracking (F-SHOP-1).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0014"
down_revision: str | None = "0013"
branch_labels: str | None = None
depends_on: str | None = None

_DOCUMENT = sa.JSON().with_variant(JSONB(), "postgresql")
_ID = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")


def upgrade() -> None:
    """Create the orders and their three indexes."""
    op.create_table(
        "orders",
        sa.Column("id", _ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("buyer_id", _ID, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("placed_at_us", sa.BigInteger(), nullable=False),
        sa.Column("tracking_id", sa.String(64), nullable=True),
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_orders"),
    )
    op.create_index("ix_orders_buyer_id", "orders", ["buyer_id", "placed_at_us"])
    op.create_index("ix_orders_status", "orders", ["status", "placed_at_us", "id"])
    op.create_index("ix_orders_tracking_id", "orders", ["tracking_id"])


def downgrade() -> None:
    """Drop them again (tests and development only: the data goes with it)."""
    op.drop_table("orders")
