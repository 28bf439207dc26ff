"""The Alembic environment of unicom_sql: the only way its schema is made or changed."""
