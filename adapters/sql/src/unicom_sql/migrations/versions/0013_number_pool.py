"""number pool: the numbers on sale, their pattern classes and reservations (F-NUM-1..3).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision: str | None = "0012"
branch_labels: str | None = None
depends_on: str | None = None

_ID = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")
_NUMBER = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Create the pool (windows indexed in result order), the class index, the reservations."""
    op.create_table(
        "number_pool",
        sa.Column("number", _NUMBER, autoincrement=False, nullable=False),
        sa.Column("segment", sa.SmallInteger(), nullable=False),
        sa.Column("province", sa.String(32), nullable=False),
        sa.Column("city", sa.String(32), nullable=False),
        sa.Column("tier", sa.String(64), nullable=False),
        sa.Column("tier_rank", sa.SmallInteger(), nullable=False),
        sa.Column("classes", sa.String(200), nullable=False),
        sa.Column("w3", sa.SmallInteger(), nullable=False),
        sa.Column("w4", sa.SmallInteger(), nullable=False),
        sa.Column("w5", sa.SmallInteger(), nullable=False),
        sa.Column("w6", sa.SmallInteger(), nullable=False),
        sa.Column("w7", sa.SmallInteger(), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("reservation_id", sa.String(64), nullable=True),
        sa.Column("reserved_until_us", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("number", name="pk_number_pool"),
    )
    op.create_index("ix_number_pool_order", "number_pool", ["tier_rank", "number"])
    for window in ("w3", "w4", "w5", "w6", "w7"):
        op.create_index(f"ix_number_pool_{window}", "number_pool", [window, "tier_rank", "number"])
    op.create_table(
        "number_classes",
        sa.Column("class_code", sa.String(64), nullable=False),
        sa.Column("tier_rank", sa.SmallInteger(), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("class_code", "tier_rank", "number", name="pk_number_classes"),
    )
    op.create_table(
        "number_reservations",
        sa.Column("id", _ID, nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=False),
        sa.Column("holder", _ID, nullable=False),
        sa.Column("reserved_at_us", sa.BigInteger(), nullable=False),
        sa.Column("until_us", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_number_reservations"),
    )
    op.create_index("ix_number_reservations_holder", "number_reservations", ["holder", "until_us"])
    op.create_index("ix_number_reservations_number", "number_reservations", ["number"])


def downgrade() -> None:
    """Drop them again (tests and development only: the data goes with it)."""
    op.drop_table("number_reservations")
    op.drop_table("number_classes")
    op.drop_table("number_pool")
