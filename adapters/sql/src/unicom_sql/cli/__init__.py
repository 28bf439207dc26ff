"""The ``unicom`` command: one command line for the operators of a hall on the SQL storage.

``unicom db upgrade`` / ``db current`` (the schema), ``db backup`` / ``db restore`` (a file),
``unicom enrol`` (a new number),
``unicom catalog publish FILE``, ``unicom cards issue`` (recharge-card batches),
``unicom bill-run 2026-11`` (the month's bills, resumable, then the auto-debit),
``unicom reconcile`` (payments), ``unicom arrears`` (the arrears pass), ``unicom relay``
(the outbox), ``unicom hubs dispatch`` (the TMF listeners' events), ``unicom purge``
(the access clean-up), and the operators' ``unicom clients``, ``campaigns``,
``entitlements`` and ``draws`` (:mod:`~unicom_sql.cli.operators`). Settings come from the
environment (``UNICOM_DATABASE_URL``) or ``--config unicom.toml`` (:mod:`unicom_sql.cli.config`); a
failure prints one line ``unicom: error: [code] message`` and exits 1, never a traceback
(``docs/reference/cli.md`` lists every command, option and exit code).
"""

from __future__ import annotations

from unicom_sql.cli import (  # noqa: F401 - they add their commands
    back_office,
    backup,
    hubs,
    month,
    operators,
    relay,
)
from unicom_sql.cli.app import app, main

__all__ = ["app", "main"]
