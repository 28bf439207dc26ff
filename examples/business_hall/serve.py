"""The web business hall on SQLite, served by uvicorn on localhost: what ``make demo`` runs.

Environment: ``UNICOM_DEMO_DB`` (default ``.run/demo.sqlite3``), ``UNICOM_DEMO_PORT``
(default 8000), ``UNICOM_DEMO_WORKERS`` (default 1: uvicorn processes serving the hall; the
database is migrated and seeded once, before they start, and each builds its hall with
``demo_hall.worker_app``; SQLite runs in WAL mode with a busy timeout, so they share it).
The default stays one process because the demo's captcha, SMS outbox and sandbox checkout
are memory doubles: with several workers a captcha or a checkout begun on one worker is
unknown to the next. The payment reconciler runs every 30 seconds while the server does. The
demo numbers and their passwords are printed at start; random
passwords and captcha answers are printed as they are sent (the demo's SMS and eyes); so is
the agent key of the customer-service console (``/support/agent``, F-BIZ-8).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import uvicorn
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo_hall import DATABASE_VARIABLE, DEMO_AGENT, build, serve_workers

HOST = "127.0.0.1"
RECONCILE_EVERY = 30.0
"""Seconds between two runs of the payment reconciler (settles pending payments)."""


def main() -> int:
    """Build the demo hall and serve it until interrupted."""
    console = Console()
    database = Path(os.environ.get("UNICOM_DEMO_DB", ".run/demo.sqlite3")).resolve()
    port = int(os.environ.get("UNICOM_DEMO_PORT", "8000"))
    workers = int(os.environ.get("UNICOM_DEMO_WORKERS", "1"))
    demo = build(database, echo=lambda line: console.print(f"[bold yellow]{line}[/]"))
    table = Table(title=f"Demo numbers (database {database})")
    for column in ("number", "holder", "service password", "note"):
        table.add_column(column)
    for number in demo.numbers:
        note = "ready" if number.ready else "initial password: change it first (F-AUTH-4)"
        table.add_row(number.number, number.holder, number.password, note)
    console.print(table)
    console.print("Random passwords and captcha answers are printed here when sent.")
    console.print(
        f"Customer-service console: http://{HOST}:{port}/support/agent "
        f"(agent id {DEMO_AGENT}, key {demo.agent_key})"
    )
    client_id, secret = demo.operator
    console.print(
        f"Operator console (campaign metrics): http://{HOST}:{port}/operator/login "
        f"(client id {client_id}, secret {secret})"
    )
    console.print(f"[bold]The business hall is open at http://{HOST}:{port}/[/bold]")
    stop_reconciler = demo.start_reconciler(RECONCILE_EVERY)
    try:
        if workers > 1:
            os.environ[DATABASE_VARIABLE] = str(database)
            serve_workers(
                "demo_hall:worker_app", host=HOST, port=port, workers=workers, log_level="warning"
            )
        else:
            uvicorn.run(demo.app, host=HOST, port=port, log_level="warning")
    finally:
        stop_reconciler()
        demo.hall.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
