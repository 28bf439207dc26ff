"""counter expiry: rate-limit counters expire with their time bucket (F-AUTH-7, F-PAY-3).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04

Existing counters get no expiry (``expires_at_us`` NULL), so nothing already counted is ever
deleted: quotas, stock and once-only markers must stay. Rate-limit counters of past buckets
written before this revision stay too; they no longer change any answer, and an operator
may delete the rows whose key starts with ``code.client:``, ``recharge_card.wrong:`` or
``web.notification:`` and whose bucket is over.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision: str | None = "0006"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add the nullable expiry column and the index the purge walks."""
    with op.batch_alter_table("counters") as batch:
        batch.add_column(sa.Column("expires_at_us", sa.BigInteger(), nullable=True))
    op.create_index("ix_counters_expires_at_us", "counters", ["expires_at_us"])


def downgrade() -> None:
    """Drop them again (the expiries go with them; the counts stay)."""
    op.drop_index("ix_counters_expires_at_us", table_name="counters")
    with op.batch_alter_table("counters") as batch:
        batch.drop_column("expires_at_us")
