"""metrics: campaign metrics by day (F-PRO-5).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05
"""

from __future__ import annotations

revision = "0017"
down_revision: str | None = "0016"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Nothing yet (a placeholder keeping the revision chain whole)."""


def downgrade() -> None:
    """Nothing yet."""
