"""outbox relay: attempts, back-off and sent instants of outbox entries (the relay, F-PAY-3).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04

Existing unsent entries become due at once (``next_attempt_at_us`` 0, no attempt counted);
existing sent entries get ``sent_at_us`` 0, "sent long ago", so the first purge removes them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision: str | None = "0005"
branch_labels: str | None = None
depends_on: str | None = None

_OUTBOX = sa.table(
    "outbox", sa.column("sent", sa.Boolean()), sa.column("sent_at_us", sa.BigInteger())
)


def upgrade() -> None:
    """Add the relay's three columns and the indexes of due and purgeable entries."""
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("attempts", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(
            sa.Column("next_attempt_at_us", sa.BigInteger(), server_default="0", nullable=False)
        )
        batch.add_column(sa.Column("sent_at_us", sa.BigInteger(), nullable=True))
    op.execute(_OUTBOX.update().where(_OUTBOX.c.sent == sa.true()).values(sent_at_us=0))
    op.create_index("ix_outbox_due", "outbox", ["sent", "next_attempt_at_us", "id"])
    op.create_index("ix_outbox_sent_at_us", "outbox", ["sent_at_us"])


def downgrade() -> None:
    """Drop them again (the attempt counts and sent instants go with them)."""
    op.drop_index("ix_outbox_sent_at_us", table_name="outbox")
    op.drop_index("ix_outbox_due", table_name="outbox")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("sent_at_us")
        batch.drop_column("next_attempt_at_us")
        batch.drop_column("attempts")
