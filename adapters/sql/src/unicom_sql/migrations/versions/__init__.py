"""Hand-written Alembic revisions, one file each, applied in ``down_revision`` order."""
