"""Alembic's entry point: run the revisions on the connection :mod:`unicom_sql.migrate` gives.

Why a passed connection: :func:`unicom_sql.migrate.upgrade` opens it through
:func:`unicom_sql.engines.create_engine` (SQLite pragmas, error translation) and runs the whole
upgrade in its one transaction. Plain ``alembic -c ... upgrade head`` with a
``sqlalchemy.url`` option also works; offline (``--sql``) mode is not supported.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from unicom_sql.engines import create_engine
from unicom_sql.schema import VERSION_TABLE, metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=VERSION_TABLE,
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    if context.is_offline_mode():
        msg = "unicom_sql migrations run online only; use `unicom db upgrade`"
        raise SystemExit(msg)
    given = context.config.attributes.get("connection")
    if isinstance(given, Connection):
        _run(given)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        msg = "set sqlalchemy.url, or use `unicom db upgrade`"
        raise SystemExit(msg)
    engine = create_engine(url)
    try:
        with engine.begin() as connection:
            _run(connection)
    finally:
        engine.dispose()


_main()
