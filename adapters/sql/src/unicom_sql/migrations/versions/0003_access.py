"""access: credentials, one-time codes, failure counters, sessions, bindings (F-AUTH).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0003"
down_revision: str | None = "0002"
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
    """Create the five access tables; the login e-mail and the bound identity are unique."""
    _record(
        "credentials",
        sa.Column("email", sa.String(254), nullable=True),
        sa.UniqueConstraint("email", name="uq_credentials_email"),
    )
    _record("one_time_codes")
    _record("login_attempts")
    _record("sessions", sa.Column("subscriber_id", _ID, nullable=False))
    op.create_index("ix_sessions_subscriber_id", "sessions", ["subscriber_id", "id"])
    _record(
        "third_party_bindings",
        sa.Column("subscriber_id", _ID, nullable=False),
        sa.Column("subject_key", sa.String(200), nullable=True),
        sa.UniqueConstraint("subject_key", name="uq_third_party_bindings_subject_key"),
    )


def downgrade() -> None:
    """Drop them again (tests and development only: the data goes with it)."""
    op.drop_index("ix_sessions_subscriber_id", table_name="sessions")
    for name in ("third_party_bindings", "sessions", "login_attempts", "one_time_codes"):
        op.drop_table(name)
    op.drop_table("credentials")
