"""operators: operator clients, their tokens and the audit log (F-AUTH-6).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0018"
down_revision: str | None = "0017"
branch_labels: str | None = None
depends_on: str | None = None

_DOCUMENT = sa.JSON().with_variant(JSONB(), "postgresql")
_ID = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")


def upgrade() -> None:
    """Create the operator clients, their tokens and the audit log, with their indexes."""
    op.create_table(
        "operator_clients",
        sa.Column("id", _ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_operator_clients"),
    )
    op.create_table(
        "operator_tokens",
        sa.Column("id", _ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("client_id", _ID, nullable=False),
        sa.Column("expires_at_us", sa.BigInteger(), nullable=False),
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_operator_tokens"),
    )
    op.create_index("ix_operator_tokens_client_id", "operator_tokens", ["client_id"])
    op.create_table(
        "audit_log",
        sa.Column("id", _ID, nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("client_id", _ID, nullable=False),
        sa.Column("at_us", sa.BigInteger(), nullable=False),
        sa.Column("account_id", _ID, nullable=True),
        sa.Column("body", _DOCUMENT, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_client_id", "audit_log", ["client_id", "id"])
    op.create_index("ix_audit_log_account_id", "audit_log", ["account_id", "id"])
    op.create_index("ix_audit_log_at_us", "audit_log", ["at_us"])


def downgrade() -> None:
    """Drop them again (tests and development only: the data goes with it)."""
    op.drop_table("audit_log")
    op.drop_table("operator_tokens")
    op.drop_table("operator_clients")
