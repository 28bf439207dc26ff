"""campaigns: campaigns and participations of promotions, quotas by counters (F-PRO-1..3).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""

from __future__ import annotations

revision = "0015"
down_revision: str | None = "0014"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Nothing yet (a placeholder keeping the revision chain whole)."""


def downgrade() -> None:
    """Nothing yet."""
