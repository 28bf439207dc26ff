"""unicom-sql: the storage port of unicom_core on SQLAlchemy Core 2 (SQLite, PostgreSQL).

Make the schema once with ``unicom db upgrade`` (or :func:`upgrade`), then open it::

    from unicom_sql import create_storage

    storage = create_storage("sqlite:///hall.sqlite3")
    with storage.transaction() as tx:
        customer = tx.customers.get(customer_id)
"""

from unicom_sql.engines import create_engine
from unicom_sql.metrics import SqlMetricsStore
from unicom_sql.migrate import MigrationReport, current_revision, head_revision, upgrade
from unicom_sql.number_pool import SqlNumberPool
from unicom_sql.storage import SqlStorage, SqlUnitOfWork, create_storage

__all__ = [
    "MigrationReport",
    "SqlMetricsStore",
    "SqlNumberPool",
    "SqlStorage",
    "SqlUnitOfWork",
    "create_engine",
    "create_storage",
    "current_revision",
    "head_revision",
    "upgrade",
]
