"""The monthly bill run of unicom_core partitioned on a Dask cluster (F-QRY-3).

:func:`run_bill_run` plans the run on the client, bills one account range per task on the
workers and finishes it; see :mod:`unicom_dask.bill_run`. The ``unicom bill-run --dask``
engine is :func:`unicom_dask.cli.bill_run`.
"""

from __future__ import annotations

from unicom_dask.bill_run import (
    DEFAULT_RETRIES,
    PartitionDone,
    close_partition,
    connect,
    run_bill_run,
    worker_hall,
)

__all__ = [
    "DEFAULT_RETRIES",
    "PartitionDone",
    "close_partition",
    "connect",
    "run_bill_run",
    "worker_hall",
]
