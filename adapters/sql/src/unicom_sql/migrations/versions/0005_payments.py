"""payments: attempts, recharge cards, mandates, debits, invoices (F-PAY, F-QRY-6).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0005"
down_revision: str | None = "0004"
branch_labels: str | None = None
depends_on: str | None = None

_DOCUMENT = sa.JSON().with_variant(JSONB(), "postgresql")
_ID = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")


def _record(name: str, *items: sa.schema.SchemaItem) -> None:
    """A table of id, version, the extra columns and constraints, and the JSON body."""
    op.create_table(
        name,
        sa.Column("id", _ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        *items,
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name=f"pk_{name}"),
    )


def upgrade() -> None:
    """Create the six payment tables and the indexes of their queries."""
    _record(
        "payment_attempts",
        sa.Column("subscriber_id", _ID, nullable=False),
        sa.Column("created_at_us", sa.BigInteger(), nullable=False),
        sa.Column("unsettled", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_payment_attempts_unsettled", "payment_attempts", ["unsettled", "id"])
    op.create_index(
        "ix_payment_attempts_subscriber_id", "payment_attempts", ["subscriber_id", "created_at_us"]
    )
    _record("recharge_batches")
    _record(
        "recharge_cards",
        sa.Column("secret_digest", sa.String(64), nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("face_fen", sa.BigInteger(), nullable=False),
        sa.Column("order_id", _ID, nullable=True),
        sa.UniqueConstraint("secret_digest", name="uq_recharge_cards_secret_digest"),
    )
    op.create_index("ix_recharge_cards_status", "recharge_cards", ["status", "face_fen", "id"])
    op.create_index("ix_recharge_cards_order_id", "recharge_cards", ["order_id"])
    _record("mandates", sa.Column("account_id", _ID, nullable=False))
    op.create_index("ix_mandates_account_id", "mandates", ["account_id", "id"])
    _record(
        "auto_debits",
        sa.Column("mandate_id", _ID, nullable=False),
        sa.Column("open", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_auto_debits_open", "auto_debits", ["open", "id"])
    op.create_index("ix_auto_debits_mandate_id", "auto_debits", ["mandate_id", "id"])
    _record(
        "invoices",
        sa.Column("subscriber_id", _ID, nullable=False),
        sa.Column("requested_at_us", sa.BigInteger(), nullable=False),
    )
    op.create_index("ix_invoices_subscriber_id", "invoices", ["subscriber_id", "requested_at_us"])


def downgrade() -> None:
    """Drop them again (tests and development only: the data goes with it)."""
    for name in (
        "invoices",
        "auto_debits",
        "mandates",
        "recharge_cards",
        "recharge_batches",
        "payment_attempts",
    ):
        op.drop_table(name)
