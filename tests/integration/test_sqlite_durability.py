"""SQLite commits are durable: ``synchronous = FULL`` on every connection (F-PAY, storage)."""

from __future__ import annotations

from unicom_sql.engines import SQLITE_SYNCHRONOUS, create_engine

FULL = 2  # PRAGMA synchronous answers 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA


def test_a_fresh_sqlite_connection_syncs_every_commit(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    try:
        with engine.connect() as connection:
            level = connection.exec_driver_sql("PRAGMA synchronous").scalar()
            mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
    finally:
        engine.dispose()
    assert (level, mode) == (FULL, "wal")
    assert SQLITE_SYNCHRONOUS == "FULL"
