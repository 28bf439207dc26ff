"""growth: the growth game's accounts and the draws (F-PRO-4).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

from __future__ import annotations

revision = "0016"
down_revision: str | None = "0015"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Nothing yet (a placeholder keeping the revision chain whole)."""


def downgrade() -> None:
    """Nothing yet."""
