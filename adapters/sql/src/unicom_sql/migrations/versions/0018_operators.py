"""operators: operator clients, their tokens and the audit log (F-AUTH-6).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05
"""

from __future__ import annotations

revision = "0018"
down_revision: str | None = "0017"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Nothing yet (a placeholder keeping the revision chain whole)."""


def downgrade() -> None:
    """Nothing yet."""
