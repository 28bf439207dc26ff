"""``SqlMetricsStore``: the campaign metrics store on SQLAlchemy Core (F-PRO-5).

One row per (campaign, metric, day) in ``campaign_metrics`` (migration 0017), with the
count and the amount in fen as ``BIGINT``. A batch is one transaction of upserts::

    INSERT INTO campaign_metrics (campaign, metric, day, count, amount_fen)
    VALUES (...)
    ON CONFLICT (campaign, metric, day)
    DO UPDATE SET count = campaign_metrics.count + excluded.count,
                  amount_fen = campaign_metrics.amount_fen + excluded.amount_fen

The database adds, not Python: on PostgreSQL a concurrent upsert of the same row waits for
the row lock and adds to the committed value; on SQLite the writer holds the database lock
from ``BEGIN IMMEDIATE``. So concurrent flushes (threads, processes) add up exactly. The
rows of a batch are written in key order, so two batches never lock the same rows in
opposite orders (no deadlock between two flushing processes on PostgreSQL).
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any, Final

from sqlalchemy import BigInteger, Column, Date, String, Table, select
from sqlalchemy.dialects import postgresql, sqlite

from unicom_core.domain.promotions import METRICS_COUNT
from unicom_core.ports.promotions import (
    CampaignMetric,
    MetricIncrement,
    MetricsStore,
    MetricTotal,
    check_campaign,
)
from unicom_sql.engines import READ_ONLY_OPTIONS, create_engine, printable
from unicom_sql.errors import translated
from unicom_sql.schema import metadata

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import date

    from sqlalchemy import Engine

__all__ = ["SqlMetricsStore", "campaign_metrics"]

_CAMPAIGN: Final = String(64).with_variant(String(64, collation="C"), "postgresql")

campaign_metrics = Table(
    "campaign_metrics",
    metadata,
    Column("campaign", _CAMPAIGN, primary_key=True),
    Column("day", Date, primary_key=True),
    Column("metric", String(16), primary_key=True),
    Column("count", BigInteger, nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
)
"""The totals per campaign, day and metric (primary key in that order: a report's range scan)."""


def _upsert(dialect: str) -> Any:  # noqa: ANN401 - the dialect's own Insert class
    """The ``INSERT ... ON CONFLICT DO UPDATE`` adding to a row, for ``dialect``."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(campaign_metrics)
    table = campaign_metrics.c
    return statement.on_conflict_do_update(
        index_elements=[table.campaign, table.day, table.metric],
        set_={
            "count": table.count + statement.excluded.count,
            "amount_fen": table.amount_fen + statement.excluded.amount_fen,
        },
    )


class SqlMetricsStore(MetricsStore):
    """The campaign metrics in the database of ``engine`` (module docstring).

    Build it from a migrated database's URL with :meth:`from_url` (it owns its engine then)
    or beside a storage with ``SqlMetricsStore(storage.engine)`` (the storage owns it).
    """

    def __init__(self, engine: Engine, *, owns_engine: bool = False) -> None:
        self._engine = engine
        self._where = printable(engine.url)
        self._owns = owns_engine
        self._upsert = _upsert(engine.dialect.name)
        self._lock = threading.Lock()
        self._closed = False

    @classmethod
    def from_url(cls, url: str, **engine_options: Any) -> SqlMetricsStore:  # noqa: ANN401
        """A store on its own engine (``unicom upgrade`` made the schema)."""
        return cls(create_engine(url, **engine_options), owns_engine=True)

    def add(self, increments: Sequence[MetricIncrement], /) -> None:
        """Add every increment in one transaction, in key order (all or nothing)."""
        batch = list(increments)
        if not all(isinstance(item, MetricIncrement) for item in batch):
            raise METRICS_COUNT.error(field="increments")
        if not batch:
            return
        rows = [
            {
                "campaign": item.campaign,
                "day": item.day,
                "metric": item.metric.value,
                "count": item.count,
                "amount_fen": item.amount_fen,
            }
            for item in sorted(batch, key=lambda item: (item.campaign, item.day, item.metric.value))
        ]
        with translated(self._where), self._engine.begin() as connection:
            for row in rows:  # one statement per row: ON CONFLICT sees each row once
                connection.execute(self._upsert, row)

    def days(self, campaign: str, start: date, end: date, /) -> list[MetricTotal]:
        """The totals of ``campaign`` from ``start`` to ``end``, by day then metric."""
        check_campaign(campaign)
        table = campaign_metrics.c
        query = (
            select(table.campaign, table.metric, table.day, table.count, table.amount_fen)
            .where(table.campaign == campaign, table.day >= start, table.day <= end)
            .order_by(table.day, table.metric)
        )
        with translated(self._where), self._engine.connect() as connection:
            connection.execution_options(**READ_ONLY_OPTIONS)
            found = connection.execute(query).all()
            connection.rollback()
        return [
            MetricTotal(code, CampaignMetric(metric), day, int(count), int(fen))
            for code, metric, day, count, fen in found
        ]

    def close(self) -> None:
        """Dispose of the engine if this store owns it; idempotent."""
        with self._lock:
            if self._owns and not self._closed:
                self._closed = True
                self._engine.dispose()
